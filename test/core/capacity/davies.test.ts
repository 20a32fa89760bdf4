import { describe, expect, it } from 'vitest';
import { daviesUpperBound } from '../../../src/core/capacity/davies';

describe('daviesUpperBound', () => {
  it('is Φ(−M) + V·e^{−M²/2}/√(8π) over the signed roots', () => {
    // M = 3, V = |1−0| + |3−1| + |2−3| = 4; Φ(−3) = 0.0013498980316301.
    const { statistic, pValue } = daviesUpperBound([0, 1, 3, 2]);
    expect(statistic).toBe(3);
    expect(pValue).toBeCloseTo(0.0013498980316301 + (4 * Math.exp(-4.5)) / Math.sqrt(8 * Math.PI), 10);
  });

  it('is 1 when nothing rises, and capped at 1 for a rough profile', () => {
    expect(daviesUpperBound([-1, -2, 0]).pValue).toBe(1);
    expect(daviesUpperBound([0.1, 5, 0.1, 5, 0.1]).pValue).toBeLessThanOrEqual(1);
    expect(daviesUpperBound([0.5, -3, 0.5, -3]).pValue).toBe(1);
  });
});
