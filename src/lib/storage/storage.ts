import { cacheKey } from '../../core/cache/keys';
import type { RunRecord } from '../../core/runs/types';
import { openViewerDb, DB_NAME, type CacheEntry, type Db } from './db';
import { StorageFullError } from './errors';

export type StorageOptions = {
  /** Database name (tests use a fresh one each). */
  dbName?: string;
  /** Opens the database; inject to wrap or fake it. Default: `openViewerDb(dbName)`. */
  open?: () => Promise<Db>;
  /** Most cache entries kept per embedding model; older (least recently used) are evicted on write. */
  cacheMaxEntries?: number;
  /** Clock for cache timestamps (epoch ms). */
  now?: () => number;
};

export const DEFAULT_CACHE_MAX_ENTRIES = 5000;

export type NewCacheEntry = Omit<CacheEntry, 'key' | 'lastUsedAt' | 'createdAt'> & {
  /** Defaults to `runId`; the stored key is `${embeddingModel}::${id}`. */
  id?: string;
  lastUsedAt?: number;
  createdAt?: number;
};

export interface RunStorage {
  /**
   * Stores (or replaces) a run. Cheap to call on every step: one `put`, no reads, and calls for
   * the same id while a write is in flight collapse into one write of the latest record.
   * Throws StorageFullError when the browser refuses the write.
   */
  saveRun(record: RunRecord): Promise<void>;
  getRun(id: string): Promise<RunRecord | undefined>;
  /** All runs, newest first (by startedAt). */
  listRuns(): Promise<RunRecord[]>;
  /** Deletes the runs and their cache entries; returns the removed cache keys. */
  deleteRuns(ids: readonly string[]): Promise<{ deleted: number; cacheKeys: string[] }>;
  /** Puts all records in one transaction (same id: replaced). */
  importRuns(records: readonly RunRecord[]): Promise<{ added: number; replaced: number }>;
  /**
   * Startup: runs left 'running' by a closed or reloaded tab become 'interrupted'. A run some
   * tab still holds (`held` returns it: that tab is streaming it) stays running. Returns the ids
   * marked.
   */
  markInterruptedRuns(held?: (runningIds: string[]) => Promise<ReadonlySet<string>>): Promise<string[]>;

  /** Stores a cache entry, then evicts the model's least recently used beyond the cap; returns the evicted keys. */
  putCacheEntry(entry: NewCacheEntry): Promise<{ key: string; evicted: string[] }>;
  loadCacheEntries(embeddingModel: string): Promise<CacheEntry[]>;
  /** Marks an entry used now (LRU); false when it is gone. */
  touchCacheEntry(key: string, at?: number): Promise<boolean>;
  /** Removes one model's entries, or all. */
  clearCache(embeddingModel?: string): Promise<void>;

  close(): Promise<void>;
}

export function createStorage(options: StorageOptions = {}): RunStorage {
  const maxEntries = options.cacheMaxEntries ?? DEFAULT_CACHE_MAX_ENTRIES;
  const now = options.now ?? (() => Date.now());
  let dbPromise: Promise<Db> | null = null;
  const db = (): Promise<Db> => {
    if (!dbPromise) {
      const opening = options.open ? options.open() : openViewerDb(options.dbName ?? DB_NAME, () => (dbPromise = null));
      dbPromise = opening;
      // A failed open is not cached: the next call tries again.
      opening.catch(() => {
        if (dbPromise === opening) dbPromise = null;
      });
    }
    return dbPromise;
  };

  /** Runs a write; any failure becomes StorageFullError (quota or refusal). */
  async function write<T>(fn: (d: Db) => Promise<T>): Promise<T> {
    const d = await db();
    try {
      return await fn(d);
    } catch (e) {
      if (e instanceof StorageFullError) throw e;
      throw new StorageFullError(e);
    }
  }

  // Coalesced run writes: while one put of a run is in flight, later saves of the same id only
  // replace `latest`; the loop writes it next. Every caller's promise settles once its record
  // (or a newer one) is stored.
  const inflight = new Map<string, { latest: RunRecord | null; done: Promise<void> }>();

  const putRun = (record: RunRecord) =>
    write(async (d) => {
      const tx = d.transaction('runs', 'readwrite');
      // Errors surface through tx.done (quota errors abort the transaction at commit).
      tx.store.put(record).catch(() => {});
      await tx.done;
    });

  return {
    saveRun(record) {
      const slot = inflight.get(record.id);
      if (slot) {
        slot.latest = record;
        return slot.done;
      }
      const s: { latest: RunRecord | null; done: Promise<void> } = { latest: record, done: Promise.resolve() };
      inflight.set(record.id, s);
      s.done = (async () => {
        try {
          while (s.latest) {
            const r = s.latest;
            s.latest = null;
            await putRun(r);
          }
        } finally {
          inflight.delete(record.id);
        }
      })();
      return s.done;
    },

    async getRun(id) {
      return (await db()).get('runs', id);
    },

    async listRuns() {
      const runs = await (await db()).getAllFromIndex('runs', 'startedAt');
      return runs.reverse();
    },

    async deleteRuns(ids) {
      const d = await db();
      const tx = d.transaction(['runs', 'cache'], 'readwrite');
      const runs = tx.objectStore('runs');
      const byRun = tx.objectStore('cache').index('runId');
      let deleted = 0;
      const cacheKeys: string[] = [];
      for (const id of ids) {
        if ((await runs.count(id)) > 0) {
          deleted++;
          await runs.delete(id);
        }
        for (let c = await byRun.openKeyCursor(id); c; c = await c.continue()) cacheKeys.push(c.primaryKey);
      }
      const cache = tx.objectStore('cache');
      for (const key of cacheKeys) await cache.delete(key);
      await tx.done;
      return { deleted, cacheKeys };
    },

    importRuns(records) {
      return write(async (d) => {
        const tx = d.transaction('runs', 'readwrite');
        const existing = new Set(await tx.store.getAllKeys());
        let added = 0;
        let replaced = 0;
        for (const r of records) {
          if (existing.has(r.id)) replaced++;
          else {
            added++;
            existing.add(r.id);
          }
          tx.store.put(r).catch(() => {});
        }
        await tx.done;
        return { added, replaced };
      });
    },

    async markInterruptedRuns(held) {
      const running = await (await db()).getAllKeysFromIndex('runs', 'status', 'running');
      if (!running.length) return [];
      // Asked outside the transaction (it would commit while we wait); the write re-checks the status.
      const busy = held ? await held(running) : new Set<string>();
      const orphans = running.filter((id) => !busy.has(id));
      if (!orphans.length) return [];
      return write(async (d) => {
        const tx = d.transaction('runs', 'readwrite');
        const ids: string[] = [];
        for (const id of orphans) {
          const value = await tx.store.get(id);
          if (value?.status !== 'running') continue;
          ids.push(id);
          await tx.store.put({ ...value, status: 'interrupted' });
        }
        await tx.done;
        return ids;
      });
    },

    putCacheEntry(input) {
      const t = now();
      const { id, ...rest } = input;
      const entry: CacheEntry = {
        ...rest,
        key: cacheKey(input.embeddingModel, id ?? input.runId),
        lastUsedAt: input.lastUsedAt ?? t,
        createdAt: input.createdAt ?? t,
      };
      return write(async (d) => {
        const tx = d.transaction('cache', 'readwrite');
        await tx.store.put(entry);
        const model = entry.embeddingModel;
        const index = tx.store.index('modelLastUsed');
        const range = IDBKeyRange.bound([model, -Infinity], [model, Infinity]);
        let excess = (await index.count(range)) - maxEntries;
        const evicted: string[] = [];
        for (let c = excess > 0 ? await index.openCursor(range) : null; c && excess > 0; c = await c.continue()) {
          if (c.primaryKey === entry.key) continue;
          evicted.push(c.primaryKey);
          await c.delete();
          excess--;
        }
        await tx.done;
        return { key: entry.key, evicted };
      });
    },

    async loadCacheEntries(embeddingModel) {
      return (await db()).getAllFromIndex('cache', 'embeddingModel', embeddingModel);
    },

    touchCacheEntry(key, at) {
      return write(async (d) => {
        const tx = d.transaction('cache', 'readwrite');
        const entry = await tx.store.get(key);
        if (entry) await tx.store.put({ ...entry, lastUsedAt: at ?? now() });
        await tx.done;
        return entry !== undefined;
      });
    },

    async clearCache(embeddingModel) {
      const d = await db();
      const tx = d.transaction('cache', 'readwrite');
      if (embeddingModel === undefined) await tx.store.clear();
      else for (let c = await tx.store.index('embeddingModel').openKeyCursor(embeddingModel); c; c = await c.continue()) await tx.store.delete(c.primaryKey);
      await tx.done;
    },

    async close() {
      const p = dbPromise;
      dbPromise = null;
      if (p) (await p).close();
    },
  };
}
