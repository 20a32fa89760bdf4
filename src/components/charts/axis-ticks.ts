import { niceTicks } from '../../core/report/svg';

/**
 * Ticks chosen up front for an axis drawn with `interval={0}` (every given tick shown). Left to
 * itself, recharts measures every candidate label in the DOM (a forced layout per label, for the
 * axis and again for the grid) to decide which fit; with the ticks given and interval 0 it
 * measures none — that measuring was most of a chart's first draw.
 */

/** Round ticks (1, 2 or 5 × 10ⁿ apart, about `count` of them) inside [lo, hi]; integers only when asked. */
export function linearTicks(lo: number, hi: number, count = 5, integer = false): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (!(hi > lo)) return [lo];
  const eps = (hi - lo) * 1e-9;
  const ticks = niceTicks(lo, hi, count).filter((t) => t >= lo - eps && t <= hi + eps && (!integer || Number.isInteger(t)));
  return ticks.length ? ticks : [lo, hi];
}

/** Ticks of a log axis over [lo, hi] (lo > 0): the powers of ten, with 2× and 5× when it spans two decades or fewer. */
export function logTicks(lo: number, hi: number): number[] {
  if (!(lo > 0) || !Number.isFinite(hi) || !(hi >= lo)) return [];
  const first = Math.floor(Math.log10(lo));
  const last = Math.ceil(Math.log10(hi));
  const steps = last - first <= 2 ? [1, 2, 5] : [1];
  const out: number[] = [];
  for (let e = first; e <= last; e++)
    for (const m of steps) {
      const v = Number((m * 10 ** e).toPrecision(12));
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
    }
  return out.length >= 2 ? out : linearTicks(lo, hi);
}

/** The smallest and largest finite value of `key` over `rows` ([NaN, NaN] when none). */
export function extent<T>(rows: readonly T[], key: (row: T) => number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) {
    const v = key(r);
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [NaN, NaN];
}
