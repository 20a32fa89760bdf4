/**
 * Latency against reasoning length: quantile bins with median/p95 latency and the timeout rate
 * (Wilson 95 % interval) per bin, plus the scatter points, deterministically sampled above
 * `maxPoints` rows. Also the least-squares latency model (latency = overhead + stepTime × steps).
 */
import { sampleIndices } from '../random';
import { sortFloat64 } from './sort';
import { pearson, percentileSorted, spearman, wilson, type Interval } from './stats';

export type LengthRow = { steps: number; latencyMs?: number; timedOut?: boolean };

export type LengthBin = {
  /** Inclusive lower edge; hi is exclusive except for the last bin. */
  lo: number;
  hi: number;
  n: number;
  medianLength: number;
  /** Rows with a finite latency. */
  latencyCount: number;
  medianLatencyMs: number;
  p95LatencyMs: number;
  timeouts: number;
  /** Timeout share with its Wilson 95 % interval. */
  timeoutRate: Interval;
};

export type LengthPoint = { x: number; latencyMs: number | null; timedOut: boolean };

export type LatencyByLength = {
  bins: LengthBin[];
  points: LengthPoint[];
  /** True when `points` is a sample of the rows. */
  sampled: boolean;
  totalRows: number;
  /** Correlation of length with latency over rows with both (all rows, not the sample). */
  pearson: number;
  spearman: number;
  /** Pairs the Spearman ρ was estimated on, when that was a sample (see `rankSample`). */
  spearmanSample?: number;
};

export type LatencyByLengthOptions = {
  /** Number of quantile bins (ties can merge some); default 12. */
  bins?: number;
  /** Scatter points kept; above this the rows are sampled uniformly with a seeded PRNG. Default 20 000. */
  maxPoints?: number;
  seed?: number;
  /** Above this many pairs, Spearman's ρ is computed on a seeded sample of this size. Default: all pairs. */
  rankSample?: number;
};

/** Distinct type-7 quantiles of sorted x at k equal steps (the bin edges). */
export function quantileEdges(sorted: Float64Array, k: number): number[] {
  const edges: number[] = [];
  for (let i = 0; i <= k; i++) {
    const e = percentileSorted(sorted, (100 * i) / k);
    if (edges.length === 0 || e > edges[edges.length - 1]) edges.push(e);
  }
  if (edges.length === 1) edges.push(edges[0]);
  return edges;
}

function binOf(edges: readonly number[], v: number): number {
  const last = edges.length - 2;
  if (v >= edges[last]) return last;
  let lo = 0;
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edges[mid] <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function latencyByLength(rows: readonly LengthRow[], options: LatencyByLengthOptions = {}): LatencyByLength {
  const k = Math.max(1, Math.floor(options.bins ?? 12));
  const maxPoints = options.maxPoints ?? 20000;
  const valid = rows.filter((r) => Number.isFinite(r.steps));
  const n = valid.length;
  const xs = sortFloat64(Float64Array.from(valid, (r) => r.steps));
  const result: LatencyByLength = { bins: [], points: [], sampled: false, totalRows: n, pearson: NaN, spearman: NaN };
  if (n === 0) return result;

  const edges = quantileEdges(xs, k);
  const nb = edges.length - 1;
  // Typed arrays laid out bin by bin (a million rows as plain arrays cost ~0.5 s in pushes and GC).
  const counts = new Uint32Array(nb);
  const latencyCounts = new Uint32Array(nb);
  const tos = new Array<number>(nb).fill(0);
  const bins = new Uint32Array(n);
  let pairs = 0;
  for (let i = 0; i < n; i++) {
    const r = valid[i];
    const b = binOf(edges, r.steps);
    bins[i] = b;
    counts[b]++;
    if (r.timedOut) tos[b]++;
    if (r.latencyMs !== undefined && Number.isFinite(r.latencyMs)) {
      latencyCounts[b]++;
      pairs++;
    }
  }
  const latencyStart = new Uint32Array(nb + 1);
  for (let b = 0; b < nb; b++) latencyStart[b + 1] = latencyStart[b] + latencyCounts[b];
  const fill = latencyStart.slice(0, nb);
  const lats = new Float64Array(pairs);
  const px = new Float64Array(pairs);
  const py = new Float64Array(pairs);
  let pair = 0;
  for (let i = 0; i < n; i++) {
    const r = valid[i];
    if (r.latencyMs !== undefined && Number.isFinite(r.latencyMs)) {
      lats[fill[bins[i]]++] = r.latencyMs;
      px[pair] = r.steps;
      py[pair++] = r.latencyMs;
    }
  }
  // The bins are intervals of length, so each bin's lengths are a run of the sorted lengths.
  let lengthStart = 0;
  result.bins = edges.slice(0, -1).map((lo, b) => {
    const ls = sortFloat64(lats.subarray(latencyStart[b], latencyStart[b + 1]));
    const lengths = xs.subarray(lengthStart, lengthStart + counts[b]);
    lengthStart += counts[b];
    return {
      lo,
      hi: edges[b + 1],
      n: counts[b],
      medianLength: percentileSorted(lengths, 50),
      latencyCount: ls.length,
      medianLatencyMs: percentileSorted(ls, 50),
      p95LatencyMs: percentileSorted(ls, 95),
      timeouts: tos[b],
      timeoutRate: wilson(tos[b], counts[b]),
    };
  });
  result.pearson = pearson(px, py);
  const rankLimit = options.rankSample ?? Infinity;
  if (px.length > rankLimit) {
    // Two rank sorts of a million pairs take ~0.5 s: estimate ρ on a seeded sample instead.
    const idx = sampleIndices(px.length, rankLimit, (options.seed ?? 1) + 1);
    result.spearman = spearman(
      Array.from(idx, (i) => px[i]),
      Array.from(idx, (i) => py[i]),
    );
    result.spearmanSample = idx.length;
  } else result.spearman = spearman(px, py);

  const toPoint = (r: LengthRow): LengthPoint => ({
    x: r.steps,
    latencyMs: r.latencyMs !== undefined && Number.isFinite(r.latencyMs) ? r.latencyMs : null,
    timedOut: r.timedOut ?? false,
  });
  if (n <= maxPoints) {
    result.points = valid.map(toPoint);
  } else {
    result.sampled = true;
    result.points = Array.from(sampleIndices(n, maxPoints, options.seed ?? 1), (i) => toPoint(valid[i]));
  }
  return result;
}

export type LatencyModel = {
  /** Seconds per step (or per token, if the length is in tokens). */
  stepTimeSeconds: number;
  /** Fixed per-request overhead (queueing, prefill, TTFT), seconds. */
  overheadSeconds: number;
  r2: number;
  n: number;
};

/**
 * Ordinary least squares of latency (s) on length over completed rows. Timed-out rows are left
 * out: their latency is censored at the timeout. Null with fewer than 2 rows or constant length.
 */
export function fitLatencyModel(rows: readonly LengthRow[]): LatencyModel | null {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (const r of rows) {
    if (r.timedOut || r.latencyMs === undefined || !Number.isFinite(r.latencyMs) || !Number.isFinite(r.steps)) continue;
    n++;
    sx += r.steps;
    sy += r.latencyMs / 1000;
  }
  if (n < 2) return null;
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const r of rows) {
    if (r.timedOut || r.latencyMs === undefined || !Number.isFinite(r.latencyMs) || !Number.isFinite(r.steps)) continue;
    const dx = r.steps - mx;
    const dy = r.latencyMs / 1000 - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { stepTimeSeconds: slope, overheadSeconds: my - slope * mx, r2: syy > 0 ? (sxy * sxy) / (sxx * syy) : 1, n };
}
