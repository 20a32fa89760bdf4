import { columnarBuffers } from '../core/logs';
import type { DatasetPart, PlannerAnalysis, PlannerSettings } from '../core/planner';
import { createPlannerAnalysisHandler, type PlannerAnalysisRequest, type PlannerAnalysisResponse } from './planner-analysis-handler';
import { createWatchdog, fmtSeconds, realTimers, type Timers, type WorkerLike } from './watchdog';


/** How long the analysis worker may stay silent while an analysis is outstanding. */
export const ANALYSIS_WATCHDOG_MS = 30_000;

/** The analysis worker did not answer in time and was replaced; the rows it held are gone. */
export class AnalysisStalledError extends Error {
  override name = 'AnalysisStalledError';
}

export type PlannerAnalysisClient = {
  /** Hands a parsed file's rows to the analysis (transferred: the caller must not use them after). */
  setPart(key: number, part: DatasetPart): void;
  removePart(key: number): void;
  /** Forgets every part; a busy worker is ended and replaced instead of waited for. */
  clear(): void;
  /** Resolves with the analysis, or with null when a newer request (or a clear) superseded this one. */
  analyze(settings: PlannerSettings): Promise<PlannerAnalysis | null>;
  /** Workers ended by the watchdog or by clear() while busy. */
  readonly restarts: number;
  dispose(): void;
};

export type PlannerAnalysisClientOptions = {
  /** The worker to use; default the real analysis worker (in-thread handler where `Worker` is missing). */
  createWorker?: () => WorkerLike;
  watchdogMs?: number;
  timers?: Timers;
};

function realWorker(): WorkerLike {
  return new Worker(new URL('./planner-analysis.worker.ts', import.meta.url), { type: 'module' });
}

/**
 * The planner's analysis in a long-lived Web Worker that keeps the rows (so the main thread
 * holds no copy and a settings change sends only the settings). Without `Worker` (jsdom) the
 * same handler runs in-thread.
 *
 * A watchdog runs while an analysis is outstanding: when the worker says nothing for
 * `watchdogMs`, it is terminated (a stuck loop cannot be interrupted any other way), the next
 * call starts a fresh one, and the outstanding analyses reject with AnalysisStalledError. The
 * fresh worker holds no rows: the caller re-sends them.
 */
export function createPlannerAnalysisClient(options: PlannerAnalysisClientOptions = {}): PlannerAnalysisClient {
  let nextId = 1;
  let restarts = 0;
  const waiting = new Map<number, { resolve: (a: PlannerAnalysis | null) => void; reject: (e: Error) => void }>();
  const watchdogMs = options.watchdogMs ?? ANALYSIS_WATCHDOG_MS;

  const onResponse = (message: PlannerAnalysisResponse) => {
    const w = waiting.get(message.id);
    if (!w) return;
    waiting.delete(message.id);
    if (waiting.size === 0) watchdog.stop();
    else watchdog.feed();
    if (message.type === 'result') w.resolve(message.analysis);
    else if (message.type === 'skipped') w.resolve(null);
    else w.reject(new Error(message.message));
  };

  const createWorker = options.createWorker ?? (typeof Worker === 'undefined' ? null : realWorker);
  let worker: WorkerLike | null = null;
  const endWorker = () => {
    worker?.terminate();
    worker = null;
    restarts++;
  };
  const watchdog = createWatchdog(
    watchdogMs,
    () => {
      endWorker();
      const error = new AnalysisStalledError(`The analysis did not answer for ${fmtSeconds(watchdogMs)}, so its worker was ended and a fresh one started.`);
      for (const w of waiting.values()) w.reject(error);
      waiting.clear();
    },
    options.timers ?? realTimers,
  );

  let send: (request: PlannerAnalysisRequest, transfer?: Transferable[]) => void;
  if (!createWorker) {
    const handler = createPlannerAnalysisHandler((m) => onResponse(m));
    send = (request) => handler.handle(request);
  } else {
    const ensure = (): WorkerLike => {
      if (worker) return worker;
      const w = createWorker();
      w.onmessage = (event: MessageEvent<PlannerAnalysisResponse>) => {
        if (w === worker) onResponse(event.data);
      };
      w.onerror = (event) => {
        event.preventDefault();
        if (w !== worker) return;
        watchdog.stop();
        const error = new Error(event.message || 'The analysis worker crashed.');
        for (const p of waiting.values()) p.reject(error);
        waiting.clear();
      };
      worker = w;
      return w;
    };
    send = (request, transfer = []) => ensure().postMessage(request, transfer);
  }

  return {
    setPart(key, part) {
      send({ type: 'set', key, part }, columnarBuffers(part.rows));
    },
    removePart(key) {
      send({ type: 'remove', key });
    },
    clear() {
      if (worker && waiting.size > 0) {
        // Busy (perhaps stuck): the clear would queue behind the analysis, so end the worker.
        watchdog.stop();
        endWorker();
        for (const w of waiting.values()) w.resolve(null);
        waiting.clear();
        return;
      }
      send({ type: 'clear' });
    },
    analyze(settings) {
      const id = nextId++;
      return new Promise<PlannerAnalysis | null>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        if (createWorker) watchdog.feed();
        send({ type: 'analyze', id, settings });
      });
    },
    get restarts() {
      return restarts;
    },
    dispose() {
      watchdog.stop();
      for (const w of waiting.values()) w.resolve(null);
      waiting.clear();
      worker?.terminate();
      worker = null;
    },
  };
}
