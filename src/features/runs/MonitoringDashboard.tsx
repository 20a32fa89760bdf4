import { useEffect, useMemo, useState } from 'react';
import { CartesianGrid, ScatterChart, XAxis, YAxis } from 'recharts';
import { DenseMarks, niceAxis } from '../../components/charts/DenseMarks';
import { SelectField } from '../../components/SelectField';
import { Sparkline } from '../../components/Sparkline';
import { accuracyReport, formatMetricValue, MAX_SCATTER_POINTS, type Accuracy, type LengthMeasure, type Metric } from '../../core/metrics';
import { breakpointRows, canUseWorker, computeDashboard, requestDashboard, TREND_BUCKETS, type Dashboard, type Population } from '../../workers/monitoring-client';
import type { RunRecord } from '../../core/stored-runs';
import { TIER_IDS, tierLabel } from '../../core/run/tiers';

/** Up to this many runs the dashboard is computed on the page (tens of ms); beyond, in a worker. */
export const IN_THREAD_MAX_RUNS = 2000;

export { breakpointRows };

function valueText(m: Metric): string {
  const v = formatMetricValue(m);
  if (m.unit === 'rate' && m.interval && m.value !== null) {
    return `${v} (${(m.interval.lower * 100).toFixed(1)}–${(m.interval.upper * 100).toFixed(1)} %)`;
  }
  return v;
}

/** The lowest and highest bucket of a trend, in the metric's unit. */
function trendExtent(metric: Metric, trend: readonly (number | null)[]): { low: string; high: string } | null {
  const present = trend.filter((v): v is number => v !== null && Number.isFinite(v));
  if (!present.length) return null;
  return { low: formatMetricValue({ unit: metric.unit, value: Math.min(...present) }), high: formatMetricValue({ unit: metric.unit, value: Math.max(...present) }) };
}

const clockTime = (t: number) => new Date(t).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

function spanText(ms: number): string {
  const s = ms / 1000;
  if (s < 120) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  if (s < 7200) return `${(s / 60).toFixed(1)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

function MetricRow({ metric, trend }: { metric: Metric; trend: (number | null)[] }) {
  const extent = trendExtent(metric, trend);
  return (
    <tr data-metric={metric.id}>
      <th scope="row">
        <span className="metric-name" tabIndex={0} aria-describedby={`def-${metric.id}`}>
          {metric.label}
        </span>
        <span role="tooltip" id={`def-${metric.id}`} className="metric-tip">
          {metric.definition}
        </span>
      </th>
      <td className="num metric-value" title={metric.value === null ? 'No run in this metric’s population.' : undefined}>
        {valueText(metric)}
      </td>
      <td className="num">{metric.n}</td>
      <td>
        <span className="trend-cell">
          <Sparkline values={trend} label={`${metric.label} over time${extent ? `, from ${extent.low} to ${extent.high}` : ''}`} />
          {extent && (
            <span className="trend-extent" data-testid="trend-extent">
              {extent.low === extent.high ? extent.low : `${extent.low} – ${extent.high}`}
            </span>
          )}
        </span>
      </td>
    </tr>
  );
}

const LENGTH_MEASURES: { value: LengthMeasure; label: string }[] = [
  { value: 'tokens', label: 'in tokens' },
  { value: 'steps', label: 'in steps' },
];

function CorrelationChart({ drawn, lengthBy }: { drawn: { x: number; y: number }[]; lengthBy: LengthMeasure }) {
  const axes = useMemo(() => ({ x: niceAxis(drawn.map((p) => p.x)), y: niceAxis(drawn.map((p) => p.y)) }), [drawn]);
  if (drawn.length === 0) return <p className="placeholder">No completed runs to plot.</p>;
  const lengthName = lengthBy === 'tokens' ? 'reasoning tokens' : 'reasoning steps';
  return (
    <ScatterChart responsive style={{ width: '100%', maxWidth: 640, aspectRatio: 1.7 }} margin={{ top: 8, right: 12, bottom: 28, left: 4 }}>
      <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
      <XAxis type="number" dataKey="x" domain={[0, axes.x.max]} ticks={axes.x.ticks} allowDataOverflow name={lengthBy === 'tokens' ? 'Reasoning tokens' : 'Steps'} stroke="var(--muted)" label={{ value: lengthName, position: 'insideBottom', offset: -14, fill: 'var(--muted)' }} />
      <YAxis type="number" dataKey="y" domain={[0, axes.y.max]} ticks={axes.y.ticks} allowDataOverflow name="Latency" unit=" s" stroke="var(--muted)" width={56} />
      <DenseMarks marks={drawn} fill="var(--accent)" label={`${drawn.length.toLocaleString('en-US')} runs: latency in seconds against ${lengthName}`} />
    </ScatterChart>
  );
}

/** Where a large population is read from: the worker applies the same filters and selection to the stored runs. */
export type DashboardSource = { population: Population; version: number };

/** The dashboard for `runs`: in-thread for small populations, in the monitoring worker otherwise. */
function useDashboard(runs: readonly RunRecord[], lengthBy: LengthMeasure, source?: DashboardSource): { dashboard: Dashboard | null; error?: string } {
  const inWorker = runs.length > IN_THREAD_MAX_RUNS && source !== undefined && canUseWorker();
  const local = useMemo(() => (inWorker ? null : computeDashboard(runs, lengthBy)), [inWorker, runs, lengthBy]);
  const [remote, setRemote] = useState<{ key: string; dashboard?: Dashboard; error?: string } | null>(null);
  const key = inWorker && source ? JSON.stringify([source.population, source.version, lengthBy]) : '';
  useEffect(() => {
    if (!key || !source) return;
    let current = true;
    requestDashboard(source.population, lengthBy, source.version).then(
      (dashboard) => current && setRemote({ key, dashboard }),
      (e: unknown) => current && setRemote({ key, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      current = false;
    };
    // `key` stands for the source and the length measure.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (!inWorker) return { dashboard: local };
  // While a new result is on its way, the last one stays on screen.
  return { dashboard: remote?.dashboard ?? null, error: remote?.key === key ? remote.error : undefined };
}

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
function accuracyText(a: Accuracy): string {
  if (a.rate === null || !a.interval) return '—';
  return `${pct(a.rate)} (${pct(a.interval.lower)}–${pct(a.interval.upper)})`;
}

/** Accuracy overall, per tier, and with vs without a verifier flag (Wilson 95 % intervals). */
function AccuracyPanel({ runs }: { runs: readonly RunRecord[] }) {
  const report = useMemo(() => accuracyReport(runs), [runs]);
  if (report.overall.scored === 0) {
    return (
      <div className="accuracy" data-testid="accuracy">
        <h3>Accuracy by tier and verifier flag</h3>
        <p className="placeholder">No scored runs: give batch queries a reference answer (JSONL {'{"prompt": …, "answer": …}'}) to score them.</p>
      </div>
    );
  }
  const rows: [string, Accuracy][] = [
    ['All scored runs', report.overall],
    ...TIER_IDS.map((tier): [string, Accuracy] => [tierLabel(tier), report.byTier[tier]]),
    ['Verifier flagged a step', report.flagged],
    ['No verifier flag', report.unflagged],
  ];
  const { flagged, unflagged } = report;
  const predicts =
    flagged.rate !== null && unflagged.rate !== null && flagged.interval && unflagged.interval
      ? flagged.interval.upper < unflagged.interval.lower
        ? 'Runs the verifier flagged are less accurate than the others (the intervals do not overlap): the warnings predict wrong answers here.'
        : 'The intervals of flagged and unflagged runs overlap: on these runs the warnings do not clearly predict wrong answers.'
      : 'Accuracy with and without a flag needs scored runs of both kinds.';
  return (
    <div className="accuracy" data-testid="accuracy">
      <h3 title="Share of scored runs whose extracted final answer matches the reference; Wilson 95 % intervals.">Accuracy by tier and verifier flag</h3>
      <table className="accuracy-table">
        <thead>
          <tr>
            <th scope="col">Runs</th>
            <th scope="col" className="num">
              Accuracy (95 % interval)
            </th>
            <th scope="col" className="num">
              Correct / scored
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, a]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="num">{accuracyText(a)}</td>
              <td className="num">
                {a.correct} / {a.scored}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        {predicts} {report.unscored > 0 ? `${report.unscored} run${report.unscored === 1 ? '' : 's'} not scored (no reference answer, or no chance to answer).` : ''}
      </p>
    </div>
  );
}

/**
 * The reasoning monitoring table over a selection of runs: each metric with its definition on
 * hover and its trend, the length ↔ latency scatter, and the latency breakpoint from the
 * capacity planner's own analysis (core/capacity detectBreakpointSmallSample: below 200 runs a
 * rough estimate with a wider interval and how many more runs would narrow it).
 */
export function MonitoringDashboard({ runs, scope, source }: { runs: readonly RunRecord[]; scope: string; source?: DashboardSource }) {
  const [lengthBy, setLengthBy] = useState<LengthMeasure>('tokens');
  const { dashboard, error } = useDashboard(runs, lengthBy, source);
  if (!dashboard) {
    return (
      <section className="panel monitoring" aria-labelledby="monitoring-heading">
        <div className="panel-head">
          <h2 id="monitoring-heading">Monitoring</h2>
          <p className="hint monitoring-scope">{scope}</p>
        </div>
        <p className={error ? 'flag flag-warn' : 'placeholder'} role="status">
          {error ? `Could not compute the monitoring: ${error}` : `Computing the monitoring over ${runs.length.toLocaleString('en-US')} runs in the background…`}
        </p>
      </section>
    );
  }
  const { metrics, trends, breakpoint, correlation, trendRange } = dashboard;
  const { pearson, spearman } = correlation;
  const simulatedCount = runs.filter((r) => r.simulated).length;

  return (
    <section className="panel monitoring" aria-labelledby="monitoring-heading">
      <div className="panel-head">
        <h2 id="monitoring-heading">Monitoring</h2>
        <p className="hint monitoring-scope">{scope}</p>
        {simulatedCount > 0 && (
          <p className="flag flag-info sim-note" data-testid="simulated-note">
            {simulatedCount === runs.length ? `All ${simulatedCount} runs have` : `${simulatedCount} of ${runs.length} runs have`} simulated timing (demo model): their latencies, timeouts and the breakpoint are simulated, not measured.
          </p>
        )}
        <SelectField className="inline-field" label="Reasoning length" value={lengthBy} options={LENGTH_MEASURES} onChange={setLengthBy} />
      </div>
      <div className="monitoring-grid">
        <div className="metrics-col">
          <table className="metrics-table">
            <caption className="visually-hidden">Reasoning metrics (hover or focus a name for its definition)</caption>
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <th scope="col" className="num">
                  Value
                </th>
                <th scope="col" className="num" title="Runs the value was computed from">
                  Runs
                </th>
                <th scope="col" title={`Each line: the metric in ${TREND_BUCKETS} equal slices of the runs' start times, oldest on the left; beside it, its lowest and highest slice.`}>
                  Trend
                </th>
              </tr>
            </thead>
            <tbody>
              {metrics.map((m) => (
                <MetricRow key={m.id} metric={m} trend={trends[m.id]} />
              ))}
            </tbody>
          </table>
          {trendRange && (
            <p className="hint trend-axis" data-testid="trend-axis">
              Trend: each line is the metric in {TREND_BUCKETS} equal slices of start time, {clockTime(trendRange.from)} (left) to {clockTime(trendRange.to)} (right), {spanText(trendRange.to - trendRange.from)} in all; the figures beside it are its lowest and highest slice.
            </p>
          )}
        </div>
        <figure className="correlation">
          <figcaption>
            Reasoning length vs latency · Pearson {pearson === null ? '—' : pearson.toFixed(2)} · Spearman {spearman === null ? '—' : spearman.toFixed(2)} · {correlation.count.toLocaleString('en-US')} runs
            {correlation.count > MAX_SCATTER_POINTS && ` (a random ${MAX_SCATTER_POINTS.toLocaleString('en-US')} drawn; the statistics use all)`}
          </figcaption>
          <CorrelationChart drawn={correlation.drawn} lengthBy={lengthBy} />
        </figure>
      </div>
      <AccuracyPanel runs={runs} />
      <div className="breakpoint" data-testid="breakpoint">
        <h3 title="The reasoning length (in steps) at which timeouts start to rise, from the capacity planner's analysis of the same runs.">Latency breakpoint</h3>
        {breakpoint.breakpoint !== null ? (
          <p>
            <strong>≈ {breakpoint.breakpoint.toFixed(1)} steps</strong>
            {breakpoint.interval ? ` (95 % interval ${breakpoint.interval[0].toFixed(1)}–${breakpoint.interval[1].toFixed(1)})` : ''}. {breakpoint.reason}
            {breakpoint.smallSample?.note ? ` ${breakpoint.smallSample.note}` : ''}
          </p>
        ) : (
          <p>
            <strong>No breakpoint.</strong> {breakpoint.reason.replace(/^No breakpoint:\s*(.)/, (_, c: string) => c.toUpperCase())} ({breakpoint.n} runs, {breakpoint.timeouts} timed out.)
            {breakpoint.smallSample?.note ? ` ${breakpoint.smallSample.note}` : ''}
          </p>
        )}
      </div>
    </section>
  );
}
