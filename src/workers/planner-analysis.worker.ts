/// <reference lib="webworker" />
import { createPlannerAnalysisHandler, type PlannerAnalysisRequest } from './planner-analysis-handler';

// Wiring only: the logic is in planner-analysis-handler.ts.
const handler = createPlannerAnalysisHandler((message) => self.postMessage(message));
self.onmessage = (event: MessageEvent<PlannerAnalysisRequest>) => {
  handler.handle(event.data);
};
