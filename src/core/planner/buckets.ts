/**
 * The pre-aggregated-buckets feed: bucket rows (a count per length range, with latency
 * percentiles and outcome counts) read as the same evidence the rows feed gives, approximately.
 */
import {
  detectBreakpoint,
  fitLatencyModel,
  percentileSorted,
  segmentedRegression,
  sortedCopy,
  bucketResolvedInterval,
  wilson,
  type BreakpointRow,
  type TierStat,
} from '../capacity';
import type { BucketRow } from '../logs';
import { tierDefinitions } from '../run/tiers';
import { emptyCounts } from './combine';
import { stripProfile, tierColouredBins, type PlannerEvidence } from './pipeline';
import { MAX_BUCKET_EXPANSION, tierBoundsOf, tierTargetsOf, type PlannerSettings } from './settings';
import type { PlannerAnalysis } from './types';

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

/** Tiers from whole buckets by their middle integer; a tier's latency ≈ the highest bucket p95 in it. */
function bucketTiers(bs: readonly Bucket[], bins: PlannerAnalysis['distribution']['bins'], n: number, s: PlannerSettings): (TierStat & { approximate: boolean })[] {
  return tierDefinitions(tierBoundsOf(s), tierTargetsOf(s)).map(({ advice: _advice, ...d }) => {
    const inTier = bs.filter((_b, i) => bins[i].tier === d.tier);
    const count = inTier.reduce((a, b) => a + b.count, 0);
    const p95s = inTier.map((b) => b.latencyP95Ms).filter((v): v is number => v !== undefined && Number.isFinite(v));
    const p50s = inTier.map((b) => b.latencyP50Ms).filter((v): v is number => v !== undefined && Number.isFinite(v));
    const p95 = p95s.length ? Math.max(...p95s) : NaN;
    return {
      ...d,
      count,
      share: n ? count / n : 0,
      latencyCount: p95s.length ? count : 0,
      p95LatencyMs: p95,
      medianLatencyMs: p50s.length ? percentileSorted(sortedCopy(p50s), 50) : NaN,
      meetsTarget: p95s.length ? p95 <= d.targetSeconds * 1000 : null,
      attainment: NaN,
      timeouts: inTier.reduce((a, b) => a + (b.timeouts ?? 0), 0),
      approximate: true,
    };
  });
}

export function bucketEvidence(all: readonly BucketRow[], s: PlannerSettings): PlannerEvidence {
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
  const bins = tierColouredBins(
    bs.map((b) => {
      cum += b.count;
      return { lo: b.lo, hi: b.hiEff, count: b.count, share: n ? b.count / n : 0, cumulativeShare: n ? cum / n : 0 };
    }),
    s,
    basis === 'steps',
  );
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

  const stepBuckets = basis === 'steps' && bs.length > 0;
  const tiers = stepBuckets ? bucketTiers(bs, bins, n, s) : null;
  const tiersNote = stepBuckets
    ? 'From buckets: each bucket counts in the tier of its middle; a tier\'s p95 is the highest bucket p95 in it (approximate).'
    : basis !== 'steps'
      ? 'The buckets are reasoning-token ranges; tiers are defined in steps.'
      : undefined;

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

  const dist: Record<number, number> = {};
  if (basis === 'steps') for (const b of bs) dist[b.mid] = (dist[b.mid] ?? 0) + b.count;

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

  return {
    kind: 'buckets',
    basis,
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
    notes,
    stepCounts: { dist, requests: basis === 'steps' ? n : 0 },
    planNote: basis === 'steps' ? 'Each bucket counted at its middle step count.' : 'planCapacity needs step buckets.',
    service,
    serviceNote: 'Service times from buckets: each bucket as 50 % at its p50, 45 % at its p95 and 5 % at its p99 latency (leans to the tail).',
    // Buckets carry no arrival times: the peak is always the entered one.
    peak: null,
    noPeakReason: 'Buckets carry no timestamps, so the peak rate is the entered one.',
    timeoutSeconds: s.timeoutSeconds,
    timedOutService: bs.reduce((a, b) => a + (b.latencyP50Ms === undefined ? 0 : Math.round((b.timeouts ?? 0) * per)), 0),
    stepRows: null,
  };
}
