/**
 * The one pipeline both inputs feed. A feed (raw rows in rows.ts, pre-aggregated buckets in
 * buckets.ts) turns its input into PlannerEvidence — counts, distribution, tiers, latency by
 * length, breakpoint, the latency model, a steps → count table, service times and the peak —
 * and this module turns evidence into the analysis: the share within the target (planCapacity),
 * the fleet (sizeFleet) and the result the page draws.
 */
import { planCapacity, sizeFleet, type BreakpointResult, type FleetInput, type LatencyModel, type LengthColumns, type LengthRow, type PeakArrival } from '../capacity';
import { explainUnreachable } from './unreachable';
import { tierOf } from '../run/tiers';
import { emptyCounts } from './combine';
import { tierBoundsOf, type PlannerSettings } from './settings';
import type { DistBin, PlannerAnalysis, PlannerFleet, PlannerPlan } from './types';
import { timed, type StageTimings } from './memo';

export type PlannerEvidence = Omit<PlannerAnalysis, 'plan' | 'fleet' | 'requestedBasis' | 'durationMs' | 'timings'> & {
  kind: 'rows' | 'buckets';
  /** Steps → request count for planCapacity, and how many requests it holds (0: no step counts). */
  stepCounts: { dist: Record<number, number>; requests: number };
  /** Said under the plan (how the step counts were read). */
  planNote?: string;
  /** Without step counts, the measured share of latencies within the target replaces the step model. */
  measuredPlan?: PlannerPlan;
  /** Per-request service times in seconds (sorted for rows). */
  service: ArrayLike<number>;
  serviceNote: string;
  /** The log's peak arrival rate; null when it has no timestamps. */
  peak: PeakArrival | null;
  /** Why a log peak is missing, when the settings ask for one. */
  noPeakReason: string;
  /** The timeout the fleet counts against (the data's when the feed read one). */
  timeoutSeconds: number;
  /** Service times that are timed-out requests. */
  timedOutService: number;
  /** Requests with steps and (mostly) a latency, for the reasoning cap that would make the target reachable; null without per-request steps. */
  stepRows: readonly LengthRow[] | LengthColumns | null;
};

/** Histogram bins with their tier (integer bins [lo, hi) take the tier of most of their integers). */
export function tierColouredBins(bins: readonly { lo: number; hi: number; count: number; share: number; cumulativeShare: number }[], s: PlannerSettings, colourTiers: boolean): DistBin[] {
  const bounds = tierBoundsOf(s);
  return bins.map((b) => ({
    lo: b.lo,
    hi: b.hi,
    count: b.count,
    share: b.share,
    cumulativeShare: b.cumulativeShare,
    tier: colourTiers ? tierOf(b.hi - b.lo > 1 ? (b.lo + b.hi - 1) / 2 : b.lo, bounds) : null,
  }));
}

export function stripProfile(b: BreakpointResult): Omit<BreakpointResult, 'profile'> {
  const { profile: _profile, ...rest } = b;
  return rest;
}

/** planCapacity over a steps → count distribution, with what it assumed. */
function planFor(s: PlannerSettings, e: PlannerEvidence, model: LatencyModel | null): PlannerPlan {
  const fitted = s.fitFromData && model !== null && model.stepTimeSeconds > 0;
  const stepTime = fitted ? model.stepTimeSeconds : s.stepTimeSeconds;
  const overhead = fitted ? model.overheadSeconds : s.overheadSeconds;
  const plan: PlannerPlan = {
    share: planCapacity(e.stepCounts.dist, s.targetP95Seconds, { stepTime, overhead }),
    stepTimeSeconds: stepTime,
    overheadSeconds: overhead,
    source: fitted ? 'fitted' : 'settings',
    targetP95Seconds: s.targetP95Seconds,
    requests: e.stepCounts.requests,
  };
  if (e.planNote) plan.note = e.planNote;
  else if (s.fitFromData && !fitted) plan.note = 'Cannot fit step time from these logs (need latency and steps on at least two finished requests); using the settings.';
  return plan;
}

function fleetFor(s: PlannerSettings, e: PlannerEvidence): PlannerFleet {
  const fromLog = s.peakSource === 'log' && e.peak !== null && e.peak.count > 0;
  const arrivalRate = fromLog ? (e.peak as PeakArrival).ratePerSecond : s.enteredPeakPerSecond;
  const out: PlannerFleet = { peak: e.peak, peakSource: fromLog ? 'log' : 'entered', arrivalRate, plan: null, serviceNote: e.serviceNote };
  if (s.peakSource === 'log' && !fromLog) out.reason = e.noPeakReason;
  if (!(arrivalRate > 0)) {
    out.reason = 'Enter a peak arrival rate above 0.';
    return out;
  }
  if (e.service.length === 0) {
    out.reason = 'No latencies in the logs: the fleet model needs per-request service times.';
    return out;
  }
  const input: FleetInput = {
    arrivalRate,
    serviceTimesSeconds: e.service,
    concurrency: Math.max(1, Math.floor(s.concurrency)),
    targetP95Seconds: s.targetP95Seconds,
    timeoutSeconds: e.timeoutSeconds,
    headroom: Math.max(0, s.headroomPercent) / 100,
    curvePoints: 40,
  };
  out.plan = sizeFleet(input);
  const blocker = explainUnreachable({
    plan: out.plan,
    fleet: input,
    timedOut: e.timedOutService,
    serviceCount: e.service.length,
    timeoutSeconds: e.timeoutSeconds,
    stepRows: e.stepRows,
    model: e.model,
    settingsModel: { stepTimeSeconds: s.stepTimeSeconds, overheadSeconds: s.overheadSeconds },
  });
  if (blocker) out.blocker = blocker;
  return out;
}

/** Evidence → analysis: the plan and the fleet are computed here, the same way for rows and buckets. */
export function finishAnalysis(e: PlannerEvidence, s: PlannerSettings, timings: StageTimings, now: () => number): PlannerAnalysis {
  const { stepCounts: _steps, planNote: _note, measuredPlan, service: _service, serviceNote: _serviceNote, peak: _peak, noPeakReason: _reason, timeoutSeconds: _timeout, timedOutService: _timedOut, stepRows: _stepRows, ...shown } = e;
  const plan = timed('plan', timings, now, () => (e.stepCounts.requests === 0 && measuredPlan ? measuredPlan : planFor(s, e, e.model)));
  const fleet = timed('fleet', timings, now, () => fleetFor(s, e));
  return { ...shown, requestedBasis: s.basis, plan, fleet, durationMs: 0 };
}

export function emptyAnalysis(s: PlannerSettings): PlannerAnalysis {
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
