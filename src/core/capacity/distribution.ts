/**
 * The step (or reasoning-token) distribution: histogram (linear or log-spaced bins), empirical
 * CDF and the latency tiers.
 */
import { DEFAULT_TIER_BOUNDS, DEFAULT_TIER_TARGETS, tierDefinitions, tierOf, type TierBounds, type TierId, type TierTargets } from '../run/tiers';
import { lengthColumnsOf, type LengthColumns } from './latency';
import { sortedKept, sortFloat64 } from './sort';
import { percentileSorted } from './stats';

export type HistogramBin = {
  /** Inclusive lower edge. */
  lo: number;
  /** Exclusive upper edge (the last bin also holds values equal to it). */
  hi: number;
  count: number;
  /** count / n. */
  share: number;
  /** Share of values in this bin or a lower one. */
  cumulativeShare: number;
};

export type Histogram = {
  bins: HistogramBin[];
  /** Values counted. */
  n: number;
  /** Values left out: NaN/±Infinity, and values ≤ 0 on a log axis. */
  excluded: number;
  log: boolean;
  /** True when every value is an integer, so bins have integer edges. */
  integer: boolean;
};

export type HistogramOptions = {
  /** Number of bins; default Freedman–Diaconis (on log values for log), clamped to [1, maxBins]. */
  bins?: number;
  maxBins?: number;
  /** Log-spaced bins (for a log x-axis). Values ≤ 0 are counted in `excluded`. */
  log?: boolean;
};

function defaultBinCount(sorted: Float64Array, maxBins: number): number {
  const n = sorted.length;
  if (n < 2) return 1;
  const range = sorted[n - 1] - sorted[0];
  if (range <= 0) return 1;
  const iqr = percentileSorted(sorted, 75) - percentileSorted(sorted, 25);
  let k: number;
  if (iqr > 0) {
    const width = (2 * iqr) / Math.cbrt(n);
    k = Math.ceil(range / width);
  } else {
    k = Math.ceil(Math.log2(n) + 1); // Sturges
  }
  return Math.max(1, Math.min(maxBins, k));
}

/** Index of the bin holding v: largest i with edges[i] ≤ v, clamped to the last bin. */
function binIndex(edges: readonly number[], v: number): number {
  let lo = 0;
  let hi = edges.length - 2;
  if (v >= edges[hi]) return hi;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edges[mid] <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Histogram with sensible default bins; `log: true` gives log-spaced bins. */
export function histogram(values: ArrayLike<number>, options: HistogramOptions = {}): Histogram {
  const log = options.log ?? false;
  const maxBins = options.maxBins ?? 80;
  const sorted = sortedKept(values, (v) => Number.isFinite(v) && (!log || v > 0));
  const n = sorted.length;
  const excluded = values.length - n;
  let integer = n > 0;
  for (let i = 0; i < n && integer; i++) integer = Number.isInteger(sorted[i]);
  if (n === 0) return { bins: [], n: 0, excluded, log, integer };
  const min = sorted[0];
  const max = sorted[n - 1];

  let edges: number[];
  if (log) {
    const logs = sorted.map((v) => Math.log10(v));
    const k = options.bins ?? defaultBinCount(logs, maxBins);
    const l0 = Math.log10(min);
    const l1 = Math.log10(integer ? max + 1 : max);
    edges = Array.from({ length: k + 1 }, (_, i) => (i === 0 ? min : i === k ? (integer ? max + 1 : max) : 10 ** (l0 + ((l1 - l0) * i) / k)));
    if (integer) {
      // Integer data: round edges so no bin falls between two integers and stays empty for nothing.
      const rounded: number[] = [];
      for (const e of edges) {
        const r = Math.round(e);
        if (rounded.length === 0 || r > rounded[rounded.length - 1]) rounded.push(r);
      }
      edges = rounded.length >= 2 ? rounded : [min, max + 1];
    } else if (min === max) {
      edges = [min, max];
    }
  } else {
    const k = options.bins ?? defaultBinCount(sorted, maxBins);
    if (integer) {
      // Integer data (step counts): integer-width bins [lo, lo + w).
      const w = Math.max(1, Math.ceil((max - min + 1) / k));
      const count = Math.floor((max - min) / w) + 1;
      edges = Array.from({ length: count + 1 }, (_, i) => min + i * w);
    } else if (min === max) {
      edges = [min, max];
    } else {
      edges = Array.from({ length: k + 1 }, (_, i) => (i === k ? max : min + ((max - min) * i) / k));
    }
  }

  const counts = new Array<number>(edges.length - 1).fill(0);
  for (let i = 0; i < n; i++) counts[binIndex(edges, sorted[i])]++;
  let cum = 0;
  const bins = counts.map((count, i) => {
    cum += count;
    return { lo: edges[i], hi: edges[i + 1], count, share: count / n, cumulativeShare: cum / n };
  });
  return { bins, n, excluded, log, integer };
}

export type CdfPoint = { x: number; p: number };

/**
 * Empirical CDF, P(X ≤ x), at the distinct values. Above `maxPoints` distinct values it is
 * thinned evenly in probability (the first and last points are always kept).
 */
export function cdf(values: ArrayLike<number>, options: { maxPoints?: number } = {}): CdfPoint[] {
  const maxPoints = Math.max(2, options.maxPoints ?? 512);
  const s = sortedKept(values, Number.isFinite);
  const n = s.length;
  const all: CdfPoint[] = [];
  for (let i = 0; i < n; i++) {
    if (i + 1 < n && s[i + 1] === s[i]) continue;
    all.push({ x: s[i], p: (i + 1) / n });
  }
  if (all.length <= maxPoints) return all;
  const out: CdfPoint[] = [all[0]];
  const step = 1 / (maxPoints - 1);
  for (let i = 1; i < all.length - 1; i++) {
    if (all[i].p - out[out.length - 1].p >= step) out.push(all[i]);
  }
  out.push(all[all.length - 1]);
  return out;
}

export type TierRow = { steps: number; latencyMs?: number; timedOut?: boolean };

export type { TierBounds } from '../run/tiers';
export { DEFAULT_TIER_BOUNDS } from '../run/tiers';

export type TierStat = {
  tier: TierId;
  label: string;
  /** Inclusive step range; maxSteps is null for the open-ended complex tier. */
  minSteps: number;
  maxSteps: number | null;
  count: number;
  share: number;
  /** Rows with a latency (timed-out rows without one count as +Infinity: they missed every target). */
  latencyCount: number;
  p95LatencyMs: number;
  medianLatencyMs: number;
  targetSeconds: number;
  /** p95 ≤ target; null when the tier has no latencies. */
  meetsTarget: boolean | null;
  /** Share of the tier's latency rows at or under the target. */
  attainment: number;
  timeouts: number;
  advice?: string;
};

/**
 * The latency tiers (short < 5 steps → 5 s, medium 5–15 → 15 s, complex > 15 → judged against the
 * attention ceiling; "plan for more than the medium target"), with share and p95 against target.
 * The tier rule and targets come from core/run/tiers so the live viewer and the planner agree;
 * `bounds` moves the boundaries (the planner's editable tier settings).
 */
export function tierStats(rows: readonly TierRow[] | LengthColumns, options: { targets?: TierTargets; bounds?: TierBounds } = {}): TierStat[] {
  const cols = lengthColumnsOf(rows);
  const targets = options.targets ?? DEFAULT_TIER_TARGETS;
  const bounds = options.bounds ?? DEFAULT_TIER_BOUNDS;
  const tierAt = (steps: number): TierId => tierOf(steps, bounds);
  const defs = tierDefinitions(bounds, targets);
  const counts: Record<TierId, number> = { short: 0, medium: 0, complex: 0 };
  const timeouts: Record<TierId, number> = { short: 0, medium: 0, complex: 0 };
  const withLatency: Record<TierId, number> = { short: 0, medium: 0, complex: 0 };
  let total = 0;
  const tierOfRow = new Uint8Array(cols.steps.length);
  const TIERS: TierId[] = ['short', 'medium', 'complex'];
  for (let i = 0; i < cols.steps.length; i++) {
    const steps = cols.steps[i];
    if (!Number.isFinite(steps)) continue;
    const t = tierAt(steps);
    tierOfRow[i] = TIERS.indexOf(t) + 1;
    total++;
    counts[t]++;
    const timedOut = cols.timedOut[i] === 1;
    if (timedOut) timeouts[t]++;
    if (Number.isFinite(cols.latencyMs[i]) || timedOut) withLatency[t]++;
  }
  // Each tier's latencies in a typed array of its own size (a timed-out row without one counts as +Infinity).
  const latencies: Record<TierId, Float64Array> = { short: new Float64Array(withLatency.short), medium: new Float64Array(withLatency.medium), complex: new Float64Array(withLatency.complex) };
  const filled: Record<TierId, number> = { short: 0, medium: 0, complex: 0 };
  for (let i = 0; i < cols.steps.length; i++) {
    if (tierOfRow[i] === 0) continue;
    const t = TIERS[tierOfRow[i] - 1];
    const latency = cols.latencyMs[i];
    if (Number.isFinite(latency)) latencies[t][filled[t]++] = latency;
    else if (cols.timedOut[i] === 1) latencies[t][filled[t]++] = Infinity;
  }
  return defs.map((d) => {
    const s = sortFloat64(latencies[d.tier]);
    const targetMs = d.targetSeconds * 1000;
    let under = 0;
    for (let i = 0; i < s.length; i++) if (s[i] <= targetMs) under++;
    const p95 = percentileSorted(s, 95);
    const stat: TierStat = {
      ...d,
      count: counts[d.tier],
      share: total ? counts[d.tier] / total : 0,
      latencyCount: s.length,
      p95LatencyMs: p95,
      medianLatencyMs: percentileSorted(s, 50),
      meetsTarget: s.length ? p95 <= targetMs : null,
      attainment: s.length ? under / s.length : NaN,
      timeouts: timeouts[d.tier],
    };
    if (d.advice === undefined) delete stat.advice;
    return stat;
  });
}
