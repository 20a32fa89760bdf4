/**
 * A client-side token estimate for servers that report no usage. It is an estimate, not a
 * tokenizer: real BPE vocabularies differ per model, and this is typically within ±25 % of
 * them on English reasoning text.
 *
 * Heuristic, per piece of text:
 * - a run of letters (a word): 1 token up to 6 letters, else one per 4 letters (rounded up) —
 *   common short words are single tokens, long and rare words split into ~4-character pieces;
 * - a run of digits: one token per 3 digits (BPE vocabularies group digits in threes);
 * - a Chinese, Japanese or Korean character: 1 token each;
 * - any other visible character (punctuation, symbols, operators): 1 token each;
 * - a run of line breaks: 1 token ("\n\n" is a single token in common vocabularies);
 * - spaces and tabs: free (they attach to the following word).
 */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const LETTER = /[\p{L}\p{M}]/u;
const NUMBER = /\p{N}/u;
const SPACE = /\s/u;

const enum Kind {
  Letter,
  Digit,
  Newline,
  Space,
  Cjk,
  Other,
}

function kindOf(code: number, char: string): Kind {
  if (code < 128) {
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) return Kind.Letter;
    if (code >= 48 && code <= 57) return Kind.Digit;
    if (code === 10 || code === 13) return Kind.Newline;
    if (code === 32 || (code >= 9 && code <= 12)) return Kind.Space;
    return Kind.Other;
  }
  if (CJK.test(char)) return Kind.Cjk;
  if (LETTER.test(char)) return Kind.Letter;
  if (NUMBER.test(char)) return Kind.Digit;
  if (SPACE.test(char)) return Kind.Space;
  return Kind.Other;
}

/** The kind of each ASCII character, looked up rather than branched on (the hot path). */
const ASCII_KINDS = new Uint8Array(128).map((_, code) => kindOf(code, String.fromCharCode(code)));

/**
 * One pass over the code points; the Unicode tests run only for non-ASCII characters. Runs of
 * letters, digits and line breaks are counted when they close.
 */
export function countTokens(text: string): number {
  let total = 0;
  let run = -1;
  let runLength = 0;
  for (let i = 0; i < text.length; i++) {
    let kind: number;
    const unit = text.charCodeAt(i);
    if (unit < 128) kind = ASCII_KINDS[unit];
    else {
      const code = text.codePointAt(i)!;
      const wide = code > 0xffff;
      kind = kindOf(code, wide ? text.slice(i, i + 2) : text[i]);
      if (wide) i++;
    }
    if (kind === run) {
      runLength += 1;
      continue;
    }
    if (run === Kind.Letter) total += runLength <= 6 ? 1 : Math.ceil(runLength / 4);
    else if (run === Kind.Digit) total += Math.ceil(runLength / 3);
    else if (run === Kind.Newline) total += 1;
    if (kind === Kind.Letter || kind === Kind.Digit || kind === Kind.Newline) {
      run = kind;
      runLength = 1;
    } else {
      run = -1;
      if (kind === Kind.Cjk || kind === Kind.Other) total += 1;
    }
  }
  if (run === Kind.Letter) total += runLength <= 6 ? 1 : Math.ceil(runLength / 4);
  else if (run === Kind.Digit) total += Math.ceil(runLength / 3);
  else if (run === Kind.Newline) total += 1;
  return total;
}
