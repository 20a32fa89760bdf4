import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStorage, StorageFullError, isQuotaError, type RunStorage } from '../../src/storage';
import { makeRun } from '../core/stored-runs/make-run';

let seq = 0;
const open: RunStorage[] = [];
function fresh(opts: Parameters<typeof createStorage>[0] = {}): RunStorage {
  const s = createStorage({ dbName: `test-${++seq}`, ...opts });
  open.push(s);
  return s;
}
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(open.splice(0).map((s) => s.close()));
});

const vec = (...xs: number[]) => Float32Array.from(xs);

describe('runs', () => {
  it('saves, gets, lists newest first, replaces by id', async () => {
    const s = fresh();
    await s.saveRun(makeRun({ id: 'a', startedAt: 1 }));
    await s.saveRun(makeRun({ id: 'b', startedAt: 3 }));
    await s.saveRun(makeRun({ id: 'c', startedAt: 2 }));
    await s.saveRun(makeRun({ id: 'a', startedAt: 1, answer: 'updated' }));
    expect((await s.getRun('a'))?.answer).toBe('updated');
    expect(await s.getRun('zzz')).toBeUndefined();
    expect((await s.listRuns()).map((r) => r.id)).toEqual(['b', 'c', 'a']);
  });

  it('coalesces rapid saves of one run: every promise resolves and the last record wins', async () => {
    const s = fresh();
    const saves = Array.from({ length: 50 }, (_, i) => s.saveRun(makeRun({ id: 'live', answer: `v${i}`, steps: [] })));
    await Promise.all(saves);
    expect((await s.getRun('live'))?.answer).toBe('v49');
    await s.saveRun(makeRun({ id: 'live', answer: 'after' }));
    expect((await s.getRun('live'))?.answer).toBe('after');
  });

  it('markInterruptedRuns turns running into interrupted and leaves the rest', async () => {
    const s = fresh();
    await s.importRuns([
      makeRun({ id: 'r1', status: 'running' }),
      makeRun({ id: 'r2', status: 'done' }),
      makeRun({ id: 'r3', status: 'running', batchId: 'b' }),
      makeRun({ id: 'r4', status: 'error' }),
    ]);
    expect((await s.markInterruptedRuns()).sort()).toEqual(['r1', 'r3']);
    const byId = Object.fromEntries((await s.listRuns()).map((r) => [r.id, r.status]));
    expect(byId).toEqual({ r1: 'interrupted', r2: 'done', r3: 'interrupted', r4: 'error' });
    expect((await s.getRun('r3'))?.batchId).toBe('b');
    expect(await s.markInterruptedRuns()).toEqual([]);
  });

  it('importRuns counts added and replaced; deleteRuns removes runs and their cache entries', async () => {
    const s = fresh();
    expect(await s.importRuns([makeRun({ id: 'a' }), makeRun({ id: 'b' })])).toEqual({ added: 2, replaced: 0, kept: 0, skipped: 0, droppedCacheKeys: [] });
    expect(await s.importRuns([makeRun({ id: 'b' }), makeRun({ id: 'c' }), makeRun({ id: 'c' })])).toMatchObject({ added: 1, replaced: 1 });
    await s.putCacheEntry({ embeddingModel: 'lex', vector: vec(1, 0), prompt: 'p', runId: 'b' });
    await s.putCacheEntry({ embeddingModel: 'nomic', vector: vec(0, 1, 0), prompt: 'p', runId: 'b' });
    await s.putCacheEntry({ embeddingModel: 'lex', vector: vec(0, 1), prompt: 'q', runId: 'c' });
    const res = await s.deleteRuns(['b', 'nope']);
    expect(res.deleted).toBe(1);
    expect(res.cacheKeys.sort()).toEqual(['lex::b', 'nomic::b']);
    expect((await s.listRuns()).map((r) => r.id).sort()).toEqual(['a', 'c']);
    expect((await s.loadCacheEntries('lex')).map((e) => e.key)).toEqual(['lex::c']);
    expect(await s.loadCacheEntries('nomic')).toEqual([]);
  });

  it('survives reopening (a new storage on the same database)', async () => {
    const name = `test-${++seq}`;
    const a = createStorage({ dbName: name });
    await a.saveRun(makeRun({ id: 'persist', status: 'running' }));
    await a.close();
    const b = createStorage({ dbName: name });
    open.push(b);
    expect(await b.markInterruptedRuns()).toEqual(['persist']);
    expect((await b.getRun('persist'))?.status).toBe('interrupted');
  });
});

describe('quota and write failures', () => {
  const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  it('a put refused for quota becomes StorageFullError with the user-facing message', async () => {
    const s = fresh();
    await s.saveRun(makeRun({ id: 'kept' }));
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw quota();
    });
    const err = await s.saveRun(makeRun({ id: 'big' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageFullError);
    expect((err as StorageFullError).quota).toBe(true);
    expect((err as Error).message).toBe('The browser refused to store more (quota). Export your runs, then delete old ones.');
    expect((err as StorageFullError).cause).toBeInstanceOf(DOMException);
    await expect(s.importRuns([makeRun({ id: 'x' })])).rejects.toBeInstanceOf(StorageFullError);
    await expect(s.putCacheEntry({ embeddingModel: 'lex', vector: vec(1), prompt: 'p', runId: 'kept' })).rejects.toBeInstanceOf(StorageFullError);
    vi.restoreAllMocks();
    // Nothing half-written; reads and later writes work again.
    expect(await s.getRun('big')).toBeUndefined();
    expect((await s.listRuns()).map((r) => r.id)).toEqual(['kept']);
    await s.saveRun(makeRun({ id: 'big' }));
    expect(await s.getRun('big')).toBeDefined();
  });

  it('a transaction aborted at commit (how browsers report quota) also becomes StorageFullError', async () => {
    const s = fresh();
    const realPut = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const req = realPut.apply(this, args);
      const tx = this.transaction;
      req.addEventListener('success', () => tx.abort());
      return req;
    });
    const err = await s.saveRun(makeRun({ id: 'r' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageFullError);
    expect((err as StorageFullError).quota).toBe(false);
    expect((err as Error).message).toMatch(/^The browser refused to store more \(AbortError.*\)\. Export your runs, then delete old ones\.$/);
    vi.restoreAllMocks();
    expect(await s.getRun('r')).toBeUndefined();
  });

  it('a failing coalesced save rejects every waiting caller', async () => {
    const s = fresh();
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw quota();
    });
    const results = await Promise.allSettled([s.saveRun(makeRun({ id: 'x' })), s.saveRun(makeRun({ id: 'x' })), s.saveRun(makeRun({ id: 'x' }))]);
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof StorageFullError)).toBe(true);
  });

  it('recognizes quota errors across browsers', () => {
    expect(isQuotaError(quota())).toBe(true);
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaError({ name: 'Error', code: 22 })).toBe(true);
    expect(isQuotaError(new DOMException('x', 'DataError'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});

describe('similarity cache entries', () => {
  it('puts, loads per model, keeps the Float32Array', async () => {
    const s = fresh({ now: () => 1000 });
    const r = await s.putCacheEntry({ embeddingModel: 'lex', vector: vec(0.6, 0.8), prompt: 'What is 2+2?', runId: 'run-1' });
    expect(r).toEqual({ key: 'lex::run-1', evicted: [] });
    await s.putCacheEntry({ embeddingModel: 'nomic', id: 'custom', vector: vec(1, 0, 0), prompt: 'p', runId: 'run-1' });
    const lex = await s.loadCacheEntries('lex');
    expect(lex).toHaveLength(1);
    expect(lex[0]).toMatchObject({ key: 'lex::run-1', embeddingModel: 'lex', prompt: 'What is 2+2?', runId: 'run-1', lastUsedAt: 1000, createdAt: 1000 });
    expect(lex[0].vector).toBeInstanceOf(Float32Array);
    expect(Array.from(lex[0].vector)).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    expect((await s.loadCacheEntries('nomic'))[0].key).toBe('nomic::custom');
  });

  it('evicts the least recently used beyond the cap, per model; touch refreshes', async () => {
    let t = 0;
    const s = fresh({ cacheMaxEntries: 3, now: () => ++t });
    for (const id of ['a', 'b', 'c']) await s.putCacheEntry({ embeddingModel: 'lex', vector: vec(1), prompt: id, runId: id });
    await s.putCacheEntry({ embeddingModel: 'other', vector: vec(1), prompt: 'o', runId: 'o' });
    expect(await s.touchCacheEntry('lex::a')).toBe(true); // a is now the newest
    expect(await s.touchCacheEntry('lex::missing')).toBe(false);
    const r = await s.putCacheEntry({ embeddingModel: 'lex', vector: vec(1), prompt: 'd', runId: 'd' });
    expect(r.evicted).toEqual(['lex::b']);
    const r2 = await s.putCacheEntry({ embeddingModel: 'lex', vector: vec(1), prompt: 'e', runId: 'e' });
    expect(r2.evicted).toEqual(['lex::c']);
    expect((await s.loadCacheEntries('lex')).map((e) => e.key).sort()).toEqual(['lex::a', 'lex::d', 'lex::e']);
    expect(await s.loadCacheEntries('other')).toHaveLength(1);
  });

  it('clearCache by model or all', async () => {
    const s = fresh();
    await s.putCacheEntry({ embeddingModel: 'lex', vector: vec(1), prompt: 'a', runId: 'a' });
    await s.putCacheEntry({ embeddingModel: 'nomic', vector: vec(1), prompt: 'a', runId: 'a' });
    await s.clearCache('lex');
    expect(await s.loadCacheEntries('lex')).toEqual([]);
    expect(await s.loadCacheEntries('nomic')).toHaveLength(1);
    await s.clearCache();
    expect(await s.loadCacheEntries('nomic')).toEqual([]);
  });
});

describe('markInterruptedRuns with a holder check', () => {
  it('marks only the running runs no tab holds, and asks about running ones only', async () => {
    const s = fresh();
    await s.saveRun(makeRun({ id: 'a', status: 'running' }));
    await s.saveRun(makeRun({ id: 'b', status: 'running' }));
    await s.saveRun(makeRun({ id: 'c', status: 'done' }));
    const asked: string[][] = [];
    const marked = await s.markInterruptedRuns(async (ids) => {
      asked.push([...ids].sort());
      return new Set(['b']);
    });
    expect(asked).toEqual([['a', 'b']]);
    expect(marked).toEqual(['a']);
    expect((await s.getRun('b'))?.status).toBe('running');
    expect((await s.getRun('a'))?.status).toBe('interrupted');
  });

  it('a run that finished while the holders were asked is left as it is', async () => {
    const s = fresh();
    await s.saveRun(makeRun({ id: 'a', status: 'running' }));
    const marked = await s.markInterruptedRuns(async () => {
      await s.saveRun(makeRun({ id: 'a', status: 'done', answer: 'final' }));
      return new Set();
    });
    expect(marked).toEqual([]);
    expect(await s.getRun('a')).toMatchObject({ status: 'done', answer: 'final' });
  });
});
