/**
 * Wire adapters: one per API shape, each pure (config → request, body text → events).
 *
 * Contract of every parser (see types.ts): feed decoded text in any chunking, get
 * NormalizedEvents; the sequence does not depend on the chunking. `error` and `done` are
 * terminal: at most one of them is emitted, and nothing follows it. A body that ends without
 * either (connection cut) yields neither; the caller decides what that means.
 */
import type { ProviderId, WireAdapter } from './types';
import { anthropicAdapter } from './anthropic';
import { ollamaAdapter } from './ollama';
import { openAiCompatibleAdapter } from './openai-compatible';
import { openAiResponsesAdapter } from './openai-responses';

export type * from './types';
export { describeHttpError, extractErrorMessage } from './http-errors';
export { ThinkSplitter, type ThinkMode, type ThinkSegment, type ThinkSplitterOptions } from './think-splitter';
export { createSseReader, createLineReader, type SseMessage } from './sse';
export { createFrameMeter, FrameTooLargeError, MAX_EVENT_CHARS, MAX_RUN_TEXT_CHARS, runTextLimitMessage, formatMegabytes } from './limits';
export { createOpenAiChatParser, createOpenAiCompatibleAdapter, openAiCompatibleAdapter, pickReasoning } from './openai-compatible';
export { anthropicAdapter, anthropicThinking, createAnthropicParser, REDACTED_THINKING_TEXT } from './anthropic';
export { createOllamaAdapter, createOllamaParser, ollamaAdapter, ollamaThink } from './ollama';
export { createResponsesParser, openAiResponsesAdapter } from './openai-responses';

export type RealProviderId = Exclude<ProviderId, 'demo'>;

export const adapters: Record<RealProviderId, WireAdapter> = {
  'openai-compatible': openAiCompatibleAdapter,
  anthropic: anthropicAdapter,
  ollama: ollamaAdapter,
  'openai-responses': openAiResponsesAdapter,
};

/** The adapter for a provider; 'demo' replays OpenAI-style SSE, so it gets the OpenAI-compatible one. */
export function getAdapter(id: ProviderId): WireAdapter {
  return id === 'demo' ? adapters['openai-compatible'] : adapters[id];
}
