import { getAdapter } from '../core/providers';
import { coalesceEvents } from '../core/providers/coalesce';
import type { HttpRequest, NormalizedEvent, ProviderId } from '../core/providers/types';
import { RunFault, streamRun, type FaultKind } from './stream-fetch';

/**
 * Messages of the stream worker. The page starts a session with the request it built (the key
 * already in the headers it would send itself, to the same URL); the worker fetches, decodes and
 * parses, and sends back coalesced events. When the page has its own fetch (the demo model, a
 * cache replay) the worker asks the page to perform it and to hand over the body a chunk at a
 * time, only when it reads, so pausing and stopping behave as if the page read it itself.
 */
export type StreamStart = {
  type: 'start';
  session: number;
  provider: ProviderId;
  request: HttpRequest;
  idleTimeoutMs: number;
  appOrigin: string;
  /**
   * The page's run clock minus its wall clock (timeOrigin + now), read together on the page:
   * events are stamped on the run's clock however long this message took to arrive.
   */
  clockOffset: number;
  /** The page performs the fetch (its own fetch implementation); otherwise the worker does. */
  proxied: boolean;
};

export type FetchInit = { method?: string; headers?: [string, string][]; body?: string; mode?: RequestMode; cache?: RequestCache };

export type StreamToWorker =
  | StreamStart
  | { type: 'abort'; session: number }
  | { type: 'gate'; session: number; closed: boolean }
  /** The page applied one batch of events. */
  | { type: 'ack'; session: number }
  | { type: 'fetched'; session: number; fetchId: number; status: number; statusText: string; headers: [string, string][]; hasBody: boolean }
  | { type: 'fetch-failed'; session: number; fetchId: number; name: string; message: string }
  | { type: 'chunk'; session: number; fetchId: number; bytes: Uint8Array }
  | { type: 'body-end'; session: number; fetchId: number }
  | { type: 'body-failed'; session: number; fetchId: number; message: string };

export type StreamFromWorker =
  | { type: 'response'; session: number; status: number }
  | { type: 'events'; session: number; events: NormalizedEvent[]; malformedCount: number }
  | { type: 'ended'; session: number }
  | { type: 'fault'; session: number; kind: FaultKind; message: string; status?: number; retryAfterSeconds?: number }
  | { type: 'failed'; session: number; message: string }
  | { type: 'fetch'; session: number; fetchId: number; url: string; init: FetchInit }
  | { type: 'pull'; session: number; fetchId: number }
  | { type: 'cancel-fetch'; session: number; fetchId: number };

export type StreamHandlerDeps = {
  post: (message: StreamFromWorker, transfer?: Transferable[]) => void;
  /** The worker's own fetch, for sessions that are not proxied. */
  fetchImpl?: typeof fetch;
  /** This thread's wall clock (timeOrigin + now, ms since the epoch, as on the page). */
  clock?: () => number;
  /** A fresh yielder per session, so messages (a stop) get through a long parse. */
  createYielder?: () => () => Promise<void> | undefined;
};

type ProxiedFetch = {
  resolve: (response: Response) => void;
  reject: (error: Error) => void;
  /** Set once the page answered: the body's pending read, if any. */
  pull?: { resolve: (chunk: Uint8Array | null) => void; reject: (error: Error) => void };
};

type Latch = { promise: Promise<void>; open: () => void };

type Session = {
  abort: AbortController;
  /** The pause policy's gate, set by the page. */
  gate?: Latch;
  /** Closed while the page is this far behind: reading waits for it, so memory stays bounded. */
  behind?: Latch;
  fetches: Map<number, ProxiedFetch>;
  /** Parsed and not yet sent, because the page has not applied the batches in flight. */
  pending: NormalizedEvent[];
  pendingChars: number;
  inFlight: number;
  malformedCount: number;
  sentMalformedCount: number;
};

/** Batches sent and not yet applied by the page; beyond that, events wait and are joined. */
const MAX_BATCHES_IN_FLIGHT = 2;
/** Text waiting for the page beyond which the worker stops reading until the page catches up. */
const MAX_PENDING_CHARS = 1 << 20;
/** About this much text per batch at most, so applying one (segmenting, checkpoints) stays a short task. */
const BATCH_CHARS = 32_768;

function latch(): Latch {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const textLength = (events: readonly NormalizedEvent[]) => events.reduce((n, e) => n + (e.type === 'reasoning' || e.type === 'answer' ? e.text.length : 0), 0);

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function headerPairs(headers: HeadersInit | undefined): [string, string][] {
  return [...new Headers(headers).entries()];
}

/**
 * The stream worker's logic: one session per run attempt, each running the same loop as the
 * page's in-thread path (workers/stream-fetch), so every fault reads the same.
 */
export function createStreamHandler(deps: StreamHandlerDeps) {
  const sessions = new Map<number, Session>();
  const clock = deps.clock ?? (() => performance.timeOrigin + performance.now());
  let nextFetchId = 1;

  /** A fetch that the page performs; its body arrives one chunk per read. */
  const proxyFetch = (sessionId: number, session: Session): typeof fetch =>
    (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const fetchId = nextFetchId++;
      const signal = init?.signal ?? undefined;
      return new Promise<Response>((resolve, reject) => {
        if (signal?.aborted) return reject(new DOMException('The operation was aborted.', 'AbortError'));
        const entry: ProxiedFetch = { resolve, reject };
        session.fetches.set(fetchId, entry);
        signal?.addEventListener(
          'abort',
          () => {
            if (!session.fetches.has(fetchId)) return;
            session.fetches.delete(fetchId);
            deps.post({ type: 'cancel-fetch', session: sessionId, fetchId });
            const aborted = new DOMException('The operation was aborted.', 'AbortError');
            entry.reject(aborted);
            entry.pull?.reject(aborted);
          },
          { once: true },
        );
        deps.post({
          type: 'fetch',
          session: sessionId,
          fetchId,
          url,
          init: { method: init?.method, headers: headerPairs(init?.headers), body: typeof init?.body === 'string' ? init.body : undefined, mode: init?.mode, cache: init?.cache },
        });
      });
    };

  const bodyFor = (sessionId: number, session: Session, fetchId: number, entry: ProxiedFetch) =>
    new ReadableStream<Uint8Array>({
      pull: (controller) =>
        new Promise<void>((done) => {
          entry.pull = {
            resolve: (chunk) => {
              entry.pull = undefined;
              if (chunk) controller.enqueue(chunk);
              else {
                session.fetches.delete(fetchId);
                controller.close();
              }
              done();
            },
            reject: (error) => {
              entry.pull = undefined;
              session.fetches.delete(fetchId);
              controller.error(error);
              done();
            },
          };
          deps.post({ type: 'pull', session: sessionId, fetchId });
        }),
      cancel: () => {
        if (session.fetches.delete(fetchId)) deps.post({ type: 'cancel-fetch', session: sessionId, fetchId });
      },
    });

  /**
   * Sends what is pending, in batches of about BATCH_CHARS, while fewer than
   * MAX_BATCHES_IN_FLIGHT wait to be applied: the page gets one batch per turn, and what was
   * parsed meanwhile is joined into the next.
   */
  const flush = (id: number, session: Session, all = false) => {
    while (all || session.inFlight < MAX_BATCHES_IN_FLIGHT) {
      // A batch with no events still goes when it carries a new malformed count.
      if (!session.pending.length && session.sentMalformedCount === session.malformedCount) return;
      let cut = 0;
      let chars = 0;
      while (cut < session.pending.length && chars < BATCH_CHARS) chars += textLength([session.pending[cut++]]);
      const events = coalesceEvents(session.pending.slice(0, cut));
      session.pending = session.pending.slice(cut);
      session.pendingChars -= chars;
      session.sentMalformedCount = session.malformedCount;
      session.inFlight += 1;
      deps.post({ type: 'events', session: id, events, malformedCount: session.malformedCount });
    }
  };

  const start = (message: StreamStart) => {
    const session: Session = { abort: new AbortController(), fetches: new Map(), pending: [], pendingChars: 0, inFlight: 0, malformedCount: 0, sentMalformedCount: 0 };
    sessions.set(message.session, session);
    const offset = message.clockOffset;
    const adapter = getAdapter(message.provider);
    const parser = adapter.createParser();
    const post = deps.post;
    void streamRun({
      request: message.request,
      parser,
      describeHttpError: adapter.describeHttpError,
      signal: session.abort.signal,
      now: () => clock() + offset,
      idleTimeoutMs: message.idleTimeoutMs,
      appOrigin: message.appOrigin,
      fetchImpl: message.proxied ? proxyFetch(message.session, session) : deps.fetchImpl,
      maybeYield: deps.createYielder?.(),
      gate: () => session.gate?.promise ?? session.behind?.promise,
      onResponse: (status) => post({ type: 'response', session: message.session, status }),
      onEvents: (events, malformedCount) => {
        if (!events.length && malformedCount === session.malformedCount) return;
        session.malformedCount = malformedCount;
        session.pending.push(...events);
        session.pendingChars += textLength(events);
        flush(message.session, session);
        if (session.pendingChars > MAX_PENDING_CHARS) session.behind ??= latch();
      },
    }).then(
      () => {
        flush(message.session, session, true);
        post({ type: 'ended', session: message.session });
      },
      (error: unknown) => {
        // What was parsed before the fault arrives first, as it would in-thread.
        flush(message.session, session, true);
        post(
          error instanceof RunFault
            ? { type: 'fault', session: message.session, kind: error.kind, message: error.message, status: error.status, retryAfterSeconds: error.retryAfterSeconds }
            : { type: 'failed', session: message.session, message: error instanceof Error ? error.message : String(error) },
        );
      },
    ).finally(() => {
      session.gate?.open();
      session.behind?.open();
      sessions.delete(message.session);
    });
  };

  return {
    handle(message: StreamToWorker): void {
      if (message.type === 'start') return start(message);
      const session = sessions.get(message.session);
      if (!session) return;
      switch (message.type) {
        case 'abort':
          session.abort.abort();
          // A read waiting on a gate sees the abort once the gate opens.
          session.gate?.open();
          session.behind?.open();
          return;
        case 'ack':
          session.inFlight = Math.max(0, session.inFlight - 1);
          flush(message.session, session);
          if (session.behind && session.pendingChars <= MAX_PENDING_CHARS) {
            const { open } = session.behind;
            session.behind = undefined;
            open();
          }
          return;
        case 'gate':
          if (message.closed && !session.gate) session.gate = latch();
          else if (!message.closed && session.gate) {
            const { open } = session.gate;
            session.gate = undefined;
            open();
          }
          return;
      }
      const entry = session.fetches.get(message.fetchId);
      if (!entry) return;
      switch (message.type) {
        case 'fetched': {
          // An opaque answer (a no-cors probe) has status 0, which a constructed Response cannot carry.
          if (message.status < 200 || message.status > 599) {
            session.fetches.delete(message.fetchId);
            entry.resolve(Response.error());
            return;
          }
          const body = message.hasBody && !NULL_BODY_STATUSES.has(message.status) ? bodyFor(message.session, session, message.fetchId, entry) : null;
          if (!body) session.fetches.delete(message.fetchId);
          entry.resolve(new Response(body, { status: message.status, statusText: message.statusText, headers: message.headers }));
          return;
        }
        case 'fetch-failed': {
          session.fetches.delete(message.fetchId);
          // The page's fetch failed: a TypeError (network, CORS) must stay one for the diagnosis.
          const error = message.name === 'TypeError' ? new TypeError(message.message) : new Error(message.message);
          if (message.name !== 'TypeError') error.name = message.name;
          entry.reject(error);
          return;
        }
        case 'chunk':
          entry.pull?.resolve(message.bytes);
          return;
        case 'body-end':
          entry.pull?.resolve(null);
          return;
        case 'body-failed':
          entry.pull?.reject(new TypeError(message.message));
          return;
      }
    },
    get sessionCount() {
      return sessions.size;
    },
  };
}
