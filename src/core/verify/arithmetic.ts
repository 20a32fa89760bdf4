/**
 * The arithmetic check: every `expression = value` in a step (and every GSM8K calculator
 * annotation `<<48/2=24>>`) is evaluated exactly with BigInt fractions.
 *
 * What it reads, per `=` (or `≈`):
 *   left  = the maximal arithmetic expression immediately left of the sign,
 *   right = the maximal arithmetic expression immediately right of it,
 * so "Sue has 12 + 6 = 18 pink flamingos" checks 12 + 6 = 18, and "a = b = c" checks a = b and b = c.
 *
 * It stays silent (high precision, low recall by design) when:
 *   - either side holds an unknown (a variable, \pi, an irrational root, f(2), \binom…),
 *   - neither side has an operator (x = 5, 1 hour = 60 minutes),
 *   - the expression is cut off by something it does not read (a_1, 101_2, |x|, ⌊…⌋, sin(…), "…"),
 *   - the result is followed by a scale word or remainder ("2.5 million", "58 R 5"), a mixed unit,
 *     or the step does modular or base-n arithmetic,
 *   - a percentage is added to a plain number ("50 + 10%"),
 *   - the shown value is a rounding or truncation of the exact value to the decimals shown
 *     (10/3 = 3.33 and 3.3 pass, 3.4 fails; an integer shown for a fraction may be its floor or ceiling),
 *   - a rounded decimal literal on the left (≥ 2 decimals) could explain the difference (0.33 × 300 = 100).
 */
import * as R from './rational';
import type { Rational } from './rational';
import { evaluate, parseRange, shapeOf, type Interval, type Node, type Shape } from './expression';
import { extractAnnotations, normalizeMath } from './normalize';
import { tokenize, tokensText, type Token } from './tokens';

export type ArithmeticIssue = {
  /** The expression as read ("17 × 24"). */
  expression: string;
  /** The value as written in the step ("418"). */
  stated: string;
  /** The exact value ("408", "10/3 ≈ 3.3333"). */
  exact: string;
  relation: '=' | '≈';
  source: 'text' | 'annotation';
  /** error: an expression = value that is wrong; warning: approximate or chained expressions that disagree. */
  severity: 'error' | 'warning';
  /** Key for de-duplication (same wrong computation in text and annotation). */
  key: string;
};

/** A parsed step: tokens plus the equality chains found in it (shared with the consistency check). */
export type MathText = {
  text: string;
  tokens: Token[];
  /** Base-n arithmetic: "12 + 3 = 20 in base 5". */
  baseN: boolean;
};

/** Words next to an equality that say it fails: "2 + 1 = 1 (False)", "… = 999, which is wrong". */
const REFUTES =
  /\bfalse\b|\bcontradict|\bnot\s+(?:true|equal|possible|valid|correct|satisf\w*|hold\w*)\b|\b(?:does|do|did)(?:n't|\s+not)\s+(?:hold|satisfy|work|equal|match)\b|\bimpossible\b|\bincorrect\b|\bwrong\b|\bmistake\b|\bmiscalculat|\bnot\s+(?:right|the\s+case)\b|\?\s*(?:no|false)\b/i;
/** How far (characters) around an equality such words count. */
const REFUTE_WINDOW = 60;

export function readMath(text: string): MathText {
  const norm = normalizeMath(text);
  return {
    text: norm,
    tokens: tokenize(norm),
    baseN: /\bbase[- ]?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|sixteen)\b|\b(?:binary|octal|hexadecimal)\b/i.test(norm),
  };
}

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

type Side = { node: Node; shape: Shape; text: string; exact: Interval; widened: Interval };

function side(tokens: readonly Token[], from: number, to: number, widenFrom: number): Side | null {
  const node = parseRange(tokens, from, to);
  if (!node) return null;
  const exact = evaluate(node);
  if (!exact) return null;
  const widened = evaluate(node, widenFrom) ?? exact;
  return { node, shape: shapeOf(node), text: tokensText(tokens, from, to), exact, widened };
}

const pow10 = (d: number): Rational => R.rat(1n, 10n ** BigInt(d))!;

type Range = { lo: Rational; hi: Rational; loOpen: boolean; hiOpen: boolean };

/** The values that `stated` (shown with `dec` decimals) may honestly stand for. */
const closed = (lo: Rational, hi: Rational): Range => ({ lo, hi, loOpen: false, hiOpen: false });

function acceptance(stated: Rational, dec: number, exactIsInteger: boolean, approx: boolean): Range {
  if (dec === Infinity) return closed(stated, stated);
  if (approx) {
    let unit: Rational;
    if (dec > 0) unit = pow10(dec);
    else {
      let zeros = 0;
      let n = R.absR(stated).n;
      while (n > 0n && n % 10n === 0n) {
        n /= 10n;
        zeros++;
      }
      unit = R.rat(10n ** BigInt(zeros))!;
    }
    const rel = R.mul(R.absR(stated), R.rat(2n, 100n)!)!;
    const tol = R.cmp(rel, unit) > 0 ? rel : unit;
    return closed(R.sub(stated, tol)!, R.add(stated, tol)!);
  }
  if (dec === 0) {
    // An integer for an integer must be exact (up to rounded literals on the left, see
    // `matches`); for a fraction it may be rounded, floored or ceiled.
    if (exactIsInteger) return closed(stated, stated);
    return { lo: R.sub(stated, R.ONE)!, hi: R.add(stated, R.ONE)!, loOpen: true, hiOpen: true };
  }
  // Rounded (half a unit either side) or truncated towards zero (up to one unit away from zero).
  const u = pow10(dec);
  const half = R.rat(1n, 2n * 10n ** BigInt(dec))!;
  return R.cmp(stated, R.ZERO) >= 0
    ? { lo: R.sub(stated, half)!, hi: R.add(stated, u)!, loOpen: false, hiOpen: true }
    : { lo: R.sub(stated, u)!, hi: R.add(stated, half)!, loOpen: true, hiOpen: false };
}

function overlaps(iv: Interval, r: Range): boolean {
  const a = R.cmp(iv.hi, r.lo);
  const b = R.cmp(iv.lo, r.hi);
  return (r.loOpen ? a > 0 : a >= 0) && (r.hiOpen ? b < 0 : b <= 0);
}

const scaleBy = (iv: Interval, f: Rational): Interval => {
  const a = R.mul(iv.lo, f)!;
  const b = R.mul(iv.hi, f)!;
  return { v: R.mul(iv.v, f)!, lo: R.cmp(a, b) <= 0 ? a : b, hi: R.cmp(a, b) <= 0 ? b : a };
};

/** Does the expression's value match the stated value, allowing rounding and percent scale? */
function matches(expr: Side, stated: NonNullable<Shape['stated']>, approx: boolean, percentInvolved: boolean, tol: Rational | null): { ok: boolean; shown: Rational } {
  const scales = percentInvolved ? [R.ONE, R.HUNDRED, R.rat(1n, 100n)!] : [R.ONE];
  let best: Rational | null = null;
  for (const f of scales) {
    const iv = widen(scaleBy(expr.widened, f), tol);
    const exact = R.mul(expr.exact.v, f)!;
    const acc = acceptance(stated.v, stated.dec, R.isInteger(exact), approx);
    if (overlaps(iv, acc)) return { ok: true, shown: exact };
    if (!best || R.cmp(R.absR(R.sub(exact, stated.v)!), R.absR(R.sub(best, stated.v)!)) < 0) best = exact;
  }
  return { ok: false, shown: best! };
}

/** Units of one dimension that convert into each other: mixing them needs a conversion we do not do. */
const FAMILIES: Record<string, string> = {};
for (const [family, words] of Object.entries({
  time: 'second minute hour day week month year decade century',
  length: 'mm cm meter km inch foot yard mile',
  mass: 'mg g kg pound ounce ton tonne',
  volume: 'ml milliliter millilitre liter cup gallon quart pint tablespoon teaspoon',
  money: 'cent $ nickel dime',
})) {
  for (const w of words.split(' ')) FAMILIES[w] = family;
}

const heads = (sh: Shape): string[] => [...sh.units].filter((u) => !u.startsWith('/')).concat(sh.hasCurrency ? ['$'] : []);
const allUnits = (sh: Shape): string[] => [...sh.units].map((u) => u.replace(/^\//, '')).concat(sh.hasCurrency ? ['$'] : []);

/**
 * A unit conversion is involved, which we do not do: "2 hours + 30 minutes", "50 cents + $1"
 * (one family added in two units), or "2 × 60 minutes = 2 hours" (the result in a unit of the
 * same family that the left side never mentions).
 */
function unitsMixed(L: Shape, Rs: Shape): boolean {
  for (const sh of [L, Rs]) {
    if (!(sh.ops.has('+') || sh.ops.has('-'))) continue;
    const seen = new Map<string, string>();
    for (const u of heads(sh)) {
      const f = FAMILIES[u];
      if (!f) continue;
      if (seen.has(f) && seen.get(f) !== u) return true;
      seen.set(f, u);
    }
  }
  const left = allUnits(L);
  for (const u of heads(Rs)) {
    const f = FAMILIES[u];
    if (f && !left.includes(u) && left.some((x) => FAMILIES[x] === f)) return true;
  }
  const right = allUnits(Rs);
  for (const u of heads(L)) {
    const f = FAMILIES[u];
    if (f && right.length > 0 && !right.includes(u) && right.some((x) => FAMILIES[x] === f) && !left.some((x) => right.includes(x))) return true;
  }
  return false;
}

function toleranceRational(t: number): Rational | null {
  if (!(t > 0) || !Number.isFinite(t)) return null;
  return R.rat(BigInt(Math.round(Math.min(t, 1) * 1e6)), 1_000_000n);
}

const TWO_PERCENT = R.rat(2n, 100n)!;
const maxTol = (a: Rational | null, b: Rational) => (a && R.cmp(a, b) > 0 ? a : b);

/** Widens an interval by a relative tolerance of its magnitude. */
function widen(iv: Interval, tol: Rational | null): Interval {
  if (!tol) return iv;
  const m = R.mul(R.cmp(R.absR(iv.lo), R.absR(iv.hi)) > 0 ? R.absR(iv.lo) : R.absR(iv.hi), tol)!;
  return { v: iv.v, lo: R.sub(iv.lo, m)!, hi: R.add(iv.hi, m)! };
}

// (Module-level helpers rather than closures in checkMath: they run for every step.)
const near = (m: MathText, k: number, end: number, before: number, after: number) =>
  m.text.slice(Math.max(0, m.tokens[k].start - before), (m.tokens[end - 1]?.end ?? m.tokens[k].end) + after);

/** Refutation words close after the equality or later in the same sentence ("… ⟹ 80 = 256, which is false."). */
function refuted(m: MathText, k: number, end: number): boolean {
  const { tokens } = m;
  const from = (tokens[end - 1]?.end ?? tokens[k].end);
  const rest = m.text.slice(from, from + 300);
  const stop = /[.!?](?:\s|$)/.exec(rest);
  const sentence = rest.slice(0, Math.max(stop ? stop.index : rest.length, REFUTE_WINDOW));
  return REFUTES.test(m.text.slice(Math.max(0, tokens[k].start - 20), from) + sentence);
}

/** Modular arithmetic next to the equality: "3 + 4 = 2 (mod 5)", "5 · 8 = 40 ≡ 1". */
const modular = (m: MathText, k: number, end: number) => /≡|\bmod(?:ulo)?\b|\bcongruent\b/i.test(near(m, k, end, 40, 30));

/** Checks one piece of normalised text; `source` tells where it came from. */
function checkMath(m: MathText, source: 'text' | 'annotation', approxMode: 'lenient' | 'skip', tol: Rational | null = null): ArithmeticIssue[] {
  const { tokens } = m;
  const issues: ArithmeticIssue[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const sign = tokens[k];
    if (sign.kind !== 'eq' && sign.kind !== 'approx') continue;
    const approx = sign.kind === 'approx';
    if (approx && approxMode === 'skip') continue;
    const lr = leftRange(tokens, k);
    const rr = rightRange(tokens, k);
    if (!lr || !rr) continue;
    // What follows the right side: a remainder, a scale word, a variable or a repeating decimal.
    const after = rr.after;
    let lenient = approx;
    if (after) {
      if (after.kind === 'other' && after.text === '…') {
        // "= 7.5 + 3.333… + 0.625": the right side goes on beyond what we read.
        if (tokens.slice(rr.from, rr.to).some((t) => t.kind === 'op' && t.text !== '/')) continue;
        lenient = true;
      }
      if (after.kind === 'word' && /^(?:r|rem|remainder|remainders)$/i.test(after.text)) continue;
      // "= 3 and 1/2"
      if (after.kind === 'word' && after.text.toLowerCase() === 'and' && tokens[rr.to + 1]?.kind === 'num' && tokens[rr.to + 2]?.text === '/') continue;
      if (after.kind === 'scale' || after.kind === 'sqrt' || after.kind === 'bang') continue;
      if (!after.space && (after.kind === 'word' || after.kind === 'var' || (after.kind === 'other' && (after.text === '_' || after.text === '|')))) continue;
      if (after.kind === 'lparen' && !after.space) continue;
      // "= 12 15", "= 5 1/2…" (but not "= 90 boys in Grade 5").
      if (after.kind === 'num' && tokens[rr.to - 1]?.kind !== 'unit') continue;
    }
    const L = side(tokens, lr.from, lr.to, 2);
    const Rt = side(tokens, rr.from, rr.to, 2);
    if (!L || !Rt) continue;
    if (L.shape.hasScale || Rt.shape.hasScale) continue;
    if (L.shape.ambiguousPercent || Rt.shape.ambiguousPercent) continue;
    if (unitsMixed(L.shape, Rt.shape)) continue;
    const percentInvolved = L.shape.hasPercent || Rt.shape.hasPercent;

    let expr: Side;
    let stated: NonNullable<Shape['stated']>;
    let valueSide: Side;
    if (L.shape.hasOp && Rt.shape.isValue) {
      expr = L;
      stated = Rt.shape.stated!;
      valueSide = Rt;
    } else if (!L.shape.hasOp && L.shape.isValue && Rt.shape.hasOp) {
      // "194 = 11 × 17 + 9". Not for "2 hours = 2 × 60" (a conversion) or run-ons "2 = 2 × 60".
      if (L.shape.units.size > 0 || L.shape.hasCurrency || L.shape.stated!.percent || Rt.shape.hasPercent) continue;
      // The number must stand alone ("Multiples of 3 or 5 = 100 + 60 - 20" is a label ending in 5)
      // and the right side must end there ("720 = 6/2 [2a + 5d]").
      const stop = tokens[lr.from - 1];
      if (stop && (stop.kind === 'word' || stop.kind === 'unit' || stop.kind === 'var')) continue;
      if (after && (after.kind === 'lparen' || after.kind === 'var' || after.kind === 'word' && !after.space)) continue;
      if (Rt.shape.first && R.eq(Rt.shape.first, L.shape.stated!.v)) continue;
      expr = Rt;
      stated = L.shape.stated!;
      valueSide = L;
    } else if (L.shape.hasOp && Rt.shape.hasOp) {
      // Both sides are expressions: only the disagreement of their values, with any decimal literal
      // allowed to be rounded; "3 × 4 = 12 + 3 = 15" (a run-on chain) is not an error.
      if (Rt.shape.first && R.eq(Rt.shape.first, L.exact.v)) continue;
      // For "5508^3 ≈ 5500^3" a 2 % relative tolerance.
      const Lw = widen(evaluate(L.node, 1) ?? L.exact, approx ? maxTol(tol, TWO_PERCENT) : tol);
      const Rw = evaluate(Rt.node, 1) ?? Rt.exact;
      const scales = percentInvolved ? [R.ONE, R.HUNDRED, R.rat(1n, 100n)!] : [R.ONE];
      if (scales.some((f) => overlaps(scaleBy(Lw, f), { lo: Rw.lo, hi: Rw.hi, loOpen: false, hiOpen: false }))) continue;
      if (refuted(m, k, rr.to) || modular(m, k, rr.to)) continue;
      issues.push({
        expression: L.text,
        stated: Rt.text,
        exact: `${R.formatExact(L.exact.v)} vs ${R.formatExact(Rt.exact.v)}`,
        relation: approx ? '≈' : '=',
        source,
        severity: 'warning',
        key: `${R.formatExact(L.exact.v)}|${Rt.text}`,
      });
      continue;
    } else continue;

    const { ok, shown } = matches(expr, stated, lenient, percentInvolved, tol);
    if (ok || refuted(m, k, rr.to) || modular(m, k, rr.to)) continue;
    const exactText = R.formatExact(shown) + (stated.percent && !R.eq(shown, expr.exact.v) ? '%' : '');
    issues.push({
      expression: expr.text,
      stated: (valueSide.shape.hasCurrency ? '$' : '') + stated.text,
      exact: exactText,
      relation: approx ? '≈' : '=',
      source,
      severity: lenient ? 'warning' : 'error',
      key: `${R.formatExact(expr.exact.v)}|${stated.v.n}/${stated.v.d}`,
    });
  }
  return m.baseN ? [] : issues;
}

export type ArithmeticOptions = {
  approximate: 'lenient' | 'skip';
  /** Relative tolerance on top of rounding (0 = exact). */
  tolerance?: number;
};

function addNew(out: ArithmeticIssue[], seen: Set<string>, list: ArithmeticIssue[]): void {
  for (const issue of list) {
    if (seen.has(issue.key)) continue;
    seen.add(issue.key);
    out.push(issue);
  }
}

/** All arithmetic issues of one step (text and calculator annotations), de-duplicated. */
export function checkArithmetic(stepText: string, options: ArithmeticOptions = { approximate: 'lenient' }, math?: MathText): ArithmeticIssue[] {
  const tol = toleranceRational(options.tolerance ?? 0);
  const { visible, annotations } = extractAnnotations(stepText);
  const out: ArithmeticIssue[] = [];
  const seen = new Set<string>();
  addNew(out, seen, checkMath(math ?? readMath(visible), 'text', options.approximate, tol));
  for (const a of annotations) {
    const lhs = a.lhs.trim();
    const rhs = a.rhs.trim();
    if (!lhs || !rhs) continue;
    addNew(out, seen, checkMath(readMath(`${lhs} = ${rhs}`), 'annotation', options.approximate, tol));
  }
  return out;
}

/** The visible text of a step with calculator annotations removed, parsed once for all checks. */
export function readStep(stepText: string): MathText {
  return readMath(extractAnnotations(stepText).visible);
}
