import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../src/features/capacity-planner/chart-export';

describe('csvCell neutralises spreadsheet formulas (OWASP CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['=1+1', `"'=1+1"`],
    ['+1+cmd|\' /C calc\'!A0', `"'+1+cmd|' /C calc'!A0"`],
    ['-2+3+cmd|\' /C calc\'!A0', `"'-2+3+cmd|' /C calc'!A0"`],
    ['@SUM(1,2)', `"'@SUM(1,2)"`],
    ['\t=1+1', `"'\t=1+1"`],
    ['\r=1+1', `"'\r=1+1"`],
    ['-', `"'-"`],
    ['--1', `"'--1"`],
    ['-1e5x', `"'-1e5x"`],
  ])('%j → %s', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('keeps numbers readable, negative ones included (as numbers or as plain numeric text)', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(-0.25)).toBe('-0.25');
    expect(csvCell(1e-7)).toBe('1e-7');
    expect(csvCell('-42')).toBe('-42');
    expect(csvCell('-4.5e3')).toBe('-4.5e3');
    expect(csvCell('+7')).toBe('+7');
  });

  it('leaves ordinary text alone and still quotes commas, quotes and line breaks', () => {
    expect(csvCell('p95 latency')).toBe('p95 latency');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('applies to headers and rows of a whole table', () => {
    expect(toCsv(['=cmd', 'n'], [['@x', -1]])).toBe(`"'=cmd",n\r\n"'@x",-1\r\n`);
  });
});
