/**
 * Message wiring for the planner's analysis (the model is core/planner). The worker entry
 * (planner-analysis.worker.ts) and the client's in-thread fallback both use it.
 */
import { createPlannerAnalyzer, type DatasetPart, type PlannerAnalysis, type PlannerSettings } from '../core/planner';

export type PlannerAnalysisRequest =
  | { type: 'set'; key: number; part: DatasetPart }
  | { type: 'remove'; key: number }
  | { type: 'clear' }
  | { type: 'analyze'; id: number; settings: PlannerSettings };

export type PlannerAnalysisResponse = { type: 'result'; id: number; analysis: PlannerAnalysis } | { type: 'skipped'; id: number } | { type: 'error'; id: number; message: string };

/**
 * Parts are kept here (transferred in once); analyses run on the newest request only —
 * requests that queued up while one ran are answered 'skipped'.
 */
export function createPlannerAnalysisHandler(post: (message: PlannerAnalysisResponse) => void, schedule: (run: () => void) => void = (run) => setTimeout(run, 0)) {
  const analyzer = createPlannerAnalyzer(() => performance.now());
  let pending: { id: number; settings: PlannerSettings } | null = null;
  let scheduled = false;
  const run = () => {
    scheduled = false;
    const req = pending;
    pending = null;
    if (!req) return;
    try {
      post({ type: 'result', id: req.id, analysis: analyzer.analyze(req.settings) });
    } catch (e) {
      post({ type: 'error', id: req.id, message: e instanceof Error ? e.message : String(e) });
    }
  };
  return {
    handle(request: PlannerAnalysisRequest) {
      if (request.type === 'set') analyzer.set(request.key, request.part);
      else if (request.type === 'remove') analyzer.remove(request.key);
      else if (request.type === 'clear') analyzer.clear();
      else {
        if (pending) post({ type: 'skipped', id: pending.id });
        pending = { id: request.id, settings: request.settings };
        if (!scheduled) {
          scheduled = true;
          schedule(run);
        }
      }
    },
  };
}
