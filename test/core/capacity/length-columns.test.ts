import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitLatencyModel, latencyByLength, lengthColumnsOf, lengthRowAt, tierStats, type LengthRow } from '../../../src/core/capacity';
import { sharedPath } from '../../support/shared-data';

// Real per-request records (llmperf runs against hosted endpoints): output tokens as the length,
// end-to-end latency, and the errored requests standing in for timeouts.
const dir = sharedPath('datasets/llmperf_leaderboard');
function realRows(): LengthRow[] {
  const rows: LengthRow[] = [];
  for (const file of readdirSync(resolve(dir, 'individual')).filter((f) => f.endsWith('.json'))) {
    for (const r of JSON.parse(readFileSync(resolve(dir, 'individual', file), 'utf8')) as Record<string, unknown>[]) {
      const failed = r.error_code !== null && r.error_code !== undefined && r.error_code !== '';
      const latency = typeof r.end_to_end_latency_s === 'number' ? r.end_to_end_latency_s * 1000 : undefined;
      rows.push({ steps: typeof r.number_output_tokens === 'number' ? r.number_output_tokens : NaN, latencyMs: failed ? undefined : latency, timedOut: failed });
    }
  }
  return rows;
}

/** Type 7 by its definition, on a comparator-sorted copy (no shared code with the module). */
function type7(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const h = (s.length - 1) * (p / 100);
  const lo = Math.floor(h);
  return lo + 1 < s.length ? s[lo] + (h - lo) * (s[lo + 1] - s[lo]) : s[lo];
}

describe('length columns', () => {
  const rows = realRows();
  const cols = lengthColumnsOf(rows);

  it('hold the rows as they are, and give them back one at a time', () => {
    expect(rows.length).toBeGreaterThan(1000);
    expect(cols.steps.length).toBe(rows.length);
    for (const i of [0, 17, rows.length - 1]) {
      const back = lengthRowAt(cols, i);
      expect(back.steps).toEqual(rows[i].steps);
      expect(back.latencyMs).toBe(rows[i].latencyMs);
      expect(back.timedOut).toBe(rows[i].timedOut);
    }
  });

  it('give the same latency bins, tiers and step model as the row objects', () => {
    const opts = { maxPoints: 500, seed: 3, rankSample: 800 };
    expect(latencyByLength(cols, opts)).toEqual(latencyByLength(rows, opts));
    expect(tierStats(cols, { bounds: { shortBelow: 100, complexAbove: 300 } })).toEqual(tierStats(rows, { bounds: { shortBelow: 100, complexAbove: 300 } }));
    expect(fitLatencyModel(cols)).toEqual(fitLatencyModel(rows));
  });

  it('bin latencies exactly: each bin’s count, timeouts, median and p95 match a direct computation over its rows', () => {
    const result = latencyByLength(cols, { bins: 12 });
    expect(result.bins.length).toBeGreaterThan(3);
    result.bins.forEach((b, k) => {
      const last = k === result.bins.length - 1;
      const inBin = rows.filter((r) => Number.isFinite(r.steps) && r.steps >= b.lo && (r.steps < b.hi || (last && r.steps <= b.hi)));
      const latencies = inBin.filter((r) => r.latencyMs !== undefined).map((r) => r.latencyMs as number);
      expect(b.n).toBe(inBin.length);
      expect(b.timeouts).toBe(inBin.filter((r) => r.timedOut).length);
      expect(b.latencyCount).toBe(latencies.length);
      expect(b.medianLatencyMs).toBeCloseTo(type7(latencies, 50), 9);
      expect(b.p95LatencyMs).toBeCloseTo(type7(latencies, 95), 9);
      expect(b.medianLength).toBeCloseTo(type7(inBin.map((r) => r.steps), 50), 9);
    });
  });
});
