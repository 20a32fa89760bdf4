/**
 * The capacity planner's analysis, composed from core/capacity over the parsed logs' columnar
 * rows (or pre-aggregated buckets). The worker entry (planner-analysis.worker.ts) and the client's
 * in-thread fallback both use it; it runs in Node for the tests.
 *
 * Which rows feed what (the page states the same):
 * - the "analysed" set is every ok, truncated and timed-out request with a known length; errors
 *   (usually no length, latency of a failure) and censored requests (length and latency are lower
 *   bounds) are counted and shown but not analysed;
 * - latency percentiles, the timeout rate, service times and fleet sizing use every ok,
 *   truncated and timed-out request with a latency, whether or not it has a length: nothing that
 *   needs only latencies waits for a reasoning length;
 * - the length is the chosen measure; where the logs have none of it but carry output tokens,
 *   output tokens are used and the page says so (for reasoning models most output is reasoning);
 * - the timeout is the one the log's timed-out rows cluster at, when they do (core/capacity/timeout);
 * - peak arrivals use every row's timestamp (a failed request still arrived).
 * Large inputs: the breakpoint (hinge logistic + 200-sample bootstrap) runs on a seeded uniform
 * sample of BREAKPOINT_SAMPLE rows above that size; charts draw at most DISPLAY_POINTS points.
 * Stages are memoised on their inputs, so editing a fleet setting does not redo the bootstrap.
 */
import {
  cdf,
  detectBreakpoint,
  detectBreakpointSmallSample,
  fitLatencyModel,
  histogram,
  latencyByLength,
  peakArrivalRate,
  percentileSorted,
  planCapacity,
  sampleIndices,
  segmentedRegression,
  sizeFleet,
  sortedCopy,
  timeoutFromData,
  bucketResolvedInterval,
  summarize,
  tierStats,
  wilson,
  DEFAULT_OVERHEAD_SECONDS,
  DEFAULT_STEP_TIME_SECONDS,
  type BreakpointResult,
  type BreakpointRow,
  type FleetPlan,
  type LatencyModel,
  type LengthBin,
  type LengthRow,
  type PeakArrival,
  type SmallSample,
  type TierStat,
  type DataTimeout,
} from '../core/capacity';
import type { BucketRow, ColumnarRows, Outcome, StepsSource } from '../core/logs';

export const BREAKPOINT_SAMPLE = 50_000;
export const DISPLAY_POINTS = 1_500;
export const MAX_BUCKET_EXPANSION = 200_000;
/** Spearman's ρ above this many pairs is estimated on a seeded sample of this size. */
export const RANK_SAMPLE = 100_000;
const OUTCOME_CODE: Record<Outcome, number> = { ok: 0, error: 1, timeout: 2, truncated: 3, censored: 4 };

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

/** One parsed file as the analysis needs it. */
export type DatasetPart = {
  name: string;
  rows: ColumnarRows;
  buckets: BucketRow[];
  stepsSource: StepsSource;
};

export type DistBin = { lo: number; hi: number; count: number; share: number; cumulativeShare: number; tier: 'short' | 'medium' | 'complex' | null };

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
  distribution: {
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
  tiers: (TierStat & { approximate?: boolean })[] | null;
  tiersNote?: string;
  latency: { bins: LatencyBinOut[]; points: { x: number; latencyMs: number; timedOut: boolean }[]; pointsOf: number; sampled: boolean; pearson: number; spearman: number; spearmanSample?: number } | null;
  /** For bucket input `interval` includes the bucket width; `bootstrapInterval` is the bootstrap's alone. */
  breakpoint: (Omit<BreakpointResult, 'profile'> & { sample?: { used: number; of: number }; fromBuckets?: boolean; scaledFrom?: number; bootstrapInterval?: [number, number] | null; smallSample?: SmallSample }) | null;
  breakpointNote?: string;
  model: LatencyModel | null;
  medianTtftMs: number | null;
  /** source 'measured': no steps, so the share is of measured latencies within the target. */
  plan: { share: number; stepTimeSeconds: number; overheadSeconds: number; source: 'settings' | 'fitted' | 'measured'; targetP95Seconds: number; requests: number; note?: string };
  fleet: { peak: PeakArrival | null; peakSource: 'log' | 'entered'; arrivalRate: number; plan: FleetPlan | null; reason?: string; serviceNote?: string };
  notes: string[];
  durationMs: number;
  /** Stages recomputed by this analysis and their ms (memoised stages are absent). */
  timings?: Record<string, number>;
};

type Combined = {
  n: number;
  length: Float64Array;
  steps: Float64Array;
  latency: Float64Array;
  ttft: Float64Array;
  timestamp: Float64Array;
  /** Outcome codes (index into OUTCOMES); 2 = timed out. */
  outcome: Uint8Array;
  /** Indices of the analysed set. */
  analysed: Uint32Array;
  /** Indices of ok, truncated and timed-out rows with a latency (length or not). */
  withLatency: Uint32Array;
  counts: Record<Outcome, number>;
  noLength: number;
  analysedCounts: { ok: number; truncated: number; timeout: number };
  slowReclassified: number;
};

function emptyCounts(): Record<Outcome, number> {
  return { ok: 0, error: 0, timeout: 0, truncated: 0, censored: 0 };
}

function lengthOf(p: DatasetPart, basis: LengthBasis, steps: Float64Array): Float64Array {
  return basis === 'steps' ? steps : basis === 'reasoningTokens' ? p.rows.reasoningTokens : p.rows.outputTokens;
}

function hasAny(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i])) return true;
  return false;
}

/** The chosen length measure, or output tokens when no part has the chosen one but some have output tokens. */
function basisFor(parts: readonly DatasetPart[], requested: LengthBasis): LengthBasis {
  if (requested === 'outputTokens') return requested;
  const has = (b: LengthBasis) =>
    parts.some((p) => (b === 'steps' ? p.stepsSource === 'tokens' ? hasAny(p.rows.reasoningTokens) : hasAny(p.rows.steps) : b === 'reasoningTokens' ? hasAny(p.rows.reasoningTokens) : hasAny(p.rows.outputTokens)));
  if (has(requested) || !has('outputTokens')) return requested;
  return 'outputTokens';
}

/** The timeout the log's own timed-out rows cluster at (before any reclassification by the settings). */
function dataTimeout(parts: readonly DatasetPart[]): DataTimeout | null {
  const lat: number[] = [];
  for (const p of parts) for (let i = 0; i < p.rows.length; i++) if (p.rows.outcome[i] === OUTCOME_CODE.timeout && Number.isFinite(p.rows.latencyMs[i])) lat.push(p.rows.latencyMs[i]);
  return timeoutFromData(lat);
}

function combine(parts: readonly DatasetPart[], s: PlannerSettings, basis: LengthBasis, timeoutSeconds: number): Combined {
  let n = 0;
  for (const p of parts) n += p.rows.length;
  const counts = emptyCounts();
  const timeoutMs = timeoutSeconds * 1000;
  const tps = s.tokensPerStep > 0 ? s.tokensPerStep : 50;
  let slow = 0;
  const stepsOf = (p: DatasetPart): Float64Array => {
    if (p.stepsSource !== 'tokens') return p.rows.steps;
    const rt = p.rows.reasoningTokens;
    const out = new Float64Array(rt.length);
    for (let i = 0; i < rt.length; i++) out[i] = Number.isNaN(rt[i]) ? NaN : Math.ceil(rt[i] / tps);
    return out;
  };
  const outcomeOf = (p: DatasetPart): Uint8Array => {
    if (!s.slowIsTimeout) return p.rows.outcome;
    const out = p.rows.outcome.slice();
    const lat = p.rows.latencyMs;
    for (let i = 0; i < out.length; i++) {
      if ((out[i] === OUTCOME_CODE.ok || out[i] === OUTCOME_CODE.truncated) && lat[i] >= timeoutMs) {
        out[i] = OUTCOME_CODE.timeout;
        slow++;
      }
    }
    return out;
  };
  let steps: Float64Array;
  let length: Float64Array;
  let latency: Float64Array;
  let ttft: Float64Array;
  let timestamp: Float64Array;
  let outcome: Uint8Array;
  if (parts.length === 1) {
    // One file: use its columns as they are (no copy of a million rows).
    const p = parts[0];
    steps = stepsOf(p);
    length = lengthOf(p, basis, steps);
    latency = p.rows.latencyMs;
    ttft = p.rows.ttftMs;
    timestamp = p.rows.timestampMs;
    outcome = outcomeOf(p);
  } else {
    steps = new Float64Array(n);
    length = basis === 'steps' ? steps : new Float64Array(n);
    latency = new Float64Array(n);
    ttft = new Float64Array(n);
    timestamp = new Float64Array(n);
    outcome = new Uint8Array(n);
    let o = 0;
    for (const p of parts) {
      const st = stepsOf(p);
      steps.set(st, o);
      if (basis !== 'steps') length.set(lengthOf(p, basis, st), o);
      latency.set(p.rows.latencyMs, o);
      ttft.set(p.rows.ttftMs, o);
      timestamp.set(p.rows.timestampMs, o);
      outcome.set(outcomeOf(p), o);
      o += p.rows.length;
    }
  }
  const idx = new Uint32Array(n);
  const lat = new Uint32Array(n);
  let m = 0;
  let nl = 0;
  let noLength = 0;
  const analysedCounts = { ok: 0, truncated: 0, timeout: 0 };
  for (let i = 0; i < n; i++) {
    const oc = outcome[i];
    if (oc === 0) counts.ok++;
    else if (oc === 1) counts.error++;
    else if (oc === 2) counts.timeout++;
    else if (oc === 3) counts.truncated++;
    else counts.censored++;
    if ((oc === 0 || oc === 2 || oc === 3) && Number.isFinite(latency[i]) && latency[i] >= 0) lat[nl++] = i;
    if (!Number.isFinite(length[i])) {
      noLength++;
      continue;
    }
    if (oc === 0 || oc === 2 || oc === 3) {
      idx[m++] = i;
      if (oc === 0) analysedCounts.ok++;
      else if (oc === 2) analysedCounts.timeout++;
      else analysedCounts.truncated++;
    }
  }
  return { n, length, steps, latency, ttft, timestamp, outcome, analysed: idx.slice(0, m), withLatency: lat.slice(0, nl), counts, noLength, analysedCounts, slowReclassified: slow };
}

/** An integral value as a V8 small integer (no heap box), else as is. */
const small = (v: number): number => (v === (v | 0) ? v | 0 : v);
const optional = (v: number): number | undefined => (Number.isNaN(v) ? undefined : small(v));

const tierOfSteps = (v: number, s: PlannerSettings) => (v < s.shortBelow ? 'short' : v <= s.complexAbove ? 'medium' : 'complex');

function distBins(
  bins: { lo: number; hi: number; count: number; share: number; cumulativeShare: number }[],
  s: PlannerSettings,
  colourTiers: boolean,
): DistBin[] {
  return bins.map((b) => {
    let tier: DistBin['tier'] = null;
    if (colourTiers) {
      // Integer bins [lo, hi): a bin takes the tier of most of its integers.
      const mid = b.hi - b.lo > 1 ? (b.lo + b.hi - 1) / 2 : b.lo;
      tier = tierOfSteps(mid, s);
    }
    return { lo: b.lo, hi: b.hi, count: b.count, share: b.share, cumulativeShare: b.cumulativeShare, tier };
  });
}

/** Memo of one value keyed by a string. */
function memo<T>(name: string, timings: Record<string, number>, now: () => number) {
  let key: string | null = null;
  let value: T;
  return (k: string, compute: () => T): T => {
    if (k !== key) {
      const t = now();
      value = compute();
      timings[name] = now() - t;
      key = k;
    }
    return value;
  };
}

function ttftMedian(c: Combined): number | null {
  const vals = new Float64Array(c.withLatency.length);
  let n = 0;
  for (let j = 0; j < c.withLatency.length; j++) {
    const v = c.ttft[c.withLatency[j]];
    if (Number.isFinite(v)) vals[n++] = v;
  }
  if (n === 0) return null;
  return percentileSorted(vals.subarray(0, n).sort(), 50);
}

function stripProfile(b: BreakpointResult): Omit<BreakpointResult, 'profile'> {
  const { profile: _profile, ...rest } = b;
  return rest;
}

/** Stateful analysis over the loaded parts (keyed), memoised per stage. */
export function createPlannerAnalyzer(now: () => number = () => performance.now()) {
  /** How long each stage took the last time it ran (ms), for the bench and the status tooltip. */
  const timings: Record<string, number> = {};
  const timed = <T,>(name: string, f: () => T): T => {
    const t = now();
    const v = f();
    timings[name] = now() - t;
    return v;
  };
  const parts = new Map<number, DatasetPart>();
  let version = 0;
  const combinedMemo = memo<Combined>('combined', timings, now);
  const rowsMemo = memo<{ lengthRows: LengthRow[]; tierRows: LengthRow[] }>('rows', timings, now);
  const distMemo = memo<PlannerAnalysis['distribution']>('dist', timings, now);
  const latencyMemo = memo<PlannerAnalysis['latency']>('latency', timings, now);
  const breakpointMemo = memo<{ result: PlannerAnalysis['breakpoint']; note?: string }>('breakpoint', timings, now);
  const modelMemo = memo<LatencyModel | null>('model', timings, now);
  const serviceMemo = memo<Float64Array>('service', timings, now);
  const peakMemo = memo<PeakArrival | null>('peak', timings, now);
  const ttftMemo = memo<number | null>('ttft', timings, now);
  const dataTimeoutMemo = memo<DataTimeout | null>('dataTimeout', timings, now);
  const summaryMemo = memo<LatencySummary | null>('latencySummary', timings, now);

  function ordered(): DatasetPart[] {
    return [...parts.entries()].sort((a, b) => a[0] - b[0]).map(([, p]) => p);
  }

  function analyze(s: PlannerSettings): PlannerAnalysis {
    const t0 = now();
    for (const k of Object.keys(timings)) delete timings[k];
    const list = ordered();
    const rowsTotal = list.reduce((a, p) => a + p.rows.length, 0);
    const buckets = list.flatMap((p) => p.buckets);
    let out: PlannerAnalysis;
    if (rowsTotal > 0) {
      out = analyzeRows(list, s);
      if (buckets.length) out.notes.push(`${buckets.length} pre-aggregated bucket rows from other files are not mixed with raw rows; remove the raw-row files to analyse the buckets.`);
    } else if (buckets.length > 0) out = analyzeBuckets(buckets, s);
    else out = emptyAnalysis(s);
    out.durationMs = now() - t0;
    out.timings = { ...timings };
    return out;
  }

  function analyzeRows(list: DatasetPart[], s: PlannerSettings): PlannerAnalysis {
    const notes: string[] = [];
    const fromData = dataTimeoutMemo(`${version}`, () => dataTimeout(list));
    const useData = s.timeoutFromData && fromData !== null;
    const timeoutSeconds = useData ? (fromData as DataTimeout).timeoutMs / 1000 : s.timeoutSeconds;
    const timeout: PlannerAnalysis['timeout'] = { seconds: timeoutSeconds, source: useData ? 'data' : 'settings', data: fromData };
    const basis = basisFor(list, s.basis);
    const cKey = `${version}|${basis}|${s.tokensPerStep}|${s.slowIsTimeout ? timeoutSeconds : '-'}`;
    const c = combinedMemo(cKey, () => combine(list, s, basis, timeoutSeconds));
    if (c.slowReclassified) notes.push(`${c.slowReclassified.toLocaleString('en-US')} rows the log calls finished took at least the ${fmtSeconds(timeoutSeconds)} timeout and are counted as timed out.`);
    if (basis !== s.basis)
      notes.push(
        `No ${s.basis === 'steps' ? 'steps or reasoning-token counts' : 'reasoning-token counts'} in these logs, so the length measure is output tokens (for reasoning models most output is reasoning). Choose another measure under Length, or map a steps or reasoning-token column.`,
      );
    else if (s.basis === 'reasoningTokens' && c.analysed.length === 0 && c.n > 0) notes.push('No reasoning-token counts in these logs: switch the length measure to steps, or map a reasoning-token column.');
    const { lengthRows, tierRows } = rowsMemo(cKey, () => {
      // One object per analysed row, as the core functions take: one shape, integers stored as
      // small integers and a missing latency as undefined, so V8 boxes no doubles (~56 vs ~88 MB
      // per million rows). With steps as the length the tier rows are the same objects.
      const lengthRows: LengthRow[] = new Array(c.analysed.length);
      for (let j = 0; j < c.analysed.length; j++) {
        const i = c.analysed[j];
        lengthRows[j] = { steps: small(c.length[i]), latencyMs: optional(c.latency[i]), timedOut: c.outcome[i] === OUTCOME_CODE.timeout };
      }
      if (basis === 'steps') return { lengthRows, tierRows: lengthRows };
      const tierRows: LengthRow[] = [];
      for (let j = 0; j < c.analysed.length; j++) {
        const i = c.analysed[j];
        if (Number.isFinite(c.steps[i])) tierRows.push({ steps: small(c.steps[i]), latencyMs: optional(c.latency[i]), timedOut: c.outcome[i] === OUTCOME_CODE.timeout });
      }
      return { lengthRows, tierRows };
    });

    const distribution = distMemo(`${cKey}|${s.logX}|${s.shortBelow}|${s.complexAbove}`, () => {
      const values = new Float64Array(c.analysed.length);
      for (let j = 0; j < values.length; j++) values[j] = c.length[c.analysed[j]];
      // Sorted once here: the histogram, summary and CDF each sort a copy, which is far cheaper on sorted input.
      values.sort();
      const h = histogram(values, { log: s.logX });
      const sum = summarize(values);
      return {
        bins: distBins(h.bins, s, basis === 'steps' && h.integer),
        cdf: cdf(values, { maxPoints: 400 }),
        n: h.n,
        excluded: h.excluded,
        log: s.logX,
        stats: { n: sum.n, median: sum.median, p90: sum.p90, p95: sum.p95, p99: sum.p99, max: sum.max },
        approximate: false,
      };
    });

    const tiers = tierRows.length
      ? timed('tiers', () =>
          tierStats(tierRows, {
            bounds: { shortBelow: s.shortBelow, complexAbove: s.complexAbove },
            targets: { shortSeconds: s.shortTargetSeconds, mediumSeconds: s.mediumTargetSeconds, attentionCeilingSeconds: s.complexTargetSeconds },
          }),
        )
      : null;

    const latency = latencyMemo(cKey, () => {
      let withLatency = 0;
      for (const r of lengthRows) if (r.latencyMs !== undefined) withLatency++;
      if (withLatency === 0) return null;
      const l = latencyByLength(lengthRows, { maxPoints: DISPLAY_POINTS, seed: 1, rankSample: RANK_SAMPLE });
      const points: { x: number; latencyMs: number; timedOut: boolean }[] = [];
      for (const p of l.points) if (p.latencyMs !== null) points.push({ x: p.x, latencyMs: p.latencyMs, timedOut: p.timedOut });
      return { bins: l.bins, points, pointsOf: l.totalRows, sampled: l.sampled, pearson: l.pearson, spearman: l.spearman, spearmanSample: l.spearmanSample };
    });

    // Per-step time is a steps concept: fit on steps whatever the chart's basis.
    const model = modelMemo(cKey, () => fitLatencyModel(tierRows));
    const medianTtftMs = ttftMemo(cKey, () => ttftMedian(c));

    const bp = breakpointMemo(`${cKey}|${timeoutSeconds}`, () => {
      const rows: BreakpointRow[] = lengthRows as BreakpointRow[];
      const n = rows.length;
      let use = rows;
      let sample: { used: number; of: number } | undefined;
      if (n > BREAKPOINT_SAMPLE) {
        const idx = sampleIndices(n, BREAKPOINT_SAMPLE, 7);
        use = Array.from(idx, (i) => rows[i]);
        sample = { used: BREAKPOINT_SAMPLE, of: n };
      }
      // Below 200 rows: a rough estimate with a wider interval instead of a refusal.
      const r = detectBreakpointSmallSample(use, {
        timeoutMs: timeoutSeconds * 1000,
        ttftMs: medianTtftMs ?? undefined,
        bootstrap: 200,
        seed: 1,
      });
      const note = sample
        ? `Breakpoint fitted on a seeded random sample of ${sample.used.toLocaleString('en-US')} of ${sample.of.toLocaleString('en-US')} rows (the bootstrap on every row would take too long); the charts use every row.`
        : undefined;
      return { result: { ...stripProfile(r), sample }, note };
    });

    const planUsesFit = s.fitFromData && model !== null && model.stepTimeSeconds > 0;
    const stepTime = planUsesFit ? model.stepTimeSeconds : s.stepTimeSeconds;
    const overhead = planUsesFit ? model.overheadSeconds : s.overheadSeconds;
    const dist: Record<number, number> = {};
    timed('plan', () => {
      for (const r of tierRows) dist[r.steps] = (dist[r.steps] ?? 0) + 1;
    });
    const service = serviceMemo(cKey, () => {
      const v = new Float64Array(c.withLatency.length);
      for (let j = 0; j < v.length; j++) v[j] = c.latency[c.withLatency[j]] / 1000;
      // Sorted once: sizeFleet sorts a copy on every settings change, much faster on sorted input.
      return v.sort();
    });
    const latencySummary = summaryMemo(cKey, () => summarizeLatency(c, service, medianTtftMs));

    let plan: PlannerAnalysis['plan'];
    if (tierRows.length === 0 && service.length > 0) plan = measuredPlan(s, c, service);
    else {
      plan = planFor(s, dist, stepTime, overhead, planUsesFit, tierRows.length);
      if (s.fitFromData && !planUsesFit) plan.note = 'Cannot fit step time from these logs (need latency and steps on at least two finished requests); using the settings.';
    }
    const peak = peakMemo(`${version}`, () => {
      const ts: number[] = [];
      for (let i = 0; i < c.n; i++) if (Number.isFinite(c.timestamp[i])) ts.push(c.timestamp[i] / 1000);
      return ts.length >= 2 ? peakArrivalRate(ts, 60) : null;
    });
    const fleet = timed('fleet', () =>
      fleetFor({ ...s, timeoutSeconds }, peak, service, 'Service times: end-to-end latency of every ok, truncated and timed-out request with a latency, whether or not it has a length (timed-out ones at their recorded latency).'),
    );

    return {
      kind: 'rows',
      basis,
      requestedBasis: s.basis,
      latencySummary,
      timeout,
      counts: c.counts,
      total: c.n,
      analysed: c.analysed.length,
      analysedCounts: c.analysedCounts,
      noLength: c.noLength,
      distribution,
      tiers,
      tiersNote: tierRows.length === 0 ? 'No step counts: tiers need steps (map a steps, reasoning-text or reasoning-token column).' : undefined,
      latency,
      breakpoint: bp.result,
      breakpointNote: bp.note,
      model,
      medianTtftMs,
      plan,
      fleet,
      notes,
      durationMs: 0,
    };
  }

  return {
    set(key: number, part: DatasetPart) {
      parts.set(key, part);
      version++;
    },
    remove(key: number) {
      if (parts.delete(key)) version++;
    },
    clear() {
      parts.clear();
      version++;
    },
    get size() {
      return parts.size;
    },
    analyze,
  };
}

/** Latency percentiles and the timeout rate over every request with a latency (no length needed). */
function summarizeLatency(c: Combined, sortedServiceSeconds: Float64Array, medianTtftMs: number | null): LatencySummary | null {
  const n = sortedServiceSeconds.length;
  if (n === 0) return null;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sortedServiceSeconds[i];
  return {
    n,
    p50Ms: percentileSorted(sortedServiceSeconds, 50) * 1000,
    p95Ms: percentileSorted(sortedServiceSeconds, 95) * 1000,
    p99Ms: percentileSorted(sortedServiceSeconds, 99) * 1000,
    meanMs: (sum / n) * 1000,
    medianTtftMs,
    timeouts: c.counts.timeout,
    of: c.n,
  };
}

/**
 * Without steps the step model cannot run; the share that meets the target is then measured:
 * requests whose end-to-end latency is within the target p95, timed-out ones counting as misses.
 */
function measuredPlan(s: PlannerSettings, c: Combined, sortedServiceSeconds: Float64Array): PlannerAnalysis['plan'] {
  let within = 0;
  for (let j = 0; j < c.withLatency.length; j++) {
    const i = c.withLatency[j];
    if (c.outcome[i] !== OUTCOME_CODE.timeout && c.latency[i] <= s.targetP95Seconds * 1000) within++;
  }
  return {
    share: within / sortedServiceSeconds.length,
    stepTimeSeconds: s.stepTimeSeconds,
    overheadSeconds: s.overheadSeconds,
    source: 'measured',
    targetP95Seconds: s.targetP95Seconds,
    requests: sortedServiceSeconds.length,
    note: 'No step counts in these logs, so this is the measured share of requests whose end-to-end latency is within the target (timed-out requests count as missing it), not the step model.',
  };
}

const fmtSeconds = (t: number) => `${Number(t.toPrecision(3))} s`;

/** The seed's plan_capacity over a steps → count distribution, with what it assumed. */
function planFor(s: PlannerSettings, dist: Record<number, number>, stepTime: number, overhead: number, fitted: boolean, requests: number): PlannerAnalysis['plan'] {
  return {
    share: planCapacity(dist, s.targetP95Seconds, { stepTime, overhead }),
    stepTimeSeconds: stepTime,
    overheadSeconds: overhead,
    source: fitted ? 'fitted' : 'settings',
    targetP95Seconds: s.targetP95Seconds,
    requests,
  };
}

function fleetFor(s: PlannerSettings, peak: PeakArrival | null, service: ArrayLike<number>, serviceNote: string): PlannerAnalysis['fleet'] {
  const fromLog = s.peakSource === 'log' && peak !== null && peak.count > 0;
  const arrivalRate = fromLog ? (peak as PeakArrival).ratePerSecond : s.enteredPeakPerSecond;
  const out: PlannerAnalysis['fleet'] = { peak, peakSource: fromLog ? 'log' : 'entered', arrivalRate, plan: null, serviceNote };
  if (s.peakSource === 'log' && !fromLog) out.reason = 'The logs have no timestamps, so the peak rate is the entered one.';
  if (!(arrivalRate > 0)) {
    out.reason = 'Enter a peak arrival rate above 0.';
    return out;
  }
  if (service.length === 0) {
    out.reason = 'No latencies in the logs: the fleet model needs per-request service times.';
    return out;
  }
  out.plan = sizeFleet({
    arrivalRate,
    serviceTimesSeconds: service,
    concurrency: Math.max(1, Math.floor(s.concurrency)),
    targetP95Seconds: s.targetP95Seconds,
    timeoutSeconds: s.timeoutSeconds,
    headroom: Math.max(0, s.headroomPercent) / 100,
    curvePoints: 40,
  });
  return out;
}

function emptyAnalysis(s: PlannerSettings): PlannerAnalysis {
  return {
    kind: 'empty',
    basis: s.basis,
    requestedBasis: s.basis,
    latencySummary: null,
    timeout: { seconds: s.timeoutSeconds, source: 'settings', data: null },
    counts: emptyCounts(),
    total: 0,
    analysed: 0,
    analysedCounts: { ok: 0, truncated: 0, timeout: 0 },
    noLength: 0,
    distribution: { bins: [], cdf: [], n: 0, excluded: 0, log: s.logX, stats: { n: 0, median: NaN, p90: NaN, p95: NaN, p99: NaN, max: NaN }, approximate: false },
    tiers: null,
    latency: null,
    breakpoint: null,
    model: null,
    medianTtftMs: null,
    plan: { share: 0, stepTimeSeconds: s.stepTimeSeconds, overheadSeconds: s.overheadSeconds, source: 'settings', targetP95Seconds: s.targetP95Seconds, requests: 0 },
    fleet: { peak: null, peakSource: 'entered', arrivalRate: s.enteredPeakPerSecond, plan: null },
    notes: [],
    durationMs: 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Pre-aggregated buckets.

type Bucket = BucketRow & { hiEff: number; mid: number };

/** Type-7-like percentile of a bucketed distribution: linear within the bucket that holds it. */
export function bucketPercentile(bs: readonly { lo: number; hi: number; count: number }[], p: number): number {
  const total = bs.reduce((a, b) => a + b.count, 0);
  if (total === 0) return NaN;
  const target = (p / 100) * total;
  let cum = 0;
  for (const b of bs) {
    if (b.count > 0 && cum + b.count >= target) return b.lo + ((b.hi - b.lo) * Math.max(0, target - cum)) / b.count;
    cum += b.count;
  }
  return bs[bs.length - 1].hi;
}

const fmtWidth = (w: number) => (Number.isInteger(w) ? String(w) : w.toPrecision(3));

function analyzeBuckets(all: BucketRow[], s: PlannerSettings): PlannerAnalysis {
  const notes: string[] = ['Pre-aggregated input: percentiles of length are interpolated within buckets, latency percentiles are the buckets\' own; both are approximate.'];
  const basis = all.find((b) => Number.isFinite(b.lo))?.basis ?? 'steps';
  const unknown = all.filter((b) => !Number.isFinite(b.lo));
  const known = all.filter((b) => Number.isFinite(b.lo) && b.basis === basis).sort((a, b) => a.lo - b.lo);
  if (all.some((b) => Number.isFinite(b.lo) && b.basis !== basis)) notes.push('Buckets on a different basis (steps vs reasoning tokens) than the first file were left out.');
  const widths = known.slice(1).map((b, i) => b.lo - known[i].lo);
  const lastWidth = widths.length ? widths[widths.length - 1] : 1;
  const typicalWidth = widths.length ? percentileSorted(sortedCopy(widths), 50) : 1;
  const bs: Bucket[] = known.map((b, i) => {
    const hiEff = b.hi ?? (i + 1 < known.length ? known[i + 1].lo : b.lo + lastWidth);
    return { ...b, hiEff, mid: (b.lo + hiEff) / 2 };
  });
  const counts = emptyCounts();
  let total = 0;
  for (const b of all) {
    total += b.count;
    const t = b.timeouts ?? 0;
    const e = b.errors ?? 0;
    const tr = b.truncated ?? 0;
    const ce = b.censored ?? 0;
    counts.timeout += t;
    counts.error += e;
    counts.truncated += tr;
    counts.censored += ce;
    counts.ok += Math.max(0, b.count - t - e - tr - ce);
  }
  const n = bs.reduce((a, b) => a + b.count, 0);
  let cum = 0;
  const simple = bs.map((b) => ({ lo: b.lo, hi: b.hiEff, count: b.count }));
  const bins: DistBin[] = bs.map((b) => {
    cum += b.count;
    const tier = basis === 'steps' ? tierOfSteps(b.hiEff - b.lo > 1 ? (b.lo + b.hiEff - 1) / 2 : b.lo, s) : null;
    return { lo: b.lo, hi: b.hiEff, count: b.count, share: n ? b.count / n : 0, cumulativeShare: n ? cum / n : 0, tier };
  });
  const cdfPts = bins.map((b) => ({ x: b.hi, p: b.cumulativeShare }));
  if (bs.length) cdfPts.unshift({ x: bs[0].lo, p: 0 });
  const distribution: PlannerAnalysis['distribution'] = {
    bins,
    cdf: cdfPts,
    n,
    excluded: 0,
    log: false,
    stats: {
      n,
      median: bucketPercentile(simple, 50),
      p90: bucketPercentile(simple, 90),
      p95: bucketPercentile(simple, 95),
      p99: bucketPercentile(simple, 99),
      max: bs.length ? bs[bs.length - 1].hiEff : NaN,
    },
    approximate: true,
  };
  if (s.logX) notes.push('Log-x is not available for bucket input: the buckets are drawn as they are.');
  const noLength = unknown.reduce((a, b) => a + b.count, 0);

  // Tiers: whole buckets by their middle integer; latency ≈ the highest bucket p95 in the tier.
  let tiers: PlannerAnalysis['tiers'] = null;
  let tiersNote: string | undefined;
  if (basis === 'steps' && bs.length) {
    const defs = [
      { tier: 'short' as const, label: `Short (< ${s.shortBelow} steps)`, minSteps: 0, maxSteps: Math.ceil(s.shortBelow) - 1 as number | null, targetSeconds: s.shortTargetSeconds },
      { tier: 'medium' as const, label: `Medium (${s.shortBelow}–${s.complexAbove} steps)`, minSteps: Math.ceil(s.shortBelow), maxSteps: Math.floor(s.complexAbove) as number | null, targetSeconds: s.mediumTargetSeconds },
      { tier: 'complex' as const, label: `Complex (> ${s.complexAbove} steps)`, minSteps: Math.floor(s.complexAbove) + 1, maxSteps: null, targetSeconds: s.complexTargetSeconds },
    ];
    tiers = defs.map((d) => {
      const inTier = bs.filter((_b, i) => bins[i].tier === d.tier);
      const count = inTier.reduce((a, b) => a + b.count, 0);
      const p95s = inTier.map((b) => b.latencyP95Ms).filter((v): v is number => v !== undefined && Number.isFinite(v));
      const p50s = inTier.map((b) => b.latencyP50Ms).filter((v): v is number => v !== undefined && Number.isFinite(v));
      const p95 = p95s.length ? Math.max(...p95s) : NaN;
      const t = inTier.reduce((a, b) => a + (b.timeouts ?? 0), 0);
      const stat: TierStat & { approximate: boolean } = {
        ...d,
        count,
        share: n ? count / n : 0,
        latencyCount: p95s.length ? count : 0,
        p95LatencyMs: p95,
        medianLatencyMs: p50s.length ? percentileSorted(sortedCopy(p50s), 50) : NaN,
        meetsTarget: p95s.length ? p95 <= d.targetSeconds * 1000 : null,
        attainment: NaN,
        timeouts: t,
        approximate: true,
      };
      return stat;
    });
    tiersNote = 'From buckets: each bucket counts in the tier of its middle; a tier\'s p95 is the highest bucket p95 in it (approximate).';
  } else if (basis !== 'steps') tiersNote = 'The buckets are reasoning-token ranges; tiers are defined in steps.';

  const withLatency = bs.filter((b) => b.latencyP50Ms !== undefined || b.latencyP95Ms !== undefined);
  const latency: PlannerAnalysis['latency'] = bs.length
    ? {
        bins: bs.map((b) => ({
          lo: b.lo,
          hi: b.hiEff,
          n: b.count,
          medianLength: b.mid,
          latencyCount: b.count - (b.errors ?? 0),
          medianLatencyMs: b.latencyP50Ms ?? NaN,
          p95LatencyMs: b.latencyP95Ms ?? NaN,
          timeouts: b.timeouts ?? 0,
          timeoutRate: b.timeouts === undefined ? { estimate: NaN, lower: NaN, upper: NaN } : wilson(b.timeouts, b.count),
        })),
        points: [],
        pointsOf: 0,
        sampled: false,
        pearson: NaN,
        spearman: NaN,
      }
    : null;

  // Latency model on bucket medians (one point per bucket), median TTFT weighted by count.
  // A bucket where half or more timed out has a censored median: left out of the fit, as timed-out rows are.
  const model =
    basis === 'steps'
      ? fitLatencyModel(withLatency.filter((b) => b.latencyP50Ms !== undefined).map((b) => ({ steps: b.mid, latencyMs: b.latencyP50Ms, timedOut: (b.timeouts ?? 0) * 2 >= b.count })))
      : null;
  const ttftB = bs.filter((b) => b.ttftP50Ms !== undefined).map((b) => ({ lo: b.ttftP50Ms as number, hi: b.ttftP50Ms as number, count: b.count })).sort((a, b) => a.lo - b.lo);
  const medianTtftMs = ttftB.length ? bucketPercentile(ttftB, 50) : null;

  // Breakpoint: expand each bucket into rows at its middle (timeouts flagged), scaled down when huge.
  let breakpoint: PlannerAnalysis['breakpoint'] = null;
  let breakpointNote: string | undefined;
  if (bs.every((b) => b.timeouts === undefined)) {
    breakpointNote = 'No breakpoint: the buckets have no timeout counts (add a timeouts column to the query).';
  } else {
    const scale = n > MAX_BUCKET_EXPANSION ? MAX_BUCKET_EXPANSION / n : 1;
    const rows: BreakpointRow[] = [];
    for (const b of bs) {
      const c = Math.round(b.count * scale);
      const t = Math.min(c, Math.round((b.timeouts ?? 0) * scale));
      // Spread evenly over the bucket's width (integer lengths for step buckets); within a bucket
      // the timed-out requests are taken to be the longest ones (timeouts rise with length).
      const w = b.hiEff - b.lo;
      for (let i = 0; i < c; i++) {
        const pos = b.lo + (w * (i + 0.5)) / c;
        rows.push({ steps: basis === 'steps' && w >= 1 ? Math.floor(pos) : pos, timedOut: i >= c - t });
      }
    }
    const stepTimeMs = model && model.stepTimeSeconds > 0 ? model.stepTimeSeconds * 1000 : s.stepTimeSeconds * 1000;
    const r = detectBreakpoint(rows, { timeoutMs: s.timeoutSeconds * 1000, ttftMs: medianTtftMs ?? s.overheadSeconds * 1000, stepTimeMs, bootstrap: 200, seed: 1 });
    const mids = withLatency.filter((b) => b.latencyP50Ms !== undefined);
    const segmented = segmentedRegression(
      mids.map((b) => b.mid),
      mids.map((b) => b.latencyP50Ms as number),
    );
    const stripped = stripProfile(r);
    // The bootstrap sees expanded rows as measured lengths; the bucket width is added to its interval.
    const interval = stripped.breakpoint !== null ? bucketResolvedInterval(stripped.interval, stripped.breakpoint, bs.map((b) => ({ lo: b.lo, hi: b.hiEff }))) : stripped.interval;
    breakpoint = { ...stripped, interval, bootstrapInterval: stripped.interval, segmented, fromBuckets: true, scaledFrom: scale < 1 ? n : undefined };
    breakpointNote = `From buckets: each bucket's requests spread evenly over its width with the timed-out ones at the long end, so the breakpoint resolves only to the bucket width (${fmtWidth(typicalWidth)}); the 95 % interval is the bootstrap's widened by the bucket width at each end.${scale < 1 ? ` Counts scaled to ${MAX_BUCKET_EXPANSION.toLocaleString('en-US')} rows.` : ''} The segmented cross-check is fitted on bucket medians.`;
  }

  const planUsesFit = s.fitFromData && model !== null && model.stepTimeSeconds > 0;
  const stepTime = planUsesFit ? (model as LatencyModel).stepTimeSeconds : s.stepTimeSeconds;
  const overhead = planUsesFit ? (model as LatencyModel).overheadSeconds : s.overheadSeconds;
  const dist: Record<number, number> = {};
  if (basis === 'steps') for (const b of bs) dist[b.mid] = (dist[b.mid] ?? 0) + b.count;
  const plan = planFor(s, dist, stepTime, overhead, planUsesFit, basis === 'steps' ? n : 0);
  plan.note = basis === 'steps' ? 'Each bucket counted at its middle step count.' : 'planCapacity needs step buckets.';

  // Service times: per bucket, 50 % at p50, 45 % at p95, 5 % at p99 (a tail-leaning three-point law).
  const service: number[] = [];
  const per = n > 20000 ? 20000 / n : 1;
  for (const b of bs) {
    const p50 = b.latencyP50Ms;
    if (p50 === undefined) continue;
    const p95 = b.latencyP95Ms ?? p50;
    const p99 = b.latencyP99Ms ?? p95;
    const c = Math.max(1, Math.round((b.count - (b.errors ?? 0)) * per));
    const k50 = Math.round(c * 0.5);
    const k95 = Math.round(c * 0.45);
    for (let i = 0; i < c; i++) service.push((i < k50 ? p50 : i < k50 + k95 ? p95 : p99) / 1000);
  }
  const fleet = fleetFor(
    { ...s, peakSource: 'entered' },
    null,
    service,
    'Service times from buckets: each bucket as 50 % at its p50, 45 % at its p95 and 5 % at its p99 latency (leans to the tail).',
  );
  if (s.peakSource === 'log') fleet.reason = 'Buckets carry no timestamps, so the peak rate is the entered one.';

  return {
    kind: 'buckets',
    basis,
    requestedBasis: s.basis,
    latencySummary: null,
    timeout: { seconds: s.timeoutSeconds, source: 'settings', data: null },
    counts,
    total,
    analysed: n,
    analysedCounts: { ok: 0, truncated: 0, timeout: 0 },
    noLength,
    distribution,
    tiers,
    tiersNote,
    latency,
    breakpoint,
    breakpointNote,
    model,
    medianTtftMs,
    plan,
    fleet,
    notes,
    durationMs: 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Messages between the client and the worker.

export type PlannerAnalysisRequest =
  | { type: 'set'; key: number; part: DatasetPart }
  | { type: 'remove'; key: number }
  | { type: 'clear' }
  | { type: 'analyze'; id: number; settings: PlannerSettings };

export type PlannerAnalysisResponse = { type: 'result'; id: number; analysis: PlannerAnalysis } | { type: 'skipped'; id: number } | { type: 'error'; id: number; message: string };

/**
 * Message handling: parts are kept here (transferred in once), analyses run on the newest
 * request only — requests that queued up while one ran are answered 'skipped'.
 */
export function createPlannerAnalysisHandler(post: (message: PlannerAnalysisResponse) => void, schedule: (run: () => void) => void = (run) => setTimeout(run, 0)) {
  const analyzer = createPlannerAnalyzer();
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
