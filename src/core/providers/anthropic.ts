/**
 * Anthropic Messages API with extended thinking.
 *
 * - `thinking_delta` → raw reasoning; `text_delta` → answer; `signature_delta`, `ping` and
 *   tool-input deltas are ignored. The type is read from the JSON `type` (padded JSON such as
 *   `{"type":"message_stop"      }` parses fine), falling back to the SSE event name.
 * - A `redacted_thinking` block yields one reasoning event of kind 'redacted' with the text
 *   "[redacted thinking]". Consecutive thinking blocks are separated by a blank line.
 * - Usage: `message_start.message.usage` and each `message_delta.usage` are merged (the latter
 *   is cumulative) and emitted with the latest values. Prompt tokens include cache reads and
 *   writes; reasoning tokens come from `output_tokens_details.thinking_tokens` when present.
 * - `message_stop` → done with the `stop_reason`; `event: error` (HTTP 200, mid-stream) → error.
 */
import type { HttpRequest, RequestConfig, StreamParser, Usage, WireAdapter } from './types';
import { EventSink, chatMessages, compactUsage, jsonPost, modelIds, modelsRequest, trimBaseUrl, typedSseParser } from './common';
import { describeHttpError, notFoundHint } from './http-errors';
import { num, obj, str } from './sse';

export const ANTHROPIC_VERSION = '2023-06-01';
export const REDACTED_THINKING_TEXT = '[redacted thinking]';

const DEFAULT_MAX_TOKENS = 16000;
const MIN_BUDGET = 1024;
const EFFORT_BUDGET = { minimal: 1024, low: 2048, medium: 8192, high: 16000, max: 32000 } as const;

/**
 * `thinking` and `max_tokens` for a request. The budget is the explicit `thinkingBudget`, else
 * derived from the effort (minimal 1024 … max 32000, default medium 8192), at least 1024, and
 * small enough to leave the answer min(1024, max_tokens / 4) tokens; when `max_tokens` is too
 * small for that (< ~1366) it is raised to 2048.
 */
export function anthropicThinking(config: Pick<RequestConfig, 'maxTokens' | 'reasoningEffort' | 'thinkingBudget'>): {
  max_tokens: number;
  thinking: { type: 'enabled'; budget_tokens: number } | { type: 'disabled' };
} {
  let maxTokens = Math.max(1, Math.floor(config.maxTokens ?? DEFAULT_MAX_TOKENS));
  if (config.reasoningEffort === 'none') return { max_tokens: maxTokens, thinking: { type: 'disabled' } };
  const wanted = config.thinkingBudget ?? EFFORT_BUDGET[config.reasoningEffort ?? 'medium'];
  // Leave the answer a quarter of max_tokens, at most 1024 tokens.
  let upper = maxTokens - Math.min(1024, Math.floor(maxTokens / 4));
  if (upper < MIN_BUDGET) {
    maxTokens = MIN_BUDGET * 2;
    upper = MIN_BUDGET;
  }
  const budget = Math.min(Math.max(Math.floor(wanted), MIN_BUDGET), upper);
  return { max_tokens: maxTokens, thinking: { type: 'enabled', budget_tokens: budget } };
}

function anthropicHeaders(apiKey: string | undefined): Record<string, string> {
  return {
    'anthropic-version': ANTHROPIC_VERSION,
    'anthropic-dangerous-direct-browser-access': 'true',
    ...(apiKey ? { 'x-api-key': apiKey } : {}),
  };
}

export function createAnthropicParser(): StreamParser {
  const sink = new EventSink();
  let stopReason: string | undefined;
  let usage: Usage = {};
  /** Whether any reasoning was emitted, and whether the current thinking block emitted any. */
  let reasoningSoFar = false;
  let blockHasReasoning = false;

  const reasoning = (text: string, kind: 'raw' | 'redacted') => {
    if (!text) return;
    const sep = reasoningSoFar && !blockHasReasoning ? '\n\n' : '';
    sink.reasoning(sep + text, kind);
    reasoningSoFar = true;
    blockHasReasoning = true;
  };

  const mergeUsage = (u: Record<string, unknown>) => {
    const input = num(u.input_tokens);
    const cached = (num(u.cache_creation_input_tokens) ?? 0) + (num(u.cache_read_input_tokens) ?? 0);
    const next: Usage = { ...usage };
    if (input !== undefined) next.promptTokens = input + cached;
    const output = num(u.output_tokens);
    if (output !== undefined) next.completionTokens = output;
    const thinking = num(obj(u.output_tokens_details)?.thinking_tokens);
    if (thinking !== undefined) next.reasoningTokens = thinking;
    if (next.promptTokens !== undefined && next.completionTokens !== undefined) {
      next.totalTokens = next.promptTokens + next.completionTokens;
    }
    usage = compactUsage(next);
    sink.usage(usage);
  };

  return typedSseParser(sink, (type, json) => {
    switch (type) {
      case 'message_start': {
        const u = obj(obj(json.message)?.usage);
        if (u) mergeUsage(u);
        break;
      }
      case 'content_block_start': {
        const block = obj(json.content_block);
        blockHasReasoning = false;
        if (block?.type === 'thinking') reasoning(str(block.thinking) ?? '', 'raw');
        else if (block?.type === 'redacted_thinking') reasoning(REDACTED_THINKING_TEXT, 'redacted');
        else if (block?.type === 'text') sink.answer(str(block.text) ?? '');
        break;
      }
      case 'content_block_delta': {
        const delta = obj(json.delta);
        if (delta?.type === 'thinking_delta') reasoning(str(delta.thinking) ?? '', 'raw');
        else if (delta?.type === 'text_delta') sink.answer(str(delta.text) ?? '');
        break;
      }
      case 'message_delta': {
        const reason = str(obj(json.delta)?.stop_reason);
        if (reason) stopReason = reason;
        const u = obj(json.usage);
        if (u) mergeUsage(u);
        break;
      }
      case 'message_stop':
        sink.done(stopReason);
        break;
      default:
        // ping, content_block_stop, and event types added later.
        break;
    }
  });
}

export const anthropicAdapter: WireAdapter = {
  id: 'anthropic',
  label: 'Anthropic Messages',
  reasoningNote: 'Extended thinking as streamed by the API (recent Claude models return a summary of the full thinking; redacted blocks are marked).',
  defaultBaseUrl: 'https://api.anthropic.com/v1',
  buildRequest(config: RequestConfig): HttpRequest {
    const { max_tokens, thinking } = anthropicThinking(config);
    return jsonPost(
      `${trimBaseUrl(config.baseUrl)}/messages`,
      { model: config.model, max_tokens, stream: true, thinking, messages: chatMessages(config) },
      anthropicHeaders(config.apiKey),
    );
  },
  createParser: createAnthropicParser,
  listModelsRequest: (config) => modelsRequest(config.baseUrl, anthropicHeaders(config.apiKey)),
  parseModelList: modelIds,
  describeHttpError: (status, body, url) =>
    describeHttpError(
      status,
      body,
      {
        404: notFoundHint,
        529: 'Anthropic is overloaded: retry later',
      },
      url,
    ),
};
