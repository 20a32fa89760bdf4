/**
 * The capacity planner's model (pure): settings, result types, and one pipeline that raw rows
 * and pre-aggregated buckets both feed, memoised per stage. The worker only wires messages to it.
 */
export { createPlannerAnalyzer, type PlannerAnalyzer } from './analyzer';
export { bucketPercentile } from './buckets';
export { BREAKPOINT_SAMPLE, DISPLAY_POINTS, MAX_BUCKET_EXPANSION, RANK_SAMPLE, DEFAULT_PLANNER_SETTINGS, tierBoundsOf, tierTargetsOf } from './settings';
export type { LengthBasis, PlannerSettings } from './settings';
export { cappedServiceTimes, explainUnreachable, CAP_SEARCH_SAMPLE, type CappedFleet, type FleetBlocker } from './unreachable';
export type { DatasetPart, DistBin, LatencyBinOut, LatencySummary, PlannerAnalysis, PlannerBreakpoint, PlannerDistribution, PlannerFleet, PlannerLatency, PlannerPlan } from './types';
