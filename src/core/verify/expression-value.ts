/**
 * Exact evaluation of a parsed expression with BigInt fractions, as an interval when rounded
 * decimal literals are allowed to vary. Unknowns (variables, \pi, irrational roots) make the
 * value `null`: the checks never guess.
 */
import type { Node } from './expression';
import * as R from './rational';
import type { Rational } from './rational';

/**
 * Could this literal be a rounded value (0.33, 3.14, 11.5098)? Money ($4.99) and round
 * decimals ending in 0 or 5 (0.05, 0.25, 2.50) are taken as exact.
 */
function mayBeRounded(node: Extract<Node, { t: 'num' }>, widenFrom: number): boolean {
  if (node.dec === Infinity || node.dec < widenFrom || node.cur) return false;
  const last = node.text[node.text.length - 1];
  return last !== '0' && last !== '5';
}

/** A value with the interval it may stand for when rounded literals are allowed to vary. */
export type Interval = { v: Rational; lo: Rational; hi: Rational };

const point = (v: Rational): Interval => ({ v, lo: v, hi: v });

function combine(a: Interval, b: Interval, f: (x: Rational, y: Rational) => Rational | null): Interval | null {
  const v = f(a.v, b.v);
  if (!v) return null;
  if (a.lo === a.hi && b.lo === b.hi) return point(v);
  const c = [f(a.lo, b.lo), f(a.lo, b.hi), f(a.hi, b.lo), f(a.hi, b.hi)];
  if (c.some((x) => x === null)) return null;
  const xs = c as Rational[];
  let lo = xs[0];
  let hi = xs[0];
  for (const x of xs) {
    if (R.cmp(x, lo) < 0) lo = x;
    if (R.cmp(x, hi) > 0) hi = x;
  }
  return { v, lo, hi };
}

const spansZero = (a: Interval) => R.cmp(a.lo, R.ZERO) <= 0 && R.cmp(a.hi, R.ZERO) >= 0;

/**
 * Exact value of a node; with `widenFrom` = d, every decimal literal with at least d decimals
 * that may be rounded (see mayBeRounded) stands for [x − 10^-d, x + 10^-d], so
 * "0.33 × 300 = 100" is not called wrong. Returns null for unknowns or undefined results.
 */
export function evaluate(node: Node, widenFrom = Infinity): Interval | null {
  switch (node.t) {
    case 'num': {
      if (mayBeRounded(node, widenFrom)) {
        const ulp = R.rat(1n, 10n ** BigInt(node.dec))!;
        return { v: node.v, lo: R.sub(node.v, ulp)!, hi: R.add(node.v, ulp)! };
      }
      return point(node.v);
    }
    case 'var':
      return null;
    case 'group':
      return evaluate(node.e, widenFrom);
    case 'neg': {
      const e = evaluate(node.e, widenFrom);
      return e && { v: R.neg(e.v), lo: R.neg(e.hi), hi: R.neg(e.lo) };
    }
    case 'pct': {
      const e = evaluate(node.e, widenFrom);
      return e && combine(e, point(R.HUNDRED), R.div);
    }
    case 'fact':
    case 'sqrt': {
      const e = evaluate(node.e, widenFrom);
      if (!e) return null;
      const v = node.t === 'fact' ? R.factorial(e.v) : R.sqrt(e.v);
      return v && point(v);
    }
    case 'bin': {
      const l = evaluate(node.l, widenFrom);
      const r = evaluate(node.r, widenFrom);
      if (!l || !r) return null;
      switch (node.op) {
        case '+':
          return combine(l, r, R.add);
        case '-':
          return combine(l, r, R.sub);
        case '×':
          return combine(l, r, R.mul);
        case '/':
          if (r.lo !== r.hi && spansZero(r)) return null;
          return combine(l, r, R.div);
        case '^': {
          if (r.lo !== r.hi) return null;
          const v = R.pow(l.v, r.v);
          if (!v) return null;
          if (l.lo === l.hi) return point(v);
          const a = R.pow(l.lo, r.v);
          const b = R.pow(l.hi, r.v);
          if (!a || !b) return null;
          let lo = R.cmp(a, b) < 0 ? a : b;
          const hi = R.cmp(a, b) < 0 ? b : a;
          if (spansZero(l) && r.v.d === 1n && r.v.n % 2n === 0n) lo = R.ZERO;
          return { v, lo, hi };
        }
      }
    }
  }
}
