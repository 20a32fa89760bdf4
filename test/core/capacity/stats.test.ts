import { readdirSync, readFileSync } from 'node:fs';
import { sharedPath } from '../../support/shared-data';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cdf, histogram, pearson, percentile, percentiles, spearman, summarize, wilson } from '../../../src/core/capacity';

describe('percentile (type 7, numpy default)', () => {
  const x = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
  it('matches numpy.percentile', () => {
    // np.percentile(x, [0, 10, 25, 50, 90, 95, 99, 100])
    expect(percentiles(x, [0, 10, 25, 50, 90, 95, 99, 100])).toEqual([1, 1, 2.5, 4, 6, 7.5, 8.700000000000001, 9]);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30], 95)).toBe(24.499999999999993);
  });
  it('handles edge cases', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, NaN, 3], 50)).toBe(2);
    expect(percentile([1, Infinity, Infinity], 90)).toBe(Infinity);
  });
  it('summarize gives n, median, p90, p95, p99, max', () => {
    const s = summarize(Array.from({ length: 101 }, (_, i) => i));
    expect(s).toMatchObject({ n: 101, min: 0, max: 100, mean: 50, median: 50, p90: 90, p95: 95, p99: 99 });
    expect(summarize([]).n).toBe(0);
  });
});

// llmperf's own summary files were computed with pandas' linear quantiles over non-errored rows.
const llmperfDir = sharedPath('datasets/llmperf_leaderboard');

describe('percentiles reproduce llmperf summary files', () => {
  const files = readdirSync(resolve(llmperfDir, 'individual')).filter((f) => f.endsWith('.json'));
  const metrics = ['end_to_end_latency_s', 'ttft_s', 'inter_token_latency_s', 'request_output_throughput_token_per_s'];
  it.each(files)('%s', (file) => {
    const rows = JSON.parse(readFileSync(resolve(llmperfDir, 'individual', file), 'utf8')) as Record<string, unknown>[];
    const summary = JSON.parse(readFileSync(resolve(llmperfDir, 'summary', file), 'utf8')) as Record<string, number>;
    const ok = rows.filter((r) => r.error_code === null || r.error_code === undefined || r.error_code === '');
    let checked = 0;
    for (const m of metrics) {
      const values = ok.map((r) => r[m]).filter((v): v is number => typeof v === 'number');
      for (const p of [25, 50, 75, 90, 95, 99]) {
        const expected = summary[`results_${m}_quantiles_p${p}`];
        if (typeof expected !== 'number') continue;
        expect(Math.abs(percentile(values, p) - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(12);
  });
});

describe('wilson', () => {
  it('matches the closed form', () => {
    const w = wilson(5, 20);
    expect(w.estimate).toBe(0.25);
    expect(w.lower).toBeCloseTo(0.11186170140766569, 12);
    expect(w.upper).toBeCloseTo(0.468700877618744, 12);
  });
  it('stays inside [0, 1] at the extremes and is honest for n = 0', () => {
    expect(wilson(0, 50).lower).toBe(0);
    expect(wilson(0, 50).upper).toBeCloseTo(0.07134759913335872, 12);
    expect(wilson(50, 50).upper).toBe(1);
    expect(wilson(50, 50).lower).toBeCloseTo(0.9286524008666414, 12);
    expect(wilson(0, 0)).toMatchObject({ lower: 0, upper: 1 });
  });
});

describe('correlation', () => {
  const x = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
  const y = [2, 7, 1, 8, 2, 8, 1, 8, 2, 8, 4];
  it('matches scipy pearsonr / spearmanr (average ranks for ties)', () => {
    expect(pearson(x, y)).toBeCloseTo(0.09422924859889797, 12);
    expect(spearman(x, y)).toBeCloseTo(0.1384567651467695, 12);
  });
  it('is NaN for constant or too-short input', () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(spearman([1], [2])).toBeNaN();
    expect(spearman([1, 2, 3, 4], [1, 4, 9, 16])).toBe(1);
  });
});

describe('histogram and cdf', () => {
  it('bins integer step counts on integer edges and conserves counts', () => {
    const steps = [1, 2, 2, 3, 3, 3, 4, 5, 8, 13, 21, 40];
    const h = histogram(steps);
    expect(h.integer).toBe(true);
    expect(h.n).toBe(12);
    expect(h.bins.reduce((s, b) => s + b.count, 0)).toBe(12);
    for (const b of h.bins) expect(Number.isInteger(b.lo) && Number.isInteger(b.hi)).toBe(true);
    expect(h.bins[0].lo).toBe(1);
    expect(h.bins[h.bins.length - 1].cumulativeShare).toBe(1);
  });
  it('log bins are log-spaced and exclude non-positive values', () => {
    const v = [0, 0.5, 1, 10, 100, 1000, 10000];
    const h = histogram(v, { log: true, bins: 4 });
    expect(h.excluded).toBe(1);
    expect(h.n).toBe(6);
    const ratios = h.bins.map((b) => b.hi / b.lo);
    for (const r of ratios) expect(r).toBeCloseTo(ratios[0], 9);
    expect(h.bins.map((b) => b.count)).toEqual([2, 1, 1, 2]);
  });
  it('explicit linear bins', () => {
    const h = histogram([0.5, 1.5, 2.5, 3.5, 4], { bins: 2 });
    expect(h.bins.map((b) => [b.lo, b.hi, b.count])).toEqual([
      [0.5, 2.25, 2],
      [2.25, 4, 3],
    ]);
  });
  it('cdf is P(X ≤ x) at distinct values, thinned above maxPoints', () => {
    expect(cdf([3, 1, 2, 2])).toEqual([
      { x: 1, p: 0.25 },
      { x: 2, p: 0.75 },
      { x: 3, p: 1 },
    ]);
    const big = cdf(Array.from({ length: 10000 }, (_, i) => i), { maxPoints: 100 });
    expect(big.length).toBeLessThanOrEqual(101);
    expect(big[big.length - 1]).toEqual({ x: 9999, p: 1 });
  });
});
