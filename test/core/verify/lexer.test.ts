import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../src/core/verify/lexer';

const kt = (s: string) => tokenize(s).map((t) => `${t.kind}:${t.text}`);

// The tokenizer scans character codes; these pin the edge cases of the regexes it replaced.
describe('tokenize edge cases', () => {
  it('an "=" at either end of the text is not an equality', () => {
    expect(kt('= 3 + 4 =')).toEqual(['other:=', 'num:3', 'op:+', 'num:4', 'other:=']);
  });
  it('thousands groups: as many as there are, one fewer when a digit follows', () => {
    expect(kt('1,234,567 and 1,2345 and 12,345,6789 and 1,234.5 and .5 and 3.')).toEqual(
      ['num:1,234,567', 'word:and', 'num:1', 'other:,', 'num:2345', 'word:and', 'num:12,345', 'other:,', 'num:6789', 'word:and', 'num:1,234.5', 'word:and', 'num:.5', 'word:and', 'num:3', 'other:.'],
    );
    const [t] = tokenize('1,234.50');
    expect(t).toEqual({ kind: 'num', text: '1,234.50', start: 0, end: 8, space: true, value: { n: 2469n, d: 2n }, decimals: 2 });
  });
  it('ordinals need a word boundary', () => {
    expect(kt('1st 2nd 3rd 4th 5thx 21st.')).toEqual(['word:1st', 'word:2nd', 'word:3rd', 'word:4th', 'num:5', 'word:thx', 'word:21st', 'other:.']);
  });
  it('"a" and "I" are variables only next to math', () => {
    expect(kt('a + 1, I think a cat, 3a, (a), x = a')).toEqual(
      ['var:a', 'op:+', 'num:1', 'other:,', 'word:I', 'word:think', 'word:a', 'word:cat', 'other:,', 'num:3', 'var:a', 'other:,', 'lparen:(', 'var:a', 'rparen:)', 'other:,', 'var:x', 'eq:=', 'var:a'],
    );
  });
  it('currency signs and compound relations', () => {
    expect(kt('$5 and $.50 and a$5 and 9$. and $-3 and $(2)')).toEqual(
      ['cur:$', 'num:5', 'word:and', 'cur:$', 'num:.50', 'word:and', 'word:a', 'other:$', 'num:5', 'word:and', 'num:9', 'other:$', 'other:.', 'word:and', 'cur:$', 'op:-', 'num:3', 'word:and', 'cur:$', 'lparen:(', 'num:2', 'rparen:)'],
    );
    expect(kt('5 != 4, x == 3, 2 => 3, a <= b')).toEqual(
      ['num:5', 'other:!', 'other:=', 'num:4', 'other:,', 'var:x', 'other:=', 'other:=', 'num:3', 'other:,', 'num:2', 'other:=', 'other:>', 'num:3', 'other:,', 'var:a', 'other:<', 'other:=', 'var:b'],
    );
  });
  it('numbers and words are read at most 64 characters at a time', () => {
    expect(kt('1'.repeat(70))).toEqual([`num:${'1'.repeat(64)}`, 'num:111111']);
    expect(kt(`${'b'.repeat(70)} done`)).toEqual([`word:${'b'.repeat(64)}`, 'word:bbbbbb', 'word:done']);
  });
  it('apostrophes, commands and non-ASCII symbols', () => {
    expect(kt("don't isn't o'clock")).toEqual(["word:don't", "word:isn't", "word:o'clock"]);
    expect(kt('\\frac \\ 3 € £ ¥ √ ≈ π é')).toEqual(['var:\\frac', 'other:\\', 'num:3', 'cur:€', 'cur:£', 'cur:¥', 'sqrt:√', 'approx:≈', 'var:π', 'var:é']);
  });
});
