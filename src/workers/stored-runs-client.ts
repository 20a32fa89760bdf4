import type { ClippedRun } from '../core/stored-runs';
import { getRun, listRuns } from '../storage';
import { createWorkerRpc } from './rpc';
import { createStoredRunsHandler, type StoredRunsRequest, type StoredRunsResponse } from './stored-runs-handler';

let nextId = 1;
const inThread = createStoredRunsHandler(() => ({ listRuns, getRun }));
const viaWorker = createWorkerRpc<StoredRunsRequest, StoredRunsResponse>(() => new Worker(new URL('./stored-runs.worker.ts', import.meta.url), { type: 'module' }), 'stored-runs');

/** One shared worker; where `Worker` is missing (jsdom) the same handler runs in-thread. */
function ask(request: StoredRunsRequest, onPart?: (part: StoredRunsResponse) => void): Promise<StoredRunsResponse> {
  return typeof Worker === 'undefined' ? inThread.handle(request) : viaWorker(request, onPart);
}

function unwrap<T extends StoredRunsResponse['type']>(r: StoredRunsResponse, type: T): Extract<StoredRunsResponse, { type: T }> {
  if (r.type === 'failed') throw new Error(r.message);
  if (r.type !== type) throw new Error(`unexpected reply ${r.type}`);
  return r as Extract<StoredRunsResponse, { type: T }>;
}

/** All stored runs, newest first, long texts clipped (see core/stored-runs/clip). */
export async function listStoredRuns(): Promise<ClippedRun[]> {
  // The list comes in parts, one message each (see splitForTransfer).
  const parts: ClippedRun[][] = [];
  const last = unwrap(await ask({ id: nextId++, type: 'list' }, (part) => parts.push(unwrap(part, 'list').runs)), 'list');
  parts.push(last.runs);
  return parts.length === 1 ? parts[0] : parts.flat();
}

/** The full text of one step (index), the answer or the prompt of a stored run. */
export async function storedRunText(runId: string, part: number | 'answer' | 'prompt'): Promise<string> {
  return unwrap(await ask({ id: nextId++, type: 'text', runId, part }), 'text').text;
}

/** The stored runs with these ids as a JSONL file, built from the full records. */
export async function exportStoredRuns(runIds: readonly string[]): Promise<{ blob: Blob; count: number }> {
  const r = unwrap(await ask({ id: nextId++, type: 'export', runIds: [...runIds] }), 'export');
  return { blob: r.blob, count: r.count };
}
