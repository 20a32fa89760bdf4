/**
 * The normalized event stream every wire format is turned into. The UI, the step
 * segmenter, the verifier and the run record only ever see these events.
 * `t` is a timestamp in milliseconds from the injected clock (never read here).
 */
export type Usage = {
  promptTokens?: number;
  completionTokens?: number;
  /** Reasoning tokens as reported by the server (`completion_tokens_details.reasoning_tokens` etc.). */
  reasoningTokens?: number;
  totalTokens?: number;
};

export type ReasoningKind = 'raw' | 'summary' | 'redacted';

export type NormalizedEvent =
  /** A piece of reasoning text. `kind` says whether it is the raw chain, a provider summary, or redacted. */
  | { type: 'reasoning'; text: string; t: number; kind?: ReasoningKind }
  | { type: 'answer'; text: string; t: number }
  | { type: 'usage'; usage: Usage; t: number }
  /** A fault reported by the server inside the stream (HTTP 200, error event or error line). */
  | { type: 'error'; message: string; code?: string; t: number }
  /** The stream ended properly (`[DONE]`, `message_stop`, `response.completed`, `done:true`). */
  | { type: 'done'; t: number; finishReason?: string };

export type ProviderId = 'demo' | 'openai-compatible' | 'anthropic' | 'ollama' | 'openai-responses';

export const REASONING_EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'max'] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

/** Everything an adapter needs to build a request. The API key is passed here and nowhere else. */
export type RequestConfig = {
  baseUrl: string;
  model: string;
  prompt: string;
  apiKey?: string;
  maxTokens?: number;
  /** For OpenAI-style `reasoning_effort`, Responses `reasoning.effort`, Ollama think levels. */
  reasoningEffort?: ReasoningEffort;
  /** Anthropic's `thinking.budget_tokens`. */
  thinkingBudget?: number;
  /** Extra messages before the prompt (used by self-correction later). */
  history?: { role: 'user' | 'assistant'; content: string }[];
};

export type HttpRequest = {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
};

/**
 * Incremental parser of a response body. It receives decoded text in arbitrary chunks
 * (mid-line, mid-word, CRLF) and returns the events completed so far. Malformed lines are
 * skipped and counted, never thrown.
 */
export interface StreamParser {
  feed(text: string, now: number): NormalizedEvent[];
  /** The body ended; flush buffered text (e.g. a partial `</th` that never became a tag). */
  end(now: number): NormalizedEvent[];
  /** Lines or events that could not be parsed and were skipped. */
  readonly malformedCount: number;
}

/** One adapter per wire format: pure functions from config to request, and from bytes to events. */
export interface WireAdapter {
  id: ProviderId;
  label: string;
  /** Where the reasoning comes from, shown in the UI (e.g. "reasoning summary, not the raw chain"). */
  reasoningNote?: string;
  defaultBaseUrl: string;
  buildRequest(config: RequestConfig): HttpRequest;
  createParser(): StreamParser;
  /** The request that lists models, or null when the API has none. */
  listModelsRequest(config: Pick<RequestConfig, 'baseUrl' | 'apiKey'>): HttpRequest | null;
  parseModelList(json: unknown): string[];
  /** A human message for a non-2xx response body (JSON or text). */
  /** `url`: the request that failed, when known (some hints depend on its path). */
  describeHttpError(status: number, body: string, url?: string): string;
}
