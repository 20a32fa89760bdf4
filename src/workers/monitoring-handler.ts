import { detectBreakpointSmallSample, type BreakpointRow, type SmallSampleBreakpoint } from '../core/capacity';
import { computeMonitoring, metricTrend, scatterSample, type LengthMeasure, type Metric } from '../core/metrics';
import { filterRuns, isAnalysableRun, type RunFilter, type RunRecord } from '../core/stored-runs';

/** Trend buckets per metric in the dashboard. */
export const TREND_BUCKETS = 12;

/** Everything the monitoring dashboard shows, computed from one population of runs. */
export type Dashboard = {
  metrics: Metric[];
  trends: Record<string, (number | null)[]>;
  /** The start-time range the trend buckets cover (epoch ms), null without runs. */
  trendRange: { from: number; to: number } | null;
  correlation: {
    pearson: number | null;
    spearman: number | null;
    /** Runs behind the correlation. */
    count: number;
    /** The scatter's marks: all points, or a seeded sample of MAX_SCATTER_POINTS (seconds). */
    drawn: { x: number; y: number }[];
  };
  breakpoint: SmallSampleBreakpoint;
};

/** The rows the planner's breakpoint analysis reads: the analysable runs (core/runs isAnalysableRun). */
export function breakpointRows(runs: readonly RunRecord[]): BreakpointRow[] {
  return runs
    .filter(isAnalysableRun)
    .map((r) => ({ steps: r.steps.length, ...(r.latencyMs !== undefined ? { latencyMs: r.latencyMs } : {}), timedOut: r.timedOut }));
}

/** The dashboard for `runs`. */
export function computeDashboard(runs: readonly RunRecord[], lengthBy: LengthMeasure): Dashboard {
  const monitoring = computeMonitoring(runs, { lengthBy });
  const { points, pearson, spearman } = monitoring.correlation;
  let from = Infinity;
  let to = -Infinity;
  for (const r of runs) {
    if (r.startedAt < from) from = r.startedAt;
    if (r.startedAt > to) to = r.startedAt;
  }
  return {
    trendRange: from === Infinity ? null : { from, to },
    metrics: monitoring.metrics,
    trends: Object.fromEntries(monitoring.metrics.map((m) => [m.id, metricTrend(runs, m.id, { count: TREND_BUCKETS, lengthBy }).map((b) => b.value)])),
    correlation: { pearson, spearman, count: points.length, drawn: scatterSample(points).map((p) => ({ x: p.x, y: p.y / 1000 })) },
    // Below 200 runs a rough estimate with a wider interval and how many more runs would narrow it.
    breakpoint: detectBreakpointSmallSample(breakpointRows(runs)),
  };
}

/** Which stored runs the dashboard covers: the filters, then the selection (flag plus exceptions). */
export type Population = { filter: RunFilter; allSelected: boolean; selected: readonly string[] };

export function population(runs: readonly RunRecord[], p: Population): RunRecord[] {
  const shown = filterRuns(runs, p.filter);
  const ids = new Set(p.selected);
  const chosen = shown.filter((r) => p.allSelected !== ids.has(r.id));
  return chosen.length ? chosen : shown;
}

export type MonitoringRequest = { id: number; population: Population; lengthBy: LengthMeasure; version: number };
export type MonitoringResponse = { id: number; type: 'done'; dashboard: Dashboard } | { id: number; type: 'failed'; message: string };

/** Serves requests from the stored runs, re-read only when `version` changes. */
export function createMonitoringHandler(listRuns: () => Promise<RunRecord[]>) {
  let cached: { version: number; runs: Promise<RunRecord[]> } | undefined;
  return async (request: MonitoringRequest): Promise<MonitoringResponse> => {
    try {
      if (!cached || cached.version !== request.version) cached = { version: request.version, runs: listRuns() };
      return { id: request.id, type: 'done', dashboard: computeDashboard(population(await cached.runs, request.population), request.lengthBy) };
    } catch (e) {
      cached = undefined;
      return { id: request.id, type: 'failed', message: e instanceof Error ? e.message : String(e) };
    }
  };
}
