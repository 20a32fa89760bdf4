/**
 * Latency breakpoint: the reasoning length at which length starts to drive timeouts.
 *
 * Estimator: hinge logistic regression, logit P(timeout | x) = a + b·max(0, x − h) ("flat, then
 * rising"). For each hinge h on a grid (distinct type-7 quantiles 5 %…95 % of x) (a, b) is fitted by
 * Newton/IRLS with Firth's correction (Jeffreys penalty ½·log det I), which keeps the fit finite
 * when there are no timeouts below the hinge (complete separation). h is chosen by the penalised
 * profile likelihood and refined on 20 points between the neighbours of the best grid hinge.
 * Rows are aggregated by distinct length (merged into ≤ `maxGroups` groups when there are more).
 *
 * Test for a break: likelihood ratio against the constant model (b = 0), plain log-likelihoods.
 * h is not identified under the null, so χ²₁ is too liberal; we use Davies' (1987) upper bound
 * over the searched grid, as R's segmented::davies.test does: with r(h) = sign(b̂)·√LR(h),
 * M = max r(h), V = Σ|r(h_k) − r(h_{k−1})|, p ≤ Φ(−M) + V·e^{−M²/2}/√(8π) (one-sided: rising).
 *
 * Outcomes (breakpoint null unless "found"):
 * - too-few-rows / too-few-timeouts: < minRows (200) rows, or < minTimeouts (10) timeouts (or
 *   fewer than that many non-timeouts).
 * - not-significant: Davies p ≥ alpha (0.05).
 * - no-threshold: the profile-likelihood 95 % set for h reaches the lowest grid hinge, i.e. the
 *   data cannot tell a hinge from a logistic curve in x that starts at the shortest requests, AND
 *   that linear-in-x logistic is shallow (its 10→90 % rise spans more than 25 % of the 5–95 %
 *   length range): a trend, not a threshold.
 * - found, method 'hinge-logistic': breakpoint = ĥ, the onset of the rise. With noisy latency
 *   the onset precedes the mechanistic L* by a few noise SDs (timeouts begin before half time out).
 * - found, method 'logistic-midpoint': same unidentified hinge but a steep logistic: a sharp
 *   threshold with no background timeouts (any hinge below the step fits equally well), so the
 *   breakpoint is the logistic midpoint −a/b (length where half the requests time out).
 *
 * Interval: nonparametric bootstrap (rows resampled with a seeded mulberry32; default 200
 * resamples), 95 % percentile interval of the same estimator. Resamples search only the grid
 * hinges whose profile is within 10 log-likelihood units of the best (± 2 neighbours).
 * Cross-check: continuous segmented least squares of latency on length (grid + refinement); with
 * timed-out latencies recorded at the timeout, its break sits where latency hits the timeout.
 * Mechanistic: (timeout − TTFT) / step time, each given or taken from the least-squares fit.
 *
 * Censoring caveat: a timed-out request's length is whatever was logged (usually a lower bound).
 * Same input and options → identical output.
 */
import { fitLatencyModel } from './latency';
import { createRng } from '../random';
import { normalCdf, percentileSorted, sortedCopy } from './stats';

export type BreakpointRow = { steps: number; latencyMs?: number; timedOut: boolean };

export type BreakpointOptions = {
  minRows?: number;
  minTimeouts?: number;
  /** Significance level for the Davies-bounded likelihood-ratio test; default 0.05. */
  alpha?: number;
  /** Hinge candidates (quantiles 5 %…95 %, distinct); default 60. */
  gridSize?: number;
  /** Above this many distinct lengths, neighbours are merged for the logistic fits (see aggregate). Default 1000. */
  maxGroups?: number;
  /** Bootstrap resamples for the interval; 0 disables it. Default 200. */
  bootstrap?: number;
  seed?: number;
  /** Mechanistic estimate inputs, ms. Without ttftMs/stepTimeMs the log's least-squares fit is used. */
  timeoutMs?: number;
  ttftMs?: number;
  stepTimeMs?: number;
};

export type BreakpointStatus = 'found' | 'too-few-rows' | 'too-few-timeouts' | 'not-significant' | 'no-threshold';

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

export type MechanisticEstimate = {
  value: number;
  timeoutMs: number;
  ttftMs: number;
  stepTimeMs: number;
  source: { ttft: 'given' | 'fitted'; stepTime: 'given' | 'fitted' };
};

export type BreakpointResult = {
  /** The detected length, or null ("no breakpoint"; see status and reason). */
  breakpoint: number | null;
  status: BreakpointStatus;
  reason: string;
  /** 'logistic-midpoint' when the threshold is sharp with no background timeouts (see module comment). */
  method: 'hinge-logistic' | 'logistic-midpoint';
  /** Best hinge even when not significant (null when data are too thin). */
  candidate: number | null;
  /** Bootstrap 95 % percentile interval for the breakpoint. */
  interval: [number, number] | null;
  /** Grid hinges inside the profile-likelihood 95 % set (2·Δℓ ≤ 3.84), lowest to highest. */
  profileInterval: [number, number] | null;
  bootstrap: { resamples: number; used: number; seed: number };
  fit: { intercept: number; slope: number; hinge: number; logLik: number } | null;
  /** Linear-in-x logistic: midpoint = length with P(timeout) = ½, width1090 = length from 10 % to 90 %. */
  linearFit: { intercept: number; slope: number; logLik: number; midpoint: number | null; width1090: number | null } | null;
  test: {
    name: 'lr-vs-constant-davies';
    /** max over the grid of the signed root LR statistic. */
    statistic: number;
    /** LR = 2(ℓ_hinge − ℓ_constant) at the chosen hinge. */
    lr: number;
    pValue: number;
    alpha: number;
    logLikConstant: number;
    logLikLinear: number;
  } | null;
  /** Firth-penalised profile log-likelihood over the grid (for a chart). */
  profile: { h: number; logLik: number }[];
  segmented: SegmentedFit | null;
  mechanistic: MechanisticEstimate | null;
  n: number;
  timeouts: number;
};

/** Binomial data aggregated by distinct length. */
type Agg = { x: Float64Array; n: Float64Array; k: Float64Array };

const CHI2_1_95 = 3.841458820694124;
/** A logistic whose 10→90 % rise spans at most this share of the 5–95 % length range is a threshold. */
const STEEP_FRACTION = 0.25;
/** Bootstrap search window: grid hinges within this many log-likelihood units of the best. */
const BOOT_WINDOW = 10;

/** pll: Firth-penalised log-likelihood (used to compare hinges); ll: plain log-likelihood (used in tests). */
type HingeFit = { a: number; b: number; pll: number; ll: number };

function softplus(eta: number): number {
  return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
}

/**
 * Firth-penalised log-likelihood ℓ + ½·log det I(a, b) of the hinge model at hinge h. The Jeffreys
 * penalty keeps the fit finite under separation (e.g. no timeouts at all below the hinge), which a
 * plain MLE would send to a = −∞, leaving the hinge unidentified.
 */
function penalisedLogLik(agg: Agg, h: number, scale: number, a: number, b: number): number {
  return logLiks(agg, h, scale, a, b).pll;
}

function logLiks(agg: Agg, h: number, scale: number, a: number, b: number): { ll: number; pll: number } {
  let ll = 0;
  let i00 = 0;
  let i01 = 0;
  let i11 = 0;
  for (let j = 0; j < agg.x.length; j++) {
    const z = agg.x[j] > h ? (agg.x[j] - h) / scale : 0;
    const eta = a + b * z;
    ll += agg.k[j] * eta - agg.n[j] * softplus(eta);
    const p = 1 / (1 + Math.exp(-eta));
    const w = agg.n[j] * p * (1 - p);
    i00 += w;
    i01 += w * z;
    i11 += w * z * z;
  }
  const det = i00 * i11 - i01 * i01;
  return { ll, pll: ll + 0.5 * Math.log(Math.max(det, 1e-300)) };
}

/** Firth-corrected Newton iterations for (a, b) at a fixed hinge, with step halving; warm start optional. */
function fitHinge(agg: Agg, h: number, scale: number, start: { a: number; b: number }): HingeFit {
  let a = start.a;
  let b = start.b;
  let pll = penalisedLogLik(agg, h, scale, a, b);
  const u = agg.x.length;
  const ps = new Float64Array(u);
  const zs = new Float64Array(u);
  for (let it = 0; it < 60; it++) {
    let i00 = 0;
    let i01 = 0;
    let i11 = 0;
    for (let j = 0; j < u; j++) {
      const z = agg.x[j] > h ? (agg.x[j] - h) / scale : 0;
      const p = 1 / (1 + Math.exp(-(a + b * z)));
      zs[j] = z;
      ps[j] = p;
      const w = agg.n[j] * p * (1 - p);
      i00 += w;
      i01 += w * z;
      i11 += w * z * z;
    }
    const det = i00 * i11 - i01 * i01;
    if (!(det > 1e-300)) break;
    const v00 = i11 / det;
    const v01 = -i01 / det;
    const v11 = i00 / det;
    let g0 = 0;
    let g1 = 0;
    for (let j = 0; j < u; j++) {
      const z = zs[j];
      const p = ps[j];
      const w = agg.n[j] * p * (1 - p);
      const lev = w * (v00 + 2 * v01 * z + v11 * z * z);
      const r = agg.k[j] - agg.n[j] * p + lev * (0.5 - p);
      g0 += r;
      g1 += r * z;
    }
    let da = v00 * g0 + v01 * g1;
    let db = v01 * g0 + v11 * g1;
    let moved = false;
    for (let half = 0; half < 30; half++) {
      const npll = penalisedLogLik(agg, h, scale, a + da, b + db);
      if (npll >= pll - 1e-9) {
        a += da;
        b += db;
        moved = npll - pll > 1e-10;
        pll = npll;
        break;
      }
      da /= 2;
      db /= 2;
    }
    if (!moved || Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { a, b, pll, ll: logLiks(agg, h, scale, a, b).ll };
}

type Profile = { best: number; fits: HingeFit[]; hs: number[] };

/** Profile over the grid, then refine between the neighbours of the best rising fit. */
function searchHinge(
  agg: Agg,
  grid: readonly number[],
  scale: number,
  a0: number,
  starts?: readonly HingeFit[],
): { h: number; fit: HingeFit; coarse: Profile } | null {
  const fits: HingeFit[] = [];
  let start = { a: a0, b: 0 };
  let best = -1;
  for (let i = 0; i < grid.length; i++) {
    // Warm start: the fit at the same hinge on the original data (bootstrap), else the previous hinge.
    const f = fitHinge(agg, grid[i], scale, starts ? starts[i] : start);
    fits.push(f);
    start = { a: f.a, b: f.b };
    if (f.b > 0 && (best < 0 || f.pll > fits[best].pll)) best = i;
  }
  const coarse = { best, fits, hs: [...grid] };
  if (best < 0) return null;
  let h = grid[best];
  let fit = fits[best];
  const lo = grid[Math.max(0, best - 1)];
  const hi = grid[Math.min(grid.length - 1, best + 1)];
  const steps = 20;
  for (let s = 1; s < steps; s++) {
    const c = lo + ((hi - lo) * s) / steps;
    if (c === h) continue;
    const f = fitHinge(agg, c, scale, fit);
    if (f.b > 0 && f.pll > fit.pll) {
      fit = f;
      h = c;
    }
  }
  return { h, fit, coarse };
}

/**
 * Aggregate rows by distinct length. With more than `maxGroups` distinct lengths, neighbouring
 * lengths are merged into groups of about n / maxGroups rows (a distinct length is never split),
 * each represented by its mean length: the logistic fits then cost O(groups), not O(rows).
 */
function aggregate(xs: ArrayLike<number>, ys: ArrayLike<number>, maxGroups = Infinity): { agg: Agg; index: Uint32Array } {
  const n = xs.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((p, q) => xs[p] - xs[q]);
  let distinct = 0;
  for (let r = 0; r < n; r++) if (r === 0 || xs[order[r]] !== xs[order[r - 1]]) distinct++;
  const target = distinct > maxGroups ? n / maxGroups : 0;
  const gx: number[] = [];
  const gn: number[] = [];
  const gk: number[] = [];
  const index = new Uint32Array(n);
  for (let r = 0; r < n; r++) {
    const i = order[r];
    const newValue = r === 0 || xs[i] !== xs[order[r - 1]];
    if (r === 0 || (newValue && (target === 0 || gn[gn.length - 1] >= target))) {
      gx.push(0);
      gn.push(0);
      gk.push(0);
    }
    const g = gn.length - 1;
    gx[g] += xs[i];
    gn[g]++;
    gk[g] += ys[i];
    index[i] = g;
  }
  for (let g = 0; g < gx.length; g++) gx[g] /= gn[g];
  return { agg: { x: Float64Array.from(gx), n: Float64Array.from(gn), k: Float64Array.from(gk) }, index };
}

function hingeGrid(sortedX: Float64Array, size: number): number[] {
  const max = sortedX[sortedX.length - 1];
  const grid: number[] = [];
  for (let i = 0; i < size; i++) {
    const p = 5 + (90 * i) / Math.max(1, size - 1);
    const h = percentileSorted(sortedX, p);
    if (h < max && (grid.length === 0 || h > grid[grid.length - 1])) grid.push(h);
  }
  return grid;
}

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

function mechanisticEstimate(rows: readonly BreakpointRow[], options: BreakpointOptions): MechanisticEstimate | null {
  if (options.timeoutMs === undefined) return null;
  const model = options.ttftMs === undefined || options.stepTimeMs === undefined ? fitLatencyModel(rows) : null;
  const ttftMs = options.ttftMs ?? (model ? model.overheadSeconds * 1000 : NaN);
  const stepTimeMs = options.stepTimeMs ?? (model ? model.stepTimeSeconds * 1000 : NaN);
  if (!(stepTimeMs > 0) || !Number.isFinite(ttftMs)) return null;
  return {
    value: (options.timeoutMs - ttftMs) / stepTimeMs,
    timeoutMs: options.timeoutMs,
    ttftMs,
    stepTimeMs,
    source: { ttft: options.ttftMs === undefined ? 'fitted' : 'given', stepTime: options.stepTimeMs === undefined ? 'fitted' : 'given' },
  };
}

/** Detect the latency breakpoint (see the module comment for the method). Deterministic. */
export function detectBreakpoint(rows: readonly BreakpointRow[], options: BreakpointOptions = {}): BreakpointResult {
  const minRows = options.minRows ?? 200;
  const minTimeouts = options.minTimeouts ?? 10;
  const alpha = options.alpha ?? 0.05;
  const B = Math.max(0, Math.floor(options.bootstrap ?? 200));
  const seed = options.seed ?? 1;

  const valid = rows.filter((r) => Number.isFinite(r.steps));
  const n = valid.length;
  const xs = Float64Array.from(valid, (r) => r.steps);
  const ys = Float64Array.from(valid, (r) => (r.timedOut ? 1 : 0));
  let k = 0;
  for (let i = 0; i < n; i++) k += ys[i];

  const latRows = valid.filter((r) => r.latencyMs !== undefined && Number.isFinite(r.latencyMs));
  const segmented = segmentedRegression(
    latRows.map((r) => r.steps),
    latRows.map((r) => r.latencyMs as number),
    { gridSize: options.gridSize },
  );
  const result: BreakpointResult = {
    breakpoint: null,
    status: 'found',
    reason: '',
    method: 'hinge-logistic',
    candidate: null,
    interval: null,
    profileInterval: null,
    bootstrap: { resamples: 0, used: 0, seed },
    fit: null,
    linearFit: null,
    test: null,
    profile: [],
    segmented,
    mechanistic: mechanisticEstimate(valid, options),
    n,
    timeouts: k,
  };
  if (n < minRows) {
    result.status = 'too-few-rows';
    result.reason = `Insufficient data: ${n} rows (need at least ${minRows}).`;
    return result;
  }
  if (k < minTimeouts || n - k < minTimeouts) {
    result.status = 'too-few-timeouts';
    result.reason =
      k < minTimeouts ? `Insufficient data: ${k} timeouts (need at least ${minTimeouts}).` : `Insufficient data: only ${n - k} requests finished in time.`;
    return result;
  }

  const sorted = sortedCopy(xs);
  const grid = hingeGrid(sorted, options.gridSize ?? 60);
  if (grid.length === 0) {
    result.status = 'not-significant';
    result.reason = 'No breakpoint: all rows have the same length.';
    return result;
  }
  const { agg, index } = aggregate(xs, ys, options.maxGroups ?? 1000);
  const mean = sorted.reduce((s, v) => s + v, 0) / n;
  const scale = Math.sqrt(sorted.reduce((s, v) => s + (v - mean) ** 2, 0) / n) || 1;
  const xMin = sorted[0];
  const spread = percentileSorted(sorted, 95) - percentileSorted(sorted, 5) || sorted[n - 1] - xMin;
  const p0 = k / n;
  const a0 = Math.log(p0 / (1 - p0));
  // Constant model (plain MLE). Test statistics use plain log-likelihoods at the fitted values;
  // the Firth penalty (whose size depends on the number of parameters) only ranks hinges.
  const llConst = k * Math.log(p0) + (n - k) * Math.log(1 - p0);
  // Linear-in-x logistic = the hinge at the smallest length.
  const lin = fitHinge(agg, xMin, scale, { a: a0, b: 0 });
  const linSlope = lin.b / scale;
  const midpoint = (f: HingeFit) => xMin - (f.a * scale) / f.b;
  result.linearFit = {
    intercept: lin.a - linSlope * xMin,
    slope: linSlope,
    logLik: lin.ll,
    midpoint: lin.b > 0 ? midpoint(lin) : null,
    width1090: lin.b > 0 ? (2 * Math.log(9)) / linSlope : null,
  };

  const found = searchHinge(agg, grid, scale, a0);
  const fits = found ? found.coarse.fits : grid.map(() => ({ a: a0, b: 0, ll: llConst, pll: llConst }));
  result.profile = grid.map((h, i) => ({ h, logLik: fits[i].pll }));

  // Davies bound over the coarse grid, one-sided (rising).
  const r = fits.map((f) => Math.sign(f.b) * Math.sqrt(Math.max(0, 2 * (f.ll - llConst))));
  let M = -Infinity;
  let V = 0;
  for (let i = 0; i < r.length; i++) {
    M = Math.max(M, r[i]);
    if (i > 0) V += Math.abs(r[i] - r[i - 1]);
  }
  const pValue = M > 0 ? Math.min(1, normalCdf(-M) + (V * Math.exp(-0.5 * M * M)) / Math.sqrt(8 * Math.PI)) : 1;
  result.test = {
    name: 'lr-vs-constant-davies',
    statistic: M,
    lr: found ? Math.max(0, 2 * (found.fit.ll - llConst)) : 0,
    pValue,
    alpha,
    logLikConstant: llConst,
    logLikLinear: lin.ll,
  };
  if (!found) {
    result.status = 'not-significant';
    result.reason = 'No breakpoint: the timeout rate does not rise with length.';
    return result;
  }
  result.candidate = found.h;
  result.fit = { intercept: found.fit.a, slope: found.fit.b / scale, hinge: found.h, logLik: found.fit.ll };
  if (pValue >= alpha) {
    result.status = 'not-significant';
    result.reason = `No breakpoint: the timeout rate is not significantly related to length (Davies p = ${pValue.toPrecision(3)} ≥ ${alpha}).`;
    return result;
  }

  // Profile-likelihood 95 % set for h (2·Δℓ ≤ χ²₁,0.95) over the grid.
  const llMax = Math.max(found.fit.pll, ...fits.map((f) => f.pll));
  const inSet = fits.map((f) => f.b > 0 && 2 * (llMax - f.pll) <= CHI2_1_95);
  const setIdx = inSet.flatMap((v, i) => (v ? [i] : []));
  result.profileInterval = setIdx.length ? [grid[setIdx[0]], grid[setIdx[setIdx.length - 1]]] : null;

  let mode: 'hinge' | 'midpoint' = 'hinge';
  if (found.coarse.best === 0 || inSet[0]) {
    // The hinge cannot be told apart from a single logistic curve in x. A steep curve is a sharp
    // threshold with no background timeouts (any hinge below the step fits equally): report its
    // midpoint. A shallow one is a trend over the whole range: no breakpoint.
    const width = result.linearFit.width1090;
    const mid = result.linearFit.midpoint;
    if (width !== null && mid !== null && width <= STEEP_FRACTION * spread && mid >= xMin && mid <= sorted[n - 1]) {
      mode = 'midpoint';
    } else {
      result.status = 'no-threshold';
      result.reason =
        'No breakpoint: timeouts rise gradually with length from the shortest requests on (the hinge is indistinguishable from a linear-logistic trend); a trend, not a threshold.';
      return result;
    }
  }

  // Bootstrap interval. Resamples search the grid where the profile is within BOOT_WINDOW log-
  // likelihood units of its best grid value (plus two neighbours each side): hinges further out are
  // practically never chosen, and this keeps 200 resamples of 200k rows to a couple of seconds.
  const coarseMax = fits[found.coarse.best].pll;
  const near = (i: number) => fits[i].b > 0 && coarseMax - fits[i].pll <= BOOT_WINDOW;
  let wLo = 0;
  let wHi = grid.length - 1;
  while (wLo < found.coarse.best && !near(wLo)) wLo++;
  while (wHi > found.coarse.best && !near(wHi)) wHi--;
  wLo = Math.max(0, wLo - 2);
  wHi = Math.min(grid.length - 1, wHi + 2);
  const bGrid = grid.slice(wLo, wHi + 1);
  const bStarts = fits.slice(wLo, wHi + 1);
  if (B > 0) {
    const rng = createRng(seed);
    const u = agg.x.length;
    const bn = new Float64Array(u);
    const bk = new Float64Array(u);
    const boot: number[] = [];
    for (let b = 0; b < B; b++) {
      bn.fill(0);
      bk.fill(0);
      let bkTotal = 0;
      for (let i = 0; i < n; i++) {
        const j = rng.int(n);
        bn[index[j]]++;
        bk[index[j]] += ys[j];
        bkTotal += ys[j];
      }
      if (bkTotal === 0 || bkTotal === n) continue;
      const bAgg = { x: agg.x, n: bn, k: bk };
      const bp = bkTotal / n;
      const start = { a: Math.log(bp / (1 - bp)), b: 0 };
      if (mode === 'hinge') {
        const res = searchHinge(bAgg, bGrid, scale, start.a, bStarts);
        if (res) boot.push(res.h);
      } else {
        const f = fitHinge(bAgg, xMin, scale, start);
        if (f.b > 0) boot.push(midpoint(f));
      }
    }
    result.bootstrap = { resamples: B, used: boot.length, seed };
    if (boot.length >= 2) {
      const s = sortedCopy(boot);
      result.interval = [percentileSorted(s, 2.5), percentileSorted(s, 97.5)];
    }
  }
  if (mode === 'hinge') {
    result.breakpoint = found.h;
    result.reason = `Timeout odds start rising at length ≈ ${found.h.toPrecision(4)} (Davies p = ${pValue.toPrecision(3)}).`;
  } else {
    result.method = 'logistic-midpoint';
    result.breakpoint = result.linearFit.midpoint;
    result.reason = `Sharp threshold with no background timeouts: half the requests time out at length ≈ ${(result.breakpoint as number).toPrecision(4)} (Davies p = ${pValue.toPrecision(3)}).`;
  }
  result.status = 'found';
  return result;
}
