/**
 * A thin pull-style wrapper over `eventsource-parser`: feed decoded text, get the completed
 * SSE messages back. Comment lines (`: keep-alive`, `: OPENROUTER PROCESSING`, `: ping`) are
 * counted, never treated as errors or data.
 *
 * Two non-standard shapes are recovered instead of being dropped:
 * - llama.cpp builds before ~September 2025 sent mid-stream errors as an `error: {…}` *field*
 *   (not `event: error`). eventsource-parser reports it as an unknown field; we turn it into a
 *   message `{ event: 'error', data: '{…}' }`.
 * - A bare JSON line (no `data:` prefix), as some proxies send when they answer a streaming
 *   request with a plain JSON error body, is delivered as a data message. Only single-line JSON
 *   is recovered; a pretty-printed body shows up as invalid lines.
 * Any other unknown field or garbage line is counted in `invalidLineCount`.
 */
import { createParser } from 'eventsource-parser';
import { createFrameMeter, FrameTooLargeError, MAX_EVENT_CHARS } from './limits';

export type SseMessage = { event?: string; data: string };

export interface SseReader {
  feed(text: string): SseMessage[];
  /** The body ended: dispatch a last event that lacks its blank line (llama.cpp's final `[DONE]`). */
  end(): SseMessage[];
  readonly commentCount: number;
  readonly invalidLineCount: number;
}

/**
 * `feed` throws FrameTooLargeError when one event grows past `maxEventChars` (checked before the
 * text reaches the framer, so it never buffers more than that).
 */
export function createSseReader(options: { maxEventChars?: number } = {}): SseReader {
  const maxEventChars = options.maxEventChars ?? MAX_EVENT_CHARS;
  const meter = createFrameMeter(['\n\n', '\r\r', '\r\n\r\n']);
  let out: SseMessage[] = [];
  let commentCount = 0;
  let invalidLineCount = 0;
  let ended = false;

  const parser = createParser({
    onEvent(message) {
      out.push(message.event ? { event: message.event, data: message.data } : { data: message.data });
    },
    onComment() {
      commentCount++;
    },
    onError(error) {
      if (error.type === 'unknown-field') {
        if (error.field === 'error') {
          out.push({ event: 'error', data: error.value ?? '' });
          return;
        }
        const line = (error.line ?? '').trim();
        if (line.startsWith('{') && line.endsWith('}')) {
          out.push({ data: line });
          return;
        }
      }
      invalidLineCount++;
    },
  });

  const take = (): SseMessage[] => {
    const result = out;
    out = [];
    return result;
  };

  return {
    feed(text) {
      if (!ended && text) {
        if (meter.add(text) > maxEventChars) {
          ended = true;
          throw new FrameTooLargeError(maxEventChars, 'event');
        }
        parser.feed(text);
      }
      return take();
    },
    end() {
      if (!ended) {
        ended = true;
        // Terminates a pending line (also a lone trailing `\r`) and the event it belongs to.
        parser.feed('\n\n');
      }
      return take();
    },
    get commentCount() {
      return commentCount;
    },
    get invalidLineCount() {
      return invalidLineCount;
    },
  };
}

/** Splits newline-delimited JSON (Ollama) into lines; handles CRLF and lines cut mid-chunk. */
export interface LineReader {
  feed(text: string): string[];
  end(): string[];
}

/** `feed` throws FrameTooLargeError when one line grows past `maxLineChars`. */
export function createLineReader(options: { maxLineChars?: number } = {}): LineReader {
  const maxLineChars = options.maxLineChars ?? MAX_EVENT_CHARS;
  let pending = '';
  const split = (text: string): string[] => {
    const lines: string[] = [];
    let start = 0;
    let nl = text.indexOf('\n', start);
    while (nl !== -1) {
      const line = text.slice(start, nl).replace(/\r$/, '');
      if (line.trim()) lines.push(line);
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    pending = text.slice(start);
    return lines;
  };
  const check = () => {
    if (pending.length > maxLineChars) {
      pending = '';
      throw new FrameTooLargeError(maxLineChars, 'line');
    }
  };
  return {
    feed(text) {
      if (text.indexOf('\n') === -1) {
        pending += text;
        check();
        return [];
      }
      const lines = split(pending + text);
      for (const line of lines) if (line.length > maxLineChars) throw new FrameTooLargeError(maxLineChars, 'line');
      check();
      return lines;
    },
    end() {
      const last = pending.replace(/\r$/, '');
      pending = '';
      return last.trim() ? [last] : [];
    },
  };
}

/** JSON.parse that returns undefined instead of throwing. */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function obj(value: unknown): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}
