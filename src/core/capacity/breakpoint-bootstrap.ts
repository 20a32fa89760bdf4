/**
 * The breakpoint's bootstrap interval: the data resampled with the seeded generator, the same
 * estimator on each resample (the hinge search, or the logistic midpoint for a sharp threshold),
 * and the 95 % percentile interval of the estimates.
 *
 * The estimator sees the data only through per-length counts (requests and timeouts per group),
 * so a resample is drawn on those counts: drawing n rows with replacement is a multinomial draw
 * of n over the (group, outcome) cells with probabilities count / n, made here by conditional
 * binomials in O(groups) — the cost no longer grows with the number of rows. `resample: 'rows'`
 * keeps the per-row draw (O(rows) per resample); the tests check that the two agree.
 */
import { createRng, multinomialCounts } from '../random';
import { fitHinge, logisticMidpoint, searchHinge, type HingeFit } from './hinge-logistic';
import type { Agg } from './length-groups';
import { percentileSorted, sortedCopy } from './stats';

export type BootstrapInput = {
  /** The rows grouped by length. */
  agg: Agg;
  /** Each row's group and 1 for a timed-out row, else 0 (row order): only for `resample: 'rows'`. */
  index?: Uint32Array;
  ys?: Float64Array;
  /** 'counts' (default): multinomial over the (group, outcome) counts; 'rows': rows drawn one by one. */
  resample?: 'counts' | 'rows';
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
  const { agg, scale, xMin, mode } = input;
  const byRows = input.resample === 'rows';
  const { index, ys } = input;
  if (byRows && (!index || !ys)) throw new Error("bootstrapBreakpoint: resample 'rows' needs index and ys");
  const u = agg.x.length;
  let n = 0;
  for (let g = 0; g < u; g++) n += agg.n[g];
  const window = bootstrapWindow(input.grid, input.fits, input.best);
  const rng = createRng(input.seed);
  const bn = new Float64Array(u);
  const bk = new Float64Array(u);
  // Cells 0…u−1: finished in time per group; u…2u−1: timed out per group.
  const cells = new Float64Array(2 * u);
  for (let g = 0; g < u; g++) {
    cells[g] = agg.n[g] - agg.k[g];
    cells[u + g] = agg.k[g];
  }
  const drawn = new Float64Array(2 * u);
  const boot: number[] = [];
  for (let b = 0; b < input.resamples; b++) {
    let bkTotal = 0;
    if (byRows) {
      const rows = ys as Float64Array;
      const groups = index as Uint32Array;
      bn.fill(0);
      bk.fill(0);
      for (let i = 0; i < rows.length; i++) {
        const j = rng.int(rows.length);
        bn[groups[j]]++;
        bk[groups[j]] += rows[j];
        bkTotal += rows[j];
      }
    } else {
      multinomialCounts(rng, n, cells, drawn);
      for (let g = 0; g < u; g++) {
        bk[g] = drawn[u + g];
        bn[g] = drawn[g] + drawn[u + g];
        bkTotal += bk[g];
      }
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
