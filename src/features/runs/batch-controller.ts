import { create } from 'zustand';
import type { RunRecord } from '../../core/stored-runs';
import { applySimulatedTiming, createSimulatedSchedule, type SimulatedTiming } from '../../core/stored-runs/simulate';
import { useSettings, type Settings } from '../../lib/settings';
import { runSaves } from '../../lib/save-queue';
import { getRun } from '../../storage';
import { createVerifyClient, type VerifyClient } from '../../workers/verify-client';
import { runBatch, type BatchHandle, type BatchProgress, type BatchSummary } from './batch-runner';
import { runSweep, type SweepHandle, type SweepSetting } from './sweep';

/**
 * The page's one batch at a time, owned outside React so it keeps going when the user leaves
 * the page. The store holds only what the UI shows (counts, status); here only the ids of the
 * batch's finished runs are kept, for "Export batch results": a run storage refused is held by
 * the save queue until it is written, the others are read back from storage by id.
 */
export type BatchState = {
  status: 'idle' | 'running' | 'cancelling' | 'finished';
  batchId?: string;
  progress?: BatchProgress;
  summary?: BatchSummary;
  /** While a sweep runs: which setting (0-based) of how many, and its label. */
  sweep?: { id: string; index: number; count: number; label: string; done?: boolean };
};

export const useBatch = create<BatchState>()(() => ({ status: 'idle' }));

export type BatchRequest = {
  prompts: readonly string[];
  repeats: number;
  concurrency: number;
  timeoutSeconds: number;
  /** Demo provider only. */
  tokensPerSecond: number;
  /** Per prompt, the reference answer (JSONL `answer`), stored on each run for scoring. */
  references?: readonly (string | undefined)[];
  /** Demo provider only: simulate a real deployment's timing (the timeout is the batch's). */
  simulated?: Omit<SimulatedTiming, 'timeoutMs'> | null;
};

/** The demo streams this fast when its timing is simulated: the batch finishes in seconds. */
export const SIMULATED_DEMO_RATE = 20_000;

let handle: BatchHandle | SweepHandle | undefined;
let lastIds: string[] = [];

/** The settings a batch runs with: the current ones, the demo rate it asked for, no pausing. */
export function batchSettings(base: Settings, request: Pick<BatchRequest, 'tokensPerSecond' | 'simulated'>): Settings {
  return {
    ...base,
    demoTokensPerSecond: request.simulated && base.provider === 'demo' ? SIMULATED_DEMO_RATE : request.tokensPerSecond,
    // "Pause" waits for a click that never comes in a batch: warn and continue instead.
    policy: base.policy === 'pause' ? 'continue' : base.policy,
    deliveryPattern: 'streaming',
  };
}

/**
 * What happens to each finished run before it is stored: its reference answer is attached, and
 * for the demo with simulated timing the simulated latency replaces the real one. Real endpoints
 * are never simulated. One schedule per batch, as if it ran with its concurrency for real.
 */
export function batchFinalizer(request: BatchRequest, provider: Settings['provider'], start: number, random: () => number = Math.random): (record: RunRecord, query: number) => RunRecord {
  const timing = request.simulated && provider === 'demo' ? { ...request.simulated, timeoutMs: request.timeoutSeconds * 1000 } : null;
  const schedule = createSimulatedSchedule(request.concurrency, start);
  return (record, query) => {
    const reference = request.references?.[query];
    const withReference = reference !== undefined ? { ...record, reference } : record;
    return timing ? applySimulatedTiming(withReference, timing, random, schedule) : withReference;
  };
}

/** What a batch and a sweep pass to the runner alike. */
const runOptions = (request: BatchRequest, verifyClient: VerifyClient) => ({
  prompts: request.prompts,
  repeats: request.repeats,
  concurrency: request.concurrency,
  timeoutMs: request.timeoutSeconds * 1000,
  verifyClient,
  // Refused saves are kept and retried by the save queue, which the page reports.
  save: runSaves.save,
  onSaveError: () => {},
  // The stored-runs list holds the records already; the batch keeps ids (see batchRecords).
  keepRecords: false,
});

const newBatchId = (prefix: string) => `${prefix}-${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}-${Math.random().toString(36).slice(2, 6)}`;

/** Starts a batch; `onRunsChanged` is called (throttled) as runs are stored, and at the end. */
export function startBatch(request: BatchRequest, onRunsChanged: () => void): string {
  if (handle && useBatch.getState().status !== 'finished') throw new Error('A batch is already running.');
  const batchId = newBatchId('batch');
  const verifyClient = createVerifyClient();
  let lastNotify = 0;
  let finished = 0;
  useBatch.setState({ status: 'running', batchId, progress: undefined, summary: undefined, sweep: undefined });
  const settings = batchSettings(useSettings.getState(), request);
  const current = runBatch({
    ...runOptions(request, verifyClient),
    batchId,
    settings,
    finalize: batchFinalizer(request, settings.provider, Date.now()),
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
    lastIds = current.runIds();
    verifyClient.terminate();
    useBatch.setState({ status: 'finished', summary, progress: summary });
    onRunsChanged();
  });
  return batchId;
}

/**
 * Starts a sweep: the batch once per setting, one after another, runs tagged with the setting.
 * Returns the sweep id (also each run's `sweep.id`).
 */
export function startSweep(request: BatchRequest, steps: readonly SweepSetting[], onRunsChanged: () => void): string {
  if (handle && useBatch.getState().status !== 'finished') throw new Error('A batch is already running.');
  const sweepId = newBatchId('sweep');
  const verifyClient = createVerifyClient();
  let lastNotify = 0;
  const settings = batchSettings(useSettings.getState(), request);
  useBatch.setState({ status: 'running', batchId: `${sweepId}-1`, progress: undefined, summary: undefined, sweep: { id: sweepId, index: 0, count: steps.length, label: steps[0]?.label ?? '' } });
  // Each setting gets its own simulated schedule, starting where the previous one ended.
  let finalize = batchFinalizer(request, settings.provider, Date.now());
  let settingIndex = 0;
  let lastEnd = Date.now();
  const current = runSweep({
    ...runOptions(request, verifyClient),
    sweepId,
    settings,
    steps,
    finalize: (record, query) => {
      if (record.sweep && record.sweep.index !== settingIndex) {
        settingIndex = record.sweep.index;
        finalize = batchFinalizer(request, settings.provider, lastEnd);
      }
      const out = finalize(record, query);
      lastEnd = Math.max(lastEnd, out.endedAt ?? out.startedAt);
      return out;
    },
    onProgress: (progress, index) => {
      useBatch.setState({ progress, batchId: `${sweepId}-${index + 1}`, sweep: { id: sweepId, index, count: steps.length, label: steps[index].label } });
      if (Date.now() - lastNotify > 3000) {
        lastNotify = Date.now();
        onRunsChanged();
      }
    },
  });
  handle = current;
  void current.done.then(({ summaries, cancelledByUser, durationMs }) => {
    lastIds = current.runIds();
    verifyClient.terminate();
    const total = summaries.reduce(
      (a, s) => ({ total: a.total + s.total, done: a.done + s.done, failed: a.failed + s.failed, timedOut: a.timedOut + s.timedOut, cancelled: a.cancelled + s.cancelled, retries: a.retries + s.retries }),
      { total: 0, done: 0, failed: 0, timedOut: 0, cancelled: 0, retries: 0 },
    );
    const summary: BatchSummary = { ...total, running: 0, cancelledByUser, durationMs };
    useBatch.setState((s) => ({ status: 'finished', summary, progress: summary, sweep: s.sweep ? { ...s.sweep, done: true } : undefined }));
    onRunsChanged();
  });
  return sweepId;
}

export function cancelBatch(): void {
  if (!handle || useBatch.getState().status !== 'running') return;
  useBatch.setState({ status: 'cancelling' });
  handle.cancel();
}

/** The current (or last) batch's finished run ids, in finishing order. */
export function batchRunIds(): string[] {
  return handle && useBatch.getState().status !== 'finished' ? handle.runIds() : lastIds;
}

/**
 * The current (or last) batch's finished runs, in finishing order: a run the storage refused
 * from the save queue (its newest version), the others read back from storage.
 */
export async function batchRecords(
  ids: readonly string[] = batchRunIds(),
  sources: { unsaved: () => RunRecord[]; read: (id: string) => Promise<RunRecord | undefined> } = { unsaved: runSaves.unsavedRecords, read: getRun },
): Promise<RunRecord[]> {
  const unsaved = new Map(sources.unsaved().map((r) => [r.id, r]));
  const out: RunRecord[] = [];
  for (const id of ids) {
    const record = unsaved.get(id) ?? (await sources.read(id).catch(() => undefined));
    if (record) out.push(record);
  }
  return out;
}
