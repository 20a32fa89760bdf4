/**
 * Which tab holds a live run. A run stored as 'running' belongs to the tab streaming it; at
 * start-up another tab may mark it interrupted only when no tab holds it. With Web Locks each
 * live run is one exclusive lock, released by the browser when its tab closes or reloads, so
 * the answer is exact. Without them (old browsers) the holder writes a heartbeat into
 * localStorage every second and removes it on release and when the page goes away; a heartbeat
 * older than the staleness window counts as free.
 */

const LOCK_PREFIX = 'reasoning-viewer:run:';
const HEARTBEAT_PREFIX = 'reasoning-viewer:run-alive:';
export const HEARTBEAT_MS = 1000;
export const HEARTBEAT_STALE_MS = 4000;

export type RunLocks = {
  readonly kind: 'web-locks' | 'heartbeat';
  /** Holds the run's lock until the returned function is called (idempotent). */
  hold(runId: string): () => void;
  /** The subset of `runIds` some tab (this one included) holds now. */
  held(runIds: readonly string[]): Promise<Set<string>>;
};

/** The part of `navigator.locks` used here. */
type LockManagerLike = {
  request(name: string, options: { mode: 'exclusive' }, callback: () => Promise<void>): Promise<unknown>;
  query(): Promise<{ held?: { name?: string }[] }>;
};
type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type RunLocksOptions = {
  locks?: LockManagerLike | null;
  storage?: StorageLike | null;
  now?: () => number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
  /** Registers a callback for when the page goes away (pagehide). */
  onPageHide?: (fn: () => void) => void;
};

export function createRunLocks(options: RunLocksOptions = {}): RunLocks {
  const locks = options.locks === undefined ? (globalThis.navigator?.locks ?? null) : options.locks;
  if (locks) {
    return {
      kind: 'web-locks',
      hold(runId) {
        let release!: () => void;
        const until = new Promise<void>((resolve) => (release = resolve));
        locks.request(LOCK_PREFIX + runId, { mode: 'exclusive' }, () => until).catch(() => {});
        return () => release();
      },
      async held(runIds) {
        const snapshot = await locks.query();
        const names = new Set((snapshot.held ?? []).map((l) => l.name));
        return new Set(runIds.filter((id) => names.has(LOCK_PREFIX + id)));
      },
    };
  }

  const storage = options.storage === undefined ? safeLocalStorage() : options.storage;
  const now = options.now ?? (() => Date.now());
  const every = options.setInterval ?? ((fn: () => void, ms: number) => setInterval(fn, ms));
  const stop = options.clearInterval ?? ((h: unknown) => clearInterval(h as ReturnType<typeof setInterval>));
  const mine = new Map<string, () => void>();
  const onPageHide =
    options.onPageHide ?? ((fn: () => void) => (typeof addEventListener === 'function' ? addEventListener('pagehide', fn) : undefined));
  // A reloading tab takes its heartbeats with it, so its own runs read as free at once.
  onPageHide(() => {
    for (const release of [...mine.values()]) release();
  });
  const beat = (runId: string) => {
    try {
      storage?.setItem(HEARTBEAT_PREFIX + runId, String(now()));
    } catch {
      /* a full localStorage: the run reads as free after the staleness window */
    }
  };
  return {
    kind: 'heartbeat',
    hold(runId) {
      beat(runId);
      const timer = every(() => beat(runId), HEARTBEAT_MS);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        stop(timer);
        mine.delete(runId);
        try {
          storage?.removeItem(HEARTBEAT_PREFIX + runId);
        } catch {
          /* nothing to clean */
        }
      };
      mine.set(runId, release);
      return release;
    },
    async held(runIds) {
      const t = now();
      return new Set(
        runIds.filter((id) => {
          const at = Number(storage?.getItem(HEARTBEAT_PREFIX + id) ?? NaN);
          return Number.isFinite(at) && t - at < HEARTBEAT_STALE_MS;
        }),
      );
    },
  };
}

function safeLocalStorage(): StorageLike | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

let shared: RunLocks | undefined;
/** This page's run locks (Web Locks where the browser has them). */
export const runLocks = (): RunLocks => (shared ??= createRunLocks());
