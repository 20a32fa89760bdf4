import { cacheKey } from '../core/cache/keys';
import type { RunRecord } from '../core/stored-runs/types';
import { openViewerDb, DB_NAME, type CacheEntry, type Db } from './db';
import { isQuotaError, StorageFullError } from './errors';
import { announceRunsChange, type RunsChange } from './changes';

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
/** Runs read per IndexedDB request when listing. */
const LIST_SLICE = 1000;

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
  /** The given ids that are stored already. */
  existingIds(ids: readonly string[]): Promise<Set<string>>;
  /**
   * Puts all records in one transaction, all or nothing: any failure aborts it and rejects with
   * the real reason (StorageFullError for a quota, ImportError naming the record otherwise).
   * A record whose id is stored already is replaced (and the cache entries of the run it
   * replaces are dropped, so the similarity cache cannot replay the imported answer as that
   * run's), kept beside it under a new id, or skipped. Within the file, a later record with the
   * same id wins.
   */
  importRuns(records: readonly RunRecord[], options?: ImportOptions): Promise<ImportResult>;
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

export type CollisionChoice = 'replace' | 'keep-both' | 'skip';
export type ImportOptions = { collisions?: CollisionChoice };
export type ImportResult = {
  added: number;
  replaced: number;
  /** Colliding records stored beside the existing run under a new id. */
  kept: number;
  skipped: number;
  /** Similarity-cache keys of replaced runs, removed in the same transaction. */
  droppedCacheKeys: string[];
};

/** An import refused for a reason other than the quota; nothing of it was stored. */
export class ImportError extends Error {
  override readonly name = 'ImportError';
  override readonly cause: unknown;
  constructor(message: string, cause: unknown) {
    super(message);
    this.cause = cause;
  }
}

const errorText = (e: unknown) => (e instanceof Error || (typeof e === 'object' && e !== null && 'message' in e) ? `${(e as Error).name}: ${(e as Error).message}` : String(e));

/** Request errors are reported once, by the transaction. */
const swallow = () => {};

/** A fresh id for an imported copy that collides: `<id>-copy`, `<id>-copy-2`, … */
function copyId(id: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${id}-copy` : `${id}-copy-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export function createStorage(options: StorageOptions = {}): RunStorage {
  const maxEntries = options.cacheMaxEntries ?? DEFAULT_CACHE_MAX_ENTRIES;
  const now = options.now ?? (() => Date.now());
  // Custom openers (tests) name no database; they announce under a name of their own.
  const announce = (change: RunsChange) => announceRunsChange(options.open ? `${options.dbName ?? DB_NAME}#custom` : (options.dbName ?? DB_NAME), change);
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
            announce({ kind: 'saved', ids: [r.id], records: [r] });
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
      // Read in slices: IndexedDB hands values over on the page's thread, and one getAll of
      // 100,000 runs is a multi-second task; slices leave room to render between them.
      const d = await db();
      const runs: RunRecord[] = [];
      let after: string | undefined;
      for (;;) {
        const slice = await d.getAll('runs', after === undefined ? undefined : IDBKeyRange.lowerBound(after, true), LIST_SLICE);
        for (const r of slice) runs.push(r);
        if (slice.length < LIST_SLICE) break;
        after = slice[slice.length - 1].id;
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      return runs.sort((a, b) => b.startedAt - a.startedAt);
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
      if (deleted) announce({ kind: 'deleted', ids: [...ids] });
      return { deleted, cacheKeys };
    },

    async existingIds(ids) {
      const stored = new Set(await (await db()).getAllKeys('runs'));
      return new Set(ids.filter((id) => stored.has(id)));
    },

    async importRuns(records, importOptions = {}) {
      const choice = importOptions.collisions ?? 'replace';
      const d = await db();
      const tx = d.transaction(['runs', 'cache'], 'readwrite');
      const runs = tx.objectStore('runs');
      const byRun = tx.objectStore('cache').index('runId');
      // A failed request must not surface as an unhandled rejection; tx.done reports it.
      tx.done.catch(() => {});
      const result: ImportResult = { added: 0, replaced: 0, kept: 0, skipped: 0, droppedCacheKeys: [] };
      let at = -1;
      try {
        const stored = new Set(await runs.getAllKeys());
        const taken = new Set(stored);
        const inFile = new Set<string>();
        const requests: Promise<unknown>[] = [];
        for (at = 0; at < records.length; at++) {
          let record = records[at];
          if (stored.has(record.id) && !inFile.has(record.id)) {
            if (choice === 'skip') {
              result.skipped++;
              continue;
            }
            if (choice === 'keep-both') {
              record = { ...record, id: copyId(record.id, taken) };
              result.kept++;
            } else {
              result.replaced++;
              const keys = await byRun.getAllKeys(record.id);
              for (const key of keys) requests.push(tx.objectStore('cache').delete(key).catch(swallow));
              result.droppedCacheKeys.push(...keys);
            }
          } else if (!inFile.has(record.id)) result.added++;
          inFile.add(record.id);
          taken.add(record.id);
          // put() throws at once when the value cannot be cloned (too deep, a function…).
          requests.push(runs.put(record).catch(swallow));
        }
        at = -1;
        await Promise.all(requests);
        // A failed request aborts the transaction; tx.done rejects with its error.
        await tx.done;
        if (result.added + result.replaced + result.kept) announce({ kind: 'many' });
        return result;
      } catch (e) {
        try {
          tx.abort();
        } catch {
          /* already aborted by the failed request */
        }
        if (isQuotaError(e) || e instanceof StorageFullError) throw e instanceof StorageFullError ? e : new StorageFullError(e);
        const which = at >= 0 ? `record ${at + 1} (id ${JSON.stringify(records[at].id.slice(0, 80))})` : 'the import';
        throw new ImportError(`Nothing was imported: ${which} could not be stored (${errorText(e)}). The ${records.length} records were rolled back together.`, e);
      }
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
        if (ids.length) announce({ kind: 'many' });
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
