/**
 * A watchdog for worker calls: armed while a call is outstanding, fed on every message from the
 * worker, and fired once when the worker stays silent for `ms` — the client then ends the worker
 * (a stuck loop cannot be interrupted any other way) and says what happened. Timers and the worker
 * factory are injectable so tests drive it with a fake clock and a fake worker.
 */

export type Timers = { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void };

export const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** What the clients need of a Worker (a real one, or a fake in tests). */
export type WorkerLike = {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
};

export type Watchdog = {
  /** (Re)starts the countdown: call when a call starts and on every message. */
  feed(): void;
  stop(): void;
  readonly armed: boolean;
};

export function createWatchdog(ms: number, onStarved: () => void, timers: Timers = realTimers): Watchdog {
  let handle: unknown = null;
  const stop = () => {
    if (handle !== null) timers.clear(handle);
    handle = null;
  };
  return {
    feed() {
      stop();
      handle = timers.set(() => {
        handle = null;
        onStarved();
      }, ms);
    },
    stop,
    get armed() {
      return handle !== null;
    },
  };
}

export const fmtSeconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
