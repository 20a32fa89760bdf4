import type { RunRecord } from '../../core/stored-runs/types';
import { createDemoFetch } from '../../lib/demo-fetch';
import { createRunEngine, type RunEngine } from '../../lib/run-engine';
import { toRunRecord } from '../../lib/run-record';
import { runLocks } from '../../lib/run-locks';
import type { Settings } from '../../lib/settings';
import { parseRetryAfter } from '../../lib/stream-run';
import type { VerifyClient } from '../../workers/verify-client';

/**
 * The batch runner, outside React: N queries × repeats through the same run engine as the
 * live viewer, `concurrency` at a time, each stopped after `timeoutMs` (counted as timed out).
 * Every run is stored as it happens (at most once a second while live, and when it ends); the
 * batch remembers the ids of its finished runs, in finishing order, and with `keepRecords` (the
 * default) their records too. The Runs page turns that off: over a long session the records
 * would stay in memory twice (here and in the stored-runs list), and a refused write (quota) is
 * kept by the save queue anyway, so the export reads the queue and the storage by id.
 *
 * HTTP 429: the run is retried (same run id, so the stored record is replaced) after the
 * server's Retry-After, or else exponential backoff with jitter; meanwhile no worker starts a
 * new request (polite pause), and when it ends the workers restart spread over a window rather
 * than all at once. At most `maxRetries` retries per query, then it counts as failed.
 */

export type BatchOutcome = 'done' | 'failed' | 'timed-out' | 'cancelled';

export type BatchProgress = {
  total: number;
  done: number;
  failed: number;
  timedOut: number;
  /** Stopped mid-run or never started because of Cancel. */
  cancelled: number;
  running: number;
  retries: number;
  /** Epoch ms until which requests wait after a 429 (polite pause), when one is in effect. */
  waitingUntil?: number;
};

export type BatchSummary = BatchProgress & { cancelledByUser: boolean; durationMs: number };

export type BatchOptions = {
  batchId: string;
  prompts: readonly string[];
  repeats: number;
  concurrency: number;
  timeoutMs: number;
  /** The settings every run uses (a snapshot: the batch is consistent even if settings change). */
  settings: Settings;
  save: (record: RunRecord) => Promise<unknown>;
  onSaveError: (message: string) => void;
  onProgress: (progress: BatchProgress) => void;
  verifyClient?: VerifyClient;
  /** Default: the demo model's fetch for the demo provider, else the global fetch. */
  fetchImpl?: typeof fetch;
  maxRetries?: number;
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
  newId?: () => string;
  /** Holds a run for this tab while it streams (default: the page's run locks). */
  holdLock?: (runId: string) => () => void;
  /** Last change to a finished run's record before it is kept and saved (reference answer, sweep tag, simulated timing); `query` indexes `prompts`. */
  finalize?: (record: RunRecord, query: number) => RunRecord;
  /** Keep every finished run's record for `records()` (default true); false keeps only the ids. */
  keepRecords?: boolean;
};

export type BatchHandle = {
  cancel(): void;
  readonly done: Promise<BatchSummary>;
  /** Every finished run's record, in finishing order (kept even when storage refused them); empty without `keepRecords`. */
  records(): RunRecord[];
  /** The ids of every finished run, in finishing order. */
  runIds(): string[];
};

export const DEFAULT_MAX_RETRIES = 4;
const BACKOFF_BASE_MS = 1000;
const BACKOFF_CAP_MS = 60_000;
/** A Retry-After longer than this is clamped: the batch would otherwise look hung. */
const RETRY_AFTER_CAP_MS = 120_000;

/**
 * Delay before retry number `attempt` (0-based) after a 429: the server's Retry-After when it
 * sent one (capped), else exponential (1 s, 2 s, 4 s … capped at 60 s) with "equal jitter"
 * (half fixed, half random) so parallel workers do not retry in lockstep.
 */
export function backoffDelayMs(attempt: number, retryAfterSeconds: number | undefined, random: () => number): number {
  if (retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds)) return Math.min(RETRY_AFTER_CAP_MS, Math.max(0, retryAfterSeconds * 1000));
  const exp = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return exp / 2 + random() * (exp / 2);
}

const RESTART_SPREAD_MIN_MS = 1000;
const RESTART_SPREAD_CAP_MS = 30_000;

/**
 * Extra wait for one worker when a polite pause ends, uniform over a window of half the pause
 * (at least 1 s, at most 30 s). Every worker waits for the same pause; without this they would
 * all fire at the same instant and meet the rate limit again as one burst.
 */
export function restartStaggerMs(pauseMs: number, random: () => number): number {
  return random() * Math.min(RESTART_SPREAD_CAP_MS, Math.max(RESTART_SPREAD_MIN_MS, pauseMs / 2));
}

const defaultSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

const defaultNow = () => performance.timeOrigin + performance.now();
const defaultId = () => `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export function classifyRun(record: RunRecord, timedOutByBatch: boolean, cancelled: boolean): BatchOutcome {
  if (timedOutByBatch) return 'timed-out';
  if (record.status === 'done') return 'done';
  if (record.status === 'error') return /stalled|timed out/i.test(record.error ?? '') ? 'timed-out' : 'failed';
  return cancelled ? 'cancelled' : 'failed';
}

export function runBatch(options: BatchOptions): BatchHandle {
  const now = options.now ?? defaultNow;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const newId = options.newId ?? defaultId;
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  const holdLock = options.holdLock ?? ((runId: string) => runLocks().hold(runId));
  const settings = options.settings;
  const baseFetch: typeof fetch =
    options.fetchImpl ??
    (settings.provider === 'demo'
      ? createDemoFetch({ tokensPerSecond: () => settings.demoTokensPerSecond })
      : (input, init) => fetch(input, init));

  const jobs: number[] = [];
  options.prompts.forEach((_, q) => {
    for (let r = 0; r < Math.max(1, options.repeats); r++) jobs.push(q);
  });
  const concurrency = Math.max(1, Math.min(options.concurrency, jobs.length || 1));
  const cancelSignal = new AbortController();
  const liveEngines = new Set<RunEngine>();
  const keepRecords = options.keepRecords ?? true;
  const records: RunRecord[] = [];
  const finishedIds: string[] = [];
  const keep = (record: RunRecord) => {
    finishedIds.push(record.id);
    if (keepRecords) records.push(record);
  };
  const progress: BatchProgress = { total: jobs.length, done: 0, failed: 0, timedOut: 0, cancelled: 0, running: 0, retries: 0 };
  let pausedUntil = 0;
  /** Length of the polite pause in effect, for the restart stagger. */
  let pauseMs = 0;
  let next = 0;
  const startedAt = now();

  const report = () => options.onProgress({ ...progress, waitingUntil: pausedUntil > now() ? pausedUntil : undefined });
  const save = (record: RunRecord) =>
    options.save(record).catch((e: unknown) => options.onSaveError(e instanceof Error ? e.message : String(e)));

  const waitPolitely = async () => {
    while (!cancelSignal.signal.aborted && pausedUntil > now()) {
      await sleep(pausedUntil - now(), cancelSignal.signal);
      // Workers leave the pause one by one; the loop waits again if the pause was extended meanwhile.
      if (concurrency > 1 && !cancelSignal.signal.aborted && pausedUntil <= now()) await sleep(restartStaggerMs(pauseMs, random), cancelSignal.signal);
    }
  };

  async function runOne(query: number): Promise<BatchOutcome> {
    const prompt = options.prompts[query];
    const id = newId();
    const release = holdLock(id);
    try {
      return await runAttempts(id, prompt, query);
    } finally {
      release();
    }
  }

  async function runAttempts(id: string, prompt: string, query: number): Promise<BatchOutcome> {
    /** The last rate-limited attempt, stored if Cancel comes during the backoff. */
    let limited: RunRecord | undefined;
    for (let attempt = 0; ; attempt++) {
      await waitPolitely();
      if (cancelSignal.signal.aborted) {
        if (limited) {
          keep(limited);
          await save(limited);
        }
        return 'cancelled';
      }
      let rateLimited: { retryAfterSeconds?: number } | undefined;
      const fetchImpl: typeof fetch = async (input, init) => {
        const response = await baseFetch(input, init);
        if (response.status === 429) rateLimited = { retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after'), Date.now()) };
        return response;
      };
      let lastChange = now();
      let lastSave = 0;
      let timedOut = false;
      const ref: { engine?: RunEngine } = {};
      const engine: RunEngine = createRunEngine({
        id,
        prompt,
        settings: () => settings,
        verifyClient: options.verifyClient,
        now,
        fetchImpl,
        batchId: options.batchId,
        onChange: () => {
          lastChange = now();
          // Stored as it happens: a closed tab leaves the partial run (marked interrupted at startup).
          const live = ref.engine;
          if (live?.live && lastChange - lastSave >= 1000) {
            lastSave = lastChange;
            void save(toRunRecord(live.view(), lastChange));
          }
        },
      });
      ref.engine = engine;
      liveEngines.add(engine);
      progress.running++;
      report();
      const timer = setTimeout(() => {
        timedOut = true;
        engine.stop();
      }, options.timeoutMs);
      await engine.start();
      clearTimeout(timer);
      liveEngines.delete(engine);
      progress.running--;
      // Late verification results and judge verdicts belong in the stored record.
      await engine.settled();
      const view = engine.view();
      engine.dispose();
      ref.engine = undefined;
      let record = toRunRecord(view, now());
      if (timedOut) {
        record = {
          ...record,
          status: 'error',
          stopped: false,
          timedOut: true,
          error: `Timed out after ${Math.round(options.timeoutMs / 100) / 10} s (the batch's per-request timeout). What arrived is kept.`,
        };
      }
      const retry = rateLimited && record.status === 'error' && record.steps.length === 0 && !cancelSignal.signal.aborted && attempt < maxRetries;
      if (retry) {
        const delay = backoffDelayMs(attempt, rateLimited?.retryAfterSeconds, random);
        progress.retries++;
        if (now() + delay > pausedUntil) {
          pausedUntil = now() + delay;
          pauseMs = delay;
        }
        limited = record;
        report();
        continue;
      }
      if (options.finalize) record = options.finalize(record, query);
      keep(record);
      await save(record);
      return classifyRun(record, timedOut, cancelSignal.signal.aborted);
    }
  }

  async function worker() {
    while (next < jobs.length) {
      const query = jobs[next++];
      if (cancelSignal.signal.aborted) {
        progress.cancelled++;
        continue;
      }
      const outcome = await runOne(query);
      if (outcome === 'done') progress.done++;
      else if (outcome === 'failed') progress.failed++;
      else if (outcome === 'timed-out') progress.timedOut++;
      else progress.cancelled++;
      report();
    }
  }

  const done = (async (): Promise<BatchSummary> => {
    report();
    await Promise.all(Array.from({ length: concurrency }, worker));
    pausedUntil = 0;
    report();
    return { ...progress, waitingUntil: undefined, cancelledByUser: cancelSignal.signal.aborted, durationMs: now() - startedAt };
  })();

  return {
    cancel() {
      if (cancelSignal.signal.aborted) return;
      cancelSignal.abort();
      for (const engine of liveEngines) engine.stop();
    },
    done,
    records: () => [...records],
    runIds: () => [...finishedIds],
  };
}
