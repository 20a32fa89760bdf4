/** Small pieces shared by the adapters. */
import type { HttpRequest, NormalizedEvent, ReasoningKind, RequestConfig, StreamParser, Usage } from './types';
import { createSseReader, isObject, num, obj, str, tryParseJson, type SseMessage } from './sse';

/** `https://x/v1/` → `https://x/v1`. */
export function trimBaseUrl(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, '');
}

/** `Authorization: Bearer` only when a key is given; the key never goes into the URL. */
export function bearerHeaders(apiKey: string | undefined): Record<string, string> {
  return apiKey ? { authorization: `Bearer ${apiKey}` } : {};
}

/** A JSON POST: the body serialized, `content-type` set, the adapter's own headers beside it. */
export function jsonPost(url: string, body: Record<string, unknown>, headers: Record<string, string>): HttpRequest & { method: 'POST'; body: string } {
  return { url, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** `GET {base}/models`, the model list of the OpenAI-style and Anthropic APIs. */
export function modelsRequest(baseUrl: string, headers: Record<string, string>): HttpRequest {
  return { url: `${trimBaseUrl(baseUrl)}/models`, method: 'GET', headers };
}

/** The ids of a `{ data: [{ id }] }` model list; anything else in it is skipped. */
export function modelIds(json: unknown): string[] {
  const data = isObject(json) ? json.data : undefined;
  if (!Array.isArray(data)) return [];
  return data.flatMap((m) => (isObject(m) && typeof m.id === 'string' ? [m.id] : []));
}

export function chatMessages(config: Pick<RequestConfig, 'prompt' | 'history'>): { role: string; content: string }[] {
  return [...(config.history ?? []).map((m) => ({ role: m.role, content: m.content })), { role: 'user', content: config.prompt }];
}

/** Drops undefined fields so usage objects compare and serialize cleanly. */
export function compactUsage(usage: Usage): Usage {
  const out: Usage = {};
  if (usage.promptTokens !== undefined) out.promptTokens = usage.promptTokens;
  if (usage.completionTokens !== undefined) out.completionTokens = usage.completionTokens;
  if (usage.reasoningTokens !== undefined) out.reasoningTokens = usage.reasoningTokens;
  if (usage.totalTokens !== undefined) out.totalTokens = usage.totalTokens;
  return out;
}

/** A `usage` object whose prompt / completion counts and `…_details.reasoning_tokens` go by the given names; undefined when absent, null or empty. */
function usageNamed(value: unknown, prompt: string, completion: string, details: string): Usage | undefined {
  if (!isObject(value)) return undefined;
  const usage = compactUsage({
    promptTokens: num(value[prompt]),
    completionTokens: num(value[completion]),
    reasoningTokens: num(obj(value[details])?.reasoning_tokens),
    totalTokens: num(value.total_tokens),
  });
  return Object.keys(usage).length > 0 ? usage : undefined;
}

/** OpenAI-style `usage` (chat completions). */
export const openAiUsage = (value: unknown): Usage | undefined => usageNamed(value, 'prompt_tokens', 'completion_tokens', 'completion_tokens_details');

/** Responses API `usage` (input / output tokens). */
export const responsesUsage = (value: unknown): Usage | undefined => usageNamed(value, 'input_tokens', 'output_tokens', 'output_tokens_details');

/**
 * Collects the events of one `feed`/`end` call. `error` and `done` are terminal: once either
 * was emitted, everything after it is ignored (a stream has one ending).
 */
export class EventSink {
  private out: NormalizedEvent[] = [];
  private t = 0;
  finished = false;
  /** Frames (events or lines) that could not be parsed and were skipped. */
  malformedCount = 0;

  malformed(): void {
    this.malformedCount++;
  }

  begin(now: number): void {
    this.t = now;
  }

  take(): NormalizedEvent[] {
    const events = this.out;
    this.out = [];
    return events;
  }

  reasoning(text: string, kind: ReasoningKind = 'raw'): void {
    if (!this.finished && text) this.out.push({ type: 'reasoning', text, kind, t: this.t });
  }

  answer(text: string): void {
    if (!this.finished && text) this.out.push({ type: 'answer', text, t: this.t });
  }

  usage(usage: Usage): void {
    if (!this.finished) this.out.push({ type: 'usage', usage, t: this.t });
  }

  error(message: string, code?: string): void {
    if (this.finished) return;
    this.finished = true;
    this.out.push(code ? { type: 'error', message, code, t: this.t } : { type: 'error', message, t: this.t });
  }

  done(finishReason?: string): void {
    if (this.finished) return;
    this.finished = true;
    this.out.push(finishReason ? { type: 'done', finishReason, t: this.t } : { type: 'done', t: this.t });
  }
}

/** The frames an adapter's parser reads: SSE events or NDJSON lines. */
export interface FrameReader<F> {
  feed(text: string): F[];
  end(): F[];
  /** Lines the framer itself could not read (SSE lines without a field). */
  readonly invalidLineCount?: number;
}

/**
 * The part every adapter's parser shares: decoded text → frames → `handle` → the sink's events,
 * and the malformed count (the handler's skipped frames plus the framer's invalid lines).
 * `flush` runs at the end of the body when the stream has not ended itself (held-back text).
 */
export function framedParser<F>(reader: FrameReader<F>, sink: EventSink, handle: (frame: F) => void, flush?: () => void): StreamParser {
  return {
    feed(text, now) {
      sink.begin(now);
      for (const frame of reader.feed(text)) handle(frame);
      return sink.take();
    },
    end(now) {
      sink.begin(now);
      for (const frame of reader.end()) handle(frame);
      if (!sink.finished) flush?.();
      return sink.take();
    },
    get malformedCount() {
      return sink.malformedCount + (reader.invalidLineCount ?? 0);
    },
  };
}

/** Message and code of an error object in any of the usual shapes. */
export function errorFields(value: unknown, fallback: string): { message: string; code?: string } {
  if (typeof value === 'string') return { message: value || fallback };
  if (!isObject(value)) return { message: fallback };
  const inner = isObject(value.error) ? value.error : value;
  // A string code is the most specific (`rate_limit_exceeded`), then the type, then an HTTP-like number.
  const code = str(inner.code) || str(inner.type) || (typeof inner.code === 'number' ? String(inner.code) : undefined);
  const message = typeof inner.message === 'string' && inner.message ? inner.message : typeof value.error === 'string' ? value.error : fallback;
  return code ? { message, code } : { message };
}

const SERVER_ERROR = 'The server reported an error.';

/**
 * The parser of an SSE stream whose JSON events name their own `type` (Anthropic Messages,
 * OpenAI Responses). Shared here: nothing is read after the stream ended; a frame that is not a
 * JSON object is skipped as malformed, unless it is an `event: error` (then its text is the
 * error); the type comes from the JSON, else the SSE event name (padded JSON parses fine); a
 * `type: "error"` event ends the stream with its message and code. Every other event goes to
 * `handle`.
 */
export function typedSseParser(sink: EventSink, handle: (type: string | undefined, json: Record<string, unknown>) => void): StreamParser {
  const onMessage = (message: SseMessage) => {
    if (sink.finished) return;
    const json = tryParseJson(message.data);
    if (!isObject(json)) {
      if (message.event === 'error') sink.error(message.data.trim() || SERVER_ERROR);
      else sink.malformed();
      return;
    }
    const type = str(json.type) ?? message.event;
    if (type === 'error') {
      const { message: text, code } = errorFields(json, SERVER_ERROR);
      sink.error(text, code);
    } else handle(type, json);
  };
  return framedParser(createSseReader(), sink, onMessage);
}
