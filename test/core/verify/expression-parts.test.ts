/** Direct tests of the expression modules: value, shape, unit words. */
import { describe, expect, it } from 'vitest';
import { parseRange } from '../../../src/core/verify/expression';
import { shapeOf } from '../../../src/core/verify/expression-shape';
import { evaluate } from '../../../src/core/verify/expression-value';
import { formatExact } from '../../../src/core/verify/rational';
import { tokenize } from '../../../src/core/verify/lexer';
import { canonicalUnit, singular } from '../../../src/core/verify/unit-words';

const parse = (text: string) => {
  const tokens = tokenize(text);
  return parseRange(tokens, 0, tokens.length)!;
};

describe('evaluate', () => {
  it('computes exactly with fractions and leaves unknowns null', () => {
    expect(formatExact(evaluate(parse('17 × 24'))!.v)).toBe('408');
    expect(formatExact(evaluate(parse('(2 + 3)^2 - 10/4'))!.v)).toBe('22.5');
    expect(evaluate(parse('2x + 1'))).toBeNull();
  });

  it('widens a rounded literal by one unit in its last decimal', () => {
    // 0.33 may stand for [0.32, 0.34]: × 300 → [96, 102].
    const iv = evaluate(parse('0.33 × 300'), 2)!;
    expect(formatExact(iv.lo)).toBe('96');
    expect(formatExact(iv.hi)).toBe('102');
  });
});

describe('shapeOf', () => {
  it('tells a stated value from a computation and notes percentages and units', () => {
    expect(shapeOf(parse('20%')).stated).toMatchObject({ dec: 0, percent: true, text: '20%' });
    expect(shapeOf(parse('7/2')).isValue).toBe(true);
    expect(shapeOf(parse('5 apples + 3 apples'))).toMatchObject({ hasOp: true, isValue: false, units: new Set(['apple']) });
    expect(shapeOf(parse('50 + 10%')).ambiguousPercent).toBe(true);
  });
});

describe('unit words', () => {
  it('folds plurals and synonyms', () => {
    expect(singular('Berries')).toBe('berry');
    expect(singular('glass')).toBe('glass');
    expect(canonicalUnit('dollars')).toBe('$');
    expect(canonicalUnit('hours')).toBe('hour');
    expect(canonicalUnit('hr')).toBe('hour');
  });
});
