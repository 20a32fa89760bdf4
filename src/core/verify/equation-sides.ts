/**
 * Where the expressions next to an `=` begin and end: left = the maximal arithmetic expression
 * immediately left of the sign, right = the maximal one immediately right of it; null when the
 * expression is cut off by something the checks do not read (a_1, |x|, sin(…), f(2), "…").
 */
import type { Token } from './lexer';

const isSign = (t: Token | undefined) => t?.kind === 'op' && (t.text === '+' || t.text === '-');
/** Stoppers that may touch an expression without making it part of something else. */
const SAFE_TOUCH = new Set([',', ':', ';', '⇒', '≤', '≥', '<', '>', '≠', '&', '?', '`']);

function arithLeft(t: Token, right: Token | undefined): boolean {
  switch (t.kind) {
    case 'num':
    case 'op':
    case 'percent':
    case 'bang':
    case 'cur':
    case 'var':
    case 'sqrt':
    case 'scale':
      return true;
    case 'unit':
      // "5 apples + 3 apples": a unit is followed by an operator, ")" or the sign itself.
      return !right || !(right.kind === 'num' || right.kind === 'cur' || right.kind === 'lparen' || right.kind === 'var' || right.kind === 'sqrt');
    default:
      return false;
  }
}

/** The token range of the expression left of tokens[k], or null when it is cut off or absent. */
export function leftRange(tokens: readonly Token[], k: number): { from: number; to: number } | null {
  let i = k - 1;
  let depth = 0;
  while (i >= 0) {
    const t = tokens[i];
    if (t.kind === 'rparen') depth++;
    else if (t.kind === 'lparen') {
      if (depth === 0) break;
      depth--;
    } else if (!arithLeft(t, tokens[i + 1])) break;
    i--;
  }
  let from = i + 1;
  if (from >= k) return null;
  // An unmatched ")" (list numbering "1) 3 + 4 = 7") ends the expression on the left.
  if (depth > 0) {
    let open = 0;
    let cut = -1;
    for (let j = from; j < k; j++) {
      if (tokens[j].kind === 'lparen') open++;
      else if (tokens[j].kind === 'rparen') {
        if (open === 0) cut = j;
        else open--;
      }
    }
    if (cut < 0 || !tokens[cut + 1]?.space) return null;
    from = cut + 1;
    if (from >= k) return null;
  }
  const stopper = from > 0 ? tokens[from - 1] : undefined;
  const first = tokens[from];
  // Touching something we do not read (a_1, |x|, sin(, 3.5.2, "…"): part of a larger expression.
  if (stopper && !first.space && stopper.kind !== 'nl' && stopper.kind !== 'lparen' && stopper.kind !== 'eq' && stopper.kind !== 'approx') {
    if (!(stopper.kind === 'other' && SAFE_TOUCH.has(stopper.text))) return null;
  }
  // f(2), f'(2), g(x): a function applied, not a parenthesised number.
  if (stopper && first.kind === 'lparen' && !first.space && (stopper.kind === 'word' || stopper.kind === 'var' || stopper.kind === 'rparen' || stopper.text === "'")) return null;
  if (stopper?.kind === 'other' && (stopper.text === '…' || stopper.text === '_' || stopper.text === '|' || stopper.text === '‖')) return null;
  // "25 classmates + his 1 teacher + 1 himself = 27": a verbal sum continues left of the words;
  // "8 packs of 5 bags × $4 = $160": the left operand is a nested quantity.
  if (stopper?.kind === 'word') {
    const linking = /^(?:of|per|by|from|than|to|into)$/i.test(stopper.text);
    for (let j = from - 2, words = 0; j >= 0 && words < 2; j--) {
      const t = tokens[j];
      if (t.kind === 'op' && t.text !== '/') return null;
      if (linking && (t.kind === 'num' || t.kind === 'percent')) return null;
      if (t.kind !== 'word' && t.kind !== 'unit') break;
      words++;
    }
  }
  // A dash between punctuation and a spaced number is a bullet: "subtraction. - 48 - 2 = 46".
  if (isSign(first) && first.space && tokens[from + 1]?.space && stopper?.kind === 'other' && /^[.:;]$/.test(stopper.text) && from + 1 < k) return { from: from + 1, to: k };
  if (first.kind === 'op') {
    if (!isSign(first)) return null; // "× 4 = …": the left operand is words
    // A sign after words is a binary minus of a quantity we cannot read ("cost - 3 × 2").
    const unaryContext = !stopper || stopper.kind === 'nl' || stopper.kind === 'eq' || stopper.kind === 'approx' || stopper.kind === 'lparen' || (stopper.kind === 'other' && SAFE_TOUCH.has(stopper.text));
    const attached = tokens[from + 1] && !tokens[from + 1].space && first.space;
    if (!unaryContext && !attached) return null;
  }
  return { from, to: k };
}

/** The token range of the expression right of tokens[k]. */
export function rightRange(tokens: readonly Token[], k: number): { from: number; to: number; after?: Token } | null {
  let i = k + 1;
  let depth = 0;
  let afterUnit = false;
  while (i < tokens.length) {
    const t = tokens[i];
    const prev = tokens[i - 1];
    if (t.kind === 'unit' || t.kind === 'scale') {
      afterUnit = true;
      i++;
      continue;
    }
    // After a unit phrase only an operator continues the expression ("= 93 days + 28 + …").
    if (afterUnit && t.kind !== 'op' && t.kind !== 'rparen') break;
    afterUnit = false;
    if (t.kind === 'lparen') {
      // "= 12 (the answer)": a spaced "(" after a complete operand starts a remark.
      if (depth === 0 && i > k + 1 && t.space && (prev.kind === 'num' || prev.kind === 'rparen' || prev.kind === 'unit' || prev.kind === 'percent')) break;
      depth++;
    } else if (t.kind === 'rparen') {
      if (depth === 0) break;
      depth--;
    } else if (!(t.kind === 'num' || t.kind === 'op' || t.kind === 'percent' || t.kind === 'bang' || t.kind === 'cur' || t.kind === 'var' || t.kind === 'sqrt')) break;
    i++;
  }
  // "= 7 - Second term": a dash before a word, not a subtraction (but "= 10 - AC" is one).
  const dash = tokens[i - 1];
  const next = tokens[i];
  if (i - 1 > k + 1 && dash.kind === 'op' && dash.text === '-' && dash.space && next?.space && next.kind === 'word' && next.text.length >= 3 && /[a-z]/.test(next.text)) i--;
  // "= 42 g", "= 3 m": a one-letter SI unit after the value ends it.
  if (i - 2 > k && tokens[i - 1].kind === 'var' && /^[gmshlLJNWVK]$/.test(tokens[i - 1].text) && tokens[i - 1].space && tokens[i - 2].kind === 'num') {
    const after = tokens[i];
    if (!after || (after.kind !== 'num' && after.kind !== 'op' && after.kind !== 'lparen')) i--;
  }
  if (i === k + 1) return null;
  return { from: k + 1, to: i, after: tokens[i] };
}
