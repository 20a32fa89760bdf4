import { describe, expect, it } from 'vitest';
import { bootstrapBreakpoint, bootstrapWindow } from '../../../src/core/capacity/breakpoint-bootstrap';
import { searchHinge, type HingeFit } from '../../../src/core/capacity/hinge-logistic';
import { aggregate } from '../../../src/core/capacity/length-groups';
import { createRng } from '../../../src/core/random';

const fit = (pll: number, b = 1): HingeFit => ({ a: 0, b, pll, ll: pll });

describe('bootstrapWindow', () => {
  it('keeps the rising grid hinges within 10 log-likelihood units of the best, plus two neighbours each side', () => {
    const grid = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const fits = [-50, -40, -30, -12, -5, 0, -9, -20, -30, -40].map((v) => fit(v));
    const w = bootstrapWindow(grid, fits, 5);
    // Within 10 of 0: indices 4…6; widened by two: 2…8.
    expect(w.grid).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(w.starts).toEqual(fits.slice(2, 9));
  });
});

describe('bootstrapBreakpoint', () => {
  // 3000 rows, lengths 1…100, drawn from the hinge model itself: logit P = −3.5 + 0.4·(x − 60)₊.
  const rng = createRng(7);
  const xs = Float64Array.from({ length: 3000 }, () => 1 + rng.int(100));
  const ys = Float64Array.from(xs, (x) => (rng.next() < 1 / (1 + Math.exp(3.5 - 0.4 * Math.max(0, x - 60))) ? 1 : 0));
  const { agg, index } = aggregate(xs, ys);
  const scale = 29;
  const grid = Array.from({ length: 19 }, (_, i) => 5 + 5 * i);
  const found = searchHinge(agg, grid, scale, -1)!;
  const input = { agg, index, ys, scale, xMin: 1, grid, fits: found.coarse.fits, best: found.coarse.best, mode: 'hinge' as const, resamples: 40, seed: 3 };

  it('gives an interval around the hinge the data were made with, the same for the same seed', () => {
    const a = bootstrapBreakpoint(input);
    expect(a.used).toBe(40);
    const [lo, hi] = a.interval!;
    expect(lo).toBeLessThanOrEqual(found.h);
    expect(hi).toBeGreaterThanOrEqual(found.h);
    expect(Math.abs((lo + hi) / 2 - 60)).toBeLessThan(4);
    expect(hi - lo).toBeLessThan(6);
    expect(bootstrapBreakpoint(input)).toEqual(a);
  });

  it('has no interval without resamples', () => {
    expect(bootstrapBreakpoint({ ...input, resamples: 0 })).toEqual({ used: 0, interval: null });
  });
});
