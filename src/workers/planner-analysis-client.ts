import { columnarBuffers } from '../core/logs';
import {
  createPlannerAnalysisHandler,
  type DatasetPart,
  type PlannerAnalysis,
  type PlannerAnalysisRequest,
  type PlannerAnalysisResponse,
  type PlannerSettings,
} from './planner-analysis-handler';

export type { DatasetPart, PlannerAnalysis, PlannerSettings, LengthBasis, DistBin, LatencyBinOut } from './planner-analysis-handler';
export { DEFAULT_PLANNER_SETTINGS, BREAKPOINT_SAMPLE, DISPLAY_POINTS } from './planner-analysis-handler';

export type PlannerAnalysisClient = {
  /** Hands a parsed file's rows to the analysis (transferred: the caller must not use them after). */
  setPart(key: number, part: DatasetPart): void;
  removePart(key: number): void;
  clear(): void;
  /** Resolves with the analysis, or with null when a newer request superseded this one. */
  analyze(settings: PlannerSettings): Promise<PlannerAnalysis | null>;
  dispose(): void;
};

/**
 * The planner's analysis in a long-lived Web Worker that keeps the rows (so the main thread
 * holds no copy and a settings change sends only the settings). Without `Worker` (jsdom) the
 * same handler runs in-thread.
 */
export function createPlannerAnalysisClient(): PlannerAnalysisClient {
  let nextId = 1;
  const waiting = new Map<number, { resolve: (a: PlannerAnalysis | null) => void; reject: (e: Error) => void }>();
  const onResponse = (message: PlannerAnalysisResponse) => {
    const w = waiting.get(message.id);
    if (!w) return;
    waiting.delete(message.id);
    if (message.type === 'result') w.resolve(message.analysis);
    else if (message.type === 'skipped') w.resolve(null);
    else w.reject(new Error(message.message));
  };

  let send: (request: PlannerAnalysisRequest, transfer?: Transferable[]) => void;
  let terminate = () => {};
  if (typeof Worker === 'undefined') {
    const handler = createPlannerAnalysisHandler((m) => onResponse(m));
    send = (request) => handler.handle(request);
  } else {
    const worker = new Worker(new URL('./planner-analysis.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<PlannerAnalysisResponse>) => onResponse(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      const error = new Error(event.message || 'The analysis worker crashed.');
      for (const w of waiting.values()) w.reject(error);
      waiting.clear();
    };
    send = (request, transfer = []) => worker.postMessage(request, transfer);
    terminate = () => worker.terminate();
  }

  return {
    setPart(key, part) {
      send({ type: 'set', key, part }, columnarBuffers(part.rows));
    },
    removePart(key) {
      send({ type: 'remove', key });
    },
    clear() {
      send({ type: 'clear' });
    },
    analyze(settings) {
      const id = nextId++;
      return new Promise<PlannerAnalysis | null>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        send({ type: 'analyze', id, settings });
      });
    },
    dispose() {
      for (const w of waiting.values()) w.resolve(null);
      waiting.clear();
      terminate();
    },
  };
}
