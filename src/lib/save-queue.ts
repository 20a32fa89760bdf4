import { create } from 'zustand';
import type { RunRecord } from '../core/stored-runs/types';
import { saveRun } from '../storage';

/**
 * Saves runs, and keeps the ones the browser refused (a full quota) until it takes them: each
 * refused record stays in memory (a newer save of the same run replaces it) and is written
 * again with exponential backoff (2 s, 4 s … at most a minute apart), at once when the storage
 * estimate shows more free space, and when the user presses "Retry saving". A save still
 * rejects on its first failure, so the caller can say so; the retries then run on their own.
 */
export type SaveQueueState = {
  /** Runs refused by storage and not yet written. */
  unsaved: number;
  /** The last refusal's message, until everything is written. */
  error?: string;
  /** Epoch ms of the next timed retry. */
  nextRetryAt?: number;
  /** Retries so far in the current failure streak. */
  attempts: number;
};

export type SaveQueueOptions = {
  write: (record: RunRecord) => Promise<void>;
  /** `navigator.storage.estimate`, when the browser has it. */
  estimate?: () => Promise<{ usage?: number; quota?: number }>;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  onChange?: (state: SaveQueueState) => void;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How often the storage estimate is read while something is unsaved. */
  pollMs?: number;
};

export type SaveQueue = {
  save(record: RunRecord): Promise<void>;
  /** Writes every unsaved run now; true when all of them were stored. */
  retryNow(): Promise<boolean>;
  /** Resolves once the run has no write in flight and nothing unsaved. */
  settled(runId: string): Promise<void>;
  /** The refused records (for export). */
  unsavedRecords(): RunRecord[];
  state(): SaveQueueState;
};

/** Delay before retry `attempt` (0-based): 2 s doubling, capped. */
export function saveRetryDelayMs(attempt: number, baseMs = 2000, maxMs = 60_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
}

/** Free space grew by this much since the refusal: worth trying again at once. */
const FREED_BYTES = 256 * 1024;

export function createSaveQueue(options: SaveQueueOptions): SaveQueue {
  const now = options.now ?? (() => Date.now());
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const pending = new Map<string, RunRecord>();
  /** The newest version asked for per run, while its write is not yet done. */
  const latest = new Map<string, RunRecord>();
  const inflight = new Map<string, Promise<void>>();
  const waiters = new Map<string, (() => void)[]>();
  let state: SaveQueueState = { unsaved: 0, attempts: 0 };
  let retryTimer: unknown;
  let pollTimer: unknown;
  let freeAtFailure: number | undefined;
  let flushing: Promise<boolean> | undefined;

  const set = (patch: Partial<SaveQueueState>) => {
    state = { ...state, ...patch, unsaved: pending.size };
    options.onChange?.(state);
  };

  const free = async (): Promise<number | undefined> => {
    try {
      const e = await options.estimate?.();
      return e?.quota !== undefined && e.usage !== undefined ? e.quota - e.usage : undefined;
    } catch {
      return undefined;
    }
  };

  const wake = (id: string) => {
    if (pending.has(id) || inflight.has(id)) return;
    const list = waiters.get(id);
    waiters.delete(id);
    for (const fn of list ?? []) fn();
  };

  const stopTimers = () => {
    clearTimer(retryTimer);
    clearTimer(pollTimer);
    retryTimer = pollTimer = undefined;
  };

  const schedule = () => {
    clearTimer(retryTimer);
    const delay = saveRetryDelayMs(state.attempts, options.baseDelayMs, options.maxDelayMs);
    retryTimer = setTimer(() => void retryNow(), delay);
    set({ nextRetryAt: now() + delay });
    if (options.estimate && pollTimer === undefined) {
      const poll = async () => {
        pollTimer = undefined;
        if (!pending.size) return;
        const f = await free();
        if (f !== undefined && freeAtFailure !== undefined && f - freeAtFailure >= FREED_BYTES) void retryNow();
        else if (pending.size) pollTimer = setTimer(() => void poll(), options.pollMs ?? 5000);
      };
      pollTimer = setTimer(() => void poll(), options.pollMs ?? 5000);
    }
  };

  const attempt = (record: RunRecord): Promise<void> => {
    const write = (async () => {
      await inflight.get(record.id)?.catch(() => {});
      try {
        await options.write(record);
        // Stored: nothing of this run is left to retry, unless a newer version waits its turn.
        if (latest.get(record.id) === record) {
          latest.delete(record.id);
          pending.delete(record.id);
        }
        if (!pending.size && state.unsaved) {
          stopTimers();
          freeAtFailure = undefined;
          set({ error: undefined, nextRetryAt: undefined, attempts: 0 });
        } else if (state.unsaved !== pending.size) set({});
      } catch (error) {
        // Keep it for a retry, unless a newer version is already on its way (it will be kept instead).
        if ((latest.get(record.id) ?? record) === record) pending.set(record.id, record);
        if (freeAtFailure === undefined) freeAtFailure = await free();
        set({ error: error instanceof Error ? error.message : String(error) });
        if (!flushing) schedule();
        throw error;
      }
    })();
    const tracked = write.finally(() => {
      if (inflight.get(record.id) === tracked) inflight.delete(record.id);
      wake(record.id);
    });
    tracked.catch(() => {}); // the caller handles `write`'s rejection
    inflight.set(record.id, tracked);
    return write;
  };

  async function retryNow(): Promise<boolean> {
    if (flushing) return flushing;
    clearTimer(retryTimer);
    retryTimer = undefined;
    flushing = (async () => {
      for (const record of [...pending.values()]) {
        try {
          await attempt(record);
        } catch {
          return false;
        }
      }
      return pending.size === 0;
    })();
    const ok = await flushing;
    flushing = undefined;
    if (!ok && pending.size) {
      set({ attempts: state.attempts + 1 });
      schedule();
    }
    return ok;
  }

  return {
    save(record) {
      // A newer version replaces a refused one, so a retry never writes stale data.
      latest.set(record.id, record);
      if (pending.has(record.id)) pending.set(record.id, record);
      return attempt(record);
    },
    retryNow,
    settled(runId) {
      if (!pending.has(runId) && !inflight.has(runId)) return Promise.resolve();
      return new Promise((resolve) => waiters.set(runId, [...(waiters.get(runId) ?? []), resolve]));
    },
    unsavedRecords: () => [...pending.values()],
    state: () => state,
  };
}

/** What the pages show about refused saves (the shared queue below). */
export const useSaveState = create<SaveQueueState>()(() => ({ unsaved: 0, attempts: 0 }));

const storageManager = () => (typeof navigator !== 'undefined' ? navigator.storage : undefined);

/** This page's save queue over IndexedDB. */
export const runSaves: SaveQueue = createSaveQueue({
  write: saveRun,
  estimate: storageManager()?.estimate ? () => storageManager()!.estimate() : undefined,
  onChange: (s) => useSaveState.setState(s),
});

// Leaving with refused runs would lose them: let the browser ask first.
if (typeof addEventListener === 'function') {
  addEventListener('beforeunload', (event) => {
    if (runSaves.state().unsaved > 0) event.preventDefault();
  });
}
