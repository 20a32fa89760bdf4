/**
 * The breakpoint's bootstrap interval: rows resampled with the seeded generator, the same
 * estimator on each resample (the hinge search, or the logistic midpoint for a sharp threshold),
 * and the 95 % percentile interval of the estimates.
 */
import { createRng } from '../random';
import { fitHinge, logisticMidpoint, searchHinge, type HingeFit } from './hinge-logistic';
import type { Agg } from './length-groups';
import { percentileSorted, sortedCopy } from './stats';

export type BootstrapInput = {
  /** The rows grouped by length, and each row's group. */
  agg: Agg;
  index: Uint32Array;
  /** 1 for a timed-out row, else 0 (row order). */
  ys: Float64Array;
  scale: number;
  /** The shortest length (the linear-in-x logistic's hinge). */
  xMin: number;
  /** The hinge grid with the original data's fits on it, and the index of the best. */
  grid: readonly number[];
  fits: readonly HingeFit[];
  best: number;
  mode: 'hinge' | 'midpoint';
  resamples: number;
  seed: number;
};

/** Bootstrap search window: grid hinges within this many log-likelihood units of the best. */
const BOOT_WINDOW = 10;

/**
 * Resamples search the grid where the profile is within BOOT_WINDOW log-likelihood units of its
 * best grid value (plus two neighbours each side): hinges further out are practically never
 * chosen, and this keeps 200 resamples of 200k rows to a couple of seconds.
 */
export function bootstrapWindow(grid: readonly number[], fits: readonly HingeFit[], best: number): { grid: number[]; starts: HingeFit[] } {
  const coarseMax = fits[best].pll;
  const near = (i: number) => fits[i].b > 0 && coarseMax - fits[i].pll <= BOOT_WINDOW;
  let wLo = 0;
  let wHi = grid.length - 1;
  while (wLo < best && !near(wLo)) wLo++;
  while (wHi > best && !near(wHi)) wHi--;
  wLo = Math.max(0, wLo - 2);
  wHi = Math.min(grid.length - 1, wHi + 2);
  return { grid: grid.slice(wLo, wHi + 1), starts: fits.slice(wLo, wHi + 1) };
}

/** The estimates of the resamples that have both outcomes and a rising fit; their 95 % interval when there are 2 or more. */
export function bootstrapBreakpoint(input: BootstrapInput): { used: number; interval: [number, number] | null } {
  const { agg, index, ys, scale, xMin, mode } = input;
  const n = ys.length;
  const window = bootstrapWindow(input.grid, input.fits, input.best);
  const rng = createRng(input.seed);
  const u = agg.x.length;
  const bn = new Float64Array(u);
  const bk = new Float64Array(u);
  const boot: number[] = [];
  for (let b = 0; b < input.resamples; b++) {
    bn.fill(0);
    bk.fill(0);
    let bkTotal = 0;
    for (let i = 0; i < n; i++) {
      const j = rng.int(n);
      bn[index[j]]++;
      bk[index[j]] += ys[j];
      bkTotal += ys[j];
    }
    if (bkTotal === 0 || bkTotal === n) continue;
    const bAgg = { x: agg.x, n: bn, k: bk };
    const bp = bkTotal / n;
    const start = { a: Math.log(bp / (1 - bp)), b: 0 };
    if (mode === 'hinge') {
      const res = searchHinge(bAgg, window.grid, scale, start.a, window.starts);
      if (res) boot.push(res.h);
    } else {
      const f = fitHinge(bAgg, xMin, scale, start);
      if (f.b > 0) boot.push(logisticMidpoint(f, xMin, scale));
    }
  }
  if (boot.length < 2) return { used: boot.length, interval: null };
  const s = sortedCopy(boot);
  return { used: boot.length, interval: [percentileSorted(s, 2.5), percentileSorted(s, 97.5)] };
}
