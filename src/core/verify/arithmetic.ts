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
 *
 * Modules: equation-sides.ts (where each side begins and ends), expression.ts (parse, value,
 * shape), unit-families.ts (mixed units), value-match.ts (stated vs exact value); `checkMath`
 * below applies the guards in order.
 */
import * as R from './rational';
import type { Rational } from './rational';
import { leftRange, rightRange } from './equation-sides';
import { evaluate, parseRange, shapeOf, type Interval, type Node, type Shape } from './expression';
import { extractAnnotations, normalizeMath } from './normalize';
import { tokenize, tokensText, type Token } from './lexer';
import { unitsMixed } from './unit-families';
import { matches, maxTol, overlaps, scaleBy, toleranceRational, TWO_PERCENT, widen } from './value-match';

export { leftRange, rightRange } from './equation-sides';

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

type Side = { node: Node; shape: Shape; text: string; exact: Interval; widened: Interval };

function side(tokens: readonly Token[], from: number, to: number, widenFrom: number): Side | null {
  const node = parseRange(tokens, from, to);
  if (!node) return null;
  const exact = evaluate(node);
  if (!exact) return null;
  const widened = evaluate(node, widenFrom) ?? exact;
  return { node, shape: shapeOf(node), text: tokensText(tokens, from, to), exact, widened };
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
