/**
 * The raw-rows feed. Which rows feed what (the page states the same):
 * - the "analysed" set is every ok, truncated and timed-out request with a known length; errors
 *   (usually no length, latency of a failure) and censored requests (length and latency are lower
 *   bounds) are counted and shown but not analysed;
 * - latency percentiles, the timeout rate, service times and fleet sizing use every ok,
 *   truncated and timed-out request with a latency, whether or not it has a length;
 * - the length is the chosen measure; where the logs have none of it but carry output tokens,
 *   output tokens are used and the page says so (for reasoning models most output is reasoning);
 * - the timeout is the one the log's timed-out rows cluster at, when they do (core/capacity/timeout);
 * - peak arrivals use every row's timestamp (a failed request still arrived).
 * Stages are memoised on their inputs, so editing a fleet setting does not redo the bootstrap.
 */
import {
  cdf,
  detectBreakpointSmallSample,
  fitLatencyModel,
  histogram,
  latencyByLength,
  peakArrivalRate,
  percentileSorted,
  sortedCopy,
  sortFloat64,
  sampleIndices,
  summarize,
  tierStats,
  type BreakpointRow,
  type DataTimeout,
  type LatencyModel,
  type LengthColumns,
  lengthRowAt,
  type PeakArrival,
} from '../capacity';
import { basisFor, combine, dataTimeout, OUTCOME_CODE, summarizeLatency, ttftMedian, type Combined } from './combine';
import { memo, timed, type StageTimings } from './memo';
import { tierOf } from '../run/tiers';
import { stripProfile, tierColouredBins, type PlannerEvidence } from './pipeline';
import { BREAKPOINT_SAMPLE, DISPLAY_POINTS, RANK_SAMPLE, tierBoundsOf, tierTargetsOf, type PlannerSettings } from './settings';
import type { DatasetPart, DistBin, LatencySummary, PlannerAnalysis, PlannerPlan } from './types';

const fmtSeconds = (t: number) => `${Number(t.toPrecision(3))} s`;

/**
 * Without steps the step model cannot run; the share that meets the target is then measured:
 * requests whose end-to-end latency is within the target p95, timed-out ones counting as misses.
 */
function measuredPlan(s: PlannerSettings, c: Combined, sortedServiceSeconds: Float64Array): PlannerPlan {
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

/**
 * Token bins take the tier most of their requests fall in by their step count (tiers are in
 * steps); a bin with no step counts stays uncoloured.
 */
function majorityStepTiers(bins: DistBin[], c: Combined, s: PlannerSettings): void {
  const bounds = tierBoundsOf(s);
  const votes = bins.map(() => ({ short: 0, medium: 0, complex: 0 }));
  for (let j = 0; j < c.analysed.length; j++) {
    const i = c.analysed[j];
    const steps = c.steps[i];
    const v = c.length[i];
    if (!Number.isFinite(steps) || !Number.isFinite(v)) continue;
    // The bin whose [lo, hi) holds v (the last bin is closed).
    let lo = 0;
    let hi = bins.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (bins[mid].lo <= v) lo = mid;
      else hi = mid - 1;
    }
    if (bins.length && v >= bins[lo].lo && (v < bins[lo].hi || lo === bins.length - 1)) votes[lo][tierOf(steps, bounds)]++;
  }
  bins.forEach((b, k) => {
    const t = votes[k];
    const most = Math.max(t.short, t.medium, t.complex);
    b.tier = most === 0 ? null : t.complex === most ? 'complex' : t.medium === most ? 'medium' : 'short';
  });
}

/** The median length (the chart's measure) of the analysed requests that took `steps` steps (rounded); NaN when none did. */
function lengthAtSteps(c: Combined, steps: number): number {
  const at = Math.round(steps);
  const vals: number[] = [];
  for (let j = 0; j < c.analysed.length; j++) {
    const i = c.analysed[j];
    if (c.steps[i] === at && Number.isFinite(c.length[i])) vals.push(c.length[i]);
  }
  return vals.length ? percentileSorted(sortedCopy(vals), 50) : NaN;
}

/** The step breakpoint placed on the length axis: the median length of requests at that many steps. */
function onLengthAxis(c: Combined, steps: number, interval: [number, number] | null): NonNullable<PlannerAnalysis['stepBreakpoint']> | null {
  const length = lengthAtSteps(c, steps);
  if (!Number.isFinite(length)) return null;
  const ends = interval ? ([lengthAtSteps(c, interval[0]), lengthAtSteps(c, interval[1])] as [number, number]) : null;
  return { steps, length, interval: ends && ends.every(Number.isFinite) ? ends : null };
}

/** Timed-out rows among the service times (every row with a latency). */
function timedOutWithLatency(c: Combined): number {
  let n = 0;
  for (let j = 0; j < c.withLatency.length; j++) if (c.outcome[c.withLatency[j]] === OUTCOME_CODE.timeout) n++;
  return n;
}

/** The rows feed with its memo: call it with the loaded parts, their version and the settings. */
export function createRowFeed(timings: StageTimings, now: () => number) {
  const combinedMemo = memo<Combined>('combined', timings, now);
  const rowsMemo = memo<{ lengthRows: LengthColumns; tierRows: LengthColumns }>('rows', timings, now);
  const distMemo = memo<PlannerAnalysis['distribution']>('dist', timings, now);
  const latencyMemo = memo<PlannerAnalysis['latency']>('latency', timings, now);
  const breakpointMemo = memo<{ result: PlannerAnalysis['breakpoint']; note?: string }>('breakpoint', timings, now);
  const modelMemo = memo<LatencyModel | null>('model', timings, now);
  const serviceMemo = memo<Float64Array>('service', timings, now);
  const peakMemo = memo<PeakArrival | null>('peak', timings, now);
  const ttftMemo = memo<number | null>('ttft', timings, now);
  const dataTimeoutMemo = memo<DataTimeout | null>('dataTimeout', timings, now);
  const summaryMemo = memo<LatencySummary | null>('latencySummary', timings, now);
  const stepBreakpointMemo = memo<PlannerAnalysis['stepBreakpoint']>('stepBreakpoint', timings, now);

  return function rowEvidence(list: readonly DatasetPart[], version: number, s: PlannerSettings): PlannerEvidence {
    const notes: string[] = [];
    const fromData = dataTimeoutMemo(`${version}`, () => dataTimeout(list));
    const useData = s.timeoutFromData && fromData !== null;
    const timeoutSeconds = useData ? (fromData as DataTimeout).timeoutMs / 1000 : s.timeoutSeconds;
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
      // The analysed rows as columns (17 MB per million rows; as objects they took ~56 MB). With
      // steps as the length the tier rows are the same columns.
      const columnsWhere = (length: Float64Array, keep: (i: number) => boolean): LengthColumns => {
        let m = 0;
        for (let j = 0; j < c.analysed.length; j++) if (keep(c.analysed[j])) m++;
        const out: LengthColumns = { steps: new Float64Array(m), latencyMs: new Float64Array(m), timedOut: new Uint8Array(m) };
        let at = 0;
        for (let j = 0; j < c.analysed.length; j++) {
          const i = c.analysed[j];
          if (!keep(i)) continue;
          out.steps[at] = length[i];
          out.latencyMs[at] = c.latency[i];
          out.timedOut[at++] = c.outcome[i] === OUTCOME_CODE.timeout ? 1 : 0;
        }
        return out;
      };
      const lengthRows = columnsWhere(c.length, () => true);
      if (basis === 'steps') return { lengthRows, tierRows: lengthRows };
      return { lengthRows, tierRows: columnsWhere(c.steps, (i) => Number.isFinite(c.steps[i])) };
    });

    const distribution = distMemo(`${cKey}|${s.logX}|${s.shortBelow}|${s.complexAbove}`, () => {
      const values = new Float64Array(c.analysed.length);
      for (let j = 0; j < values.length; j++) values[j] = c.length[c.analysed[j]];
      // Sorted once here: the histogram, summary and CDF each sort a copy, which is far cheaper on sorted input.
      sortFloat64(values);
      const h = histogram(values, { log: s.logX });
      const sum = summarize(values);
      const bins = tierColouredBins(h.bins, s, basis === 'steps' && h.integer);
      if (basis !== 'steps') majorityStepTiers(bins, c, s);
      return {
        bins,
        cdf: cdf(values, { maxPoints: 400 }),
        n: h.n,
        excluded: h.excluded,
        log: s.logX,
        stats: { n: sum.n, median: sum.median, p90: sum.p90, p95: sum.p95, p99: sum.p99, max: sum.max },
        approximate: false,
      };
    });

    const tiers = tierRows.steps.length ? timed('tiers', timings, now, () => tierStats(tierRows, { bounds: tierBoundsOf(s), targets: tierTargetsOf(s) })) : null;

    const latency = latencyMemo(cKey, () => {
      let withLatency = 0;
      for (let j = 0; j < lengthRows.latencyMs.length; j++) if (!Number.isNaN(lengthRows.latencyMs[j])) withLatency++;
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
      const n = lengthRows.steps.length;
      let use: BreakpointRow[];
      let sample: { used: number; of: number } | undefined;
      if (n > BREAKPOINT_SAMPLE) {
        use = Array.from(sampleIndices(n, BREAKPOINT_SAMPLE, 7), (i) => lengthRowAt(lengthRows, i));
        sample = { used: BREAKPOINT_SAMPLE, of: n };
      } else use = Array.from({ length: n }, (_, i) => lengthRowAt(lengthRows, i));
      // Below 200 rows: a rough estimate with a wider interval instead of a refusal.
      const r = detectBreakpointSmallSample(use, { timeoutMs: timeoutSeconds * 1000, ttftMs: medianTtftMs ?? undefined, bootstrap: 200, seed: 1 });
      const note = sample
        ? `Breakpoint fitted on a seeded random sample of ${sample.used.toLocaleString('en-US')} of ${sample.of.toLocaleString('en-US')} rows (the bootstrap on every row would take too long); the charts use every row.`
        : undefined;
      return { result: { ...stripProfile(r), sample }, note };
    });

    const stepBreakpoint =
      basis === 'steps' || tierRows.steps.length === 0 || (bp.result?.status === 'found' && bp.result.breakpoint !== null)
        ? null
        : stepBreakpointMemo(`${cKey}|${timeoutSeconds}`, () => {
            const m = tierRows.steps.length;
            const use = m > BREAKPOINT_SAMPLE ? Array.from(sampleIndices(m, BREAKPOINT_SAMPLE, 7), (i) => lengthRowAt(tierRows, i)) : Array.from({ length: m }, (_, i) => lengthRowAt(tierRows, i));
            const r = detectBreakpointSmallSample(use, { timeoutMs: timeoutSeconds * 1000, ttftMs: medianTtftMs ?? undefined, bootstrap: 200, seed: 1 });
            return r.status === 'found' && r.breakpoint !== null ? onLengthAxis(c, r.breakpoint, r.interval) : null;
          });

    const dist: Record<number, number> = {};
    for (let j = 0; j < tierRows.steps.length; j++) dist[tierRows.steps[j]] = (dist[tierRows.steps[j]] ?? 0) + 1;
    const service = serviceMemo(cKey, () => {
      const v = new Float64Array(c.withLatency.length);
      for (let j = 0; j < v.length; j++) v[j] = c.latency[c.withLatency[j]] / 1000;
      // Sorted once: sizeFleet sorts a copy on every settings change, much faster on sorted input.
      return sortFloat64(v);
    });
    const latencySummary = summaryMemo(cKey, () => summarizeLatency(c, service, medianTtftMs));
    const peak = peakMemo(`${version}`, () => {
      const ts: number[] = [];
      for (let i = 0; i < c.n; i++) if (Number.isFinite(c.timestamp[i])) ts.push(c.timestamp[i] / 1000);
      return ts.length >= 2 ? peakArrivalRate(ts, 60) : null;
    });

    return {
      kind: 'rows',
      basis,
      latencySummary,
      timeout: { seconds: timeoutSeconds, source: useData ? 'data' : 'settings', data: fromData },
      counts: c.counts,
      total: c.n,
      analysed: c.analysed.length,
      analysedCounts: c.analysedCounts,
      noLength: c.noLength,
      distribution,
      tiers,
      tiersNote: tierRows.steps.length === 0 ? 'No step counts: tiers need steps (map a steps, reasoning-text or reasoning-token column).' : undefined,
      latency,
      breakpoint: bp.result,
      breakpointNote: bp.note,
      stepBreakpoint,
      model,
      medianTtftMs,
      notes,
      stepCounts: { dist, requests: tierRows.steps.length },
      measuredPlan: tierRows.steps.length === 0 && service.length > 0 ? measuredPlan(s, c, service) : undefined,
      service,
      serviceNote: 'Service times: end-to-end latency of every ok, truncated and timed-out request with a latency, whether or not it has a length (timed-out ones at their recorded latency).',
      peak,
      noPeakReason: 'The logs have no timestamps, so the peak rate is the entered one.',
      timeoutSeconds,
      timedOutService: timedOutWithLatency(c),
      stepRows: tierRows,
    };
  };
}
