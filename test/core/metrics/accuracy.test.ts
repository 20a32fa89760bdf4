import { describe, expect, it } from 'vitest';
import { accuracyReport, computeMetric } from '../../../src/core/metrics';
import { makeRun } from '../stored-runs/make-run';

/** Wilson score interval, written out (z = 1.959964). */
function wilson(k: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const p = k / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return [centre - half, centre + half];
}

const flag = [{ step: 0, kind: 'arithmetic', severity: 'error' as const, message: 'step 1: 2 + 2 = 5, exact 4' }];

describe('accuracy', () => {
  const runs = [
    // short: 3 correct of 4 (one flagged and wrong)
    ...[1, 2, 3].map((i) => makeRun({ id: `s${i}`, tier: 'short', answer: '#### 4', reference: '4' })),
    makeRun({ id: 's4', tier: 'short', answer: '#### 5', reference: '4', findings: flag }),
    // medium: 1 correct, 1 timed out (wrong)
    makeRun({ id: 'm1', tier: 'medium', answer: 'The answer is $\\boxed{12}$.', reference: '12' }),
    makeRun({ id: 'm2', tier: 'medium', status: 'error', timedOut: true, answer: '', reference: '12' }),
    // complex: one flagged but right; one not scored (no reference); one failed request (not scored)
    makeRun({ id: 'c1', tier: 'complex', answer: '\\boxed{\\frac{1}{2}}', reference: '0.5', findings: flag }),
    makeRun({ id: 'c2', tier: 'complex', answer: '\\boxed{7}' }),
    makeRun({ id: 'c3', tier: 'complex', status: 'error', error: 'HTTP 500', answer: '', reference: '7' }),
  ];

  it('overall, per tier and with vs without a verifier flag, with Wilson intervals', () => {
    const r = accuracyReport(runs);
    expect(r.overall).toMatchObject({ correct: 5, scored: 7 });
    const [lo, hi] = wilson(5, 7);
    expect(r.overall.interval!.lower).toBeCloseTo(lo, 9);
    expect(r.overall.interval!.upper).toBeCloseTo(hi, 9);
    expect(r.byTier.short).toMatchObject({ correct: 3, scored: 4, rate: 0.75 });
    expect(r.byTier.medium).toMatchObject({ correct: 1, scored: 2, rate: 0.5 });
    expect(r.byTier.complex).toMatchObject({ correct: 1, scored: 1, rate: 1 });
    expect(r.flagged).toMatchObject({ correct: 1, scored: 2 });
    expect(r.unflagged).toMatchObject({ correct: 4, scored: 5 });
    expect(r.unscored).toBe(2);
  });

  it('is a dashboard metric over scored runs', () => {
    const m = computeMetric(runs, 'accuracy');
    expect(m).toMatchObject({ value: 5 / 7, n: 7, count: 5, unit: 'rate' });
    expect(computeMetric([makeRun()], 'accuracy').value).toBeNull();
  });
});
