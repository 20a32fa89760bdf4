import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { clipRunForList, type ClippedRun, type RunRecord } from '../../core/stored-runs';
import { DB_NAME, deleteRuns, getRun, onRunsChange } from '../../storage';
import { listStoredRuns } from '../../workers/stored-runs-client';
import { applyRunChanges } from './runs-live';

/** Stored runs are async data: TanStack Query owns them (never mirrored into a zustand store). */
export const RUNS_KEY = ['runs'] as const;

/** How often announced changes are folded into the list (a batch saves many runs a second). */
export const LIVE_UPDATE_MS = 300;

export function useStoredRuns() {
  // Read in a worker with long texts clipped, so a huge run never costs the page a long task.
  // Changes while the page is open arrive through useLiveStoredRuns; on mount it reads afresh.
  return useQuery({ queryKey: RUNS_KEY, queryFn: listStoredRuns, refetchOnMount: 'always', structuralSharing: false });
}

export function invalidateRuns(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ queryKey: RUNS_KEY });
}

/**
 * Keeps the stored-runs query current: every save and delete announced by the storage (this
 * tab's, another tab's, a worker's) is folded into the cached list, so a row never says
 * "running" after its run finished. An import or a list still loading reads the list again.
 */
export function useLiveStoredRuns(): void {
  const client = useQueryClient();
  useEffect(() => {
    const saved = new Map<string, RunRecord | null>();
    const deleted = new Set<string>();
    let many = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let alive = true;
    const flush = async () => {
      timer = undefined;
      const loading = client.getQueryState(RUNS_KEY)?.fetchStatus === 'fetching' || !client.getQueryData(RUNS_KEY);
      if (many || loading) {
        many = false;
        saved.clear();
        deleted.clear();
        await invalidateRuns(client);
        return;
      }
      const ids = [...saved];
      const gone = new Set(deleted);
      saved.clear();
      deleted.clear();
      // Another tab's saves carry ids only: read those records here.
      const records = await Promise.all(ids.map(async ([id, record]) => record ?? (await getRun(id).catch(() => undefined)) ?? null));
      if (!alive) return;
      const upserts = records.flatMap((r) => (r && !gone.has(r.id) ? [clipRunForList(r)] : []));
      client.setQueryData<ClippedRun[]>(RUNS_KEY, (old) => (old ? applyRunChanges(old, upserts, gone) : old));
    };
    const unsubscribe = onRunsChange(DB_NAME, (change) => {
      if (change.kind === 'many') many = true;
      else if (change.kind === 'deleted') {
        for (const id of change.ids) {
          deleted.add(id);
          saved.delete(id);
        }
      } else {
        change.ids.forEach((id, i) => {
          deleted.delete(id);
          saved.set(id, change.records?.[i] ?? null);
        });
      }
      timer ??= setTimeout(() => void flush(), LIVE_UPDATE_MS);
    });
    return () => {
      alive = false;
      clearTimeout(timer);
      unsubscribe();
    };
  }, [client]);
}

export function useDeleteRuns() {
  const client = useQueryClient();
  return useMutation({ mutationFn: (ids: readonly string[]) => deleteRuns(ids), onSettled: () => invalidateRuns(client) });
}
