import { FrameTooLargeError } from '../core/providers/limits';
import type { HttpRequest, NormalizedEvent, StreamParser, WireAdapter } from '../core/providers/types';

const SLICE_CHARS = 16_384;

export type FaultKind = 'http' | 'unreachable' | 'cors' | 'dropped' | 'stalled' | 'aborted' | 'oversized';

/** A fault outside the stream's own events, with a message fit for the status line. */
export class RunFault extends Error {
  readonly kind: FaultKind;
  readonly status?: number;
  readonly retryAfterSeconds?: number;
  constructor(kind: FaultKind, message: string, extra: { status?: number; retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = 'RunFault';
    this.kind = kind;
    this.status = extra.status;
    this.retryAfterSeconds = extra.retryAfterSeconds;
  }
}

export type StreamRunOptions = {
  request: HttpRequest;
  parser: StreamParser;
  describeHttpError: WireAdapter['describeHttpError'];
  signal: AbortSignal;
  now: () => number;
  /** Abort with a "stalled" fault when no bytes arrive for this long. */
  idleTimeoutMs: number;
  onEvents: (events: NormalizedEvent[], malformedCount: number) => void;
  onResponse?: (status: number) => void;
  fetchImpl?: typeof fetch;
  /** While it returns a promise, reading waits (the "pause" policy); the stall timer is off meanwhile. */
  gate?: () => Promise<void> | undefined;
  /** The page's origin, for CORS advice. */
  appOrigin?: string;
  /**
   * Called between parsed slices; a returned promise is awaited (the page passes a yielder so
   * rendering gets a turn; a worker lets its messages, such as a stop, through).
   */
  maybeYield?: () => Promise<void> | undefined;
};

/** Retry-After is seconds or an HTTP date; browsers only expose it when the server allows it. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.round((date - nowMs) / 1000));
}

export function corsAdvice(appOrigin: string): string {
  return [
    `To allow this app's origin (${appOrigin}):`,
    `vLLM: start with --allowed-origins '["${appOrigin}"]' (its default is "*");`,
    `Ollama: set OLLAMA_ORIGINS=${appOrigin} before "ollama serve";`,
    `llama.cpp: llama-server allows all origins unless started with --cors-origins; add ${appOrigin} there;`,
    `LM Studio: turn on "Enable CORS" (lms server start --cors).`,
  ].join(' ');
}

/**
 * Tells a server that is down from one that refused our origin: a `no-cors` request
 * succeeds (with an opaque response) when the server answers at all.
 */
async function diagnoseUnreachable(url: string, fetchImpl: typeof fetch, appOrigin: string): Promise<RunFault> {
  const target = new URL(url);
  try {
    await fetchImpl(url, { method: 'GET', mode: 'no-cors', cache: 'no-store' });
    return new RunFault(
      'cors',
      `The browser blocked the call to ${target.origin}: the server answered but did not allow this page's origin (CORS). ${corsAdvice(appOrigin)}`,
    );
  } catch {
    return new RunFault(
      'unreachable',
      `Could not reach ${target.origin}: no server answered. Check that it is running and that the Endpoint URL is right.`,
    );
  }
}

/**
 * Sends one request and feeds the decoded body to the adapter's parser until the body ends.
 * Resolves when the body ends (the caller decides whether it ended properly); rejects with
 * a RunFault for HTTP errors, unreachable servers, CORS refusals, dropped connections and stalls.
 */
export async function streamRun(options: StreamRunOptions): Promise<void> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const appOrigin = options.appOrigin ?? globalThis.location?.origin ?? 'this page';
  const stall = new AbortController();
  const signal = AbortSignal.any([options.signal, stall.signal]);
  let stallTimer: ReturnType<typeof setTimeout> | undefined;
  const armStallTimer = () => {
    clearTimeout(stallTimer);
    stallTimer = setTimeout(() => stall.abort(), options.idleTimeoutMs);
  };
  const stalledFault = () =>
    new RunFault('stalled', `The stream stalled: no data for ${Math.round(options.idleTimeoutMs / 1000)} s. What arrived is kept.`);

  armStallTimer();
  let response: Response;
  try {
    response = await fetchImpl(options.request.url, {
      method: options.request.method,
      headers: options.request.headers,
      body: options.request.body,
      signal,
    });
  } catch (error) {
    clearTimeout(stallTimer);
    if (options.signal.aborted) throw new RunFault('aborted', 'Stopped.');
    if (stall.signal.aborted) throw stalledFault();
    if (error instanceof TypeError) throw await diagnoseUnreachable(options.request.url, fetchImpl, appOrigin);
    throw new RunFault('unreachable', `The request failed: ${String(error)}`);
  }

  options.onResponse?.(response.status);
  if (!response.ok) {
    clearTimeout(stallTimer);
    const body = await response.text().catch(() => '');
    const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'), Date.now());
    let message = options.describeHttpError(response.status, body, options.request.url);
    if (response.status === 429) {
      message += retryAfterSeconds !== undefined ? ` Retry after ${retryAfterSeconds} s.` : ' The server gave no Retry-After the browser can read; wait before retrying.';
    }
    throw new RunFault('http', message, { status: response.status, retryAfterSeconds });
  }
  if (!response.body) {
    clearTimeout(stallTimer);
    throw new RunFault('dropped', 'The server answered without a body.');
  }

  const reader = response.body.getReader();
  // Cancelling the reader ends a pending read at once, whatever the fetch implementation does.
  const onAbort = () => void reader.cancel().catch(() => {});
  signal.addEventListener('abort', onAbort, { once: true });
  const abortFault = () => (options.signal.aborted ? new RunFault('aborted', 'Stopped.') : stalledFault());
  const decoder = new TextDecoder();
  const maybeYield = options.maybeYield ?? (() => undefined);
  let received = 0;
  try {
    for (;;) {
      const closed = options.gate?.();
      if (closed) {
        clearTimeout(stallTimer);
        await closed;
        if (signal.aborted) throw abortFault();
        armStallTimer();
      }
      const { done, value } = await reader.read();
      if (signal.aborted) throw abortFault();
      if (done) break;
      armStallTimer();
      received += value.byteLength;
      // A fast local server can hand over hundreds of KB in one read; parse it in slices so no
      // single task blocks rendering.
      const text = decoder.decode(value, { stream: true });
      for (let start = 0; start < text.length; start += SLICE_CHARS) {
        const events = options.parser.feed(text.length <= SLICE_CHARS ? text : text.slice(start, start + SLICE_CHARS), options.now());
        if (events.length) options.onEvents(events, options.parser.malformedCount);
        const pause = maybeYield();
        if (pause) await pause;
        if (signal.aborted) throw abortFault();
      }
    }
    const tail = options.parser.feed(decoder.decode(), options.now()).concat(options.parser.end(options.now()));
    options.onEvents(tail, options.parser.malformedCount);
  } catch (error) {
    if (error instanceof RunFault) throw error;
    if (error instanceof FrameTooLargeError) {
      // Not another byte of it: the server may keep sending.
      void reader.cancel().catch(() => {});
      throw new RunFault('oversized', error.message);
    }
    if (signal.aborted) throw abortFault();
    throw new RunFault(
      'dropped',
      `The connection dropped mid-stream after ${received.toLocaleString('en-US')} bytes. What arrived is kept.`,
    );
  } finally {
    clearTimeout(stallTimer);
    signal.removeEventListener('abort', onAbort);
    reader.releaseLock();
  }
}
