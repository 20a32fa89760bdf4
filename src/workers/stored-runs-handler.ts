import { clipRunForList, runsToJsonl, splitForTransfer, type ClippedRun } from '../core/stored-runs';
import type { RunStorage } from '../storage';

/**
 * Reads stored runs for the Runs page off its thread: the list (long texts clipped, see
 * core/stored-runs/clip), one full text on demand, and an export built from the stored records.
 */
export type StoredRunsRequest =
  | { id: number; type: 'list' }
  | { id: number; type: 'text'; runId: string; part: number | 'answer' | 'prompt' }
  | { id: number; type: 'export'; runIds: string[] };
export type StoredRunsResponse =
  /** `more: true` marks a part of the list; the reply without it carries the last part. */
  | { id: number; type: 'list'; runs: ClippedRun[]; more?: boolean }
  | { id: number; type: 'text'; text: string }
  | { id: number; type: 'export'; blob: Blob; count: number }
  | { id: number; type: 'failed'; message: string };

export function createStoredRunsHandler(storage: () => Pick<RunStorage, 'listRuns' | 'getRun'>) {
  return {
    async list(): Promise<ClippedRun[]> {
      return (await storage().listRuns()).map((r) => clipRunForList(r));
    },
    async text(runId: string, part: number | 'answer' | 'prompt'): Promise<string> {
      const run = await storage().getRun(runId);
      if (!run) throw new Error(`run ${runId} is no longer stored`);
      return part === 'answer' ? run.answer : part === 'prompt' ? run.prompt : (run.steps[part]?.text ?? '');
    },
    async export(runIds: readonly string[]): Promise<{ blob: Blob; count: number }> {
      const runs = [];
      for (const id of runIds) {
        const run = await storage().getRun(id);
        if (run) runs.push(run);
      }
      return { blob: new Blob([runsToJsonl(runs)], { type: 'application/x-ndjson;charset=utf-8' }), count: runs.length };
    },
    /** `postPart` (from a worker) receives all parts of a list but the last, which is returned. */
    async handle(m: StoredRunsRequest, postPart?: (part: StoredRunsResponse) => void): Promise<StoredRunsResponse> {
      try {
        if (m.type === 'list') {
          const runs = await this.list();
          if (!postPart) return { id: m.id, type: 'list', runs };
          const parts = splitForTransfer(runs);
          for (const part of parts.slice(0, -1)) postPart({ id: m.id, type: 'list', runs: part, more: true });
          return { id: m.id, type: 'list', runs: parts[parts.length - 1] };
        }
        if (m.type === 'text') return { id: m.id, type: 'text', text: await this.text(m.runId, m.part) };
        return { id: m.id, type: 'export', ...(await this.export(m.runIds)) };
      } catch (e) {
        return { id: m.id, type: 'failed', message: e instanceof Error ? e.message : String(e) };
      }
    },
  };
}
