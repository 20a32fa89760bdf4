/**
 * The hinge logistic model logit P(timeout | x) = a + b·max(0, x − h) ("flat, then rising"):
 * for a fixed hinge h, (a, b) is fitted by Newton/IRLS with Firth's correction (Jeffreys
 * penalty ½·log det I), which keeps the fit finite when there are no timeouts below the hinge
 * (complete separation); h is chosen by the penalised profile likelihood over a grid and refined
 * on 20 points between the neighbours of the best grid hinge. Lengths enter as (x − h) / scale.
 */
import type { Agg } from './length-groups';

/** pll: Firth-penalised log-likelihood (used to compare hinges); ll: plain log-likelihood (used in tests). */
export type HingeFit = { a: number; b: number; pll: number; ll: number };

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
export function fitHinge(agg: Agg, h: number, scale: number, start: { a: number; b: number }): HingeFit {
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

export type Profile = { best: number; fits: HingeFit[]; hs: number[] };

/** Profile over the grid, then refine between the neighbours of the best rising fit. */
export function searchHinge(
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

/** The length at which a linear-in-x logistic (the hinge at the shortest length xMin) reaches ½. */
export function logisticMidpoint(fit: HingeFit, xMin: number, scale: number): number {
  return xMin - (fit.a * scale) / fit.b;
}
