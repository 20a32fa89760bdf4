/**
 * Tokenizer for normalised step text (see normalize.ts). Besides splitting, it resolves the
 * ambiguous words once, with their neighbours in view:
 *   "3 x 4", "3 times 4" → ×      "20% of 50", "1/2 of 50" → ×      "5 apples", "$5/hour" → unit
 *   "x + 3", "2x"        → a variable (the check then stays silent)
 */
import { parseDecimal, type Rational } from './rational';

export type TokenKind =
  | 'num'
  | 'op' // + - × / ^
  | 'lparen'
  | 'rparen'
  | 'eq' // =
  | 'approx' // ≈
  | 'percent'
  | 'bang'
  | 'cur' // $ € £ ¥
  | 'sqrt'
  | 'var' // single letters, Greek, opaque LaTeX commands: unknowns
  | 'unit' // a word or "/word" that decorates a number
  | 'scale' // million, billion, thousand … after a number
  | 'word'
  | 'nl'
  | 'other';

export type Token = {
  kind: TokenKind;
  /** Normalised text: ops are one of + - × / ^. */
  text: string;
  start: number;
  end: number;
  /** Whitespace (or a removed line break) directly before this token. */
  space: boolean;
  value?: Rational;
  /** Digits after the decimal point of a number literal. */
  decimals?: number;
};

const UNIT_STOP = new Set(
  (
    'a an the and or but nor is are was were be been being to of in on at by for with from as than then so that this these those ' +
    'it its we you he she they if per times plus minus over under into onto each every also only just which who whom whose what when ' +
    'where how why not no yes all any some more less most least both either neither because since therefore thus hence while ' +
    'until equals equal gives give gets get makes make leaves leave remainder remainders rem mod modulo divided multiplied subtracted ' +
    'added left remaining total altogether respectively instead now again here there is are has have had will would can could should ' +
    'must may might do does did let lets let\'s find means mean using use after before into minus squared cubed percent'
  ).split(' '),
);
const SCALE = new Set(['thousand', 'thousands', 'million', 'millions', 'billion', 'billions', 'trillion', 'trillions', 'k', 'm', 'bn', 'mn', 'lakh', 'crore']);

/** How far ahead (characters) a number, word or command is read: longer ones are cut into pieces. */
const LOOKAHEAD = 64;

/** Exactly the characters of the regex class `\s`. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
const isDigit = (c: number) => c >= 48 && c <= 57;
const isAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** Regex `\w`. */
const isWordChar = (c: number) => isAlpha(c) || isDigit(c) || c === 95;
/** Characters that make a lone "a", "A" or "I" touch math: digits ( ) ^ _. */
const isMathNeighbour = (c: number) => isDigit(c) || c === 40 || c === 41 || c === 94 || c === 95;
const LETTER = /\p{L}/u;

function digitsEnd(s: string, i: number, limit: number): number {
  while (i < limit && isDigit(s.charCodeAt(i))) i++;
  return i;
}

/**
 * End of the number literal at `i` (`\d{1,3}(?:,\d{3})+(?!\d)` or `\d+`, then an optional
 * `.\d+`; or `.\d+`), reading at most `limit`; -1 when there is none.
 */
function numberEnd(s: string, i: number, limit: number): number {
  const c = s.charCodeAt(i);
  if (c === 46) return i + 1 < limit && isDigit(s.charCodeAt(i + 1)) ? digitsEnd(s, i + 1, limit) : -1;
  const run = digitsEnd(s, i, limit);
  let end = run;
  if (run - i <= 3 && run < limit && s.charCodeAt(run) === 44) {
    // Thousands groups: as many ",ddd" as there are; if a digit follows the last one, one fewer.
    let groups = 0;
    let j = run;
    let prev = run;
    while (j + 3 < limit && s.charCodeAt(j) === 44 && isDigit(s.charCodeAt(j + 1)) && isDigit(s.charCodeAt(j + 2)) && isDigit(s.charCodeAt(j + 3))) {
      prev = j;
      j += 4;
      groups++;
    }
    if (groups > 0) {
      if (!(j < limit && isDigit(s.charCodeAt(j)))) end = j;
      else if (groups > 1) end = prev;
    }
  }
  if (end + 1 < limit && s.charCodeAt(end) === 46 && isDigit(s.charCodeAt(end + 1))) end = digitsEnd(s, end + 1, limit);
  return end;
}

/** Is there an ordinal suffix ("st", "nd", "rd", "th" and a word boundary, within 3 characters) at `j`? */
function ordinalAt(s: string, j: number): boolean {
  const end = Math.min(s.length, j + 3);
  if (end - j < 2) return false;
  const a = s.charCodeAt(j);
  const b = s.charCodeAt(j + 1);
  const suffix = (a === 115 && b === 116) || (a === 110 && b === 100) || (a === 114 && b === 100) || (a === 116 && b === 104);
  return suffix && (end - j < 3 || !isWordChar(s.charCodeAt(j + 2)));
}

/** Does "a", "A" or "I" at `i` touch math: 3a, a^2, (a, a+1, "= a", "a × 2"? */
function touchesMath(s: string, i: number): boolean {
  if (i > 0 && isMathNeighbour(s.charCodeAt(i - 1))) return true;
  if (i + 1 < s.length && isMathNeighbour(s.charCodeAt(i + 1))) return true;
  // The first non-space character within 3 after, and the last within 3 before.
  let after = -1;
  for (let j = i + 1; j < Math.min(s.length, i + 4); j++) {
    const c = s.charCodeAt(j);
    if (!isSpace(c)) {
      after = c;
      break;
    }
  }
  if (after >= 0 && '+-×/=^<>≤≥'.includes(String.fromCharCode(after))) return true;
  let before = -1;
  for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
    const c = s.charCodeAt(j);
    if (!isSpace(c)) {
      before = c;
      break;
    }
  }
  return before >= 0 && '+-×/=^'.includes(String.fromCharCode(before));
}

/** A "$" at `i` is a currency sign when a number (or sign, group, command) follows and no word or ")" precedes it. */
function currencyAt(s: string, i: number): boolean {
  const n1 = i + 1 < s.length ? s.charCodeAt(i + 1) : -1;
  const n2 = i + 2 < s.length ? s.charCodeAt(i + 2) : -1;
  const number = isDigit(n1) || (n1 === 46 && isDigit(n2)) || (n1 === 45 && (isDigit(n2) || n2 === 46)) || n1 === 40 || n1 === 92;
  if (!number) return false;
  const p = i > 0 ? s.charCodeAt(i - 1) : 32;
  return !(isWordChar(p) || p === 41);
}

const tok = (kind: TokenKind, text: string, start: number, end: number, space: boolean): Token => ({ kind, text, start, end, space });

export function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  const len = s.length;
  let i = 0;
  let space = true;
  while (i < len) {
    const c = s.charCodeAt(i);
    if (c === 10) {
      tokens.push(tok('nl', '\n', i, i + 1, space));
      i++;
      space = true;
      continue;
    }
    if (isSpace(c)) {
      i++;
      space = true;
      continue;
    }
    const limit = Math.min(len, i + LOOKAHEAD);
    let kind: TokenKind;
    let end: number;
    if (isDigit(c) || c === 46) {
      const numEnd = numberEnd(s, i, limit);
      if (numEnd >= 0) {
        const literal = s.slice(i, numEnd);
        if (ordinalAt(s, numEnd)) {
          tokens.push(tok('word', s.slice(i, numEnd + 2), i, numEnd + 2, space));
          i = numEnd + 2;
          space = false;
          continue;
        }
        const plain = literal.includes(',') ? literal.replace(/,/g, '') : literal;
        const dot = plain.indexOf('.');
        tokens.push({ kind: 'num', text: literal, start: i, end: numEnd, space, value: parseDecimal(plain) ?? undefined, decimals: dot < 0 ? 0 : plain.length - dot - 1 });
        i = numEnd;
        space = false;
        continue;
      }
    }
    if (isAlpha(c)) {
      end = i + 1;
      while (end < limit && isAlpha(s.charCodeAt(end))) end++;
      if (end + 1 < limit && s.charCodeAt(end) === 39 && isAlpha(s.charCodeAt(end + 1))) {
        end += 2;
        while (end < limit && isAlpha(s.charCodeAt(end))) end++;
      }
      // "a", "A", "I" are words unless they touch math: 3a, a^2, (a, a+1.
      kind = end - i === 1 && (!(c === 97 || c === 65 || c === 73) || touchesMath(s, i)) ? 'var' : 'word';
      tokens.push(tok(kind, s.slice(i, end), i, end, space));
      i = end;
      space = false;
      continue;
    }
    end = i + 1;
    switch (c) {
      case 92: // \
        if (i + 1 < limit && isAlpha(s.charCodeAt(i + 1))) {
          end = i + 2;
          while (end < limit && isAlpha(s.charCodeAt(end))) end++;
          kind = 'var';
        } else kind = 'other';
        break;
      case 43: // +
      case 45: // -
      case 0xd7: // ×
      case 47: // /
      case 94: // ^
        kind = 'op';
        break;
      case 40: // (
      case 91: // [
        tokens.push(tok('lparen', '(', i, end, space));
        i = end;
        space = false;
        continue;
      case 41: // )
      case 93: // ]
        tokens.push(tok('rparen', ')', i, end, space));
        i = end;
        space = false;
        continue;
      case 61: {
        // =
        // At either end of the text the neighbour is '' and `includes('')` held: not an equality.
        const joined = i === 0 || i === len - 1 || '<>!:=≤≥'.includes(s[i - 1]) || '=>'.includes(s[i + 1]);
        kind = joined ? 'other' : 'eq';
        break;
      }
      case 0x2248: // ≈
        kind = 'approx';
        break;
      case 37: // %
        kind = 'percent';
        break;
      case 33: // !
        tokens.push(tok(i + 1 < len && s.charCodeAt(i + 1) === 61 ? 'other' : 'bang', '!', i, end, space));
        i = end;
        space = false;
        continue;
      case 36: // $
        // A LaTeX math delimiter unless a number (or sign, group, command) follows;
        // "= 9$." closes math, "$9", "$.50", "$(3+4)" are money or open math (both harmless).
        kind = currencyAt(s, i) ? 'cur' : 'other';
        break;
      case 0x20ac: // €
      case 0xa3: // £
      case 0xa5: // ¥
        kind = 'cur';
        break;
      case 0x221a: // √
        kind = 'sqrt';
        break;
      default:
        kind = c >= 128 && LETTER.test(s[i]) ? 'var' : 'other';
    }
    tokens.push(tok(kind, end === i + 1 ? s[i] : s.slice(i, end), i, end, space));
    i = end;
    space = false;
  }
  dropContinuationBreaks(tokens);
  resolveWords(tokens);
  return tokens;
}

/** A line break inside a display equation ("= 3 + 4\n= 7") is only whitespace. */
function dropContinuationBreaks(tokens: Token[]): void {
  for (let k = tokens.length - 1; k >= 0; k--) {
    if (tokens[k].kind !== 'nl') continue;
    const prev = tokens[k - 1];
    const next = tokens[k + 1];
    const prevJoins = prev && (prev.kind === 'op' || prev.kind === 'eq' || prev.kind === 'approx' || prev.kind === 'lparen');
    const nextJoins =
      next &&
      (next.kind === 'eq' ||
        next.kind === 'approx' ||
        (next.kind === 'op' && (next.text === '×' || next.text === '/' || tokens[k + 2]?.space === true)));
    if (prevJoins || nextJoins) {
      tokens.splice(k, 1);
      if (next) next.space = true;
    }
  }
}

const endsOperand = (t: Token | undefined) => !!t && (t.kind === 'num' || t.kind === 'rparen' || t.kind === 'percent' || t.kind === 'unit');
const startsOperand = (t: Token | undefined) => !!t && (t.kind === 'num' || t.kind === 'lparen' || t.kind === 'cur' || t.kind === 'sqrt');
const isUnitWord = (t: Token | undefined) => {
  if (!t || t.kind !== 'word' || t.text.length < 2) return false;
  const lower = t.text.toLowerCase();
  return !UNIT_STOP.has(lower) && !SCALE.has(lower);
};
/** Words that may sit inside a unit phrase: "bottles of bleach per client", "$5 a day", "2 lessons each", "50 total students". */
const CONNECTORS = new Set(['of', 'per', 'a', 'an', 'each', 'for', 'in', 'total']);
const MAX_UNIT_TOKENS = 6;
const GLUED_UNITS = new Set(
  'kg km cm mm ml mg lb lbs oz ft in hr hrs min mins sec secs mph kph kmh pm am mi yd yds gal qt pt ms kb mb gb tb sqft deg th st nd rd'.split(' '),
);

function resolveWords(tokens: Token[]): void {
  // Verbal operators first: "3 times 4", "83 plus 91 equals 173", "12 divided by 4".
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    // Every case below is a word.
    if (t.kind !== 'word') continue;
    const lower = t.text.toLowerCase();
    const next = tokens[k + 1];
    if (t.kind === 'word' && (lower === 'divided' || lower === 'multiplied') && next?.kind === 'word' && next.text.toLowerCase() === 'by') {
      t.kind = 'op';
      t.text = lower === 'divided' ? '/' : '×';
      tokens.splice(k + 1, 1);
    } else if (t.kind === 'word' && (lower === 'plus' || lower === 'minus')) {
      t.kind = 'op';
      t.text = lower === 'plus' ? '+' : '-';
    } else if (t.kind === 'word' && lower === 'equals') {
      t.kind = 'eq';
      t.text = '=';
    }
    // Not "is equal to": "2/5 is equal to 12.8 hectares" states a correspondence, not arithmetic.
  }
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const prev = tokens[k - 1];
    const next = tokens[k + 1];
    // Only words and variables are looked at by name.
    const lower = t.kind === 'word' || t.kind === 'var' ? t.text.toLowerCase() : t.text;
    if ((t.kind === 'var' && lower === 'x') || (t.kind === 'word' && lower === 'times')) {
      if (endsOperand(prev) && startsOperand(next)) {
        t.kind = 'op';
        t.text = '×';
      }
      continue;
    }
    if (t.kind === 'word' && lower === 'of' && startsOperand(next)) {
      const simpleFraction = prev?.kind === 'num' && tokens[k - 2]?.text === '/' && tokens[k - 3]?.kind === 'num';
      if (prev?.kind === 'percent' || prev?.kind === 'rparen' || simpleFraction) {
        t.kind = 'op';
        t.text = '×';
      }
      continue;
    }
    if (t.kind === 'word' && (prev?.kind === 'num' || prev?.kind === 'unit') && SCALE.has(lower) && !(lower === 'm' && t.space)) {
      t.kind = 'scale';
      continue;
    }
    if (t.kind === 'var' && (lower === 'k' || lower === 'm') && prev?.kind === 'num' && !t.space && !startsOperand(next) && next?.kind !== 'var') {
      // "5k", "2M"
      t.kind = 'scale';
      continue;
    }
    if (t.kind === 'num' || t.kind === 'percent' || t.kind === 'rparen') markUnitPhrase(tokens, k);
  }
}

/** Marks the unit phrase after a number: "5 apples", "$5/hour", "3 cm^2", "8 bottles of bleach per client". */
function markUnitPhrase(tokens: Token[], k: number): void {
  let last = k;
  let j = k + 1;
  while (j < tokens.length && j - k <= MAX_UNIT_TOKENS) {
    const u = tokens[j];
    if (isUnitWord(u)) last = j;
    else if (u.kind === 'word' && CONNECTORS.has(u.text.toLowerCase())) {
      if (u.text.toLowerCase() === 'each') last = j;
    } else if (u.kind === 'op' && u.text === '/' && !u.space && isUnitWord(tokens[j + 1])) {
      j++;
      last = j;
    } else if (u.kind === 'op' && u.text === '^' && !u.space && last === j - 1 && last > k && tokens[j + 1]?.kind === 'num') {
      j++;
      last = j;
    } else break;
    j++;
  }
  // A phrase starts with a unit word or "/word" ("20% of 50" is not a unit phrase).
  if (last === k || !(isUnitWord(tokens[k + 1]) || tokens[k + 1].kind === 'op')) return;
  // A word glued to a number is a unit only if it is a known abbreviation (5kg, 10cm, 60mph);
  // "2ab", "(1/2)ab", "1Dachshund" are products with unknowns or typos.
  if (!tokens[k + 1].space && tokens[k + 1].kind === 'word' && !GLUED_UNITS.has(tokens[k + 1].text.toLowerCase())) return;
  for (let m = k + 1; m <= last; m++) tokens[m].kind = 'unit';
}

/** Tokens back to readable text ("17 × 24"). */
export function tokensText(tokens: readonly Token[], from: number, to: number): string {
  let out = '';
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    if (t.kind === 'nl') continue;
    out += (k > from && t.space ? ' ' : '') + t.text;
  }
  return out.trim();
}
