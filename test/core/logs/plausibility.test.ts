import { describe, expect, it } from 'vitest';
import { createColumnarBuilder } from '../../../src/core/logs';
import { dropImplausibleBuckets, dropImplausibleRows, plausibilityMessages, MAX_PLAUSIBLE_DURATION_MS } from '../../../src/core/logs/plausibility';
import type { BucketRow, NormalizedRow } from '../../../src/core/logs';

// 9223372036854775807 as a double.
const INT64_MAX = 2 ** 63;

function rows(list: Partial<NormalizedRow>[]) {
  const b = createColumnarBuilder(16);
  for (const r of list) b.push({ outcome: 'ok', timedOut: false, ...r });
  return b.build();
}

describe('plausibility', () => {
  it('reads a 1e20 latency, an int64-max placeholder and a negative duration as missing, keeping the rows', () => {
    const r = rows([
      { steps: 3, latencyMs: 1200 },
      { steps: 4, latencyMs: 1e20 },
      { steps: 5, latencyMs: INT64_MAX, ttftMs: 300 },
      { steps: 6, latencyMs: -5, outcome: 'error' },
      { steps: 7, latencyMs: MAX_PLAUSIBLE_DURATION_MS },
    ]);
    const report = dropImplausibleRows(r);
    expect(report.rows).toBe(3);
    expect(Array.from(r.latencyMs)).toEqual([1200, NaN, NaN, NaN, MAX_PLAUSIBLE_DURATION_MS]);
    expect(Array.from(r.steps)).toEqual([3, 4, 5, 6, 7]);
    expect(r.ttftMs[2]).toBe(300);
    expect(r.outcome[3]).toBe(1);
    expect(report.fields).toEqual([
      { field: 'latencyMs', count: 2, too: 'large', extreme: 1e20 },
      { field: 'latencyMs', count: 1, too: 'negative', extreme: -5 },
    ]);
    const [message] = plausibilityMessages(report);
    expect(message).toContain('Implausible values in 3 rows read as missing');
    expect(message).toContain('2 latency values over 7 days (largest 1.00e+17 s');
    expect(message).toContain("int64 max");
    expect(message).toContain('1 latency value negative (lowest -5)');
    expect(message).toContain('the rows themselves are kept');
  });

  it('checks token counts and timestamps too, and only the rows of the range given', () => {
    const r = rows([{ reasoningTokens: 2e9 }, { outputTokens: 1e9, timestampMs: 9.2e18 }, { reasoningTokens: 5e9 }]);
    const report = dropImplausibleRows(r, 0, 2);
    expect(report.rows).toBe(2);
    expect(Number.isNaN(r.reasoningTokens[0])).toBe(true);
    expect(Number.isNaN(r.timestampMs[1])).toBe(true);
    expect(r.reasoningTokens[2]).toBe(5e9);
    expect(report.fields.map((f) => f.field).sort()).toEqual(['outputTokens', 'reasoningTokens', 'timestampMs']);
  });

  it('says nothing when every value is plausible (missing values are fine)', () => {
    const r = rows([{ steps: 1, latencyMs: 5 }, {}]);
    expect(plausibilityMessages(dropImplausibleRows(r))).toEqual([]);
  });

  it('drops implausible bucket latency percentiles', () => {
    const buckets: BucketRow[] = [
      { lo: 0, basis: 'steps', count: 10, latencyP50Ms: 1000, latencyP95Ms: 1e20 },
      { lo: 5, basis: 'steps', count: 10, latencyP50Ms: 2000 },
    ];
    const report = dropImplausibleBuckets(buckets);
    expect(report.rows).toBe(1);
    expect(buckets[0]).toEqual({ lo: 0, basis: 'steps', count: 10, latencyP50Ms: 1000 });
    expect(plausibilityMessages(report, 'bucket row')[0]).toContain('1 bucket row read as missing: 1 bucket latency percentile value over 7 days');
  });
});
