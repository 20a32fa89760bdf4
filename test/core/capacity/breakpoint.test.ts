import { readFileSync } from 'node:fs';
import { sharedPath } from '../../support/shared-data';
import { describe, expect, it } from 'vitest';
import { createRng, detectBreakpoint, type BreakpointRow } from '../../../src/core/capacity';
import { logistic, logit, syntheticLog } from './synthetic';

const within10 = (value: number | null, truth: number) => {
  expect(value).not.toBeNull();
  expect(Math.abs((value as number) / truth - 1)).toBeLessThanOrEqual(0.1);
};

describe('detectBreakpoint: planted breakpoint', () => {
  // Steps ~ lognormal(median 25, σ 0.6); latency = steps × 1.2 s + 2 s + N(0, 1.5 s);
  // timeouts: 2 % background, then logit rising 0.25 per step beyond 40 steps.
  const planted = (seed: number) =>
    syntheticLog({ n: 3000, seed, timeout: (s, _l, u) => u < logistic(logit(0.02) + 0.25 * Math.max(0, s - 40)) });

  it('recovers a hinge at 40 steps within ±10 % with a bootstrap interval covering it', () => {
    const r = detectBreakpoint(planted(1), { bootstrap: 100 });
    expect(r.status).toBe('found');
    expect(r.method).toBe('hinge-logistic');
    within10(r.breakpoint, 40);
    expect(r.interval).not.toBeNull();
    const [lo, hi] = r.interval as [number, number];
    expect(lo).toBeLessThanOrEqual(40);
    expect(hi).toBeGreaterThanOrEqual(40);
    expect(r.test?.pValue).toBeLessThan(1e-10);
    expect(r.bootstrap).toMatchObject({ resamples: 100, seed: 1 });
  });

  it.each([2, 3, 4, 5])('recovers it for other seeds too (seed %i)', (seed) => {
    within10(detectBreakpoint(planted(seed), { bootstrap: 0 }).breakpoint, 40);
  });

  it('is deterministic: same input twice gives identical output', () => {
    const rows = planted(6);
    expect(detectBreakpoint(rows, { bootstrap: 50 })).toEqual(detectBreakpoint(rows, { bootstrap: 50 }));
  });

  it('latency > timeout with background timeouts: hinge, segmented fit and mechanistic estimate agree with L* = (50 − 2)/1.2 = 40', () => {
    const rows = syntheticLog({ n: 3000, seed: 8, noiseSeconds: 1, censorAtSeconds: 50, timeout: (_s, l, u) => l > 50 || u < 0.01 });
    const r = detectBreakpoint(rows, { bootstrap: 0, timeoutMs: 50_000 });
    expect(r.status).toBe('found');
    within10(r.breakpoint, 40);
    within10(r.segmented?.breakpoint ?? null, 40);
    expect(r.segmented?.slopeBeforeMs).toBeCloseTo(1200, -2);
    expect(Math.abs(r.segmented?.slopeAfterMs ?? Infinity)).toBeLessThan(100); // censored at the timeout: flat
    within10(r.mechanistic?.value ?? null, 40);
    expect(r.mechanistic?.source).toEqual({ ttft: 'fitted', stepTime: 'fitted' });
    const given = detectBreakpoint(rows, { bootstrap: 0, timeoutMs: 50_000, ttftMs: 2000, stepTimeMs: 1200 });
    expect(given.mechanistic?.value).toBe(40);
  });

  it('a sharp threshold with no background timeouts is reported at its midpoint', () => {
    const rows = syntheticLog({ n: 3000, seed: 9, censorAtSeconds: 50, timeout: (_s, l) => l > 50 });
    const r = detectBreakpoint(rows, { bootstrap: 50 });
    expect(r.status).toBe('found');
    expect(r.method).toBe('logistic-midpoint');
    within10(r.breakpoint, 40);
  });
});

const lrmCsv = sharedPath('datasets/lrm_token_economy/lrm_reasoning_tokens.csv');

describe('detectBreakpoint: real reasoning-token lengths (LRMTokenEconomy) with a latency model', () => {
  it('recovers L* = (T − TTFT)/TPOT within ±10 %', () => {
    const lines = readFileSync(lrmCsv, 'utf8').trim().split('\n');
    const col = lines[0].split(',').indexOf('reasoning_tokens');
    const tokens = lines
      .slice(1)
      .map((l) => Number(l.split(',')[col]))
      .filter((v) => Number.isFinite(v) && v > 0);
    // TTFT 0.5 s, 20 ms per reasoning token (50 tok/s), N(0, 2 s) noise, 120 s client timeout,
    // 1 % background timeouts. L* = (120 − 0.5) / 0.02 = 5975 tokens.
    const rng = createRng(42);
    const rows: BreakpointRow[] = Array.from({ length: 4000 }, () => {
      const steps = tokens[rng.int(tokens.length)];
      const latency = 0.5 + 0.02 * steps + 2 * rng.normal();
      const timedOut = latency > 120 || rng.next() < 0.01;
      return { steps, latencyMs: Math.min(latency, 120) * 1000, timedOut };
    });
    const r = detectBreakpoint(rows, { bootstrap: 0, timeoutMs: 120_000 });
    expect(r.status).toBe('found');
    within10(r.breakpoint, 5975);
    within10(r.segmented?.breakpoint ?? null, 5975);
    within10(r.mechanistic?.value ?? null, 5975);
  });
});

describe('detectBreakpoint: no breakpoint', () => {
  it('flat timeout rate → null, not significant', () => {
    for (const seed of [1, 2, 3]) {
      const rows = syntheticLog({ n: 2000, seed, timeout: (_s, _l, u) => u < 0.05 });
      const r = detectBreakpoint(rows, { bootstrap: 0 });
      expect(r.breakpoint).toBeNull();
      expect(r.status).toBe('not-significant');
      expect(r.reason).toMatch(/No breakpoint/);
    }
  });
  it('timeouts rising gradually from the shortest requests → null, a trend not a threshold', () => {
    const rows = syntheticLog({ n: 2000, seed: 1, timeout: (s, _l, u) => u < logistic(-5 + 0.06 * s) });
    const r = detectBreakpoint(rows, { bootstrap: 0 });
    expect(r.breakpoint).toBeNull();
    expect(r.status).toBe('no-threshold');
    expect(r.test?.pValue).toBeLessThan(0.05); // length matters, but there is no threshold
  });
  it('too few rows → null with reason', () => {
    const rows = syntheticLog({ n: 150, seed: 1, timeout: (s) => s > 40 });
    const r = detectBreakpoint(rows);
    expect(r).toMatchObject({ breakpoint: null, status: 'too-few-rows' });
    expect(r.reason).toMatch(/150 rows.*200/);
  });
  it('too few timeouts → null with reason', () => {
    const rows = syntheticLog({ n: 1000, seed: 1, timeout: () => false });
    for (let i = 0; i < 5; i++) rows[i] = { ...rows[i], timedOut: true };
    const r = detectBreakpoint(rows);
    expect(r).toMatchObject({ breakpoint: null, status: 'too-few-timeouts' });
    expect(r.reason).toMatch(/5 timeouts/);
  });
});
