import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { deleteRuns, getRun, importRuns, listRuns, loadCacheEntries, markInterruptedRuns, putCacheEntry, saveRun, touchCacheEntry, clearCache } from '../../src/storage';
import { openViewerDb, DB_NAME } from '../../src/storage/db';
import { makeRun } from '../core/stored-runs/make-run';

describe('module-level storage functions (shared connection to reasoning-viewer)', () => {
  it('creates the schema with the documented stores and indexes', async () => {
    const db = await openViewerDb(DB_NAME);
    expect([...db.objectStoreNames].sort()).toEqual(['cache', 'runs']);
    const tx = db.transaction(['runs', 'cache']);
    expect([...tx.objectStore('runs').indexNames].sort()).toEqual(['batchId', 'model', 'provider', 'startedAt', 'status']);
    expect(tx.objectStore('runs').keyPath).toBe('id');
    expect(tx.objectStore('cache').keyPath).toBe('key');
    expect([...tx.objectStore('cache').indexNames].sort()).toEqual(['embeddingModel', 'modelLastUsed', 'runId']);
    db.close();
  });

  it('round-trips a run and a cache entry', async () => {
    await saveRun(makeRun({ id: 'm1', status: 'running' }));
    await importRuns([makeRun({ id: 'm2' })]);
    expect(await markInterruptedRuns()).toEqual(['m1']);
    expect((await getRun('m1'))?.status).toBe('interrupted');
    expect((await listRuns()).length).toBe(2);
    const { key } = await putCacheEntry({ embeddingModel: 'lex', vector: Float32Array.from([1, 0]), prompt: 'p', runId: 'm2' });
    expect(await touchCacheEntry(key, 5)).toBe(true);
    expect((await loadCacheEntries('lex'))[0].lastUsedAt).toBe(5);
    expect(await deleteRuns(['m2'])).toEqual({ deleted: 1, cacheKeys: ['lex::m2'] });
    await clearCache();
    expect(await loadCacheEntries('lex')).toEqual([]);
  });
});
