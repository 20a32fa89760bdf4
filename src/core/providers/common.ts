/** Small pieces shared by the adapters. */
import type { NormalizedEvent, ReasoningKind, RequestConfig, StreamParser, Usage } from './types';
import { isObject, num, obj, str } from './sse';

/** `https://x/v1/` → `https://x/v1`. */
export function trimBaseUrl(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, '');
}

/** `Authorization: Bearer` only when a key is given; the key never goes into the URL. */
export function bearerHeaders(apiKey: string | undefined): Record<string, string> {
  return apiKey ? { authorization: `Bearer ${apiKey}` } : {};
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

/** OpenAI-style `usage` (chat completions); undefined when absent or null. */
export function openAiUsage(value: unknown): Usage | undefined {
  if (!isObject(value)) return undefined;
  const usage = compactUsage({
    promptTokens: num(value.prompt_tokens),
    completionTokens: num(value.completion_tokens),
    reasoningTokens: num(obj(value.completion_tokens_details)?.reasoning_tokens),
    totalTokens: num(value.total_tokens),
  });
  return Object.keys(usage).length > 0 ? usage : undefined;
}

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
