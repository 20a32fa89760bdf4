import { describe, expect, it } from 'vitest';
import { checkArithmetic } from '../../../src/core/verify';

const issues = (text: string) => checkArithmetic(text);
const wrong = (text: string) => issues(text).filter((i) => i.severity === 'error');

describe('arithmetic: correct equalities pass', () => {
  it.each([
    '17 × 24 = 408',
    '17 x 24 = 408',
    '17 X 24 = 408',
    '17 * 24 = 408',
    '17 times 24 = 408',
    '144 ÷ 12 = 12',
    '144 / 12 = 12',
    '12 + 30 = 42',
    '50 − 8 = 42',
    '50 - 8 = 42',
    '2^10 = 1024',
    '2**10 = 1024',
    '2^{10} = 1024',
    '5! = 120',
    '\\sqrt{144} = 12',
    '(3 + 4) × 2 = 14',
    '2(3 + 4) = 14',
    '-3 + 5 = 2',
    '(-3)^2 = 9',
    '0.1 + 0.2 = 0.3',
    '83 plus 91 equals 174',
    '12 divided by 4 = 3',
  ])('%s', (text) => expect(issues(text)).toEqual([]));
});

describe('arithmetic: wrong equalities are errors citing the exact value', () => {
  it.each([
    ['17 × 24 = 418', '17 × 24', '418', '408'],
    ['17 x 24 = 418', '17 × 24', '418', '408'],
    ['17 * 24 = 418', '17 × 24', '418', '408'],
    ['144 ÷ 12 = 13', '144 / 12', '13', '12'],
    ['12 + 30 = 43', '12 + 30', '43', '42'],
    ['50 − 8 = 41', '50 - 8', '41', '42'],
    ['2^10 = 1000', '2^10', '1000', '1024'],
    ['5! = 100', '5!', '100', '120'],
    ['20% of 50 = 12', '20% × 50', '12', '10'],
    ['83 plus 91 equals 173', '83 + 91', '173', '174'],
  ])('%s', (text, expression, stated, exact) => {
    const found = wrong(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ expression, stated, exact, relation: '=', source: 'text' });
  });

  it('reads the maximal expression left of "=" inside a sentence', () => {
    expect(wrong('So Sue has 12 + 6 = 19 pink flamingos and 6 white ones.')[0]).toMatchObject({ expression: '12 + 6', stated: '19', exact: '18' });
    expect(wrong('The product of the two numbers, 429 × 21 = 8979, is large.')[0]).toMatchObject({ exact: '9009' });
  });

  it('checks every link of a chain a = b = c', () => {
    expect(issues('3 × 4 = 12 = 12')).toEqual([]);
    expect(wrong('2 × (3 + 4) = 2 × 7 = 15')[0]).toMatchObject({ expression: '2 × 7', stated: '15', exact: '14' });
    // Both sides expressions and different: a warning.
    expect(issues('2 × (3 + 4) = 2 × 8 = 16')).toEqual([expect.objectContaining({ severity: 'warning', expression: '2 × (3 + 4)', stated: '2 × 8' })]);
  });

  it('checks a number stated first: 194 = 11 × 17 + 9', () => {
    expect(wrong('This means that 194 can be written as: 194 = 11 × 17 + 9.')[0]).toMatchObject({ exact: '196', stated: '194' });
  });
});

describe('arithmetic: rounding to the decimals shown', () => {
  it.each(['10/3 = 3.33', '10/3 = 3.3', '10/3 = 3.333', '10/3 = 3', '2/3 = 0.67', '2/3 = 0.66', '2/3 = 0.7', '1/8 = 0.125', '7/2 = 4', '7/2 = 3', '1/8 = 0.13'])('%s passes', (text) =>
    expect(issues(text)).toEqual([]),
  );
  it.each(['10/3 = 3.4', '10/3 = 3.30', '2/3 = 0.68', '7/2 = 5', '1/8 = 0.11'])('%s fails', (text) => expect(wrong(text)).toHaveLength(1));
  it('an integer result must be exact even when the shown value looks rounded', () => {
    expect(wrong('$1.50 x 8 = $11')[0]).toMatchObject({ exact: '12' });
    expect(wrong('$4.2 + $9.45 + $1.35 = $16')[0]).toMatchObject({ exact: '15' });
  });
  it('a rounded literal on the left may explain the difference', () => {
    expect(issues('0.33 × 300 = 100')).toEqual([]);
    expect(issues('3.14 × 25 = 78.54')).toEqual([]);
    // but money and round decimals are exact
    expect(wrong('100 × .10 = $9.00')).toHaveLength(1);
  });
  it('a relative tolerance option widens the check', () => {
    expect(checkArithmetic('17 × 24 = 410')).toHaveLength(1);
    expect(checkArithmetic('17 × 24 = 410', { approximate: 'lenient', tolerance: 0.01 })).toEqual([]);
  });
});

describe('arithmetic: notation', () => {
  it('thousands commas and money', () => {
    expect(issues('$1,200 + $300 = $1,500')).toEqual([]);
    expect(wrong('$1,200 + $300 = $1,600')[0]).toMatchObject({ exact: '1500' });
    expect(issues('12,000,000 / 4 = 3,000,000')).toEqual([]);
  });
  it('percentages', () => {
    expect(issues('20% of 50 = 10')).toEqual([]);
    expect(issues('50 × 20% = 10')).toEqual([]);
    expect(issues('10/50 = 20%')).toEqual([]);
    expect(issues('10/50 × 100 = 20%')).toEqual([]);
    expect(issues('100% - 25% = 75%')).toEqual([]);
    expect(wrong('10/50 = 25%')[0]).toMatchObject({ exact: '20%' });
  });
  it('LaTeX: \\times, \\cdot, \\div, \\frac, \\left( \\right), \\text, \\boxed', () => {
    expect(issues('\\(1/3 \\times 18 = 6\\)')).toEqual([]);
    expect(issues('\\[ \\frac{1}{2} + \\frac{1}{3} = \\frac{5}{6} \\]')).toEqual([]);
    expect(issues('$2 \\cdot 3 \\cdot 5 = 30$.')).toEqual([]);
    expect(issues('\\( 84 \\div 4 = 21 \\)')).toEqual([]);
    expect(issues('\\left( \\frac{3}{4} \\right) \\times 20 = 15 \\text{ apples}')).toEqual([]);
    expect(issues('\\[ 3 \\times 4 = \\boxed{12} \\]')).toEqual([]);
    expect(wrong('\\[ \\frac{1}{2} + \\frac{1}{3} = \\frac{5}{7} \\]')[0]).toMatchObject({ exact: '5/6 ≈ 0.8333' });
    expect(wrong('\\(5 \\times 4 \\times 3 = 50\\)')[0]).toMatchObject({ exact: '60' });
    expect(wrong('$16 - 8 = 9$.')[0]).toMatchObject({ exact: '8' });
    expect(wrong('\\[ 2^2 + 3^2 = 4 + 9 = 14 \\]')[0]).toMatchObject({ expression: '4 + 9', exact: '13' });
    expect(issues('1\\,000 + 1{,}000 = 2{,}000')).toEqual([]);
  });
  it('GSM8K calculator annotations', () => {
    expect(issues('She makes 9 * 2 = $<<9*2=18>>18 every day')).toEqual([]);
    expect(issues('It takes 2/2=<<2/2=1>>1 bolt')).toEqual([]);
    const found = issues('He has <<48/2=25>>25 apples left');
    expect(found).toEqual([expect.objectContaining({ source: 'annotation', expression: '48/2', stated: '25', exact: '24', severity: 'error' })]);
    // The same slip in text and annotation is one finding.
    expect(issues('She makes 9 * 2 = $<<9*2=19>>19 every day')).toHaveLength(1);
  });
  it('units, rates and mixed numbers', () => {
    expect(issues('5 apples + 3 apples = 8 apples')).toEqual([]);
    expect(issues('$5/hour × 8 hours = $40')).toEqual([]);
    expect(issues('3 bids * $50 per bid = $150')).toEqual([]);
    expect(issues('3 1/2 × 2 = 7')).toEqual([]);
    expect(issues('W = 1 1/2 / 1/2 = 3 episodes')).toEqual([]);
    expect(wrong('8 clients * 2 bottles of bleach per client = 61 bottles')[0]).toMatchObject({ exact: '16' });
    expect(wrong('25 men + 15 women = 42 people')[0]).toMatchObject({ exact: '40' });
  });
  it('approximately: lenient, as a warning', () => {
    expect(issues('100/7 ≈ 14.29')).toEqual([]);
    expect(issues('22/7 ≈ 3.14')).toEqual([]);
    expect(issues('123456/7 ≈ 18,000')).toEqual([]);
    // "≈ 500" may be rounded to hundreds; "≈ 450" to tens.
    expect(issues('17 × 24 ≈ 500')).toEqual([]);
    expect(issues('17 × 24 ≈ 450')).toEqual([expect.objectContaining({ severity: 'warning', relation: '≈' })]);
    expect(checkArithmetic('17 × 24 ≈ 450', { approximate: 'skip' })).toEqual([]);
    expect(issues('2/3 = 0.666...')).toEqual([]);
  });
});

describe('arithmetic: false-positive guards', () => {
  it.each([
    ['variables', 'x + 3 = 5'],
    ['coefficient', '2x + 3 = 7'],
    ['equation with unknowns', 'h^2 + 4900 = 22500'],
    ['function value', "f(2) = 6 \\cdot 2 - 6 = 6 and f''(2) = 6"],
    ['function call in words', 'sin(30) + 1 = 1.5'],
    ['LaTeX functions', '\\log_2 8 + 1 = 4'],
    ['pi', '2\\pi r = 10'],
    ['irrational root', '\\sqrt{2} = 1.414'],
    ['modular arithmetic', '3 + 4 = 2 \\pmod 5'],
    ['congruence', '5 \\cdot 8 = 40 \\equiv 1 \\pmod{13}'],
    ['base-n', 'In base 5, 12 + 3 = 20.'],
    ['subscripts', 'a_1 + 3 = 5 and 101_2 = 5'],
    ['absolute value', '|-3| + 1 = 4'],
    ['floor', '\\lfloor 7/2 \\rfloor = 3'],
    ['ellipsis', '1 + 2 + ... + 10 = 55'],
    ['partial sentence sum', 'cupcakes for his 25 classmates + his 1 teacher + 1 himself = 27 people'],
    ['nested quantity', 'Tara spent 8 packs of 5 bags * $4/pack = $160.'],
    ['words as quantities', 'cost - 3 × 2 = 4'],
    ['a left operand in words', 'half × 4 = 2'],
    ['unit conversion', '2 hours = 2 × 60 = 120 minutes'],
    ['mixed units added', '2 hours + 30 minutes = 2.5 hours'],
    ['cents and dollars', '50 cents + $1 = $1.50'],
    ['additive percent', '50 + 10% = 55'],
    ['scale words', '2.5 million + 500,000 = 3 million'],
    ['remainder', '194 ÷ 11 = 17 R 7'],
    ['remainder in words', '58 / 4 = 14 remainder 2'],
    ['run-on chain', '3 × 4 = 12 + 3 = 15'],
    ['list numbering', '1. 3 + 4 = 7\n2. 5 + 5 = 10'],
    ['list numbering with parenthesis', '1) 3 + 4 = 7'],
    ['markdown bold', '**Step 1:** 3 + 4 = 7'],
    ['dates and ranges', 'From 2019–2023 = 4 years'],
    ['a stated refutation', '\\[ 2 + \\sqrt{1} = 1 \\] \\[ 2 + 1 = 1 \\] (False)'],
    ['a refutation later in the sentence', '2 \\cdot 8 + 64 = 256 \\implies 80 = 256, which is false.'],
    ['inequalities', '3 + 4 <= 8 and 3 + 4 >= 6 and 3 + 4 != 8'],
    ['correspondence words', '2/5 is equal to 12.8 hectares'],
    ['text label ending in a number', '\\text{Multiples of 3 or 5} = 100 + 60 - 20 = 140'],
    ['a value followed by a bracket', '720 = \\frac{6}{2} [2a + (6 - 1)d]'],
    ['glued variables', '\\frac{1}{2}ab = 5'],
    ['case-split sign', '\\( -\\frac{1}{3} = -\\frac{20}{60} \\)'],
    ['boxed after an equation', '\\[ -5 - 3 - 7 - 9 = -24 \\] \\boxed{-24}'],
    ['approximate expressions', '5508^3 \\approx 5500^3'],
  ])('%s: %s', (_name, text) => expect(issues(text)).toEqual([]));
});
