import { getAdapter } from '../core/providers';
import type { ProviderId } from '../core/providers/types';
import { RunFault, streamRun, type StreamRunOptions } from './stream-fetch';
import type { StreamFromWorker, StreamToWorker } from './stream-handler';
import { createYielder } from './yield';

/** What a run asks of the stream: the in-thread options, with a provider instead of a parser. */
export type StreamClientOptions = Omit<StreamRunOptions, 'parser' | 'describeHttpError' | 'maybeYield'> & { provider: ProviderId };

export type StreamClient = {
  /** Same contract as streamRun: resolves when the body ends, rejects with a RunFault. */
  stream(options: StreamClientOptions): Promise<void>;
  /** Whether streams run in the worker (false: in-thread, e.g. jsdom, or after a crash). */
  readonly inWorker: boolean;
  terminate(): void;
};

/** What the client needs of a worker (a real one, or the handler wired in-process in tests). */
export type StreamPort = {
  post(message: StreamToWorker, transfer?: Transferable[]): void;
  onmessage: ((message: StreamFromWorker) => void) | null;
  onerror: ((message: string) => void) | null;
  terminate(): void;
};

function realWorkerPort(): StreamPort | undefined {
  if (typeof Worker === 'undefined') return undefined;
  const worker = new Worker(new URL('./stream.worker.ts', import.meta.url), { type: 'module' });
  const port: StreamPort = {
    post: (message, transfer) => worker.postMessage(message, transfer ?? []),
    onmessage: null,
    onerror: null,
    terminate: () => worker.terminate(),
  };
  worker.onmessage = (event: MessageEvent<StreamFromWorker>) => port.onmessage?.(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    port.onerror?.(event.message || 'the stream worker stopped');
  };
  return port;
}

type Delivery = Extract<StreamFromWorker, { type: 'response' | 'events' | 'ended' | 'fault' | 'failed' }>;

type Live = {
  options: StreamClientOptions;
  /** Messages that wait while the run is paused (the engine sees nothing arrive meanwhile). */
  held: Delivery[];
  gated: boolean;
  fetches: Map<number, { abort: AbortController; reader?: ReadableStreamDefaultReader<Uint8Array> }>;
  finish: (error?: unknown) => void;
};

/**
 * Runs streams in a dedicated worker, which fetches, decodes and parses off the page, so the page
 * only applies what arrived. `wallClock` must read what the worker's clock reads (both default to
 * timeOrigin + now, which agree across threads). Where Worker is missing the same loop runs in-thread; after a crash
 * the running streams fail as dropped connections and later ones run in-thread.
 */
export function createStreamClient(connect: () => StreamPort | undefined = realWorkerPort, wallClock: () => number = () => performance.timeOrigin + performance.now()): StreamClient {
  let port = connect();
  const live = new Map<number, Live>();
  let nextSession = 1;

  const inThread = (options: StreamClientOptions) => {
    const adapter = getAdapter(options.provider);
    return streamRun({ ...options, parser: adapter.createParser(), describeHttpError: adapter.describeHttpError, maybeYield: createYielder() });
  };

  const apply = (session: number, state: Live, message: Delivery) => {
    switch (message.type) {
      case 'response':
        return state.options.onResponse?.(message.status);
      case 'events':
        try {
          state.options.onEvents(message.events, message.malformedCount);
          // Applied: the worker may send what it parsed meanwhile.
          port?.post({ type: 'ack', session });
        } catch (error) {
          port?.post({ type: 'abort', session });
          state.finish(error);
        }
        return;
      case 'ended':
        return state.finish();
      case 'fault':
        return state.finish(new RunFault(message.kind, message.message, { status: message.status, retryAfterSeconds: message.retryAfterSeconds }));
      case 'failed':
        return state.finish(new Error(message.message));
    }
  };

  /** Delivers in order; a closed gate (the pause policy) holds everything behind it. */
  const deliver = (session: number, state: Live, message?: Delivery) => {
    if (message) state.held.push(message);
    while (!state.gated && state.held.length && live.get(session) === state) {
      const closed = state.options.gate?.();
      if (closed) {
        state.gated = true;
        port?.post({ type: 'gate', session, closed: true });
        void closed.then(() => {
          state.gated = false;
          port?.post({ type: 'gate', session, closed: false });
          deliver(session, state);
        });
        return;
      }
      apply(session, state, state.held.shift()!);
    }
  };

  const performFetch = async (session: number, state: Live, message: Extract<StreamFromWorker, { type: 'fetch' }>) => {
    const abort = new AbortController();
    const entry: { abort: AbortController; reader?: ReadableStreamDefaultReader<Uint8Array> } = { abort };
    state.fetches.set(message.fetchId, entry);
    const { fetchId } = message;
    try {
      const { headers, ...init } = message.init;
      const response = await (state.options.fetchImpl ?? fetch)(message.url, { ...init, headers, signal: abort.signal });
      entry.reader = response.body?.getReader();
      port?.post({ type: 'fetched', session, fetchId, status: response.status, statusText: response.statusText, headers: [...response.headers.entries()], hasBody: !!entry.reader });
    } catch (error) {
      state.fetches.delete(fetchId);
      const e = error instanceof Error ? error : new Error(String(error));
      port?.post({ type: 'fetch-failed', session, fetchId, name: e.name, message: e.message });
    }
  };

  const pull = async (session: number, state: Live, fetchId: number) => {
    const reader = state.fetches.get(fetchId)?.reader;
    if (!reader) return;
    try {
      const { done, value } = await reader.read();
      if (done) port?.post({ type: 'body-end', session, fetchId });
      else {
        // Hand the bytes over without a copy when they are a whole buffer of their own.
        const bytes = value.byteOffset === 0 && value.byteLength === value.buffer.byteLength ? value : value.slice();
        port?.post({ type: 'chunk', session, fetchId, bytes }, [bytes.buffer as ArrayBuffer]);
      }
    } catch (error) {
      port?.post({ type: 'body-failed', session, fetchId, message: error instanceof Error ? error.message : String(error) });
    }
  };

  const cancelFetch = (state: Live, fetchId: number) => {
    const entry = state.fetches.get(fetchId);
    state.fetches.delete(fetchId);
    entry?.abort.abort();
    void entry?.reader?.cancel().catch(() => {});
  };

  const receive = (message: StreamFromWorker) => {
    const state = live.get(message.session);
    if (!state) return;
    if (message.type === 'fetch') void performFetch(message.session, state, message);
    else if (message.type === 'pull') void pull(message.session, state, message.fetchId);
    else if (message.type === 'cancel-fetch') cancelFetch(state, message.fetchId);
    else deliver(message.session, state, message);
  };

  const attach = (next: StreamPort | undefined) => {
    if (!next) return;
    next.onmessage = receive;
    next.onerror = (reason) => {
      next.terminate();
      port = undefined;
      for (const state of [...live.values()]) state.finish(new RunFault('dropped', `The stream reader stopped (${reason}). What arrived is kept.`));
    };
  };
  attach(port);

  return {
    get inWorker() {
      return port !== undefined;
    },
    stream(options) {
      const worker = port;
      if (!worker) return inThread(options);
      if (options.signal.aborted) return Promise.reject(new RunFault('aborted', 'Stopped.'));
      const session = nextSession++;
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          worker.post({ type: 'abort', session });
          state.finish(new RunFault('aborted', 'Stopped.'));
        };
        const state: Live = {
          options,
          held: [],
          gated: false,
          fetches: new Map(),
          finish: (error) => {
            if (live.get(session) !== state) return;
            live.delete(session);
            options.signal.removeEventListener('abort', onAbort);
            for (const id of [...state.fetches.keys()]) cancelFetch(state, id);
            if (error === undefined) resolve();
            else reject(error);
          },
        };
        live.set(session, state);
        options.signal.addEventListener('abort', onAbort, { once: true });
        worker.post({
          type: 'start',
          session,
          provider: options.provider,
          request: options.request,
          idleTimeoutMs: options.idleTimeoutMs,
          appOrigin: options.appOrigin ?? globalThis.location?.origin ?? 'this page',
          clockOffset: options.now() - wallClock(),
          proxied: options.fetchImpl !== undefined,
        });
      });
    },
    terminate() {
      port?.terminate();
      port = undefined;
    },
  };
}
