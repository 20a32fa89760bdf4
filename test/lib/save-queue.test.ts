import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSaveQueue, saveRetryDelayMs, type SaveQueueState } from '../../src/lib/save-queue';
import { createStorage, StorageFullError } from '../../src/storage';
import { makeRun } from '../core/stored-runs/make-run';

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/** Timers under the test's control. */
function clock() {
  let t = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let seq = 0;
  return {
    now: () => t,
    setTimer: (fn: () => void, ms: number) => {
      const id = ++seq;
      timers.push({ at: t + ms, fn, id });
      return id;
    },
    clearTimer: (id: unknown) => void (timers = timers.filter((x) => x.id !== id)),
    /** Runs every timer due within `ms`, in order. */
    async advance(ms: number) {
      const end = t + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at > end) break;
        timers.shift();
        t = next.at;
        next.fn();
        await new Promise((r) => setTimeout(r, 5));
      }
      t = end;
    },
    pending: () => timers.length,
  };
}

afterEach(() => vi.restoreAllMocks());

let n = 0;
function setup(extra: Partial<Parameters<typeof createSaveQueue>[0]> = {}) {
  const storage = createStorage({ dbName: `save-queue-${++n}` });
  const c = clock();
  const states: SaveQueueState[] = [];
  const queue = createSaveQueue({ write: storage.saveRun, now: c.now, setTimer: c.setTimer, clearTimer: c.clearTimer, onChange: (s) => states.push(s), ...extra });
  return { storage, c, states, queue };
}

/** IndexedDB refuses every put (quota) until `recover()`. */
function fullDisk() {
  const realPut = IDBObjectStore.prototype.put;
  const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
    throw quota();
  });
  return {
    recover: () => spy.mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      return realPut.apply(this, args);
    }),
  };
}

describe('save queue: a refused save is kept and retried', () => {
  it('rejects the first save with the quota message, then stores it on the backoff retry once space frees', async () => {
    const { storage, c, queue } = setup();
    const disk = fullDisk();
    const err = await queue.save(makeRun({ id: 'r1', status: 'done' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageFullError);
    expect(queue.state()).toMatchObject({ unsaved: 1, error: expect.stringMatching(/quota/), nextRetryAt: 2000 });
    // Still full at the first retry (2 s): the next one waits 4 s.
    await c.advance(2000);
    expect(queue.state()).toMatchObject({ unsaved: 1, attempts: 1, nextRetryAt: 2000 + 4000 });
    disk.recover();
    await c.advance(4000);
    expect(queue.state()).toMatchObject({ unsaved: 0, error: undefined, attempts: 0 });
    expect(await storage.getRun('r1')).toMatchObject({ id: 'r1', status: 'done' });
    expect(c.pending()).toBe(0);
    await storage.close();
  });

  it('a newer version of a refused run replaces it, so the retry never writes stale data', async () => {
    const { storage, c, queue } = setup();
    const disk = fullDisk();
    await queue.save(makeRun({ id: 'r', status: 'running', answer: 'partial' })).catch(() => {});
    await queue.save(makeRun({ id: 'r', status: 'done', answer: 'final' })).catch(() => {});
    expect(queue.unsavedRecords().map((r) => r.answer)).toEqual(['final']);
    disk.recover();
    await c.advance(60_000);
    expect(await storage.getRun('r')).toMatchObject({ status: 'done', answer: 'final' });
    await storage.close();
  });

  it('"Retry saving" writes at once; settled() resolves only when the run is stored', async () => {
    const { storage, queue } = setup();
    const disk = fullDisk();
    await queue.save(makeRun({ id: 'a' })).catch(() => {});
    await queue.save(makeRun({ id: 'b' })).catch(() => {});
    let settled = false;
    void queue.settled('a').then(() => (settled = true));
    expect(await queue.retryNow()).toBe(false);
    expect(settled).toBe(false);
    disk.recover();
    expect(await queue.retryNow()).toBe(true);
    await Promise.resolve();
    expect(settled).toBe(true);
    expect((await storage.listRuns()).map((r) => r.id).sort()).toEqual(['a', 'b']);
    expect(queue.state().unsaved).toBe(0);
    await storage.close();
  });

  it('retries as soon as the storage estimate shows space was freed, before the backoff', async () => {
    let free = 1000;
    const { storage, c, queue } = setup({ estimate: async () => ({ quota: 10_000_000, usage: 10_000_000 - free }), pollMs: 1000, baseDelayMs: 60_000 });
    const disk = fullDisk();
    await queue.save(makeRun({ id: 'e' })).catch(() => {});
    await c.advance(3000);
    expect(queue.state().unsaved).toBe(1);
    disk.recover();
    free = 5_000_000; // the user deleted old runs elsewhere
    await c.advance(1000);
    expect(queue.state().unsaved).toBe(0);
    expect(await storage.getRun('e')).toBeDefined();
    await storage.close();
  });

  it('backoff doubles from 2 s and is capped at a minute', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 50].map((a) => saveRetryDelayMs(a))).toEqual([2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  });
});
