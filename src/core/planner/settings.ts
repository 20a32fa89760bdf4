import { DEFAULT_OVERHEAD_SECONDS, DEFAULT_STEP_TIME_SECONDS } from '../capacity';
import type { TierBounds, TierTargets } from '../run/tiers';

/** Above this many rows the breakpoint (hinge logistic + 200-sample bootstrap) runs on a seeded sample. */
export const BREAKPOINT_SAMPLE = 50_000;
/** Charts draw at most this many scatter points. */
export const DISPLAY_POINTS = 1_500;
/** Bucket input is expanded into at most this many rows for the breakpoint. */
export const MAX_BUCKET_EXPANSION = 200_000;
/** Spearman's ρ above this many pairs is estimated on a seeded sample of this size. */
export const RANK_SAMPLE = 100_000;

export type LengthBasis = 'steps' | 'reasoningTokens' | 'outputTokens';

export type PlannerSettings = {
  /** What "length" means on the charts and for the breakpoint. */
  basis: LengthBasis;
  logX: boolean;
  /** Steps = ceil(reasoning tokens ÷ this) for files whose steps come from tokens. */
  tokensPerStep: number;
  /** Tiers: short < shortBelow steps, medium up to complexAbove, complex above. */
  shortBelow: number;
  complexAbove: number;
  shortTargetSeconds: number;
  mediumTargetSeconds: number;
  complexTargetSeconds: number;
  /** planCapacity and the fleet: the p95 end-to-end target. */
  targetP95Seconds: number;
  /** Use the least-squares fit of latency on steps instead of the step time and overhead below. */
  fitFromData: boolean;
  stepTimeSeconds: number;
  overheadSeconds: number;
  timeoutSeconds: number;
  /** Use the timeout the log's timed-out rows cluster at, when they do, instead of timeoutSeconds. */
  timeoutFromData: boolean;
  /** Also count ok/truncated rows with latency ≥ the timeout as timed out. */
  slowIsTimeout: boolean;
  peakSource: 'log' | 'entered';
  enteredPeakPerSecond: number;
  concurrency: number;
  /** Extra capacity, percent (20 → size for 1.2 × peak). */
  headroomPercent: number;
};

export const DEFAULT_PLANNER_SETTINGS: PlannerSettings = {
  basis: 'steps',
  logX: false,
  tokensPerStep: 50,
  shortBelow: 5,
  complexAbove: 15,
  shortTargetSeconds: 5,
  mediumTargetSeconds: 15,
  complexTargetSeconds: 30,
  targetP95Seconds: 30,
  fitFromData: false,
  stepTimeSeconds: DEFAULT_STEP_TIME_SECONDS,
  overheadSeconds: DEFAULT_OVERHEAD_SECONDS,
  timeoutSeconds: 60,
  timeoutFromData: true,
  slowIsTimeout: false,
  peakSource: 'log',
  enteredPeakPerSecond: 5,
  concurrency: 8,
  headroomPercent: 20,
};

export const tierBoundsOf = (s: PlannerSettings): TierBounds => ({ shortBelow: s.shortBelow, complexAbove: s.complexAbove });

export const tierTargetsOf = (s: PlannerSettings): TierTargets => ({
  shortSeconds: s.shortTargetSeconds,
  mediumSeconds: s.mediumTargetSeconds,
  attentionCeilingSeconds: s.complexTargetSeconds,
});
