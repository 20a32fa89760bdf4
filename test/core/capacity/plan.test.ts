import { describe, expect, it } from 'vitest';
import { fitLatencyModel, planCapacity, tierStats } from '../../../src/core/capacity';

describe('planCapacity (steps × step time + overhead against the target)', () => {
  // Estimated time = steps × 1.2 s + 2.0 s:  2 → 4.4 s, 5 → 8 s, 10 → 14 s, 20 → 26 s.
  const distribution = { 2: 10, 5: 20, 10: 30, 20: 40 };
  it('computes the share meeting the target by hand', () => {
    expect(planCapacity(distribution, 15)).toBe(0.6);
    expect(planCapacity(distribution, 14)).toBe(0.6); // 10 steps is exactly 14 s: meets it
    expect(planCapacity(distribution, 13.99)).toBe(0.3);
    expect(planCapacity(distribution, 4)).toBe(0);
    expect(planCapacity(distribution, 26)).toBe(1);
  });
  it('honours a fitted step time and overhead', () => {
    // 0.5 s/step + 1 s: 2 → 2, 5 → 3.5, 10 → 6, 20 → 11.
    expect(planCapacity(distribution, 6, { stepTime: 0.5, overhead: 1 })).toBe(0.6);
    expect(planCapacity({}, 10)).toBe(0);
  });
  it('fits step time and overhead by least squares, ignoring censored timeouts', () => {
    const rows = [1, 2, 3, 4, 5].map((s) => ({ steps: s, latencyMs: (s * 1.5 + 0.5) * 1000 }));
    rows.push({ steps: 50, latencyMs: 10000, timedOut: true } as never);
    const m = fitLatencyModel(rows);
    expect(m?.stepTimeSeconds).toBeCloseTo(1.5, 12);
    expect(m?.overheadSeconds).toBeCloseTo(0.5, 12);
    expect(m?.n).toBe(5);
  });
});

describe('tierStats', () => {
  it('splits short/medium/complex and judges each p95 against its target', () => {
    const rows = [
      ...Array.from({ length: 20 }, (_, i) => ({ steps: 3, latencyMs: 1000 + i * 100 })), // ≤ 2.9 s
      ...Array.from({ length: 20 }, (_, i) => ({ steps: 10, latencyMs: 10000 + i * 500 })), // up to 19.5 s
      ...Array.from({ length: 10 }, () => ({ steps: 30, latencyMs: 25000 })),
      { steps: 40, timedOut: true },
    ];
    const [short, medium, complex] = tierStats(rows);
    expect(short).toMatchObject({ tier: 'short', count: 20, meetsTarget: true, attainment: 1, targetSeconds: 5 });
    expect(short.share).toBeCloseTo(20 / 51, 12);
    expect(medium.targetSeconds).toBe(15);
    expect(medium.meetsTarget).toBe(false);
    expect(medium.attainment).toBe(11 / 20);
    expect(medium.p95LatencyMs).toBeCloseTo(10000 + 18.05 * 500, 6);
    expect(complex).toMatchObject({ tier: 'complex', count: 11, timeouts: 1, latencyCount: 11 });
    expect(complex.advice).toContain('15 s');
  });
});
