/**
 * Persistence (IndexedDB via idb): runs and similarity-cache entries in the 'reasoning-viewer'
 * database. The functions below use one shared connection opened on first use;
 * `createStorage` makes an independent instance (tests, other databases).
 */
import { createStorage, type RunStorage } from './storage';

export { createStorage, DEFAULT_CACHE_MAX_ENTRIES, ImportError } from './storage';
export type { RunStorage, StorageOptions, NewCacheEntry, CollisionChoice, ImportOptions, ImportResult } from './storage';
export { StorageFullError, isQuotaError } from './errors';
export { DB_NAME, DB_VERSION, openViewerDb } from './db';
export { announceRunsChange, onRunsChange } from './changes';
export type { RunsChange, RunsChangeListener } from './changes';
export type { CacheEntry, ViewerDB } from './db';

let shared: RunStorage | null = null;
const storage = (): RunStorage => (shared ??= createStorage());

export const saveRun: RunStorage['saveRun'] = (record) => storage().saveRun(record);
export const getRun: RunStorage['getRun'] = (id) => storage().getRun(id);
export const listRuns: RunStorage['listRuns'] = () => storage().listRuns();
export const deleteRuns: RunStorage['deleteRuns'] = (ids) => storage().deleteRuns(ids);
export const importRuns: RunStorage['importRuns'] = (records, options) => storage().importRuns(records, options);
export const existingIds: RunStorage['existingIds'] = (ids) => storage().existingIds(ids);
export const markInterruptedRuns: RunStorage['markInterruptedRuns'] = (held) => storage().markInterruptedRuns(held);
export const putCacheEntry: RunStorage['putCacheEntry'] = (entry) => storage().putCacheEntry(entry);
export const loadCacheEntries: RunStorage['loadCacheEntries'] = (model) => storage().loadCacheEntries(model);
export const touchCacheEntry: RunStorage['touchCacheEntry'] = (key, at) => storage().touchCacheEntry(key, at);
export const clearCache: RunStorage['clearCache'] = (model) => storage().clearCache(model);
