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

/** One pass over the code points; the Unicode tests run only for non-ASCII characters. */
export function countTokens(text: string): number {
  let total = 0;
  let run: Kind | null = null;
  let runLength = 0;
  const close = () => {
    if (run === Kind.Letter) total += runLength <= 6 ? 1 : Math.ceil(runLength / 4);
    else if (run === Kind.Digit) total += Math.ceil(runLength / 3);
    else if (run === Kind.Newline) total += 1;
    run = null;
    runLength = 0;
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    const wide = code > 0xffff;
    const kind = kindOf(code, wide ? text.slice(i, i + 2) : text[i]);
    if (wide) i++;
    if (kind === run && (kind === Kind.Letter || kind === Kind.Digit || kind === Kind.Newline)) {
      runLength += 1;
      continue;
    }
    close();
    if (kind === Kind.Letter || kind === Kind.Digit || kind === Kind.Newline) {
      run = kind;
      runLength = 1;
    } else if (kind === Kind.Cjk || kind === Kind.Other) total += 1;
  }
  close();
  return total;
}
