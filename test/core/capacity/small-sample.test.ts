import { describe, expect, it } from 'vitest';
import { createRng, detectBreakpoint, detectBreakpointSmallSample, runsToNarrow, type BreakpointRow } from '../../../src/core/capacity';

/** Rows from a planted latency model: 2 s + steps × 1.2 s × a per-run factor, cut at a 30 s timeout. */
function planted(n: number, seed: number, jitter = 0.1): BreakpointRow[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    const steps = 1 + rng.int(40);
    const latencyMs = 2000 + steps * 1200 * Math.exp(jitter * rng.normal());
    return { steps, latencyMs: Math.min(latencyMs, 30_000), timedOut: latencyMs > 30_000 };
  });
}
// Half the requests time out where 2 s + L × 1.2 s = 30 s (the noise factor's median is 1).
const L_STAR = (30_000 - 2000) / 1200;

describe('detectBreakpointSmallSample', () => {
  it('at 200 rows or more it is exactly the full analysis', () => {
    const rows = planted(400, 5);
    expect(detectBreakpointSmallSample(rows)).toEqual(detectBreakpoint(rows));
  });

  it('with 100 rows it estimates the planted breakpoint, with an interval that covers it, and says how many more runs would narrow it', () => {
    for (const seed of [1, 2, 3]) {
      const r = detectBreakpointSmallSample(planted(100, seed));
      expect(detectBreakpoint(planted(100, seed)).status).toBe('too-few-rows');
      expect(r.status).toBe('found');
      expect(Math.abs(r.breakpoint! - L_STAR) / L_STAR).toBeLessThan(0.15);
      expect(r.interval![0]).toBeLessThanOrEqual(L_STAR);
      expect(r.interval![1]).toBeGreaterThanOrEqual(L_STAR);
      expect(r.smallSample!.moreRuns).toBeGreaterThanOrEqual(100);
      expect(r.smallSample!.note).toMatch(/^Small sample \(100 runs\): the interval .* about \d+ more runs would narrow it/);
    }
  });

  it('is wider than the full analysis’ interval on ten times the data (honest about the sample size)', () => {
    const few = detectBreakpointSmallSample(planted(100, 9));
    const many = detectBreakpointSmallSample(planted(1000, 9));
    const width = (r: typeof few) => r.interval![1] - r.interval![0];
    expect(width(few)).toBeGreaterThan(width(many));
  });

  it('too few timeouts: says how many more runs the observed rate needs for 10', () => {
    // 60 rows, 4 timed out → 10 timeouts need 60 × 10 / 4 = 150 rows, 90 more.
    const rows: BreakpointRow[] = Array.from({ length: 60 }, (_, i) => ({ steps: 1 + (i % 30), latencyMs: 1000, timedOut: i >= 56 }));
    const r = detectBreakpointSmallSample(rows);
    expect(r.status).toBe('too-few-timeouts');
    expect(r.smallSample).toMatchObject({ n: 60, moreRuns: 90 });
  });

  it('under 30 rows: no estimate, and how many more runs a rough one needs', () => {
    const r = detectBreakpointSmallSample(planted(12, 4));
    expect(r.breakpoint).toBeNull();
    expect(r.reason).toBe('Insufficient data: 12 rows (a rough estimate needs at least 30, the full analysis 200).');
    expect(r.smallSample?.moreRuns).toBe(18);
  });

  it('runsToNarrow: the half-width shrinks as 1/√n', () => {
    // ±4 around 20 at n = 100; ±2 (10 %) needs 100 × (4/2)² = 400 runs, 300 more.
    expect(runsToNarrow(100, 20, [16, 24])).toBe(300);
    // Already narrow: still up to the full analysis' 200.
    expect(runsToNarrow(100, 20, [19.5, 20.5])).toBe(100);
  });
});
