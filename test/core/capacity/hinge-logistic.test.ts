import { describe, expect, it } from 'vitest';
import { fitHinge, logisticMidpoint, searchHinge } from '../../../src/core/capacity/hinge-logistic';
import type { Agg } from '../../../src/core/capacity/length-groups';

/** Expected counts: 200 requests at each length 0…99, P(timeout) = logistic(−3 + 0.5·(x − 50)₊). */
const xs = Array.from({ length: 100 }, (_, i) => i);
const p = (x: number) => 1 / (1 + Math.exp(3 - 0.5 * Math.max(0, x - 50)));
const agg: Agg = { x: Float64Array.from(xs), n: Float64Array.from(xs, () => 200), k: Float64Array.from(xs, (x) => 200 * p(x)) };
const scale = 29;

/** ℓ + ½·log det I of the hinge model, written out here independently of the module. */
function penalised(h: number, a: number, b: number): number {
  let ll = 0;
  let i00 = 0;
  let i01 = 0;
  let i11 = 0;
  for (let j = 0; j < xs.length; j++) {
    const z = Math.max(0, xs[j] - h) / scale;
    const q = 1 / (1 + Math.exp(-(a + b * z)));
    ll += agg.k[j] * Math.log(q) + (agg.n[j] - agg.k[j]) * Math.log(1 - q);
    const w = agg.n[j] * q * (1 - q);
    i00 += w;
    i01 += w * z;
    i11 += w * z * z;
  }
  return ll + 0.5 * Math.log(i00 * i11 - i01 * i01);
}

describe('fitHinge', () => {
  it('lands on a maximum of the Firth-penalised likelihood at its hinge', () => {
    const f = fitHinge(agg, 40, scale, { a: 0, b: 0 });
    const at = penalised(40, f.a, f.b);
    expect(f.pll).toBeCloseTo(at, 6);
    for (const [da, db] of [[0.01, 0], [-0.01, 0], [0, 0.01], [0, -0.01]]) expect(penalised(40, f.a + da, f.b + db)).toBeLessThan(at);
  });
});

describe('searchHinge', () => {
  it('finds the hinge the data were made with', () => {
    const grid = Array.from({ length: 19 }, (_, i) => 5 + 5 * i);
    const found = searchHinge(agg, grid, scale, Math.log(0.3 / 0.7))!;
    expect(Math.abs(found.h - 50)).toBeLessThan(1.5);
    expect(found.fit.b).toBeGreaterThan(0);
    expect(found.coarse.fits).toHaveLength(grid.length);
    expect(grid[found.coarse.best]).toBe(50);
  });
});

describe('logisticMidpoint', () => {
  it('is the length where a + b·(x − xMin)/scale = 0', () => {
    // −2 + (x − 10)/2 = 0 at x = 14.
    expect(logisticMidpoint({ a: -2, b: 1, pll: 0, ll: 0 }, 10, 2)).toBe(14);
  });
});
