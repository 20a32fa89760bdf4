import { describe, expect, it } from 'vitest';
import { actionableFinding, correctionNote, decidePolicy, MAX_CORRECTIONS } from '../../../src/core/run/policy';
import type { Finding } from '../../../src/core/verify';

const slip: Finding = { step: 4, kind: 'arithmetic', severity: 'error', message: 'step 5: 2 + 2 = 5, exact 4', evidence: { expression: '2 + 2', stated: '5', exact: '4', relation: '=', source: 'text' } };
const note: Finding = { step: 1, kind: 'self-correction', severity: 'note', message: 'step 2: marker', evidence: { markers: ['wait'] } };
const timeout: Finding = { step: 3, kind: 'timeout', severity: 'warning', message: 'step 4: slow', evidence: { waitedMs: 9000, timeoutMs: 5000, pending: true } };
const fresh = { paused: false, correctionPending: false, corrections: 0 };

describe('verification policy', () => {
  it('acts on the first error or warning; never on notes or timeouts', () => {
    expect(actionableFinding([note, timeout])).toBeUndefined();
    expect(actionableFinding([note, timeout, slip])).toBe(slip);
  });

  it('continue never acts', () => {
    expect(decidePolicy('continue', slip, fresh)).toEqual({ action: 'continue' });
  });

  it('pause once, with the step (1-based) and the reason', () => {
    expect(decidePolicy('pause', slip, fresh)).toEqual({ action: 'pause', note: 'Paused by the verification policy at step 5: step 5: 2 + 2 = 5, exact 4. Resume to continue.' });
    expect(decidePolicy('pause', slip, { ...fresh, paused: true })).toEqual({ action: 'continue' });
  });

  it('stop with the reason', () => {
    expect(decidePolicy('stop', slip, fresh)).toEqual({ action: 'stop', note: 'Stopped by the verification policy at step 5: step 5: 2 + 2 = 5, exact 4.' });
  });

  it('self-correct twice, then a note; never while a correction is pending', () => {
    expect(MAX_CORRECTIONS).toBe(2);
    expect(decidePolicy('self-correct', slip, fresh)).toEqual({ action: 'self-correct', finding: slip });
    expect(decidePolicy('self-correct', slip, { ...fresh, corrections: 1 })).toEqual({ action: 'self-correct', finding: slip });
    expect(decidePolicy('self-correct', slip, { ...fresh, corrections: 2 })).toEqual({ action: 'continue', note: 'Verification warning at step 5; already asked the model to self-correct 2 times, continuing.' });
    expect(decidePolicy('self-correct', slip, { ...fresh, correctionPending: true })).toEqual({ action: 'continue' });
  });

  it('the correction note counts corrections out of the limit', () => {
    expect(correctionNote(slip, 2)).toBe('Asked the model to self-correct step 5 (step 5: 2 + 2 = 5, exact 4); continuing from there (correction 2 of 2).');
  });
});
