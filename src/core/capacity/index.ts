/**
 * Capacity-planner analysis core (pure: no DOM, timers, clock or Math.random).
 * The monitoring dashboard reuses `percentile`, `summarize`, `pearson` and `spearman` from here.
 */
export { percentile, percentiles, percentileSorted, sortedCopy, summarize, mean, pearson, spearman, averageRanks, wilson, normalCdf, Z95 } from './stats';
export type { Summary, Interval } from './stats';
export { sortFloat64 } from './sort';
export { histogram, cdf, tierStats, DEFAULT_TIER_BOUNDS } from './distribution';
export type { Histogram, HistogramBin, HistogramOptions, CdfPoint, TierRow, TierStat, TierBounds } from './distribution';
export { latencyByLength, fitLatencyModel, quantileEdges, lengthColumnsOf, lengthRowAt } from './latency';
export type { LengthColumns, LengthRow, LengthBin, LengthPoint, LatencyByLength, LatencyByLengthOptions, LatencyModel } from './latency';
export { detectBreakpoint, segmentedRegression } from './breakpoint';
export type { BreakpointRow, BreakpointOptions, BreakpointResult, BreakpointStatus, SegmentedFit, MechanisticEstimate } from './breakpoint';
export { planCapacity, DEFAULT_STEP_TIME_SECONDS, DEFAULT_OVERHEAD_SECONDS } from './plan';
export type { PlanOptions } from './plan';
export { erlangC, peakArrivalRate, sizeFleet, serviceProfile, queueState, responseCdf, responseQuantile, simulateQueue, FLEET_METHOD } from './queueing';
export type { PeakArrival, FleetInput, FleetPlan, FleetPoint, ServiceProfile, QueueState, SimulationResult } from './queueing';
export { timeoutFromData } from './timeout';
export { bucketResolvedInterval, bucketWidthAt } from './bucket-interval';
export type { BucketEdges } from './bucket-interval';
export type { DataTimeout, DataTimeoutOptions } from './timeout';
export { mulberry32, createRng, sampleIndices } from '../random';
export type { Rng } from '../random';
export { detectBreakpointSmallSample, runsToNarrow, FULL_ROWS, SMALL_MIN_ROWS, type SmallSample, type SmallSampleBreakpoint } from './small-sample';
