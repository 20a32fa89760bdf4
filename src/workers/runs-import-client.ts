import type { CollisionChoice, ImportResult } from '../storage';
import { existingIds, importRuns } from '../storage';
import { createRunsImportHandler, type ImportPlan, type RunsImportRequest, type RunsImportResponse } from './runs-import-handler';

export type { ImportPlan } from './runs-import-handler';
export type RunsImport = {
  plan: ImportPlan;
  commit(choice: CollisionChoice): Promise<ImportResult>;
  cancel(): void;
};

let nextId = 1;

/**
 * Reads, checks and (on `commit`) stores a JSONL file of runs in a Web Worker, one worker per
 * import; where `Worker` is missing (jsdom) the same handler runs in-thread on the shared
 * storage. A failed commit rejects with the storage's own reason.
 */
export async function startRunsImport(file: File): Promise<RunsImport> {
  if (typeof Worker === 'undefined') {
    const handler = createRunsImportHandler(() => ({ existingIds, importRuns }));
    const plan = await handler.plan(file, file.name);
    return { plan, commit: (choice) => handler.commit(choice), cancel: () => {} };
  }
  const worker = new Worker(new URL('./runs-import.worker.ts', import.meta.url), { type: 'module' });
  const ask = <T extends RunsImportResponse['type']>(request: RunsImportRequest, want: T) =>
    new Promise<Extract<RunsImportResponse, { type: T }>>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<RunsImportResponse>) => {
        const m = event.data;
        if (m.id !== request.id) return;
        if (m.type === want) resolve(m as Extract<RunsImportResponse, { type: T }>);
        else if (m.type === 'failed') reject(Object.assign(new Error(m.message), { name: m.name }));
      };
      worker.onerror = (event) => {
        event.preventDefault();
        reject(new Error(event.message || 'The import worker crashed.'));
      };
      worker.postMessage(request);
    });
  try {
    const { plan } = await ask({ id: nextId++, type: 'plan', file, name: file.name }, 'planned');
    return {
      plan,
      async commit(choice) {
        try {
          return (await ask({ id: nextId++, type: 'commit', choice }, 'committed')).result;
        } finally {
          worker.terminate();
        }
      },
      cancel: () => worker.terminate(),
    };
  } catch (e) {
    worker.terminate();
    throw e;
  }
}
