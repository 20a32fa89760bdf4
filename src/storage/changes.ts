import type { RunRecord } from '../core/stored-runs/types';

/**
 * Tells every page that shows stored runs when they change, in this tab and in the others: the
 * storage announces each save, delete and import of a database here, and a BroadcastChannel per
 * database carries the announcement to the other tabs and workers of the origin (ids only: a run
 * can be megabytes; a tab that wants the record reads it from storage).
 */
export type RunsChange =
  | { kind: 'saved'; ids: string[]; /** This tab's saves carry the stored records. */ records?: RunRecord[] }
  | { kind: 'deleted'; ids: string[] }
  /** Many at once (an import, interrupted runs marked at startup): read the list again. */
  | { kind: 'many' };

export type RunsChangeListener = (change: RunsChange) => void;

type Hub = { listeners: Set<RunsChangeListener>; channel: BroadcastChannel | null };
const hubs = new Map<string, Hub>();

function hub(dbName: string): Hub {
  let h = hubs.get(dbName);
  if (h) return h;
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`reasoning-viewer:runs:${dbName}`) : null;
  h = { listeners: new Set(), channel };
  const listeners = h.listeners;
  if (channel) {
    channel.onmessage = (event: MessageEvent<RunsChange>) => {
      for (const listener of listeners) listener(event.data);
    };
    // Node's BroadcastChannel (tests) would otherwise keep the process alive.
    (channel as unknown as { unref?: () => void }).unref?.();
  }
  hubs.set(dbName, h);
  return h;
}

export function announceRunsChange(dbName: string, change: RunsChange): void {
  const h = hub(dbName);
  for (const listener of h.listeners) listener(change);
  const { records: _records, ...ids } = change as RunsChange & { records?: unknown };
  try {
    h.channel?.postMessage(ids);
  } catch {
    /* a closed channel: other tabs learn on their next read */
  }
}

/** Calls `listener` for every change of the database's runs, here or in another tab; returns the unsubscribe. */
export function onRunsChange(dbName: string, listener: RunsChangeListener): () => void {
  const h = hub(dbName);
  h.listeners.add(listener);
  return () => h.listeners.delete(listener);
}
