import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseRunsJsonl, runsToJsonl, type RunRecord } from '../../src/core/stored-runs';
import { createStorage, ImportError, StorageFullError, type RunStorage } from '../../src/storage';
import { makeRun } from '../core/stored-runs/make-run';

let seq = 0;
const open: RunStorage[] = [];
function fresh(): RunStorage {
  const s = createStorage({ dbName: `import-${++seq}` });
  open.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

const good = (n: number) => Array.from({ length: n }, (_, i) => makeRun({ id: `good-${i}`, startedAt: 1_700_000_000_000 + i }));


describe('an import is one transaction: all or nothing, with the real reason', () => {
  it('100 good records and one that cannot be stored: nothing is stored, and the error names the record and the cause, not the quota', async () => {
    const s = fresh();
    await s.saveRun(makeRun({ id: 'already-here' }));
    const bad = { ...makeRun({ id: 'bad-one' }), extra: () => 'not cloneable' } as unknown as RunRecord;
    const err = await s.importRuns([...good(100), bad]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(err).not.toBeInstanceOf(StorageFullError);
    expect((err as Error).message).toMatch(/^Nothing was imported: record 101 \(id "bad-one"\) could not be stored \(DataCloneError/);
    expect((err as Error).message).not.toMatch(/quota/i);
    expect((await s.listRuns()).map((r) => r.id)).toEqual(['already-here']);
  });

  it('a deeply nested record is refused by the checks with a line number, and the 100 good ones are imported', async () => {
    const deep = JSON.stringify(makeRun({ id: 'deep' })).replace(/}$/, `,"extra":${'{"v":'.repeat(5000)}"bottom"${'}'.repeat(5000)}}`);
    const lines = runsToJsonl(good(100)) + deep + '\n';
    const parsed = parseRunsJsonl(lines);
    expect(parsed.runs).toHaveLength(100);
    expect(parsed.errors).toEqual([{ line: 101, message: 'the record is nested more than 32 levels deep' }]);
    const s = fresh();
    expect(await s.importRuns(parsed.runs)).toMatchObject({ added: 100, replaced: 0 });
    expect(await s.listRuns()).toHaveLength(100);
  });

  it('a quota refusal still reports the quota, and also stores nothing', async () => {
    const s = fresh();
    let calls = 0;
    const realPut = IDBObjectStore.prototype.put;
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (++calls === 50) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return realPut.apply(this, args);
    });
    const err = await s.importRuns(good(100)).catch((e: unknown) => e);
    put.mockRestore();
    expect(err).toBeInstanceOf(StorageFullError);
    expect((err as StorageFullError).quota).toBe(true);
    expect(await s.listRuns()).toEqual([]);
  });
});

describe('collisions with stored runs', () => {
  async function seeded() {
    const s = fresh();
    await s.saveRun(makeRun({ id: 'a', answer: 'stored answer' }));
    await s.saveRun(makeRun({ id: 'b', answer: 'other stored answer' }));
    await s.putCacheEntry({ embeddingModel: 'lex', vector: Float32Array.from([1, 0]), prompt: 'What is 17 × 24?', runId: 'a' });
    await s.putCacheEntry({ embeddingModel: 'lex', vector: Float32Array.from([0, 1]), prompt: 'other', runId: 'b' });
    return s;
  }
  const incoming = () => [makeRun({ id: 'a', answer: 'IMPORTED answer' }), makeRun({ id: 'new', answer: 'new' })];

  it('existingIds tells which ids are stored', async () => {
    const s = await seeded();
    expect([...(await s.existingIds(['a', 'new', 'b']))].sort()).toEqual(['a', 'b']);
  });

  it('replace: the stored run is replaced and its cache entries are dropped in the same transaction', async () => {
    const s = await seeded();
    const r = await s.importRuns(incoming(), { collisions: 'replace' });
    expect(r).toEqual({ added: 1, replaced: 1, kept: 0, skipped: 0, droppedCacheKeys: ['lex::a'] });
    expect((await s.getRun('a'))?.answer).toBe('IMPORTED answer');
    expect((await s.loadCacheEntries('lex')).map((e) => e.runId)).toEqual(['b']);
  });

  it('keep both: the imported copy gets a new id; the stored run and its cache entry stay', async () => {
    const s = await seeded();
    const r = await s.importRuns(incoming(), { collisions: 'keep-both' });
    expect(r).toMatchObject({ added: 1, replaced: 0, kept: 1, skipped: 0, droppedCacheKeys: [] });
    expect((await s.getRun('a'))?.answer).toBe('stored answer');
    expect((await s.getRun('a-copy'))?.answer).toBe('IMPORTED answer');
    expect((await s.loadCacheEntries('lex')).map((e) => e.runId).sort()).toEqual(['a', 'b']);
    // Importing the same file again keeps a third copy.
    await s.importRuns(incoming().slice(0, 1), { collisions: 'keep-both' });
    expect(await s.getRun('a-copy-2')).toBeDefined();
  });

  it('skip: stored runs are left as they are, new ones are added', async () => {
    const s = await seeded();
    const r = await s.importRuns(incoming(), { collisions: 'skip' });
    expect(r).toMatchObject({ added: 1, replaced: 0, kept: 0, skipped: 1 });
    expect((await s.getRun('a'))?.answer).toBe('stored answer');
    expect(await s.getRun('new')).toBeDefined();
  });
});
