import { pearson, percentile, spearman, wilson } from '../capacity/stats';
import { sampleIndices } from '../random';
import type { RunRecord } from '../stored-runs/types';
import { gradeOf } from './accuracy';

/**
 * The monitoring table: reasoning-specific metrics over any selection of run records.
 * Pure: the same runs always give the same table. Values that cannot be computed (no runs in
 * the population, constant series for a correlation) are `null`, never NaN.
 *
 * Populations (each metric's `n` says how many runs it used):
 *  - finished: status is not 'running' (a run still streaming has no outcome yet);
 *  - generated: finished with status 'done', not replayed from the similarity cache, with a
 *    finite latency: the runs whose latency and length describe the model;
 *  - verified: finished runs the verifier looked at (a consistencyScore or any finding).
 */

export type MetricId =
  | 'accuracy'
  | 'latency-p50'
  | 'latency-p95'
  | 'latency-p99'
  | 'length-latency-pearson'
  | 'length-latency-spearman'
  | 'avg-reasoning-steps'
  | 'avg-reasoning-tokens'
  | 'step-consistency'
  | 'verification-failure-rate'
  | 'self-correction-rate'
  | 'step-timeout-rate'
  | 'cache-hit-rate'
  | 'error-rate';

/** `rate` values are fractions 0–1 (show as %); `score` is 0–1; `r` is a correlation coefficient −1…1. */
export type MetricUnit = 'ms' | 'steps' | 'tokens' | 'rate' | 'score' | 'r';

export type Metric = {
  id: MetricId;
  label: string;
  value: number | null;
  unit: MetricUnit;
  /** Runs the value was computed from. */
  n: number;
  /** One sentence, shown on hover. */
  definition: string;
  /** Rates only: how many of the n runs counted, and the Wilson 95 % interval of the rate. */
  count?: number;
  interval?: { lower: number; upper: number };
};

export type MetricInfo = { label: string; unit: MetricUnit; definition: string };

export const METRIC_INFO: Readonly<Record<MetricId, MetricInfo>> = {
  accuracy: {
    label: 'Accuracy',
    unit: 'rate',
    definition:
      "Share of scored runs whose extracted final answer matches the query's reference answer (a timed-out run counts as wrong; runs without a reference, or that failed or were stopped, are not scored).",
  },
  'latency-p50': {
    label: 'Latency p50',
    unit: 'ms',
    definition: 'Median time from sending the request to the end of the answer, over completed runs not served from the cache (linear-interpolated percentile).',
  },
  'latency-p95': {
    label: 'Latency p95',
    unit: 'ms',
    definition: '95th percentile of request-to-end latency over completed runs not served from the cache (linear-interpolated).',
  },
  'latency-p99': {
    label: 'Latency p99',
    unit: 'ms',
    definition: '99th percentile of request-to-end latency over completed runs not served from the cache (linear-interpolated).',
  },
  'length-latency-pearson': {
    label: 'Length ↔ latency (Pearson)',
    unit: 'r',
    definition: 'Pearson correlation between reasoning length and latency over completed, non-cached runs: how close to a straight line latency grows with length.',
  },
  'length-latency-spearman': {
    label: 'Length ↔ latency (Spearman)',
    unit: 'r',
    definition: 'Spearman rank correlation between reasoning length and latency over completed, non-cached runs: whether longer chains are reliably slower, whatever the shape.',
  },
  'avg-reasoning-steps': {
    label: 'Avg reasoning steps',
    unit: 'steps',
    definition: 'Mean number of reasoning steps per completed, non-cached run.',
  },
  'avg-reasoning-tokens': {
    label: 'Avg reasoning tokens',
    unit: 'tokens',
    definition: 'Mean reasoning tokens per completed, non-cached run (server count when reported, else the client estimate).',
  },
  'step-consistency': {
    label: 'Step consistency',
    unit: 'score',
    definition: "Mean of the runs' chain consistency scores (0–1, higher is more self-consistent), over runs where verification produced a score.",
  },
  'verification-failure-rate': {
    label: 'Verification failure rate',
    unit: 'rate',
    definition: 'Share of verified runs with at least one error or warning finding.',
  },
  'self-correction-rate': {
    label: 'Self-correction rate',
    unit: 'rate',
    definition: 'Share of verified runs in which the model corrected itself mid-chain (a self-correction finding).',
  },
  'step-timeout-rate': {
    label: 'Step timeout rate',
    unit: 'rate',
    definition: 'Share of finished runs that hit the step or stall timeout (or have a timeout finding).',
  },
  'cache-hit-rate': {
    label: 'Cache hit rate',
    unit: 'rate',
    definition: 'Share of finished runs answered by replaying a similar cached chain instead of calling the model.',
  },
  'error-rate': {
    label: 'Error rate',
    unit: 'rate',
    definition: 'Share of finished runs that ended with an error.',
  },
};

export const METRIC_IDS = Object.keys(METRIC_INFO) as MetricId[];

export type LengthMeasure = 'tokens' | 'steps';

export type MonitoringOptions = {
  /** Reasoning length for the correlation: reasoning tokens (default) or step count. */
  lengthBy?: LengthMeasure;
};

export type CorrelationPoint = { x: number; y: number; runId: string };

export type Monitoring = {
  metrics: Metric[];
  byId: Record<MetricId, Metric>;
  /** The (length, latency) points behind the correlation metrics, for a scatter plot. */
  correlation: { lengthBy: LengthMeasure; points: CorrelationPoint[]; pearson: number | null; spearman: number | null };
};

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

const isFinished = (r: RunRecord) => r.status !== 'running';
const isGenerated = (r: RunRecord) =>
  r.status === 'done' && !r.cache?.hit && typeof r.latencyMs === 'number' && Number.isFinite(r.latencyMs);
const isVerified = (r: RunRecord) => isFinished(r) && (r.consistencyScore !== undefined || r.findings.length > 0);

const failedVerification = (r: RunRecord) => r.findings.some((f) => f.severity === 'error' || f.severity === 'warning');
const selfCorrected = (r: RunRecord) => r.findings.some((f) => f.kind === 'self-correction');
const timedOut = (r: RunRecord) => r.timedOut || r.findings.some((f) => f.kind === 'timeout');

function metric(id: MetricId, value: number | null, n: number): Metric {
  const info = METRIC_INFO[id];
  return { id, label: info.label, value, unit: info.unit, n, definition: info.definition };
}

function rate(id: MetricId, population: readonly RunRecord[], counts: (r: RunRecord) => boolean): Metric {
  let count = 0;
  for (const r of population) if (counts(r)) count++;
  const n = population.length;
  const m = metric(id, n ? count / n : null, n);
  m.count = count;
  if (n) {
    const w = wilson(count, n);
    m.interval = { lower: w.lower, upper: w.upper };
  }
  return m;
}

function meanOf(values: readonly number[]): number | null {
  if (!values.length) return null;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

const lengthOf = (r: RunRecord, by: LengthMeasure) => (by === 'steps' ? r.steps.length : r.reasoningTokens);

function correlationOf(generated: readonly RunRecord[], lengthBy: LengthMeasure): Monitoring['correlation'] {
  const points = generated.map((r) => ({ x: lengthOf(r, lengthBy), y: r.latencyMs as number, runId: r.id }));
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  return { lengthBy, points, pearson: finite(pearson(xs, ys)), spearman: finite(spearman(xs, ys)) };
}

/** One metric over the runs (what `metricTrend` evaluates per time bucket). */
export function computeMetric(runs: readonly RunRecord[], id: MetricId, options: MonitoringOptions = {}): Metric {
  const lengthBy = options.lengthBy ?? 'tokens';
  switch (id) {
    case 'accuracy':
      return rate(
        id,
        runs.filter((r) => gradeOf(r).verdict !== 'unscored'),
        (r) => gradeOf(r).verdict === 'correct',
      );
    case 'latency-p50':
    case 'latency-p95':
    case 'latency-p99': {
      const lat = runs.filter(isGenerated).map((r) => r.latencyMs as number);
      const p = id === 'latency-p50' ? 50 : id === 'latency-p95' ? 95 : 99;
      return metric(id, finite(percentile(lat, p)), lat.length);
    }
    case 'length-latency-pearson':
    case 'length-latency-spearman': {
      const c = correlationOf(runs.filter(isGenerated), lengthBy);
      return metric(id, id === 'length-latency-pearson' ? c.pearson : c.spearman, c.points.length);
    }
    case 'avg-reasoning-steps':
    case 'avg-reasoning-tokens': {
      const g = runs.filter(isGenerated);
      return metric(id, meanOf(g.map((r) => lengthOf(r, id === 'avg-reasoning-steps' ? 'steps' : 'tokens'))), g.length);
    }
    case 'step-consistency': {
      const scores = runs.filter((r) => isFinished(r) && typeof r.consistencyScore === 'number' && Number.isFinite(r.consistencyScore)).map((r) => r.consistencyScore as number);
      return metric(id, meanOf(scores), scores.length);
    }
    case 'verification-failure-rate':
      return rate(id, runs.filter(isVerified), failedVerification);
    case 'self-correction-rate':
      return rate(id, runs.filter(isVerified), selfCorrected);
    case 'step-timeout-rate':
      return rate(id, runs.filter(isFinished), timedOut);
    case 'cache-hit-rate':
      return rate(id, runs.filter(isFinished), (r) => r.cache?.hit === true);
    case 'error-rate':
      return rate(id, runs.filter(isFinished), (r) => r.status === 'error');
  }
}

/** The whole monitoring table plus the scatter points behind the correlation. */
export function computeMonitoring(runs: readonly RunRecord[], options: MonitoringOptions = {}): Monitoring {
  const metrics = METRIC_IDS.map((id) => computeMetric(runs, id, options));
  const byId = Object.fromEntries(metrics.map((m) => [m.id, m])) as Record<MetricId, Metric>;
  return { metrics, byId, correlation: correlationOf(runs.filter(isGenerated), options.lengthBy ?? 'tokens') };
}

/** Display text for a metric's value: "1.23 s", "12.5 %", "0.87", "—" when there is none. */
export function formatMetricValue(m: Pick<Metric, 'value' | 'unit'>): string {
  const v = m.value;
  if (v === null || !Number.isFinite(v)) return '—';
  switch (m.unit) {
    case 'ms':
      return v >= 1000 ? `${(v / 1000).toFixed(v >= 10_000 ? 1 : 2)} s` : `${Math.round(v)} ms`;
    case 'rate':
      return `${(v * 100).toFixed(1)} %`;
    case 'steps':
    case 'tokens':
      return `${v.toFixed(v >= 100 ? 0 : 1)} ${m.unit}`;
    case 'score':
    case 'r':
      return v.toFixed(2);
  }
}

/** At most this many marks in the length ↔ latency scatter (one SVG node each). */
export const MAX_SCATTER_POINTS = 2000;

/**
 * The points a scatter draws: all of them up to `max`, else a uniform random sample of `max`
 * (seeded, so the picture is stable between renders). The statistics are always computed on
 * every point; only the drawing is thinned.
 */
export function scatterSample<P>(points: readonly P[], max: number = MAX_SCATTER_POINTS, seed = 1): P[] {
  if (points.length <= max) return points.slice();
  return Array.from(sampleIndices(points.length, max, seed), (i) => points[i]);
}
