import { describe, expect, it } from 'vitest';
import { fmtBytes, fmtInt, fmtNum, fmtPct, fmtSeconds, fmtSig, formatCount, formatDuration, plural } from '../../src/core/number-format';

describe('number formatting', () => {
  it('groups integers and drops trailing zeros', () => {
    expect(fmtInt(1234567.4)).toBe('1,234,567');
    expect(fmtNum(2.5)).toBe('2.5');
    expect(fmtNum(2)).toBe('2');
    expect(fmtNum(1234.5678, 2)).toBe('1,234.57');
    expect(fmtNum(Infinity)).toBe('∞');
  });

  it('says "—" for missing and non-finite values instead of NaN', () => {
    for (const f of [fmtNum, fmtPct, fmtSeconds, fmtSig]) {
      expect(f(null)).toBe('—');
      expect(f(undefined)).toBe('—');
      expect(f(Number.NaN)).toBe('—');
    }
    expect(fmtInt(Number.NaN)).toBe('—');
    expect(formatCount(undefined)).toBe('—');
    expect(formatDuration(undefined)).toBe('—');
  });

  it('writes shares, seconds, bytes and counts with their units', () => {
    expect(fmtPct(0.0744)).toBe('7.4 %');
    expect(fmtSeconds(29_300)).toBe('29.3 s');
    expect(fmtBytes(512)).toBe('512 B');
    expect(fmtBytes(88 * 1024 * 1024)).toBe('88 MB');
    expect(fmtBytes(1.5 * 1024 ** 3)).toBe('1.5 GB');
    expect(plural(1, 'step')).toBe('1 step');
    expect(plural(2000, 'step')).toBe('2,000 steps');
    expect(formatCount(98000)).toBe('98,000');
  });

  it('keeps three significant digits for durations, and minutes above a minute', () => {
    expect(fmtSig(0.004583)).toBe('0.00458');
    expect(fmtSig(30.94)).toBe('30.9');
    expect(fmtSig(1234.4)).toBe('1,234');
    expect(formatDuration(1_234)).toBe('1.2 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });
});
