import { describe, expect, it } from 'vitest';
import { latestSweepId, paretoFrontier, recommend, sweepPoints } from '../../../src/core/metrics';
import type { RunRecord } from '../../../src/core/stored-runs';
import { makeRun } from '../stored-runs/make-run';

/** n runs of one setting: `correct` of them right, latencies as given (ms), timed out at 30 s when ≥ 30,000. */
function setting(index: number, label: string, latencies: number[], correct: number): RunRecord[] {
  return latencies.map((ms, i) => {
    const timedOut = ms >= 30_000;
    return makeRun({
      id: `${label}-${i}`,
      startedAt: 1_000 + index * 100 + i,
      latencyMs: timedOut ? 30_000 : ms,
      timedOut,
      status: timedOut ? 'error' : 'done',
      answer: timedOut ? '' : i < correct ? '#### 7' : '#### 8',
      reference: '7',
      sweep: { id: 'sweep-a', label, index },
    });
  });
}
const ramp = (from: number, to: number, n = 20) => Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));

describe('sweep analysis', () => {
  // low: fast, 12/20 right; medium: 16/20 at p95 ≈ 19.5 s; high: 18 of the 20 right would be
  // best but 3 runs time out, so at most 17 answer and its p95 is censored at 30 s.
  const low = setting(0, 'effort low', ramp(4000, 9500), 12);
  const medium = setting(1, 'effort medium', ramp(8000, 20000), 16);
  const high = setting(2, 'effort high', [...ramp(12_000, 28_000, 17), 30_000, 30_000, 30_000], 17);
  const runs = [...low, ...medium, ...high];

  it('per setting: accuracy, type-7 p95, timeout rate, censoring', () => {
    const points = sweepPoints(runs, 'sweep-a');
    expect(points.map((p) => p.label)).toEqual(['effort low', 'effort medium', 'effort high']);
    expect(points[0].accuracy).toMatchObject({ correct: 12, scored: 20, rate: 0.6 });
    expect(points[2].accuracy).toMatchObject({ correct: 17, scored: 20 });
    // Type 7 on 20 evenly spaced values: rank 0.95 × 19 = 18.05 → 8000 + 12000 × 18.05 / 19.
    expect(points[1].p95Ms).toBeCloseTo(8000 + (12000 * 18.05) / 19, 6);
    expect(points[1].p95Censored).toBe(false);
    expect(points[2]).toMatchObject({ timeoutRate: 0.15, p95Censored: true });
  });

  it('Pareto frontier: every setting here trades accuracy for latency', () => {
    const f = paretoFrontier(sweepPoints(runs, 'sweep-a'));
    expect(f.map((p) => p.label)).toEqual(['effort low', 'effort medium', 'effort high']);
    // A slower and less accurate setting is dominated.
    const worse = setting(3, 'effort max', ramp(25_000, 29_000), 10);
    expect(paretoFrontier(sweepPoints([...runs, ...worse], 'sweep-a')).map((p) => p.label)).not.toContain('effort max');
  });

  it('Recommended: the most accurate setting whose p95 meets the target; else the nearest miss', () => {
    const points = sweepPoints(runs, 'sweep-a');
    const at30 = recommend(points, 30_000);
    expect(at30.point?.label).toBe('effort medium');
    expect(at30.sentence).toMatch(/^Recommended: effort medium — accuracy 80\.0 % \(\d+\.\d %–\d+\.\d %, 20 scored\) at p95 19\.4 s, within the 30\.0 s target/);
    expect(recommend(points, 10_000).point?.label).toBe('effort low');
    const none = recommend(points, 5_000);
    expect(none.point).toBeNull();
    expect(none.sentence).toBe(`Recommended: none — no setting meets the 5.0 s p95 target; the fastest, effort low, its p95 of ${((4000 + (5500 * 18.05) / 19) / 1000).toFixed(1)} s misses by ${((4000 + (5500 * 18.05) / 19 - 5000) / 1000).toFixed(1)} s.`);
  });

  it('picks the newest sweep', () => {
    const older = setting(0, 'x', [1000, 2000], 1).map((r) => ({ ...r, startedAt: 1, sweep: { id: 'sweep-old', label: 'x', index: 0 } }));
    expect(latestSweepId([...older, ...runs])).toBe('sweep-a');
  });
});
