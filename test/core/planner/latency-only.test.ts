/**
 * What needs only latencies never waits for a reasoning length, output tokens stand in for a
 * missing reasoning length, and the timeout comes from the data when timed-out rows cluster.
 * Expected values are worked out by hand in each test.
 */
import { describe, expect, it } from 'vitest';
import { createColumnarBuilder, parseLogText } from '../../../src/core/logs';
import { timeoutFromData } from '../../../src/core/capacity';
import { createPlannerAnalyzer, DEFAULT_PLANNER_SETTINGS, type PlannerSettings } from '../../../src/core/planner';

function analyse(text: string, settings: Partial<PlannerSettings> = {}) {
  const r = parseLogText(text);
  const b = createColumnarBuilder();
  for (const row of r.rows) b.push(row);
  const a = createPlannerAnalyzer(() => performance.now());
  a.set(1, { name: 'x', rows: b.build(), buckets: r.buckets, stepsSource: r.diagnostics.stepsSource });
  return a.analyze({ ...DEFAULT_PLANNER_SETTINGS, ...settings });
}

describe('analysis without a reasoning length', () => {
  // A user's own CSV: latency and status only. Latencies 1..10 s, one timeout at 10 s, one error.
  const csv = ['timestamp,latency_s,status', ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((v, i) => `${1795165200 + i},${v},ok`), '1795165209,10,timeout', '1795165210,0.5,error'].join('\n');

  it('still gives latency percentiles, the timeout rate, service time, arrivals and the fleet', () => {
    const a = analyse(csv, { targetP95Seconds: 8 });
    expect(a.analysed).toBe(0);
    expect(a.basis).toBe('steps');
    // Type 7 over 1..10 s: p50 = 5.5, p95 = 9.55, p99 = 9.91; mean 5.5.
    expect(a.latencySummary).toMatchObject({ n: 10, timeouts: 1, of: 11 });
    expect(a.latencySummary?.p50Ms).toBeCloseTo(5500, 6);
    expect(a.latencySummary?.p95Ms).toBeCloseTo(9550, 6);
    expect(a.latencySummary?.p99Ms).toBeCloseTo(9910, 6);
    expect(a.fleet.plan?.meanServiceSeconds).toBeCloseTo(5.5, 9);
    expect(a.fleet.peak?.count).toBe(11);
    // Measured plan: 1..8 s within 8 s (8 of 10); the timed-out one misses whatever its latency.
    expect(a.plan).toMatchObject({ source: 'measured', requests: 10 });
    expect(a.plan.share).toBeCloseTo(0.8, 12);
    expect(a.latency).toBeNull();
  });

  it('uses output tokens as the length when there is no reasoning length, and says so', () => {
    const text = [1, 2, 3, 4].map((v) => JSON.stringify({ latency_ms: v * 1000, completion_tokens: v * 100 })).join('\n');
    const a = analyse(text);
    expect(a.requestedBasis).toBe('steps');
    expect(a.basis).toBe('outputTokens');
    expect(a.distribution.stats).toMatchObject({ n: 4, median: 250, max: 400 });
    expect(a.notes.join(' ')).toMatch(/length measure is output tokens \(for reasoning models most output is reasoning\)/);
    expect(a.latency?.points.map((p) => [p.x, p.latencyMs])).toEqual([
      [100, 1000],
      [200, 2000],
      [300, 3000],
      [400, 4000],
    ]);
  });

  it('keeps the chosen measure when the logs have it', () => {
    const text = [1, 2, 3].map((v) => JSON.stringify({ steps: v, latency_ms: v * 1000, completion_tokens: v * 100 })).join('\n');
    expect(analyse(text).basis).toBe('steps');
  });
});

describe('the timeout is read from the data', () => {
  it('finds the latency timed-out rows cluster at, and nothing when they are spread', () => {
    expect(timeoutFromData([90_010, 90_050, 90_020, 89_990, 90_100])).toEqual({ timeoutMs: 90_020, clustered: 5, of: 5 });
    // Two of five near 30 s, the rest spread: no single timeout.
    expect(timeoutFromData([30_000, 30_100, 45_000, 61_000, 80_000])).toBeNull();
    expect(timeoutFromData([90_000, 90_010])).toBeNull();
  });

  // 400 requests, 1 s per step + 1 s; the client gave up at 90 s (timed-out rows logged at ~90 s).
  const lines: string[] = [];
  for (let i = 0; i < 400; i++) {
    const steps = 10 + (i % 120);
    const natural = 1000 + steps * 1000;
    const timedOut = natural > 90_000;
    lines.push(JSON.stringify({ steps, latency_ms: timedOut ? 90_000 + (i % 7) * 10 : natural, ttft_ms: 1000, status: timedOut ? 'timeout' : 'ok' }));
  }
  const log = lines.join('\n');

  it('uses it on the charts, in the mechanistic estimate and for the fleet instead of the 60 s setting', () => {
    const a = analyse(log);
    expect(a.timeout.source).toBe('data');
    expect(a.timeout.seconds).toBeCloseTo(90.03, 6);
    // (90 s − 1 s TTFT) / 1 s per step = 89 steps.
    expect(a.breakpoint?.mechanistic?.timeoutMs).toBeCloseTo(90_030, 6);
    expect(a.breakpoint?.mechanistic?.value).toBeCloseTo(89.03, 1);
  });

  it('keeps the setting when asked to', () => {
    const a = analyse(log, { timeoutFromData: false });
    expect(a.timeout).toMatchObject({ seconds: 60, source: 'settings' });
    expect(a.breakpoint?.mechanistic?.timeoutMs).toBe(60_000);
  });
});
