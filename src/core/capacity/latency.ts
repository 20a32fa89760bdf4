/**
 * Latency against reasoning length: quantile bins with median/p95 latency and the timeout rate
 * (Wilson 95 % interval) per bin, plus the scatter points, deterministically sampled above
 * `maxPoints` rows. Also the least-squares latency model (latency = overhead + stepTime × steps).
 */
import { sampleIndices } from '../random';
import { sortFloat64 } from './sort';
import { pearson, percentileSorted, spearman, wilson, type Interval } from './stats';

export type LengthRow = { steps: number; latencyMs?: number; timedOut?: boolean };

/**
 * The same rows as columns (NaN = no length / no latency; timedOut 1 or 0): a million requests in
 * 17 MB instead of ~56 MB of objects. The functions here take either form.
 */
export type LengthColumns = { steps: Float64Array; latencyMs: Float64Array; timedOut: Uint8Array };

export function lengthColumnsOf(rows: readonly LengthRow[] | LengthColumns): LengthColumns {
  if (!Array.isArray(rows)) return rows as LengthColumns;
  const list = rows as readonly LengthRow[];
  const out: LengthColumns = { steps: new Float64Array(list.length), latencyMs: new Float64Array(list.length), timedOut: new Uint8Array(list.length) };
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    out.steps[i] = r.steps;
    out.latencyMs[i] = r.latencyMs ?? NaN;
    out.timedOut[i] = r.timedOut ? 1 : 0;
  }
  return out;
}

/** Row i of columns as a LengthRow (latencyMs absent when missing). */
export function lengthRowAt(cols: LengthColumns, i: number): { steps: number; latencyMs?: number; timedOut: boolean } {
  const latency = cols.latencyMs[i];
  return Number.isNaN(latency) ? { steps: cols.steps[i], timedOut: cols.timedOut[i] === 1 } : { steps: cols.steps[i], latencyMs: latency, timedOut: cols.timedOut[i] === 1 };
}

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

export function latencyByLength(rows: readonly LengthRow[] | LengthColumns, options: LatencyByLengthOptions = {}): LatencyByLength {
  const k = Math.max(1, Math.floor(options.bins ?? 12));
  const maxPoints = options.maxPoints ?? 20000;
  const cols = lengthColumnsOf(rows);
  const all = cols.steps.length;
  const validAt = new Uint32Array(all);
  let n = 0;
  for (let i = 0; i < all; i++) if (Number.isFinite(cols.steps[i])) validAt[n++] = i;
  const valid = validAt.subarray(0, n);
  const xs = new Float64Array(n);
  for (let j = 0; j < n; j++) xs[j] = cols.steps[valid[j]];
  sortFloat64(xs);
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
    const b = binOf(edges, cols.steps[r]);
    bins[i] = b;
    counts[b]++;
    if (cols.timedOut[r] === 1) tos[b]++;
    if (Number.isFinite(cols.latencyMs[r])) {
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
    const latency = cols.latencyMs[r];
    if (Number.isFinite(latency)) {
      lats[fill[bins[i]]++] = latency;
      px[pair] = cols.steps[r];
      py[pair++] = latency;
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

  const toPoint = (r: number): LengthPoint => ({
    x: cols.steps[r],
    latencyMs: Number.isFinite(cols.latencyMs[r]) ? cols.latencyMs[r] : null,
    timedOut: cols.timedOut[r] === 1,
  });
  if (n <= maxPoints) {
    result.points = Array.from(valid, toPoint);
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
export function fitLatencyModel(rows: readonly LengthRow[] | LengthColumns): LatencyModel | null {
  const cols = lengthColumnsOf(rows);
  const all = cols.steps.length;
  const used = (i: number) => cols.timedOut[i] !== 1 && Number.isFinite(cols.latencyMs[i]) && Number.isFinite(cols.steps[i]);
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < all; i++) {
    if (!used(i)) continue;
    n++;
    sx += cols.steps[i];
    sy += cols.latencyMs[i] / 1000;
  }
  if (n < 2) return null;
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < all; i++) {
    if (!used(i)) continue;
    const dx = cols.steps[i] - mx;
    const dy = cols.latencyMs[i] / 1000 - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { stepTimeSeconds: slope, overheadSeconds: my - slope * mx, r2: syy > 0 ? (sxy * sxy) / (sxx * syy) : 1, n };
}
