import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { deleteRuns } from '../../lib/storage';
import { listStoredRuns } from '../../workers/stored-runs-client';

/** Stored runs are async data: TanStack Query owns them (never mirrored into a zustand store). */
export const RUNS_KEY = ['runs'] as const;

export function useStoredRuns() {
  // The live viewer stores runs without telling this page: always re-read on mount. Read in a
  // worker with long texts clipped, so a huge run never costs the page a long task.
  return useQuery({ queryKey: RUNS_KEY, queryFn: listStoredRuns, refetchOnMount: 'always', structuralSharing: false });
}

export function invalidateRuns(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ queryKey: RUNS_KEY });
}

export function useDeleteRuns() {
  const client = useQueryClient();
  return useMutation({ mutationFn: (ids: readonly string[]) => deleteRuns(ids), onSettled: () => invalidateRuns(client) });
}
