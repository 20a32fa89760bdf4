import { describe, expect, it } from 'vitest';
import { computeMetric, computeMonitoring, formatMetricValue, METRIC_IDS, metricTrend } from '../../../src/core/metrics';
import type { RunRecord } from '../../../src/core/stored-runs/types';
import { makeRun } from '../stored-runs/make-run';

const steps = (n: number) => Array.from({ length: n }, (_, i) => ({ text: `step ${i + 1}`, startedAt: i, completedAt: i + 1 }));
const finding = (kind: string, severity: 'error' | 'warning' | 'note') => ({ step: 0, kind, severity, message: kind });

/**
 * Hand-computed fixture.
 *  generated (done, not cached, finite latency): r1, r2, r3 → latencies 1000, 2000, 4000; tokens 100, 300, 200; steps 2, 4, 3
 *  finished (not running): r1 r2 r3 r4 r5 r7 (6)
 *  verified (score or findings): r1 r2 r3 r4 r7 (5)
 */
const runs: RunRecord[] = [
  makeRun({ id: 'r1', startedAt: 0, latencyMs: 1000, reasoningTokens: 100, steps: steps(2), consistencyScore: 1, findings: [] }),
  makeRun({ id: 'r2', startedAt: 10, latencyMs: 2000, reasoningTokens: 300, steps: steps(4), consistencyScore: 0.5, findings: [finding('repetition', 'warning')] }),
  makeRun({ id: 'r3', startedAt: 20, latencyMs: 4000, reasoningTokens: 200, steps: steps(3), consistencyScore: undefined, findings: [finding('self-correction', 'note')] }),
  makeRun({ id: 'r4', startedAt: 30, latencyMs: 50, reasoningTokens: 100, steps: steps(2), consistencyScore: 1, cache: { hit: true, similarity: 0.97, sourceRunId: 'r1' } }),
  makeRun({ id: 'r5', startedAt: 40, status: 'error', error: 'HTTP 500', latencyMs: 500, timedOut: true, consistencyScore: undefined, findings: [] }),
  makeRun({ id: 'r6', startedAt: 35, status: 'running', latencyMs: undefined, timedOut: true, consistencyScore: 0, findings: [finding('arithmetic', 'error')] }),
  makeRun({ id: 'r7', startedAt: 40, status: 'stopped', stopped: true, latencyMs: 9000, consistencyScore: 0.75, findings: [finding('timeout', 'warning')] }),
];

describe('computeMonitoring', () => {
  const m = computeMonitoring(runs);
  const v = (id: (typeof METRIC_IDS)[number]) => [m.byId[id].value, m.byId[id].n];

  it('has every metric once, each with a label, unit and one-sentence definition', () => {
    expect(m.metrics.map((x) => x.id)).toEqual(METRIC_IDS);
    expect(METRIC_IDS).toHaveLength(14);
    for (const x of m.metrics) {
      expect(x.label).not.toBe('');
      expect(x.definition).toMatch(/^[A-Z0-9].*\.$/);
      expect(x.definition.split(/\.\s/)).toHaveLength(1);
    }
  });

  it('latency percentiles are linear-interpolated over generated runs only', () => {
    expect(v('latency-p50')).toEqual([2000, 3]);
    expect(m.byId['latency-p95'].value).toBeCloseTo(3800, 9); // 2000 + 0.9 × 2000
    expect(m.byId['latency-p99'].value).toBeCloseTo(3960, 9); // 2000 + 0.98 × 2000
    expect(m.byId['latency-p95'].unit).toBe('ms');
  });

  it('length ↔ latency correlation with its points', () => {
    // Pearson: sxy = 100000, sxx = 20000, syy = 14e6/3 → r = sqrt(3/28)
    expect(m.byId['length-latency-pearson'].value).toBeCloseTo(Math.sqrt(3 / 28), 12);
    // Spearman: ranks (1,3,2) vs (1,2,3) → 0.5
    expect(m.byId['length-latency-spearman'].value).toBeCloseTo(0.5, 12);
    expect(m.byId['length-latency-spearman'].n).toBe(3);
    expect(m.correlation.points).toEqual([
      { x: 100, y: 1000, runId: 'r1' },
      { x: 300, y: 2000, runId: 'r2' },
      { x: 200, y: 4000, runId: 'r3' },
    ]);
    const bySteps = computeMonitoring(runs, { lengthBy: 'steps' });
    expect(bySteps.correlation.points.map((p) => p.x)).toEqual([2, 4, 3]);
    expect(bySteps.byId['length-latency-pearson'].value).toBeCloseTo(Math.sqrt(3 / 28), 12);
  });

  it('average reasoning length in steps and tokens', () => {
    expect(v('avg-reasoning-steps')).toEqual([3, 3]);
    expect(v('avg-reasoning-tokens')).toEqual([200, 3]);
  });

  it('step consistency is the mean score of finished runs that have one', () => {
    expect(v('step-consistency')).toEqual([(1 + 0.5 + 1 + 0.75) / 4, 4]);
  });

  it('rates', () => {
    expect(v('verification-failure-rate')).toEqual([2 / 5, 5]); // r2 warning, r7 timeout warning; r3's note is not a failure
    expect(v('self-correction-rate')).toEqual([1 / 5, 5]);
    expect(v('step-timeout-rate')).toEqual([2 / 6, 6]); // r5 timedOut, r7 timeout finding
    expect(v('cache-hit-rate')).toEqual([1 / 6, 6]);
    expect(v('error-rate')).toEqual([1 / 6, 6]);
    const e = m.byId['error-rate'];
    expect(e.count).toBe(1);
    expect(e.interval!.lower).toBeLessThan(1 / 6);
    expect(e.interval!.upper).toBeGreaterThan(1 / 6);
  });

  it('empty selection: null values, n = 0, no NaN', () => {
    const empty = computeMonitoring([]);
    for (const x of empty.metrics) {
      expect(x.value).toBeNull();
      expect(x.n).toBe(0);
    }
    expect(empty.correlation).toEqual({ lengthBy: 'tokens', points: [], pearson: null, spearman: null });
  });

  it('a constant series has no correlation (null), not NaN', () => {
    const flat = [makeRun({ id: 'a', latencyMs: 1000 }), makeRun({ id: 'b', latencyMs: 2000 })];
    expect(computeMetric(flat, 'length-latency-pearson')).toMatchObject({ value: null, n: 2 });
  });
});

describe('metricTrend', () => {
  it('buckets by startedAt over the data range', () => {
    // width 20: [0,20) r1 r2 · [20,40] r3 r4 r5 r6 r7
    expect(metricTrend(runs, 'error-rate', 2)).toEqual([
      { start: 0, end: 20, value: 0, n: 2 },
      { start: 20, end: 40, value: 1 / 4, n: 4 },
    ]);
    expect(metricTrend(runs, 'latency-p50', 2).map((b) => b.value)).toEqual([1500, 4000]);
  });

  it('uses an explicit range; empty buckets are null', () => {
    expect(metricTrend(runs, 'error-rate', { count: 4, from: 0, to: 80 })).toEqual([
      { start: 0, end: 20, value: 0, n: 2 },
      { start: 20, end: 40, value: 0, n: 2 }, // r3, r4 (r6 is running)
      { start: 40, end: 60, value: 1 / 2, n: 2 }, // r5, r7
      { start: 60, end: 80, value: null, n: 0 },
    ]);
  });

  it('no runs and no range: no buckets; all runs at one instant: last bucket', () => {
    expect(metricTrend([], 'error-rate', 5)).toEqual([]);
    const same = [makeRun({ id: 'a', startedAt: 5 }), makeRun({ id: 'b', startedAt: 5, status: 'error' })];
    expect(metricTrend(same, 'error-rate', 3)).toEqual([
      { start: 5, end: 5, value: null, n: 0 },
      { start: 5, end: 5, value: null, n: 0 },
      { start: 5, end: 5, value: 0.5, n: 2 },
    ]);
  });
});

describe('formatMetricValue', () => {
  it('formats by unit', () => {
    expect(formatMetricValue({ value: 850.4, unit: 'ms' })).toBe('850 ms');
    expect(formatMetricValue({ value: 1234, unit: 'ms' })).toBe('1.23 s');
    expect(formatMetricValue({ value: 0.125, unit: 'rate' })).toBe('12.5 %');
    expect(formatMetricValue({ value: 0.8125, unit: 'score' })).toBe('0.81');
    expect(formatMetricValue({ value: 3, unit: 'steps' })).toBe('3.0 steps');
    expect(formatMetricValue({ value: null, unit: 'r' })).toBe('—');
  });
});
