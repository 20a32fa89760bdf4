/**
 * Latency breakpoint: the reasoning length at which length starts to drive timeouts.
 *
 * Estimator: hinge logistic regression, logit P(timeout | x) = a + b·max(0, x − h) ("flat, then
 * rising"). For each hinge h on a grid (distinct type-7 quantiles 5 %…95 % of x) (a, b) is fitted by
 * Newton/IRLS with Firth's correction (Jeffreys penalty ½·log det I), which keeps the fit finite
 * when there are no timeouts below the hinge (complete separation). h is chosen by the penalised
 * profile likelihood and refined on 20 points between the neighbours of the best grid hinge.
 * Rows are aggregated by distinct length (merged into ≤ `maxGroups` groups when there are more).
 *
 * Test for a break: likelihood ratio against the constant model (b = 0), plain log-likelihoods.
 * h is not identified under the null, so χ²₁ is too liberal; we use Davies' (1987) upper bound
 * over the searched grid, as R's segmented::davies.test does: with r(h) = sign(b̂)·√LR(h),
 * M = max r(h), V = Σ|r(h_k) − r(h_{k−1})|, p ≤ Φ(−M) + V·e^{−M²/2}/√(8π) (one-sided: rising).
 *
 * Outcomes (breakpoint null unless "found"):
 * - too-few-rows / too-few-timeouts: < minRows (200) rows, or < minTimeouts (10) timeouts (or
 *   fewer than that many non-timeouts).
 * - not-significant: Davies p ≥ alpha (0.05).
 * - no-threshold: the profile-likelihood 95 % set for h reaches the lowest grid hinge, i.e. the
 *   data cannot tell a hinge from a logistic curve in x that starts at the shortest requests, AND
 *   that linear-in-x logistic is shallow (its 10→90 % rise spans more than 25 % of the 5–95 %
 *   length range): a trend, not a threshold.
 * - found, method 'hinge-logistic': breakpoint = ĥ, the onset of the rise. With noisy latency
 *   the onset precedes the mechanistic L* by a few noise SDs (timeouts begin before half time out).
 * - found, method 'logistic-midpoint': same unidentified hinge but a steep logistic: a sharp
 *   threshold with no background timeouts (any hinge below the step fits equally well), so the
 *   breakpoint is the logistic midpoint −a/b (length where half the requests time out).
 *
 * Interval: nonparametric bootstrap (seeded mulberry32; default 200 resamples), 95 % percentile
 * interval of the same estimator. A resample is a multinomial draw over the per-length
 * (requests, timeouts) counts — the same distribution as drawing the rows, at a cost that does not
 * grow with the rows (breakpoint-bootstrap.ts). Resamples search only the grid
 * hinges whose profile is within 10 log-likelihood units of the best (± 2 neighbours).
 * Cross-check: continuous segmented least squares of latency on length (grid + refinement); with
 * timed-out latencies recorded at the timeout, its break sits where latency hits the timeout.
 * Mechanistic: (timeout − TTFT) / step time, each given or taken from the least-squares fit.
 *
 * Censoring caveat: a timed-out request's length is whatever was logged (usually a lower bound).
 * Same input and options → identical output.
 *
 * Modules: length-groups.ts (rows by length, the hinge grid), hinge-logistic.ts (the Firth fit
 * and hinge search), davies.ts (the test), breakpoint-bootstrap.ts (the interval),
 * segmented-regression.ts (the latency cross-check); this file puts them together.
 */
import { bootstrapBreakpoint } from './breakpoint-bootstrap';
import { daviesUpperBound } from './davies';
import { fitHinge, logisticMidpoint, searchHinge } from './hinge-logistic';
import { fitLatencyModel } from './latency';
import { aggregate, hingeGrid } from './length-groups';
import { segmentedRegression, type SegmentedFit } from './segmented-regression';
import { percentileSorted, sortedCopy } from './stats';

export { segmentedRegression, type SegmentedFit } from './segmented-regression';

export type BreakpointRow = { steps: number; latencyMs?: number; timedOut: boolean };

export type BreakpointOptions = {
  minRows?: number;
  minTimeouts?: number;
  /** Significance level for the Davies-bounded likelihood-ratio test; default 0.05. */
  alpha?: number;
  /** Hinge candidates (quantiles 5 %…95 %, distinct); default 60. */
  gridSize?: number;
  /** Above this many distinct lengths, neighbours are merged for the logistic fits (see aggregate). Default 1000. */
  maxGroups?: number;
  /** Bootstrap resamples for the interval; 0 disables it. Default 200. */
  bootstrap?: number;
  /** How a resample is drawn: 'counts' (default; multinomial over the per-length counts, cost independent of the rows) or 'rows' (rows one by one). */
  resample?: 'counts' | 'rows';
  seed?: number;
  /** Mechanistic estimate inputs, ms. Without ttftMs/stepTimeMs the log's least-squares fit is used. */
  timeoutMs?: number;
  ttftMs?: number;
  stepTimeMs?: number;
};

export type BreakpointStatus = 'found' | 'too-few-rows' | 'too-few-timeouts' | 'not-significant' | 'no-threshold';

export type MechanisticEstimate = {
  value: number;
  timeoutMs: number;
  ttftMs: number;
  stepTimeMs: number;
  source: { ttft: 'given' | 'fitted'; stepTime: 'given' | 'fitted' };
};

export type BreakpointResult = {
  /** The detected length, or null ("no breakpoint"; see status and reason). */
  breakpoint: number | null;
  status: BreakpointStatus;
  reason: string;
  /** 'logistic-midpoint' when the threshold is sharp with no background timeouts (see module comment). */
  method: 'hinge-logistic' | 'logistic-midpoint';
  /** Best hinge even when not significant (null when data are too thin). */
  candidate: number | null;
  /** Bootstrap 95 % percentile interval for the breakpoint. */
  interval: [number, number] | null;
  /** Grid hinges inside the profile-likelihood 95 % set (2·Δℓ ≤ 3.84), lowest to highest. */
  profileInterval: [number, number] | null;
  bootstrap: { resamples: number; used: number; seed: number };
  fit: { intercept: number; slope: number; hinge: number; logLik: number } | null;
  /** Linear-in-x logistic: midpoint = length with P(timeout) = ½, width1090 = length from 10 % to 90 %. */
  linearFit: { intercept: number; slope: number; logLik: number; midpoint: number | null; width1090: number | null } | null;
  test: {
    name: 'lr-vs-constant-davies';
    /** max over the grid of the signed root LR statistic. */
    statistic: number;
    /** LR = 2(ℓ_hinge − ℓ_constant) at the chosen hinge. */
    lr: number;
    pValue: number;
    alpha: number;
    logLikConstant: number;
    logLikLinear: number;
  } | null;
  /** Firth-penalised profile log-likelihood over the grid (for a chart). */
  profile: { h: number; logLik: number }[];
  segmented: SegmentedFit | null;
  mechanistic: MechanisticEstimate | null;
  n: number;
  timeouts: number;
};


const CHI2_1_95 = 3.841458820694124;
/** A logistic whose 10→90 % rise spans at most this share of the 5–95 % length range is a threshold. */
const STEEP_FRACTION = 0.25;

function mechanisticEstimate(rows: readonly BreakpointRow[], options: BreakpointOptions): MechanisticEstimate | null {
  if (options.timeoutMs === undefined) return null;
  const model = options.ttftMs === undefined || options.stepTimeMs === undefined ? fitLatencyModel(rows) : null;
  const ttftMs = options.ttftMs ?? (model ? model.overheadSeconds * 1000 : NaN);
  const stepTimeMs = options.stepTimeMs ?? (model ? model.stepTimeSeconds * 1000 : NaN);
  if (!(stepTimeMs > 0) || !Number.isFinite(ttftMs)) return null;
  return {
    value: (options.timeoutMs - ttftMs) / stepTimeMs,
    timeoutMs: options.timeoutMs,
    ttftMs,
    stepTimeMs,
    source: { ttft: options.ttftMs === undefined ? 'fitted' : 'given', stepTime: options.stepTimeMs === undefined ? 'fitted' : 'given' },
  };
}

/** Detect the latency breakpoint (see the module comment for the method). Deterministic. */
export function detectBreakpoint(rows: readonly BreakpointRow[], options: BreakpointOptions = {}): BreakpointResult {
  const minRows = options.minRows ?? 200;
  const minTimeouts = options.minTimeouts ?? 10;
  const alpha = options.alpha ?? 0.05;
  const B = Math.max(0, Math.floor(options.bootstrap ?? 200));
  const seed = options.seed ?? 1;

  const valid = rows.filter((r) => Number.isFinite(r.steps));
  const n = valid.length;
  const xs = Float64Array.from(valid, (r) => r.steps);
  const ys = Float64Array.from(valid, (r) => (r.timedOut ? 1 : 0));
  let k = 0;
  for (let i = 0; i < n; i++) k += ys[i];

  // The cross-checks are reported whatever the logistic finds.
  const result = emptyResult(valid, options, seed, n, k);
  if (n < minRows) return refuse(result, 'too-few-rows', `Insufficient data: ${n} rows (need at least ${minRows}).`);
  if (k < minTimeouts || n - k < minTimeouts)
    return refuse(result, 'too-few-timeouts', k < minTimeouts ? `Insufficient data: ${k} timeouts (need at least ${minTimeouts}).` : `Insufficient data: only ${n - k} requests finished in time.`);

  const sorted = sortedCopy(xs);
  const grid = hingeGrid(sorted, options.gridSize ?? 60);
  if (grid.length === 0) return refuse(result, 'not-significant', 'No breakpoint: all rows have the same length.');
  const { agg, index } = aggregate(xs, ys, options.maxGroups ?? 1000);
  const mean = sorted.reduce((s, v) => s + v, 0) / n;
  const scale = Math.sqrt(sorted.reduce((s, v) => s + (v - mean) ** 2, 0) / n) || 1;
  const xMin = sorted[0];
  const spread = percentileSorted(sorted, 95) - percentileSorted(sorted, 5) || sorted[n - 1] - xMin;
  const p0 = k / n;
  const a0 = Math.log(p0 / (1 - p0));
  // Constant model (plain MLE). Test statistics use plain log-likelihoods at the fitted values;
  // the Firth penalty (whose size depends on the number of parameters) only ranks hinges.
  const llConst = k * Math.log(p0) + (n - k) * Math.log(1 - p0);
  // Linear-in-x logistic = the hinge at the smallest length.
  const lin = fitHinge(agg, xMin, scale, { a: a0, b: 0 });
  const linSlope = lin.b / scale;
  const linearFit = {
    intercept: lin.a - linSlope * xMin,
    slope: linSlope,
    logLik: lin.ll,
    midpoint: lin.b > 0 ? logisticMidpoint(lin, xMin, scale) : null,
    width1090: lin.b > 0 ? (2 * Math.log(9)) / linSlope : null,
  };
  result.linearFit = linearFit;

  const found = searchHinge(agg, grid, scale, a0);
  const fits = found ? found.coarse.fits : grid.map(() => ({ a: a0, b: 0, ll: llConst, pll: llConst }));
  result.profile = grid.map((h, i) => ({ h, logLik: fits[i].pll }));

  // Davies bound over the coarse grid, one-sided (rising).
  const { statistic, pValue } = daviesUpperBound(fits.map((f) => Math.sign(f.b) * Math.sqrt(Math.max(0, 2 * (f.ll - llConst)))));
  result.test = {
    name: 'lr-vs-constant-davies',
    statistic,
    lr: found ? Math.max(0, 2 * (found.fit.ll - llConst)) : 0,
    pValue,
    alpha,
    logLikConstant: llConst,
    logLikLinear: lin.ll,
  };
  if (!found) return refuse(result, 'not-significant', 'No breakpoint: the timeout rate does not rise with length.');
  result.candidate = found.h;
  result.fit = { intercept: found.fit.a, slope: found.fit.b / scale, hinge: found.h, logLik: found.fit.ll };
  if (pValue >= alpha) return refuse(result, 'not-significant', `No breakpoint: the timeout rate is not significantly related to length (Davies p = ${pValue.toPrecision(3)} ≥ ${alpha}).`);

  // Profile-likelihood 95 % set for h (2·Δℓ ≤ χ²₁,0.95) over the grid.
  const llMax = Math.max(found.fit.pll, ...fits.map((f) => f.pll));
  const inSet = fits.map((f) => f.b > 0 && 2 * (llMax - f.pll) <= CHI2_1_95);
  const setIdx = inSet.flatMap((v, i) => (v ? [i] : []));
  result.profileInterval = setIdx.length ? [grid[setIdx[0]], grid[setIdx[setIdx.length - 1]]] : null;

  let mode: 'hinge' | 'midpoint' = 'hinge';
  if (found.coarse.best === 0 || inSet[0]) {
    // The hinge cannot be told apart from a single logistic curve in x. A steep curve is a sharp
    // threshold with no background timeouts (any hinge below the step fits equally): report its
    // midpoint. A shallow one is a trend over the whole range: no breakpoint.
    const { width1090: width, midpoint: mid } = linearFit;
    if (width !== null && mid !== null && width <= STEEP_FRACTION * spread && mid >= xMin && mid <= sorted[n - 1]) mode = 'midpoint';
    else
      return refuse(
        result,
        'no-threshold',
        'No breakpoint: timeouts rise gradually with length from the shortest requests on (the hinge is indistinguishable from a linear-logistic trend); a trend, not a threshold.',
      );
  }

  if (B > 0) {
    const boot = bootstrapBreakpoint({ agg, index, ys, scale, xMin, grid, fits, best: found.coarse.best, mode, resamples: B, seed, resample: options.resample });
    result.bootstrap = { resamples: B, used: boot.used, seed };
    if (boot.interval) result.interval = boot.interval;
  }
  if (mode === 'hinge') {
    result.breakpoint = found.h;
    result.reason = `Timeout odds start rising at length ≈ ${found.h.toPrecision(4)} (Davies p = ${pValue.toPrecision(3)}).`;
  } else {
    result.method = 'logistic-midpoint';
    result.breakpoint = linearFit.midpoint;
    result.reason = `Sharp threshold with no background timeouts: half the requests time out at length ≈ ${(result.breakpoint as number).toPrecision(4)} (Davies p = ${pValue.toPrecision(3)}).`;
  }
  result.status = 'found';
  return result;
}

/** A result with no breakpoint yet, carrying the latency cross-checks. */
function emptyResult(valid: readonly BreakpointRow[], options: BreakpointOptions, seed: number, n: number, timeouts: number): BreakpointResult {
  const latRows = valid.filter((r) => r.latencyMs !== undefined && Number.isFinite(r.latencyMs));
  const segmented = segmentedRegression(
    latRows.map((r) => r.steps),
    latRows.map((r) => r.latencyMs as number),
    { gridSize: options.gridSize },
  );
  return {
    breakpoint: null,
    status: 'found',
    reason: '',
    method: 'hinge-logistic',
    candidate: null,
    interval: null,
    profileInterval: null,
    bootstrap: { resamples: 0, used: 0, seed },
    fit: null,
    linearFit: null,
    test: null,
    profile: [],
    segmented,
    mechanistic: mechanisticEstimate(valid, options),
    n,
    timeouts,
  };
}

function refuse(result: BreakpointResult, status: Exclude<BreakpointStatus, 'found'>, reason: string): BreakpointResult {
  result.status = status;
  result.reason = reason;
  return result;
}
