import { describe, expect, it } from 'vitest';
import { RUN_LIMITS, validateRunRecord } from '../../../src/core/stored-runs';
import { makeRun } from './make-run';

const check = (over: Record<string, unknown>) => validateRunRecord({ ...makeRun(), ...over });
const message = (over: Record<string, unknown>) => {
  const v = check(over);
  return v.ok ? 'ok' : v.message;
};

describe('per-field caps on imported run records', () => {
  it('accepts a record right at the caps', () => {
    expect(check({ id: 'i'.repeat(RUN_LIMITS.shortText) }).ok).toBe(true);
    expect(check({ answer: 'a'.repeat(RUN_LIMITS.runText - 100) }).ok).toBe(true);
  });

  it.each([
    [{ id: 'i'.repeat(1001) }, 'id is 1,001 characters long, more than the 1,000 a run may have'],
    [{ model: 'm'.repeat(1001) }, 'model is 1,001 characters long, more than the 1,000 a run may have'],
    [{ prompt: 'p'.repeat((2 << 20) + 1) }, 'prompt is 2,097,153 characters long, more than the 2,097,152 a run may have'],
    [{ answer: 'a'.repeat((8 << 20) + 1) }, 'answer is 8,388,609 characters long, more than the 8,388,608 a run may have'],
    [{ steps: [{ text: 'x'.repeat(5 << 20), startedAt: 0, completedAt: 1 }], answer: 'y'.repeat(4 << 20) }, 'the steps and answer hold 9,437,184 characters, more than the 8,388,608 a run may have'],
    [{ steps: Array.from({ length: 100_001 }, () => ({ text: 's', startedAt: 0, completedAt: 0 })) }, 'steps has 100,001 entries, more than the 100,000 a run may have'],
    [{ findings: Array.from({ length: 100_001 }, () => ({ step: 0, kind: 'k', severity: 'note', message: '' })) }, 'findings has 100,001 entries, more than the 100,000 a run may have'],
  ])('refuses %#', (over, expected) => {
    expect(message(over)).toBe(expected);
  });

  it('refuses nesting deeper than 32 levels anywhere, also in unknown extra fields, without overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(message({ extra: deep })).toBe('the record is nested more than 32 levels deep');
    let ok: unknown = 1;
    for (let i = 0; i < 20; i++) ok = { ok };
    expect(check({ extra: ok }).ok).toBe(true);
  });
});
