import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { RunRecord } from '../core/stored-runs/types';

export const DB_NAME = 'reasoning-viewer';
export const DB_VERSION = 1;

/** One persisted similarity-cache entry (key: `${embeddingModel}::${id}`, see core/cache/keys). */
export type CacheEntry = {
  key: string;
  embeddingModel: string;
  vector: Float32Array;
  prompt: string;
  runId: string;
  /** Epoch ms. */
  lastUsedAt: number;
  /** Epoch ms. */
  createdAt: number;
};

export interface ViewerDB extends DBSchema {
  runs: {
    key: string;
    value: RunRecord;
    indexes: { startedAt: number; status: string; provider: string; model: string; batchId: string };
  };
  cache: {
    key: string;
    value: CacheEntry;
    indexes: { embeddingModel: string; modelLastUsed: [string, number]; runId: string };
  };
}

export type Db = IDBPDatabase<ViewerDB>;

/**
 * Opens (and creates or upgrades) the database. Another tab asking for a newer version makes
 * this connection close itself, and `onGone` lets the caller reopen lazily.
 */
export function openViewerDb(name: string = DB_NAME, onGone?: () => void): Promise<Db> {
  return openDB<ViewerDB>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const runs = db.createObjectStore('runs', { keyPath: 'id' });
        runs.createIndex('startedAt', 'startedAt');
        runs.createIndex('status', 'status');
        runs.createIndex('provider', 'provider');
        runs.createIndex('model', 'model');
        runs.createIndex('batchId', 'batchId');
        const cache = db.createObjectStore('cache', { keyPath: 'key' });
        cache.createIndex('embeddingModel', 'embeddingModel');
        cache.createIndex('modelLastUsed', ['embeddingModel', 'lastUsedAt']);
        cache.createIndex('runId', 'runId');
      }
    },
    blocking(_current, _version, event) {
      (event.target as IDBDatabase | null)?.close();
      onGone?.();
    },
    terminated() {
      onGone?.();
    },
  });
}
