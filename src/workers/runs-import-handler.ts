import { parseRunsJsonl, type JsonlError, type RunRecord } from '../core/stored-runs';
import type { CollisionChoice, ImportResult, RunStorage } from '../storage';

/**
 * Importing a JSONL file of runs, in two steps so the user can be asked about collisions:
 * `plan` reads and checks every line (per-field caps in core/stored-runs/validate) and finds the runs
 * whose id is stored already; `commit` writes the valid ones in one transaction with the
 * user's choice. The records stay here, so a 100,000-run file never crosses to the page.
 */
export type ImportPlan = {
  file: string;
  /** Valid records. */
  runs: number;
  /** The first invalid lines (at most 500); `errorCount` has them all. */
  errors: JsonlError[];
  errorCount: number;
  /** Valid records whose id is stored already, and the first few of those ids. */
  colliding: number;
  collidingIds: string[];
};

export type RunsImportRequest = { id: number; type: 'plan'; file: Blob; name: string } | { id: number; type: 'commit'; choice: CollisionChoice };
export type RunsImportResponse =
  | { id: number; type: 'planned'; plan: ImportPlan }
  | { id: number; type: 'committed'; result: ImportResult }
  | { id: number; type: 'failed'; name: string; message: string };

/** Errors listed back to the page at most (the count is always exact). */
const MAX_LISTED_ERRORS = 500;

export function createRunsImportHandler(storage: () => Pick<RunStorage, 'existingIds' | 'importRuns'>) {
  let staged: RunRecord[] = [];
  return {
    async plan(file: Blob, name: string): Promise<ImportPlan> {
      const parsed = parseRunsJsonl(await file.text());
      staged = parsed.runs;
      const colliding = await storage().existingIds(staged.map((r) => r.id));
      return {
        file: name,
        runs: staged.length,
        errors: parsed.errors.slice(0, MAX_LISTED_ERRORS),
        errorCount: parsed.errors.length,
        colliding: staged.filter((r) => colliding.has(r.id)).length,
        collidingIds: [...colliding].slice(0, 5),
      };
    },
    async commit(choice: CollisionChoice): Promise<ImportResult> {
      const runs = staged;
      staged = [];
      return storage().importRuns(runs, { collisions: choice });
    },
    async handle(message: RunsImportRequest, reply: (response: RunsImportResponse) => void): Promise<void> {
      try {
        if (message.type === 'plan') reply({ id: message.id, type: 'planned', plan: await this.plan(message.file, message.name) });
        else reply({ id: message.id, type: 'committed', result: await this.commit(message.choice) });
      } catch (e) {
        reply({ id: message.id, type: 'failed', name: e instanceof Error ? e.name : 'Error', message: e instanceof Error ? e.message : String(e) });
      }
    },
  };
}
