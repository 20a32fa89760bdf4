import { create } from 'zustand';
import type { RunRecord } from '../../core/runs';
import { useSettings, type Settings } from '../../lib/settings';
import { runSaves } from '../../lib/save-queue';
import { createVerifyClient } from '../../workers/verify-client';
import { runBatch, type BatchHandle, type BatchProgress, type BatchSummary } from './batch-runner';

/**
 * The page's one batch at a time, owned outside React so it keeps going when the user leaves
 * the page. The store holds only what the UI shows (counts, status); the records stay here,
 * in memory, for "Export batch results" when storage refuses them.
 */
export type BatchState = {
  status: 'idle' | 'running' | 'cancelling' | 'finished';
  batchId?: string;
  progress?: BatchProgress;
  summary?: BatchSummary;
};

export const useBatch = create<BatchState>()(() => ({ status: 'idle' }));

export type BatchRequest = {
  prompts: readonly string[];
  repeats: number;
  concurrency: number;
  timeoutSeconds: number;
  /** Demo provider only. */
  tokensPerSecond: number;
};

let handle: BatchHandle | undefined;
let lastRecords: RunRecord[] = [];

/** The settings a batch runs with: the current ones, the demo rate it asked for, no pausing. */
export function batchSettings(base: Settings, request: Pick<BatchRequest, 'tokensPerSecond'>): Settings {
  return {
    ...base,
    demoTokensPerSecond: request.tokensPerSecond,
    // "Pause" waits for a click that never comes in a batch: warn and continue instead.
    policy: base.policy === 'pause' ? 'continue' : base.policy,
    deliveryPattern: 'streaming',
  };
}

/** Starts a batch; `onRunsChanged` is called (throttled) as runs are stored, and at the end. */
export function startBatch(request: BatchRequest, onRunsChanged: () => void): string {
  if (handle && useBatch.getState().status !== 'finished') throw new Error('A batch is already running.');
  const batchId = `batch-${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}-${Math.random().toString(36).slice(2, 6)}`;
  const verifyClient = createVerifyClient();
  let lastNotify = 0;
  let finished = 0;
  useBatch.setState({ status: 'running', batchId, progress: undefined, summary: undefined });
  const current = runBatch({
    batchId,
    prompts: request.prompts,
    repeats: request.repeats,
    concurrency: request.concurrency,
    timeoutMs: request.timeoutSeconds * 1000,
    settings: batchSettings(useSettings.getState(), request),
    verifyClient,
    // Refused saves are kept and retried by the save queue, which the page reports.
    save: runSaves.save,
    onSaveError: () => {},
    onProgress: (progress) => {
      useBatch.setState({ progress });
      const total = progress.done + progress.failed + progress.timedOut + progress.cancelled;
      if (total !== finished && Date.now() - lastNotify > 3000) {
        lastNotify = Date.now();
        onRunsChanged();
      }
      finished = total;
    },
  });
  handle = current;
  void current.done.then((summary) => {
    lastRecords = current.records();
    verifyClient.terminate();
    useBatch.setState({ status: 'finished', summary, progress: summary });
    onRunsChanged();
  });
  return batchId;
}

export function cancelBatch(): void {
  if (!handle || useBatch.getState().status !== 'running') return;
  useBatch.setState({ status: 'cancelling' });
  handle.cancel();
}

/** The current (or last) batch's finished runs, from memory. */
export function batchRecords(): RunRecord[] {
  return handle && useBatch.getState().status !== 'finished' ? handle.records() : lastRecords;
}
