import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { deleteRuns, listRuns } from '../../lib/storage';

/** Stored runs are async data: TanStack Query owns them (never mirrored into a zustand store). */
export const RUNS_KEY = ['runs'] as const;

export function useStoredRuns() {
  // The live viewer stores runs without telling this page: always re-read on mount.
  return useQuery({ queryKey: RUNS_KEY, queryFn: listRuns, refetchOnMount: 'always' });
}

export function invalidateRuns(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ queryKey: RUNS_KEY });
}

export function useDeleteRuns() {
  const client = useQueryClient();
  return useMutation({ mutationFn: (ids: readonly string[]) => deleteRuns(ids), onSettled: () => invalidateRuns(client) });
}
