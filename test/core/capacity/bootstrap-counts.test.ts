/**
 * The breakpoint's bootstrap on per-length counts (multinomial over the (length, outcome) cells)
 * against the per-row bootstrap it replaces, on real reasoning lengths (../shared/datasets,
 * LRMTokenEconomy) and on a generated log. The two draw from the same distribution with different
 * random streams, so they agree up to Monte Carlo noise: the stated tolerance is that each end of
 * the 95 % interval lies within 25 % of the per-row interval's width of
 * the per-row end, with the same point estimate and the same number of usable resamples ± 2 %.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectBreakpoint, type BreakpointRow } from '../../../src/core/capacity';
import { createRng } from '../../../src/core/random';
import { sharedPath } from '../../support/shared-data';

const RESAMPLES = 200;
const TOLERANCE = 0.25;

/** A latency model on given lengths: TTFT 0.4–1.2 s + 20 ms per token ± 5 %, timeout at `timeoutMs` (latency recorded at the timeout). */
function withLatency(lengths: readonly number[], perTokenMs: number, timeoutMs: number, seed: number): BreakpointRow[] {
  const rng = createRng(seed);
  return lengths.map((steps) => {
    const latency = 400 + 800 * rng.next() + steps * perTokenMs * (0.95 + 0.1 * rng.next());
    return latency >= timeoutMs ? { steps, latencyMs: timeoutMs, timedOut: true } : { steps, latencyMs: latency, timedOut: false };
  });
}

function compare(rows: BreakpointRow[], options: { timeoutMs: number }) {
  const t0 = performance.now();
  const byRows = detectBreakpoint(rows, { ...options, bootstrap: RESAMPLES, seed: 1, resample: 'rows' });
  const t1 = performance.now();
  const byCounts = detectBreakpoint(rows, { ...options, bootstrap: RESAMPLES, seed: 1 });
  const t2 = performance.now();
  expect(byRows.status).toBe('found');
  expect(byCounts.breakpoint).toBe(byRows.breakpoint);
  const [rLo, rHi] = byRows.interval as [number, number];
  const [cLo, cHi] = byCounts.interval as [number, number];
  const allowed = TOLERANCE * (rHi - rLo);
  const agreement = { rows: [rLo, rHi], counts: [cLo, cHi], worstEndGap: Math.max(Math.abs(cLo - rLo), Math.abs(cHi - rHi)), allowed, rowsMs: t1 - t0, countsMs: t2 - t1 };
  console.log(JSON.stringify(agreement));
  expect(Math.abs(cLo - rLo)).toBeLessThanOrEqual(allowed);
  expect(Math.abs(cHi - rHi)).toBeLessThanOrEqual(allowed);
  expect(Math.abs(byCounts.bootstrap.used - byRows.bootstrap.used)).toBeLessThanOrEqual(0.02 * RESAMPLES);
  return agreement;
}

describe('bootstrap on per-length counts vs per-row resampling', () => {
  it('agrees on real reasoning lengths (LRMTokenEconomy, 2,355 completions) with a latency model', () => {
    const csv = readFileSync(sharedPath('datasets/lrm_token_economy/lrm_reasoning_tokens.csv'), 'utf8').trim().split('\n');
    const header = csv[0].split(',');
    const col = header.indexOf('reasoning_tokens');
    expect(col).toBeGreaterThanOrEqual(0);
    const lengths = csv.slice(1).map((line) => Number(line.split(',')[col])).filter((v) => Number.isFinite(v) && v > 0);
    expect(lengths.length).toBeGreaterThan(2000);
    // Timeout at 60 s: with 20 ms per token, requests beyond ~3,000 reasoning tokens time out.
    const rows = withLatency(lengths, 20, 60_000, 11);
    expect(rows.filter((r) => r.timedOut).length).toBeGreaterThan(50);
    compare(rows, { timeoutMs: 60_000 });
  });

  it('agrees on a generated 20,000-row log (steps, 1.2 s per step, 60 s timeout)', () => {
    const rng = createRng(20261127);
    const lengths = Array.from({ length: 20_000 }, () => Math.max(1, Math.round(Math.exp(2.5 + 1.1 * (rng.next() + rng.next() + rng.next() - 1.5)))));
    const rows = withLatency(lengths, 1200, 60_000, 5);
    compare(rows, { timeoutMs: 60_000 });
  });

  it('can fail: resamples of the wrong size (a quarter of the rows) fall outside the tolerance', () => {
    const rng = createRng(3);
    const lengths = Array.from({ length: 8000 }, () => 1 + rng.int(100));
    const rows = withLatency(lengths, 1200, 60_000, 9);
    const byRows = detectBreakpoint(rows, { timeoutMs: 60_000, bootstrap: RESAMPLES, seed: 1, resample: 'rows' });
    const quarter = detectBreakpoint(rows.filter((_r, i) => i % 4 === 0), { timeoutMs: 60_000, bootstrap: RESAMPLES, seed: 1 });
    const [rLo, rHi] = byRows.interval as [number, number];
    const [qLo, qHi] = quarter.interval as [number, number];
    expect(Math.max(Math.abs(qLo - rLo), Math.abs(qHi - rHi))).toBeGreaterThan(TOLERANCE * (rHi - rLo));
  });
});
