/**
 * Does a computed value match the value a step states? The stated value may honestly stand for
 * a range (rounded or truncated to the decimals shown, ≈ within 2 %, a percentage read at either
 * scale), and rounded literals on the left widen the computed interval.
 */
import type { Interval, Shape } from './expression';
import * as R from './rational';
import type { Rational } from './rational';

export const pow10 = (d: number): Rational => R.rat(1n, 10n ** BigInt(d))!;

export type Range = { lo: Rational; hi: Rational; loOpen: boolean; hiOpen: boolean };

/** The values that `stated` (shown with `dec` decimals) may honestly stand for. */
export const closed = (lo: Rational, hi: Rational): Range => ({ lo, hi, loOpen: false, hiOpen: false });

export function acceptance(stated: Rational, dec: number, exactIsInteger: boolean, approx: boolean): Range {
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

export function overlaps(iv: Interval, r: Range): boolean {
  const a = R.cmp(iv.hi, r.lo);
  const b = R.cmp(iv.lo, r.hi);
  return (r.loOpen ? a > 0 : a >= 0) && (r.hiOpen ? b < 0 : b <= 0);
}

export const scaleBy = (iv: Interval, f: Rational): Interval => {
  const a = R.mul(iv.lo, f)!;
  const b = R.mul(iv.hi, f)!;
  return { v: R.mul(iv.v, f)!, lo: R.cmp(a, b) <= 0 ? a : b, hi: R.cmp(a, b) <= 0 ? b : a };
};

/** Does the expression's value match the stated value, allowing rounding and percent scale? */
export function matches(expr: { exact: Interval; widened: Interval }, stated: NonNullable<Shape['stated']>, approx: boolean, percentInvolved: boolean, tol: Rational | null): { ok: boolean; shown: Rational } {
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

export function toleranceRational(t: number): Rational | null {
  if (!(t > 0) || !Number.isFinite(t)) return null;
  return R.rat(BigInt(Math.round(Math.min(t, 1) * 1e6)), 1_000_000n);
}

export const TWO_PERCENT = R.rat(2n, 100n)!;
export const maxTol = (a: Rational | null, b: Rational) => (a && R.cmp(a, b) > 0 ? a : b);

/** Widens an interval by a relative tolerance of its magnitude. */
export function widen(iv: Interval, tol: Rational | null): Interval {
  if (!tol) return iv;
  const m = R.mul(R.cmp(R.absR(iv.lo), R.absR(iv.hi)) > 0 ? R.absR(iv.lo) : R.absR(iv.hi), tol)!;
  return { v: iv.v, lo: R.sub(iv.lo, m)!, hi: R.add(iv.hi, m)! };
}

