/**
 * Rows grouped by distinct length (binomial counts per group), and the grid of candidate hinges
 * (distinct type-7 quantiles 5 %…95 % of the lengths), shared by the hinge-logistic fit and the
 * segmented least-squares cross-check.
 */
import { percentileSorted } from './stats';

/** Binomial data aggregated by distinct length. */
export type Agg = { x: Float64Array; n: Float64Array; k: Float64Array };

/**
 * Aggregate rows by distinct length. With more than `maxGroups` distinct lengths, neighbouring
 * lengths are merged into groups of about n / maxGroups rows (a distinct length is never split),
 * each represented by its mean length: the logistic fits then cost O(groups), not O(rows).
 */
export function aggregate(xs: ArrayLike<number>, ys: ArrayLike<number>, maxGroups = Infinity): { agg: Agg; index: Uint32Array } {
  const n = xs.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((p, q) => xs[p] - xs[q]);
  let distinct = 0;
  for (let r = 0; r < n; r++) if (r === 0 || xs[order[r]] !== xs[order[r - 1]]) distinct++;
  const target = distinct > maxGroups ? n / maxGroups : 0;
  const gx: number[] = [];
  const gn: number[] = [];
  const gk: number[] = [];
  const index = new Uint32Array(n);
  for (let r = 0; r < n; r++) {
    const i = order[r];
    const newValue = r === 0 || xs[i] !== xs[order[r - 1]];
    if (r === 0 || (newValue && (target === 0 || gn[gn.length - 1] >= target))) {
      gx.push(0);
      gn.push(0);
      gk.push(0);
    }
    const g = gn.length - 1;
    gx[g] += xs[i];
    gn[g]++;
    gk[g] += ys[i];
    index[i] = g;
  }
  for (let g = 0; g < gx.length; g++) gx[g] /= gn[g];
  return { agg: { x: Float64Array.from(gx), n: Float64Array.from(gn), k: Float64Array.from(gk) }, index };
}

export function hingeGrid(sortedX: Float64Array, size: number): number[] {
  const max = sortedX[sortedX.length - 1];
  const grid: number[] = [];
  for (let i = 0; i < size; i++) {
    const p = 5 + (90 * i) / Math.max(1, size - 1);
    const h = percentileSorted(sortedX, p);
    if (h < max && (grid.length === 0 || h > grid[grid.length - 1])) grid.push(h);
  }
  return grid;
}
