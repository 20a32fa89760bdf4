import { describe, expect, it } from 'vitest';
import { MAX_SCATTER_POINTS, scatterSample } from '../../../src/core/metrics';

describe('scatterSample', () => {
  it('draws every point up to the cap, and a stable uniform sample of exactly the cap beyond it', () => {
    const few = Array.from({ length: 10 }, (_, i) => ({ x: i, y: i }));
    expect(scatterSample(few)).toEqual(few);
    const many = Array.from({ length: 100_000 }, (_, i) => ({ x: i, y: i }));
    const drawn = scatterSample(many);
    expect(MAX_SCATTER_POINTS).toBe(2000);
    expect(drawn).toHaveLength(2000);
    expect(new Set(drawn.map((p) => p.x)).size).toBe(2000);
    expect(scatterSample(many)).toEqual(drawn);
    // Uniform: each tenth of the range holds about a tenth of the sample (binomial sd ≈ 13).
    for (let d = 0; d < 10; d++) {
      const inDecile = drawn.filter((p) => p.x >= d * 10_000 && p.x < (d + 1) * 10_000).length;
      expect(Math.abs(inDecile - 200)).toBeLessThan(60);
    }
  });
});
