import { describe, expect, it } from 'vitest';
import { segmentedRegression } from '../../../src/core/capacity/segmented-regression';

describe('segmentedRegression', () => {
  it('recovers a continuous break exactly when it lies on the grid', () => {
    // y = 2 + 3x + 5·(x − 20)₊ on x = 0…40; a 3-point grid is the 5/50/95 % quantiles 2, 20, 38.
    const xs = Array.from({ length: 41 }, (_, i) => i);
    const ys = xs.map((x) => 2 + 3 * x + 5 * Math.max(0, x - 20));
    const fit = segmentedRegression(xs, ys, { gridSize: 3 })!;
    expect(fit.breakpoint).toBe(20);
    expect(fit.interceptMs).toBeCloseTo(2, 6);
    expect(fit.slopeBeforeMs).toBeCloseTo(3, 6);
    expect(fit.slopeAfterMs).toBeCloseTo(8, 6);
    expect(fit.rssReduction).toBeCloseTo(1, 6);
    expect(fit.n).toBe(41);
  });

  it('needs at least 10 points and more than one length', () => {
    expect(segmentedRegression([1, 2, 3], [1, 2, 3])).toBeNull();
    expect(segmentedRegression(new Array(20).fill(4), new Array(20).fill(1))).toBeNull();
  });
});
