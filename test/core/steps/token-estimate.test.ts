import { describe, expect, it } from 'vitest';
import { countTokens } from '../../../src/core/steps/token-estimate';
import { SCENARIOS } from '../../../src/core/demo/scenarios';

describe('countTokens (an estimate)', () => {
  it('counts nothing for empty or space-only text', () => {
    expect(countTokens('')).toBe(0);
    expect(countTokens('   \t ')).toBe(0);
  });

  it('counts short words as one token and long words at ~4 characters per token', () => {
    expect(countTokens('Let me think')).toBe(3);
    expect(countTokens('reasoning')).toBe(3); // 9 letters
    expect(countTokens('internationalization')).toBe(5); // 20 letters
  });

  it('counts punctuation, digit groups of three, line-break runs and CJK characters', () => {
    expect(countTokens('So, 17 × 24 = 408.')).toBe(8); // So , 17 × 24 = 408 .
    expect(countTokens('1234567')).toBe(3);
    expect(countTokens('a\n\nb')).toBe(3);
    expect(countTokens('a\r\n\r\nb')).toBe(3);
    expect(countTokens('你好世界')).toBe(4);
  });

  it('lands at a plausible rate on English reasoning (2.5–6 characters per token)', () => {
    for (const s of SCENARIOS) {
      const ratio = s.reasoning.length / countTokens(s.reasoning);
      expect(ratio, s.id).toBeGreaterThan(2.5);
      expect(ratio, s.id).toBeLessThan(6);
    }
  });

  it('is additive over whitespace-separated pieces', () => {
    const text = SCENARIOS[1].reasoning;
    const pieces = text.match(/\S+\s*/g) ?? [];
    expect(pieces.reduce((n, p) => n + countTokens(p), 0)).toBe(countTokens(text));
  });
});
