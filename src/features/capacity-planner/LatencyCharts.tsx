import { memo, useMemo } from 'react';
import { CartesianGrid, ComposedChart, ErrorBar, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { DenseMarks, niceAxis } from '../../components/charts/DenseMarks';
import { linearTicks, logTicks } from '../../components/charts/axis-ticks';
import type { PlannerAnalysis } from '../../core/planner';
import { ChartCard, Legend } from './ChartCard';
import { useChartTheme } from './chart-theme';
import { fmtInt, fmtNum, fmtPct } from '../../core/number-format';
import { basisUnit } from './labels';

type Props = { analysis: PlannerAnalysis; timeoutSeconds: number; logX: boolean };

/** Latency against reasoning length (per-bin median and p95, sampled points) and the timeout rate per bin. */
export const LatencyCharts = memo(function LatencyCharts({ analysis, timeoutSeconds, logX }: Props) {
  const theme = useChartTheme();
  const lat = analysis.latency;
  const unit = basisUnit(analysis.basis);
  const log = logX && analysis.kind === 'rows';
  const bp = analysis.breakpoint && analysis.breakpoint.status === 'found' ? analysis.breakpoint : null;
  const bins = useMemo(
    () =>
      (lat?.bins ?? [])
        .filter((b) => !log || b.medianLength > 0)
        .map((b) => ({
          x: b.medianLength,
          median: Number.isFinite(b.medianLatencyMs) ? b.medianLatencyMs / 1000 : null,
          p95: Number.isFinite(b.p95LatencyMs) ? b.p95LatencyMs / 1000 : null,
          rate: Number.isFinite(b.timeoutRate.estimate) ? b.timeoutRate.estimate * 100 : null,
          err: Number.isFinite(b.timeoutRate.estimate) ? [(b.timeoutRate.estimate - b.timeoutRate.lower) * 100, (b.timeoutRate.upper - b.timeoutRate.estimate) * 100] : [0, 0],
          n: b.n,
          timeouts: b.timeouts,
          lo: b.lo,
          hi: b.hi,
        })),
    [lat, log],
  );
  const points = useMemo(() => (lat?.points ?? []).filter((p) => !log || p.x > 0).map((p) => ({ x: p.x, y: p.latencyMs / 1000 })), [lat, log]);
  // The marks are drawn outside recharts' series (see DenseMarks), so the latency axis is sized for them here.
  const xDomain = useMemo((): [number, number] => {
    const xs = [...points.map((p) => p.x), ...bins.map((b) => b.x)].filter((v) => Number.isFinite(v) && (!log || v > 0));
    if (xs.length === 0) return [log ? 1 : 0, 1];
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of xs) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    return log ? [lo, hi] : [0, niceAxis([hi]).max];
  }, [points, bins, log]);
  // The timeout rate drawn over each bin's whole range (a step line), so the chart reaches the longest request, not the last bin's median.
  const rateSteps = useMemo(() => {
    const out: { x: number; step: number }[] = [];
    for (const b of bins) if (b.rate !== null && (!log || b.lo > 0)) out.push({ x: b.lo, step: b.rate }, { x: b.hi, step: b.rate });
    return out;
  }, [bins, log]);
  const rateDomain = useMemo((): [number, number] => {
    let hi = xDomain[1];
    let lo = xDomain[0];
    for (const p of rateSteps) {
      if (p.x > hi) hi = p.x;
      if (p.x < lo) lo = p.x;
    }
    return log ? [lo, hi] : [0, hi > xDomain[1] ? niceAxis([hi]).max : xDomain[1]];
  }, [rateSteps, xDomain, log]);
  const yMax = useMemo(() => niceAxis([...points.map((p) => p.y), ...bins.map((b) => b.p95 ?? 0), timeoutSeconds]).max, [points, bins, timeoutSeconds]);
  if (!lat) {
    return (
      <section className="panel" aria-label="Latency against reasoning length">
        <h3>Latency against reasoning length</h3>
        <p className="placeholder">
          {analysis.latencySummary
            ? `No length to chart latency against (no steps, reasoning or output tokens${analysis.analysed === 0 ? '' : ' with a latency'}); the latency percentiles are in the Latency panel. Map a length column to see this chart.`
            : 'No latencies in these logs (map a latency column to see this chart).'}
        </p>
      </section>
    );
  }
  const tick = { fill: theme.muted, fontSize: 11 };
  const grid = <CartesianGrid stroke={theme.border} strokeDasharray="3 3" />;
  const tooltipStyle = { background: theme.surface, border: `1px solid ${theme.border}`, color: theme.text };
  // Ticks chosen here (interval 0: recharts measures no label; see axis-ticks).
  const axisFor = (domain: [number, number]) => (
    <XAxis
      dataKey="x"
      type="number"
      scale={log ? 'log' : 'linear'}
      domain={domain}
      allowDataOverflow
      ticks={log ? logTicks(domain[0], domain[1]) : linearTicks(domain[0], domain[1])}
      interval={0}
      tick={tick}
      stroke={theme.border}
      tickFormatter={(v: number) => fmtNum(v, 0)}
      label={{ value: unit, position: 'insideBottom', offset: -12, fill: theme.muted, fontSize: 12 }}
    />
  );
  const xAxis = axisFor(xDomain);
  const bpMarks = bp && bp.breakpoint !== null && (
    <>
      {bp.interval && <ReferenceArea x1={bp.interval[0]} x2={bp.interval[1]} fill={theme.err} fillOpacity={0.15} />}
      <ReferenceLine x={bp.breakpoint} stroke={theme.err} strokeDasharray="5 3" strokeWidth={2} label={{ value: 'breakpoint', fill: theme.err, fontSize: 11, position: 'top' }} />
    </>
  );
  const bpLegend = bp && bp.breakpoint !== null ? [{ label: `Breakpoint ${fmtNum(bp.breakpoint, 1)} ${unit}`, colour: theme.err, dashed: true }, ...(bp.interval ? [{ label: '95 % interval', colour: theme.err, band: true }] : [])] : [];
  const binCaption = analysis.kind === 'buckets' ? 'one point per pre-aggregated bucket (its own p50 and p95)' : `${bins.length} quantile bins of ${unit}, each at its median length`;

  return (
    <>
      <ChartCard
        title="Latency against reasoning length"
        height={300}
        caption={
          <>
            End-to-end latency per request: median and p95 per bin ({binCaption}).{' '}
            {points.length > 0 &&
              (lat.sampled
                ? `Points: a seeded random sample of ${fmtInt(points.length)} of ${fmtInt(lat.pointsOf)} requests (the lines use every request).`
                : `Points: all ${fmtInt(points.length)} requests with a latency.`)}
            {Number.isFinite(lat.spearman) && ` Spearman ρ = ${fmtNum(lat.spearman, 2)}, Pearson r = ${fmtNum(lat.pearson, 2)}.`}
          </>
        }
        csv={() => ({
          columns: ['bin_lo', 'bin_hi', 'median_length', 'requests', 'with_latency', 'median_latency_ms', 'p95_latency_ms'],
          rows: lat.bins.map((b) => [b.lo, b.hi, b.medianLength, b.n, b.latencyCount, b.medianLatencyMs, b.p95LatencyMs]),
        })}
        footer={
          <Legend
            items={[
              ...(points.length ? [{ label: 'Requests', colour: theme.muted }] : []),
              { label: 'Median per bin', colour: theme.accent },
              { label: 'p95 per bin', colour: theme.warn },
              { label: `Timeout ${fmtNum(timeoutSeconds, 1)} s`, colour: theme.muted, dashed: true },
              ...bpLegend,
            ]}
          />
        }
      >
        <ResponsiveContainer width="100%" height={300}>
          <ComposedChart margin={{ top: 14, right: 16, bottom: 20, left: 8 }}>
            {grid}
            {xAxis}
            <YAxis interval={0} type="number" domain={[0, yMax]} allowDataOverflow tick={tick} stroke={theme.border} tickFormatter={(v: number) => `${fmtNum(v, 0)} s`} width={56} />
            <Tooltip contentStyle={tooltipStyle} isAnimationActive={false} formatter={(v, name) => [`${fmtNum(Number(v), 2)} s`, name]} labelFormatter={(l) => `${fmtNum(Number(l), 1)} ${unit}`} />
            {bpMarks}
            <ReferenceLine y={timeoutSeconds} stroke={theme.muted} strokeDasharray="6 4" label={{ value: 'timeout', fill: theme.muted, fontSize: 11, position: 'insideTopLeft' }} />
            {points.length > 0 && <DenseMarks marks={points} fill={theme.muted} opacity={0.35} size={3} label={`${fmtInt(points.length)} requests: latency against ${unit}`} />}
            <Line name="median" data={bins} dataKey="median" stroke={theme.accent} strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} connectNulls />
            <Line name="p95" data={bins} dataKey="p95" stroke={theme.warn} strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} connectNulls />
          </ComposedChart>
        </ResponsiveContainer>
      </ChartCard>

      <ChartCard
        title="Timeout rate by reasoning length"
        height={240}
        tourId="breakpoint-chart"
        caption={`Share of requests that timed out per bin (dots at each bin's median length, the faint line across the bin's range), with Wilson 95 % intervals.`}
        csv={() => ({
          columns: ['bin_lo', 'bin_hi', 'median_length', 'requests', 'timeouts', 'timeout_rate', 'wilson_lower', 'wilson_upper'],
          rows: lat.bins.map((b) => [b.lo, b.hi, b.medianLength, b.n, b.timeouts, b.timeoutRate.estimate, b.timeoutRate.lower, b.timeoutRate.upper]),
        })}
        footer={<Legend items={[{ label: 'Timeout rate (Wilson 95 % interval)', colour: theme.err }, ...bpLegend]} />}
      >
        <ResponsiveContainer width="100%" height={240}>
          <ComposedChart data={bins} margin={{ top: 14, right: 16, bottom: 20, left: 8 }}>
            {grid}
            {axisFor(rateDomain)}
            <YAxis interval={0} type="number" domain={[0, 'auto']} tick={tick} stroke={theme.border} tickFormatter={(v: number) => `${fmtNum(v, 0)}%`} width={52} />
            <Tooltip
              contentStyle={tooltipStyle}
              isAnimationActive={false}
              formatter={(v, _n, item) => {
                const p = item?.payload as { timeouts: number; n: number } | undefined;
                return [`${fmtPct(Number(v) / 100, 1)}${p ? ` (${fmtInt(p.timeouts)} of ${fmtInt(p.n)})` : ''}`, 'timeouts'];
              }}
              labelFormatter={(l) => `${fmtNum(Number(l), 1)} ${unit}`}
            />
            {bpMarks}
            <Line name="bin range" data={rateSteps} dataKey="step" type="stepAfter" stroke={theme.err} strokeOpacity={0.45} strokeWidth={1.5} dot={false} isAnimationActive={false} legendType="none" tooltipType="none" />
            <Line dataKey="rate" stroke={theme.err} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} connectNulls>
              <ErrorBar dataKey="err" direction="y" width={4} stroke={theme.err} isAnimationActive={false} />
            </Line>
          </ComposedChart>
        </ResponsiveContainer>
      </ChartCard>
    </>
  );
});
