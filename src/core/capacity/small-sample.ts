/**
 * The breakpoint for small samples (the 100-query exercise): instead of refusing below the full
 * analysis' 200 rows, give an estimate with an honest, wider interval when the data identify
 * one, and say how many more runs would narrow it. At 200 rows or more this is exactly
 * detectBreakpoint.
 *
 * Between SMALL_MIN_ROWS and FULL_ROWS rows:
 * - the full estimator runs with the lower row minimum (the 10-timeout minimum stays);
 * - "found": the interval is the union of the bootstrap and profile-likelihood intervals (at
 *   this size the percentile bootstrap alone is too optimistic);
 * - "no-threshold" with a significant rise (Davies p < alpha): a small sample cannot place the
 *   onset of the rise, but it can place where half the requests time out, so the estimate is the
 *   logistic midpoint −a/b of the linear-logistic fit, with a bootstrap interval of the same
 *   estimator (rows resampled with the seeded PRNG), joined with the range where the fitted
 *   timeout probability rises from 25 % to 75 %;
 * - every outcome says how many more runs would help: an interval's half-width shrinks as 1/√n,
 *   so reaching ±10 % of the estimate needs n·(half-width / (0.1·estimate))² runs (at least the
 *   full analysis' 200); too few timeouts need n·10/k runs at the observed timeout rate k/n.
 */
import { detectBreakpoint, type BreakpointOptions, type BreakpointResult, type BreakpointRow } from './breakpoint';
import { createRng } from '../random';
import { percentileSorted, sortedCopy } from './stats';

export const FULL_ROWS = 200;
export const SMALL_MIN_ROWS = 30;
const MIN_TIMEOUTS = 10;

export type SmallSample = {
  n: number;
  fullRows: number;
  /** More runs (at the same mix) that would narrow the interval to about ±10 %, or reach the minimums. */
  moreRuns: number;
  note: string;
};

export type SmallSampleBreakpoint = BreakpointResult & { smallSample?: SmallSample };

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1));

/** Runs for ±10 % of the estimate, from the current half-width (1/√n scaling); at least the full analysis' row count. */
export function runsToNarrow(n: number, estimate: number, interval: [number, number]): number {
  const half = (interval[1] - interval[0]) / 2;
  const target = 0.1 * Math.abs(estimate);
  const needed = target > 0 ? Math.ceil(n * (half / target) ** 2) : n;
  return Math.max(0, Math.max(needed, FULL_ROWS) - n);
}

export function detectBreakpointSmallSample(rows: readonly BreakpointRow[], options: BreakpointOptions = {}): SmallSampleBreakpoint {
  const valid = rows.filter((r) => Number.isFinite(r.steps));
  const n = valid.length;
  const fullRows = options.minRows ?? FULL_ROWS;
  if (n >= fullRows) return detectBreakpoint(rows, options);
  const minTimeouts = options.minTimeouts ?? MIN_TIMEOUTS;
  const r: SmallSampleBreakpoint = detectBreakpoint(rows, { ...options, minRows: Math.min(fullRows, SMALL_MIN_ROWS) });
  const k = r.timeouts;
  const small = (moreRuns: number, note: string): SmallSampleBreakpoint => ({ ...r, smallSample: { n, fullRows, moreRuns, note } });

  if (r.status === 'too-few-rows') {
    r.reason = `Insufficient data: ${n} rows (a rough estimate needs at least ${SMALL_MIN_ROWS}, the full analysis ${fullRows}).`;
    return small(SMALL_MIN_ROWS - n, `About ${SMALL_MIN_ROWS - n} more runs would allow a rough estimate.`);
  }
  if (r.status === 'too-few-timeouts') {
    const more = k > 0 && k < minTimeouts ? Math.ceil((n * minTimeouts) / k) - n : null;
    const note =
      k === 0
        ? 'No run timed out: the timeouts that would locate a breakpoint have not happened at this length and timeout.'
        : more !== null
          ? `At this timeout rate about ${more} more runs would give the ${minTimeouts} timeouts the estimate needs.`
          : 'Almost every run timed out: shorter chains or a longer timeout are needed to see where timeouts start.';
    return small(more ?? 0, note);
  }
  if (r.status === 'found' && r.breakpoint !== null) {
    const parts = [r.interval, r.profileInterval].filter((x): x is [number, number] => x !== null);
    if (parts.length) r.interval = [Math.min(...parts.map((p) => p[0])), Math.max(...parts.map((p) => p[1]))];
    return withNarrowing(small(0, ''), n);
  }
  const lin = r.linearFit;
  if (r.status === 'no-threshold' && r.test && r.test.pValue < (options.alpha ?? 0.05) && lin && lin.midpoint !== null && lin.slope > 0) {
    const xs = sortedCopy(Float64Array.from(valid, (x) => x.steps));
    const mid = lin.midpoint;
    if (mid >= xs[0] && mid <= xs[xs.length - 1]) {
      const B = Math.max(0, Math.floor(options.bootstrap ?? 200));
      const rng = createRng(options.seed ?? 1);
      const boot: number[] = [];
      for (let b = 0; b < B; b++) {
        const resample = Array.from({ length: n }, () => valid[rng.int(n)]);
        const f = detectBreakpoint(resample, { minRows: 2, minTimeouts: 2, bootstrap: 0, gridSize: 12 }).linearFit;
        if (f && f.midpoint !== null && f.slope > 0 && Number.isFinite(f.midpoint)) boot.push(f.midpoint);
      }
      // Where the fitted probability goes from 25 % to 75 %: ±ln 3 / slope around the midpoint.
      const spread = Math.log(3) / lin.slope;
      let interval: [number, number] = [mid - spread, mid + spread];
      if (boot.length >= 2) {
        const s = sortedCopy(boot);
        interval = [Math.min(interval[0], percentileSorted(s, 2.5)), Math.max(interval[1], percentileSorted(s, 97.5))];
      }
      r.breakpoint = mid;
      r.status = 'found';
      r.method = 'logistic-midpoint';
      r.interval = interval;
      r.bootstrap = { resamples: B, used: boot.length, seed: options.seed ?? 1 };
      r.reason = `Rough estimate from ${n} runs (the full analysis wants ${fullRows}): timeouts rise with length (Davies p = ${r.test.pValue.toPrecision(3)}) and half the requests time out at length ≈ ${fmt(mid)}; where the rise begins cannot be told at this size.`;
      return withNarrowing(small(0, ''), n);
    }
  }
  return small(Math.max(0, fullRows - n), `With ${n} runs the data do not identify a breakpoint; the full analysis uses at least ${fullRows} (about ${fullRows - n} more).`);
}

function withNarrowing(r: SmallSampleBreakpoint, n: number): SmallSampleBreakpoint {
  if (r.breakpoint === null || !r.interval || !r.smallSample) return r;
  const more = runsToNarrow(n, r.breakpoint, r.interval);
  r.smallSample.moreRuns = more;
  r.smallSample.note = `Small sample (${n} runs): the interval ${fmt(r.interval[0])}–${fmt(r.interval[1])} is wide on purpose; about ${more} more runs would narrow it to roughly ±10 % (it shrinks as 1/√n).`;
  return r;
}
