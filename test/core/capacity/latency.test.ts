import { describe, expect, it } from 'vitest';
import { latencyByLength } from '../../../src/core/capacity';
import { syntheticLog } from './synthetic';

describe('latencyByLength', () => {
  const rows = syntheticLog({ n: 5000, seed: 3, timeout: (_s, l, u) => l > 50 || u < 0.01 });
  it('gives quantile bins with median/p95 latency and Wilson timeout rates', () => {
    const r = latencyByLength(rows, { bins: 10 });
    expect(r.bins.reduce((s, b) => s + b.n, 0)).toBe(5000);
    expect(r.bins.length).toBeGreaterThanOrEqual(8);
    for (const b of r.bins) {
      expect(b.timeoutRate.lower).toBeLessThanOrEqual(b.timeoutRate.estimate);
      expect(b.timeoutRate.upper).toBeGreaterThanOrEqual(b.timeoutRate.estimate);
      expect(b.p95LatencyMs).toBeGreaterThanOrEqual(b.medianLatencyMs);
    }
    // Latency rises with length; the last bin (longest chains) times out the most.
    expect(r.bins[r.bins.length - 1].medianLatencyMs).toBeGreaterThan(r.bins[0].medianLatencyMs);
    expect(r.bins[r.bins.length - 1].timeoutRate.estimate).toBeGreaterThan(r.bins[0].timeoutRate.estimate);
    expect(r.pearson).toBeGreaterThan(0.9);
    expect(r.spearman).toBeGreaterThan(0.9);
    expect(r.sampled).toBe(false);
    expect(r.points).toHaveLength(5000);
  });
  it('samples points deterministically above maxPoints', () => {
    const a = latencyByLength(rows, { maxPoints: 1000, seed: 9 });
    const b = latencyByLength(rows, { maxPoints: 1000, seed: 9 });
    expect(a.sampled).toBe(true);
    expect(a.points).toHaveLength(1000);
    expect(a.points).toEqual(b.points);
    expect(latencyByLength(rows, { maxPoints: 1000, seed: 10 }).points).not.toEqual(a.points);
  });
});
