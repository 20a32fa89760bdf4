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
const PIECE =
  /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])|([\p{L}\p{M}]+)|(\p{N}+)|([\r\n]+)|([^\s\p{L}\p{M}\p{N}])/gu;

export function countTokens(text: string): number {
  let total = 0;
  for (const m of text.matchAll(PIECE)) {
    if (m[1] !== undefined) total += 1;
    else if (m[2] !== undefined) total += m[2].length <= 6 ? 1 : Math.ceil(m[2].length / 4);
    else if (m[3] !== undefined) total += Math.ceil(m[3].length / 3);
    else total += 1;
  }
  return total;
}
