import { describe, expect, it } from 'vitest';
import { MAX_CHECKED_STEP_CHARS } from '../../../src/core/verify/verifier';
import { verifyChain } from '../../../src/core/verify';

// Each must finish (no stack overflow, no BigInt blow-up); oversized steps are skipped with a note.
describe('pathological steps', () => {
  it('100 KB of digits is skipped with a note', () => {
    const fs = verifyChain(['Start.', `${'1'.repeat(100_000)} = 2`]);
    expect(fs).toEqual([expect.objectContaining({ step: 1, kind: 'skipped', severity: 'note' })]);
    expect(fs[0].message).toMatch(/too long to check arithmetic/);
  });

  it('10,000 equals signs do not throw', () => {
    expect(() => verifyChain(['='.repeat(10_000), Array.from({ length: 10_000 }, (_, i) => `${i}`).join(' = ')])).not.toThrow();
  });

  it('deeply nested parentheses are refused, not recursed into', () => {
    expect(verifyChain([`${'('.repeat(9000)}1${')'.repeat(9000)} = 2`])).toEqual([]);
  });

  it('towers of powers are refused before computing', () => {
    expect(verifyChain(['So 9^9^9^9 = 5.'])).toEqual([]);
  });

  it('a step just under the limit is still checked', () => {
    const filler = 'x'.repeat(MAX_CHECKED_STEP_CHARS - 100);
    const fs = verifyChain([`${filler} so 17 × 24 = 418.`]);
    expect(fs.some((f) => f.kind === 'arithmetic')).toBe(true);
  });
});
