import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createRunLocks, HEARTBEAT_STALE_MS } from '../../src/lib/run-locks';
import { createStorage } from '../../src/storage';
import { makeRun } from '../core/stored-runs/make-run';

/** A LockManager shared by several "tabs": exclusive locks granted in request order. */
function fakeLockManager() {
  const held = new Map<string, { client: string }>();
  const queue: { name: string; client: string; grant: () => void }[] = [];
  const grantNext = (name: string) => {
    const i = queue.findIndex((q) => q.name === name);
    if (i >= 0 && !held.has(name)) queue.splice(i, 1)[0].grant();
  };
  const forClient = (client: string) => ({
    request(name: string, _options: { mode: 'exclusive' }, callback: () => Promise<void>) {
      return new Promise((resolve, reject) => {
        const grant = () => {
          held.set(name, { client });
          Promise.resolve(callback())
            .then(resolve, reject)
            .finally(() => {
              held.delete(name);
              grantNext(name);
            });
        };
        queue.push({ name, client, grant });
        grantNext(name);
      });
    },
    async query() {
      return { held: [...held].map(([name, l]) => ({ name, mode: 'exclusive' as const, clientId: l.client })), pending: [] };
    },
  });
  /** A tab closing or reloading: the browser releases its locks. */
  const closeTab = (client: string) => {
    for (const [name, l] of [...held]) if (l.client === client) {
      held.delete(name);
      grantNext(name);
    }
  };
  return { forClient, closeTab };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('run locks (Web Locks)', () => {
  it('a run held by another tab reads as held; released or its tab gone, it reads as free', async () => {
    const manager = fakeLockManager();
    const tabA = createRunLocks({ locks: manager.forClient('A') });
    const tabB = createRunLocks({ locks: manager.forClient('B') });
    expect(tabA.kind).toBe('web-locks');
    const release = tabA.hold('r1');
    tabA.hold('r2');
    await tick();
    expect([...(await tabB.held(['r1', 'r2', 'r3']))].sort()).toEqual(['r1', 'r2']);
    release();
    await tick();
    expect([...(await tabB.held(['r1', 'r2']))]).toEqual(['r2']);
    manager.closeTab('A');
    expect([...(await tabB.held(['r1', 'r2']))]).toEqual([]);
  });

  it('start-up in one tab leaves the other tab live run running and marks only orphans interrupted', async () => {
    const manager = fakeLockManager();
    const storage = createStorage({ dbName: 'locks-two-tabs' });
    await storage.saveRun(makeRun({ id: 'live-in-A', status: 'running' }));
    await storage.saveRun(makeRun({ id: 'orphan', status: 'running' }));
    await storage.saveRun(makeRun({ id: 'finished', status: 'done' }));
    const tabA = createRunLocks({ locks: manager.forClient('A') });
    tabA.hold('live-in-A');
    await tick();
    // Tab B reloads: its start-up sweep.
    const tabB = createRunLocks({ locks: manager.forClient('B') });
    expect(await storage.markInterruptedRuns((ids) => tabB.held(ids))).toEqual(['orphan']);
    expect((await storage.getRun('live-in-A'))?.status).toBe('running');
    expect((await storage.getRun('orphan'))?.status).toBe('interrupted');
    expect((await storage.getRun('finished'))?.status).toBe('done');
    // Tab A closes mid-run: the next start-up marks its run interrupted.
    manager.closeTab('A');
    expect(await storage.markInterruptedRuns((ids) => tabB.held(ids))).toEqual(['live-in-A']);
    expect((await storage.getRun('live-in-A'))?.status).toBe('interrupted');
    await storage.close();
  });
});

describe('run locks fallback (no navigator.locks): heartbeats in localStorage', () => {
  function memoryStorage() {
    const m = new Map<string, string>();
    return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
  }

  it('a fresh heartbeat is held, a stale one or a released run is free, a hidden page releases its runs', () => {
    const storage = memoryStorage();
    let t = 1_000_000;
    const timers: (() => void)[] = [];
    let hide: () => void = () => {};
    const tabA = createRunLocks({
      locks: null,
      storage,
      now: () => t,
      setInterval: (fn) => timers.push(fn),
      clearInterval: () => {},
      onPageHide: (fn) => (hide = fn),
    });
    const tabB = createRunLocks({ locks: null, storage, now: () => t, setInterval: () => 0, clearInterval: () => {}, onPageHide: () => {} });
    expect(tabA.kind).toBe('heartbeat');
    const releaseR1 = tabA.hold('r1');
    tabA.hold('r2');
    return (async () => {
      expect([...(await tabB.held(['r1', 'r2', 'x']))].sort()).toEqual(['r1', 'r2']);
      // Time passes; the heartbeat timers keep them fresh.
      t += HEARTBEAT_STALE_MS - 1;
      for (const beat of timers) beat();
      t += HEARTBEAT_STALE_MS - 1;
      expect([...(await tabB.held(['r1', 'r2']))].sort()).toEqual(['r1', 'r2']);
      releaseR1();
      expect([...(await tabB.held(['r1', 'r2']))]).toEqual(['r2']);
      // No beat for the staleness window (the tab crashed): free.
      t += HEARTBEAT_STALE_MS;
      expect([...(await tabB.held(['r2']))]).toEqual([]);
      // A page going away (reload) removes its heartbeats at once.
      tabA.hold('r3');
      expect([...(await tabB.held(['r3']))]).toEqual(['r3']);
      hide();
      expect([...(await tabB.held(['r3']))]).toEqual([]);
    })();
  });
});
