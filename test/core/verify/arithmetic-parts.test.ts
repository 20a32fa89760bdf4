/** Direct tests of the arithmetic check's parts: equation sides, unit families, value matching. */
import { describe, expect, it } from 'vitest';
import { leftRange, rightRange } from '../../../src/core/verify/equation-sides';
import { evaluate, parseRange, shapeOf } from '../../../src/core/verify/expression';
import { rat } from '../../../src/core/verify/rational';
import { tokenize, tokensText } from '../../../src/core/verify/lexer';
import { unitsMixed } from '../../../src/core/verify/unit-families';
import { acceptance, matches } from '../../../src/core/verify/value-match';

function sides(text: string) {
  const tokens = tokenize(text);
  const k = tokens.findIndex((t) => t.kind === 'eq');
  const l = leftRange(tokens, k);
  const r = rightRange(tokens, k);
  return { left: l && tokensText(tokens, l.from, l.to), right: r && tokensText(tokens, r.from, r.to) };
}
const shape = (text: string) => {
  const tokens = tokenize(text);
  return shapeOf(parseRange(tokens, 0, tokens.length)!);
};

describe('equation sides', () => {
  it('reads the maximal expressions next to the sign, and nothing when one is cut off', () => {
    expect(sides('Sue has 12 + 6 = 18 pink flamingos').left).toBe('12 + 6');
    expect(sides('Sue has 12 + 6 = 18 pink flamingos').right).toMatch(/^18/);
    expect(sides('a_1 + 2 = 5').left).toBeNull();
  });
});

describe('unitsMixed', () => {
  it('sees a conversion in one family added in two units, not the same unit twice', () => {
    expect(unitsMixed(shape('2 hours + 30 minutes'), shape('150'))).toBe(true);
    expect(unitsMixed(shape('5 apples + 3 apples'), shape('8 apples'))).toBe(false);
  });
});

describe('value matching', () => {
  it('accepts a value rounded or truncated to the decimals shown, and an integer shown for a fraction', () => {
    const third = (text: string) => {
      const tokens = tokenize('10/3');
      const node = parseRange(tokens, 0, tokens.length)!;
      const iv = evaluate(node)!;
      const stated = shape(text).stated!;
      return matches({ exact: iv, widened: iv }, stated, false, false, null).ok;
    };
    expect(third('3.33')).toBe(true);
    expect(third('3.3')).toBe(true);
    expect(third('3')).toBe(true);
    expect(third('3.4')).toBe(false);
    // ≈ 100 with no decimals: within 2 % or one unit of the last non-zero digit (here 100).
    expect(acceptance(rat(100n)!, 0, true, true)).toMatchObject({ loOpen: false, hiOpen: false });
  });
});
