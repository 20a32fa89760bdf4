import type { BreakpointResult, DataTimeout, FleetPlan, LatencyModel, LengthBin, PeakArrival, SmallSample, TierStat } from '../capacity';
import type { BucketRow, ColumnarRows, Outcome, StepsSource } from '../logs';
import type { TierId } from '../run/tiers';
import type { LengthBasis } from './settings';
import type { FleetBlocker } from './unreachable';

/** One parsed file as the analysis needs it. */
export type DatasetPart = {
  name: string;
  rows: ColumnarRows;
  buckets: BucketRow[];
  stepsSource: StepsSource;
};

export type DistBin = { lo: number; hi: number; count: number; share: number; cumulativeShare: number; tier: TierId | null };

/** The planner posts the core's bins as they are. */
export type LatencyBinOut = LengthBin;

export type LatencySummary = {
  /** Ok, truncated and timed-out requests with a latency (length not needed). */
  n: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  meanMs: number;
  medianTtftMs: number | null;
  /** Timed-out requests among every row read. */
  timeouts: number;
  of: number;
};

export type PlannerDistribution = {
  bins: DistBin[];
  cdf: { x: number; p: number }[];
  n: number;
  /** Left out on a log axis (length ≤ 0). */
  excluded: number;
  log: boolean;
  stats: { n: number; median: number; p90: number; p95: number; p99: number; max: number };
  /** True for bucket input: percentiles interpolated within buckets. */
  approximate: boolean;
};

export type PlannerLatency = {
  bins: LatencyBinOut[];
  points: { x: number; latencyMs: number; timedOut: boolean }[];
  pointsOf: number;
  sampled: boolean;
  pearson: number;
  spearman: number;
  spearmanSample?: number;
};

/** For bucket input `interval` includes the bucket width; `bootstrapInterval` is the bootstrap's alone. */
export type PlannerBreakpoint = Omit<BreakpointResult, 'profile'> & {
  sample?: { used: number; of: number };
  fromBuckets?: boolean;
  scaledFrom?: number;
  bootstrapInterval?: [number, number] | null;
  smallSample?: SmallSample;
};

/** source 'measured': no steps, so the share is of measured latencies within the target. */
export type PlannerPlan = { share: number; stepTimeSeconds: number; overheadSeconds: number; source: 'settings' | 'fitted' | 'measured'; targetP95Seconds: number; requests: number; note?: string };

export type PlannerFleet = {
  peak: PeakArrival | null;
  peakSource: 'log' | 'entered';
  arrivalRate: number;
  plan: FleetPlan | null;
  reason?: string;
  serviceNote?: string;
  /** When no fleet size meets the target: why, and the reasoning cap that would make it reachable. */
  blocker?: FleetBlocker;
};

export type PlannerAnalysis = {
  kind: 'rows' | 'buckets' | 'empty';
  /** The length measure used (the chosen one, or output tokens when the logs have none of it). */
  basis: LengthBasis;
  /** The length measure chosen in the settings. */
  requestedBasis: LengthBasis;
  /** End-to-end latency over every finished or timed-out request with a latency; null without latencies. */
  latencySummary: LatencySummary | null;
  /** The timeout used by the charts, the mechanistic estimate and the fleet. */
  timeout: { seconds: number; source: 'data' | 'settings'; data: DataTimeout | null };
  /** Every row read, by outcome (rows input) or every request in the buckets (bucket input). */
  counts: Record<Outcome, number>;
  total: number;
  /** Rows in the analysed set (ok, truncated, timed out, with a length). */
  analysed: number;
  /** Analysed-set rows by outcome. */
  analysedCounts: { ok: number; truncated: number; timeout: number };
  /** Rows without a length (any outcome), not in the charts. */
  noLength: number;
  distribution: PlannerDistribution;
  tiers: (TierStat & { approximate?: boolean })[] | null;
  tiersNote?: string;
  latency: PlannerLatency | null;
  breakpoint: PlannerBreakpoint | null;
  breakpointNote?: string;
  /** Length measure other than steps, with no breakpoint of its own: the step breakpoint placed on this axis (median length of requests at that many steps). */
  stepBreakpoint?: { steps: number; length: number; interval: [number, number] | null } | null;
  model: LatencyModel | null;
  medianTtftMs: number | null;
  plan: PlannerPlan;
  fleet: PlannerFleet;
  notes: string[];
  durationMs: number;
  /** Stages recomputed by this analysis and their ms (memoised stages are absent). */
  timings?: Record<string, number>;
};
