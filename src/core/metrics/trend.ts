import type { RunRecord } from '../stored-runs/types';
import { computeMetric, type MetricId, type MonitoringOptions } from './monitoring';

export type TrendBucket = {
  /** Inclusive start, epoch ms. */
  start: number;
  /** Exclusive end, epoch ms (the last bucket also holds runs started exactly at `end`). */
  end: number;
  value: number | null;
  /** Runs the value used (the metric's own population within the bucket). */
  n: number;
};

export type TrendOptions = MonitoringOptions & {
  /** Number of buckets (≥ 1). */
  count: number;
  /** Range start (epoch ms); defaults to the earliest `startedAt`. */
  from?: number;
  /** Range end (epoch ms); defaults to the latest `startedAt`. */
  to?: number;
};

/**
 * A metric over time for a sparkline: runs are bucketed by `startedAt` into `count` equal-width
 * buckets over [from, to], and the metric is computed over each bucket's runs (null where a
 * bucket has none of the metric's population). Runs outside the range are ignored.
 */
export function metricTrend(runs: readonly RunRecord[], metricId: MetricId, buckets: number | TrendOptions): TrendBucket[] {
  const opts: TrendOptions = typeof buckets === 'number' ? { count: buckets } : buckets;
  const count = Math.max(1, Math.floor(opts.count));
  let lo = opts.from;
  let hi = opts.to;
  if (lo === undefined || hi === undefined) {
    let min = Infinity;
    let max = -Infinity;
    for (const r of runs) {
      if (r.startedAt < min) min = r.startedAt;
      if (r.startedAt > max) max = r.startedAt;
    }
    if (min === Infinity) {
      if (lo === undefined && hi === undefined) return [];
      min = max = (lo ?? hi) as number;
    }
    lo ??= min;
    hi ??= max;
  }
  if (hi < lo) [lo, hi] = [hi, lo];
  const width = (hi - lo) / count;
  const groups: RunRecord[][] = Array.from({ length: count }, () => []);
  for (const r of runs) {
    const t = r.startedAt;
    if (t < lo || t > hi) continue;
    const i = width > 0 ? Math.min(count - 1, Math.floor((t - lo) / width)) : count - 1;
    groups[i].push(r);
  }
  return groups.map((g, i) => {
    const m = computeMetric(g, metricId, opts);
    return { start: lo + i * width, end: i === count - 1 ? hi : lo + (i + 1) * width, value: m.value, n: m.n };
  });
}
