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
const ORDINAL = /^(?:st|nd|rd|th)\b/;

const NUMBER = /^(?:\d{1,3}(?:,\d{3})+(?![\d])|\d+)(?:\.\d+)?|^\.\d+/;

export function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let space = true;
  const push = (kind: TokenKind, text: string, len: number, extra?: Partial<Token>) => {
    tokens.push({ kind, text, start: i, end: i + len, space, ...extra });
    i += len;
    space = false;
  };
  while (i < s.length) {
    const ch = s[i];
    if (ch === '\n') {
      push('nl', '\n', 1);
      space = true;
      continue;
    }
    if (/\s/.test(ch)) {
      i++;
      space = true;
      continue;
    }
    const rest = s.slice(i, i + 64);
    if (/[\d.]/.test(ch)) {
      const m = NUMBER.exec(rest);
      if (m) {
        const after = s.slice(i + m[0].length, i + m[0].length + 3);
        if (ORDINAL.test(after)) {
          const w = /^[A-Za-z]+/.exec(after)![0];
          push('word', m[0] + w, m[0].length + w.length);
          continue;
        }
        const plain = m[0].replace(/,/g, '');
        const dot = plain.indexOf('.');
        push('num', m[0], m[0].length, { value: parseDecimal(plain) ?? undefined, decimals: dot < 0 ? 0 : plain.length - dot - 1 });
        continue;
      }
    }
    if (/[A-Za-z]/.test(ch)) {
      const m = /^[A-Za-z]+(?:'[A-Za-z]+)?/.exec(rest)!;
      const w = m[0];
      // "a", "A", "I" are words unless they touch math: 3a, a^2, (a, a+1.
      const before = /\S?\s*$/.exec(s.slice(Math.max(0, i - 3), i))![0].trim();
      const after = /^\s*\S?/.exec(s.slice(i + 1, i + 4))![0].trim();
      const touchesMath = /[\d()^_]/.test(s[i - 1] ?? ' ') || /[\d()^_]/.test(s[i + 1] ?? ' ') || /^[+\-×/=^<>≤≥]$/.test(after) || /^[+\-×/=^]$/.test(before);
      push(w.length === 1 && (!/^[aAI]$/.test(w) || touchesMath) ? 'var' : 'word', w, w.length);
      continue;
    }
    if (ch === '\\') {
      const m = /^\\[A-Za-z]+/.exec(rest);
      push(m ? 'var' : 'other', m ? m[0] : ch, m ? m[0].length : 1);
      continue;
    }
    switch (ch) {
      case '+':
      case '-':
      case '×':
      case '/':
      case '^':
        push('op', ch, 1);
        continue;
      case '(':
      case '[':
        push('lparen', '(', 1);
        continue;
      case ')':
      case ']':
        push('rparen', ')', 1);
        continue;
      case '=': {
        const prev = s[i - 1] ?? '';
        const next = s[i + 1] ?? '';
        if ('<>!:=≤≥'.includes(prev) || '=>'.includes(next)) push('other', ch, 1);
        else push('eq', '=', 1);
        continue;
      }
      case '≈':
        push('approx', '≈', 1);
        continue;
      case '%':
        push('percent', '%', 1);
        continue;
      case '!':
        push(s[i + 1] === '=' ? 'other' : 'bang', '!', 1);
        continue;
      case '$':
        // A LaTeX math delimiter unless a number (or sign, group, command) follows;
        // "= 9$." closes math, "$9", "$.50", "$(3+4)" are money or open math (both harmless).
        push(/^(?:\d|\.\d|-[\d.]|\(|\\)/.test(s.slice(i + 1, i + 3)) && !/[\w)]/.test(s[i - 1] ?? ' ') ? 'cur' : 'other', ch, 1);
        continue;
      case '€':
      case '£':
      case '¥':
        push('cur', ch, 1);
        continue;
      case '√':
        push('sqrt', ch, 1);
        continue;
    }
    if (/\p{L}/u.test(ch)) {
      push('var', ch, 1);
      continue;
    }
    push('other', ch, 1);
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
const isUnitWord = (t: Token | undefined) => !!t && t.kind === 'word' && t.text.length >= 2 && !UNIT_STOP.has(t.text.toLowerCase()) && !SCALE.has(t.text.toLowerCase());
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
    const lower = t.text.toLowerCase();
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
