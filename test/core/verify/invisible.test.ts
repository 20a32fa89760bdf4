import { describe, expect, it } from 'vitest';
import { checkArithmetic, verifyChain } from '../../../src/core/verify';
import { stripInvisible } from '../../../src/core/verify/normalize';

const errors = (text: string) => checkArithmetic(text).filter((i) => i.severity === 'error');

// Each of these renders as nothing; inside a number it splits the number for a naive tokenizer.
const INVISIBLES: [string, string][] = [
  ['zero-width space', '\u200B'],
  ['zero-width non-joiner', '\u200C'],
  ['zero-width joiner', '\u200D'],
  ['left-to-right mark', '\u200E'],
  ['right-to-left mark', '\u200F'],
  ['left-to-right embedding', '\u202A'],
  ['right-to-left override', '\u202E'],
  ['pop directional formatting', '\u202C'],
  ['word joiner', '\u2060'],
  ['invisible times', '\u2062'],
  ['first strong isolate', '\u2068'],
  ['pop directional isolate', '\u2069'],
  ['zero-width no-break space (BOM)', '\uFEFF'],
  ['soft hyphen', '\u00AD'],
  ['Arabic letter mark', '\u061C'],
];

describe('invisible characters cannot hide a wrong product from the arithmetic check', () => {
  it('catches 17 × 2\\u200B4 = 418 (exact 408)', () => {
    const found = errors('17 × 2\u200B4 = 418');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ stated: '418', exact: '408' });
  });

  it.each(INVISIBLES)('%s inside an operand, inside the result and around the operator', (_name, ch) => {
    expect(errors(`17 × 2${ch}4 = 418`)).toHaveLength(1);
    expect(errors(`1${ch}7 × 24 = 4${ch}18`)).toHaveLength(1);
    expect(errors(`17 ${ch}×${ch} 24 =${ch} 418`)).toHaveLength(1);
    // And a correct line with the same characters stays silent.
    expect(checkArithmetic(`17 × 2${ch}4 = 40${ch}8`)).toEqual([]);
  });

  it('inside a GSM8K calculator annotation too', () => {
    expect(checkArithmetic('He pays <<17*2\u200B4=418>>418 dollars.').filter((i) => i.source === 'annotation')).toHaveLength(1);
  });

  it('the whole verifier flags the step', () => {
    const findings = verifyChain(['Compute the total.', 'So 17 × 2\u200B4 = 418 apples.']);
    expect(findings.some((f) => f.kind === 'arithmetic' && f.step === 1)).toBe(true);
  });

  it('stripInvisible removes only format characters, leaving visible text (and a plain string) untouched', () => {
    expect(stripInvisible('a\u200Bb\u202Ec\u2066d\uFEFFe')).toBe('abcde');
    const plain = '17 × 24 = 408, naïve café — ok';
    expect(stripInvisible(plain)).toBe(plain);
  });
});
