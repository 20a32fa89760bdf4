/**
 * The latency cross-check of the breakpoint: continuous segmented least squares of latency on
 * length. With timed-out latencies recorded at the timeout, its break sits where latency hits
 * the timeout.
 */
import { aggregate, hingeGrid } from './length-groups';
import { sortedCopy } from './stats';

export type SegmentedFit = {
  breakpoint: number;
  interceptMs: number;
  /** ms of latency per unit of length below and above the breakpoint. */
  slopeBeforeMs: number;
  slopeAfterMs: number;
  /** F statistic of the segmented fit against a straight line (2 extra parameters). */
  fStatistic: number;
  /** 1 − RSS_segmented / RSS_linear. */
  rssReduction: number;
  n: number;
};

/** Continuous piecewise-linear least squares y = β0 + β1·x + β2·(x − ψ)₊, ψ by grid + refinement. */
export function segmentedRegression(xs: ArrayLike<number>, ys: ArrayLike<number>, options: { gridSize?: number } = {}): SegmentedFit | null {
  const n = Math.min(xs.length, ys.length);
  if (n < 10) return null;
  const sorted = sortedCopy(xs);
  const grid = hingeGrid(sorted, options.gridSize ?? 60);
  if (grid.length === 0) return null;
  let mx = 0;
  for (let i = 0; i < n; i++) mx += xs[i];
  mx /= n;
  let vx = 0;
  for (let i = 0; i < n; i++) vx += (xs[i] - mx) ** 2;
  const sx = Math.sqrt(vx / n) || 1;
  // Aggregate by distinct x: count, Σy, Σy².
  const { agg, index } = aggregate(xs, new Float64Array(n));
  const u = agg.x.length;
  const sy = new Float64Array(u);
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sy[index[i]] += ys[i];
    syy += ys[i] * ys[i];
  }
  // x-only sums do not depend on ψ.
  let s0 = 0;
  let s1 = 0;
  let s11 = 0;
  let r0 = 0;
  let r1 = 0;
  const xc = new Float64Array(u);
  for (let j = 0; j < u; j++) {
    const c = agg.n[j];
    const x1 = (agg.x[j] - mx) / sx;
    xc[j] = x1;
    s0 += c;
    s1 += c * x1;
    s11 += c * x1 * x1;
    r0 += sy[j];
    r1 += x1 * sy[j];
  }
  const fit = (psi: number | null): { rss: number; beta: number[] } | null => {
    // Normal equations for columns [1, x', z'] (x' centred and scaled; z' = (x − ψ)₊ / sx).
    if (psi === null) {
      const beta = solve(
        [
          [s0, s1],
          [s1, s11],
        ],
        [r0, r1],
      );
      return beta ? { rss: Math.max(0, syy - beta[0] * r0 - beta[1] * r1), beta } : null;
    }
    let s2 = 0;
    let s12 = 0;
    let s22 = 0;
    let r2 = 0;
    for (let j = u - 1; j >= 0 && agg.x[j] > psi; j--) {
      const c = agg.n[j];
      const z = (agg.x[j] - psi) / sx;
      s2 += c * z;
      s12 += c * xc[j] * z;
      s22 += c * z * z;
      r2 += z * sy[j];
    }
    const beta = solve(
      [
        [s0, s1, s2],
        [s1, s11, s12],
        [s2, s12, s22],
      ],
      [r0, r1, r2],
    );
    return beta ? { rss: Math.max(0, syy - beta[0] * r0 - beta[1] * r1 - beta[2] * r2), beta } : null;
  };
  const lin = fit(null);
  if (!lin) return null;
  let bestI = -1;
  let best: { rss: number; beta: number[] } | null = null;
  for (let i = 0; i < grid.length; i++) {
    const res = fit(grid[i]);
    if (res && (best === null || res.rss < best.rss)) {
      best = res;
      bestI = i;
    }
  }
  if (best === null) return null;
  let psi = grid[bestI];
  let chosen: { rss: number; beta: number[] } = best;
  const lo = grid[Math.max(0, bestI - 1)];
  const hi = grid[Math.min(grid.length - 1, bestI + 1)];
  for (let s = 1; s < 20; s++) {
    const c = lo + ((hi - lo) * s) / 20;
    const res = fit(c);
    if (res && res.rss < chosen.rss) {
      chosen = res;
      psi = c;
    }
  }
  const [b0, b1, b2] = chosen.beta;
  const slopeBefore = b1 / sx;
  const df = n - 4;
  return {
    breakpoint: psi,
    interceptMs: b0 - slopeBefore * mx,
    slopeBeforeMs: slopeBefore,
    slopeAfterMs: (b1 + b2) / sx,
    fStatistic: df > 0 && chosen.rss > 0 ? (lin.rss - chosen.rss) / 2 / (chosen.rss / df) : Infinity,
    rssReduction: lin.rss > 0 ? 1 - chosen.rss / lin.rss : 0,
    n,
  };
}

/** Gaussian elimination with partial pivoting; null when singular. */
function solve(A: number[][], r: number[]): number[] | null {
  const p = r.length;
  const M = A.map((row, i) => [...row, r[i]]);
  for (let c = 0; c < p; c++) {
    let piv = c;
    for (let i = c + 1; i < p; i++) if (Math.abs(M[i][c]) > Math.abs(M[piv][c])) piv = i;
    if (Math.abs(M[piv][c]) < 1e-12 * Math.max(1, Math.abs(M[0][0]))) return null;
    [M[c], M[piv]] = [M[piv], M[c]];
    for (let i = c + 1; i < p; i++) {
      const f = M[i][c] / M[c][c];
      for (let t = c; t <= p; t++) M[i][t] -= f * M[c][t];
    }
  }
  const x = new Array<number>(p).fill(0);
  for (let i = p - 1; i >= 0; i--) {
    let s = M[i][p];
    for (let t = i + 1; t < p; t++) s -= M[i][t] * x[t];
    x[i] = s / M[i][i];
  }
  return x;
}
