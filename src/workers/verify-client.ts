import type { StepInput, VerifyOptionsPatch } from '../core/verify';
import { createVerifyHandler, type VerifyRequest, type VerifyResponse } from './verify-handler';

export type { VerifyResponse } from './verify-handler';

type SessionState = {
  /** Steps waiting for the next request (the stream never waits for the verifier). */
  pending: StepInput[];
  now?: number;
  options: VerifyOptionsPatch;
  /** Requests sent and not yet answered. */
  inFlight: number;
  /** Every step sent so far, to rebuild the session if the worker crashes. */
  sent: StepInput[];
  onResult: (response: VerifyResponse) => void;
  /** Callers of whenIdle waiting for the last answer. */
  idleWaiters: (() => void)[];
};

export type VerifyClient = {
  /** Queues steps (and/or a clock reading for the timeout check); never blocks. */
  submit(session: string, steps: StepInput[], now: number | undefined, options: VerifyOptionsPatch, onResult: (r: VerifyResponse) => void): void;
  /** Resolves once every step submitted for the session has been answered (at once if none is open). */
  whenIdle(session: string): Promise<void>;
  /** Forgets the session here and in the worker (its verifier and every step it was sent). */
  dispose(session: string): void;
  /** Sessions currently held (each keeps its steps until disposed). */
  readonly sessionCount: number;
  /** Called when the worker crashed and was restarted; sessions are rebuilt from what was sent. */
  onCrash?: (message: string) => void;
  terminate(): void;
};

const MAX_BATCH = 64;
/**
 * Requests with steps in flight at most: enough that the worker always has the next batch queued
 * while the page is busy (with 4, it idled whenever a render kept the page from sending more, and
 * warnings fell behind a full-speed stream).
 */
const MAX_IN_FLIGHT = 64;

type Port = { post(request: VerifyRequest): void; terminate(): void };

/**
 * Main-thread side of the verification worker. New steps go at once, in batches; a clock-only
 * check is sent only when nothing is in flight, so checks never queue up behind each other.
 * Falls back to running the handler in-thread (on a macrotask) where Worker is missing, e.g. jsdom.
 */
export function createVerifyClient(): VerifyClient {
  const sessions = new Map<string, SessionState>();
  let nextId = 1;
  let port: Port;
  const client: VerifyClient = {
    submit(session, steps, now, options, onResult) {
      let state = sessions.get(session);
      if (!state) {
        state = { pending: [], options, inFlight: 0, sent: [], onResult, idleWaiters: [] };
        sessions.set(session, state);
      }
      state.pending.push(...steps);
      state.now = now;
      state.options = options;
      state.onResult = onResult;
      pump(session, state);
    },
    whenIdle(session) {
      const state = sessions.get(session);
      if (!state || (state.inFlight === 0 && state.pending.length === 0)) return Promise.resolve();
      return new Promise((resolve) => state.idleWaiters.push(resolve));
    },
    dispose(session) {
      const state = sessions.get(session);
      sessions.delete(session);
      port.post({ type: 'dispose', session });
      for (const resolve of state?.idleWaiters ?? []) resolve();
    },
    get sessionCount() {
      return sessions.size;
    },
    terminate() {
      port.terminate();
    },
  };

  const pump = (session: string, state: SessionState) => {
    // Steps go at once, in batches of MAX_BATCH, so the worker never idles while the main thread
    // is busy (they would otherwise wait for a main-thread turn before the next batch is sent);
    // beyond MAX_IN_FLIGHT new steps are coalesced, and a clock-only check (no steps) waits its turn.
    while (state.inFlight < MAX_IN_FLIGHT && (state.pending.length > 0 || state.inFlight === 0)) {
      const steps = state.pending.length > MAX_BATCH ? state.pending.slice(0, MAX_BATCH) : state.pending;
      state.pending = state.pending.length > MAX_BATCH ? state.pending.slice(MAX_BATCH) : [];
      state.inFlight += 1;
      state.sent.push(...steps);
      port.post({ type: 'verify', requestId: nextId++, session, steps, now: state.now, options: state.options });
      if (!steps.length) break;
    }
  };

  const receive = (response: VerifyResponse) => {
    const state = sessions.get(response.session);
    if (!state) return;
    state.inFlight -= 1;
    state.onResult(response);
    if (state.pending.length) pump(response.session, state);
    else if (state.inFlight === 0 && state.idleWaiters.length) {
      const waiters = state.idleWaiters;
      state.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  };

  const connect = (): Port => {
    if (typeof Worker === 'undefined') {
      const handler = createVerifyHandler();
      return {
        post: (request) =>
          setTimeout(() => {
            const response = handler.handle(request);
            if (response) receive(response);
          }, 0),
        terminate: () => {},
      };
    }
    const worker = new Worker(new URL('./verify.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<VerifyResponse>) => receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      client.onCrash?.(event.message || 'The verification worker crashed.');
      port = connect();
      // Rebuild every session from the steps it had sent; results resume from there.
      for (const [session, state] of sessions) {
        state.pending = [...state.sent, ...state.pending];
        state.sent = [];
        state.inFlight = 0;
        pump(session, state);
      }
    };
    return { post: (request) => worker.postMessage(request), terminate: () => worker.terminate() };
  };
  port = connect();
  return client;
}
