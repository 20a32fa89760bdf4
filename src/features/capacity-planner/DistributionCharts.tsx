import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { PlannerAnalysis } from '../../core/planner';
import { tierDefinitions, type TierBounds } from '../../core/run/tiers';
import { BandBars } from '../../components/charts/BandBars';
import { niceAxis } from '../../components/charts/DenseMarks';
import { extent, linearTicks, logTicks } from '../../components/charts/axis-ticks';
import { ChartCard, Legend } from './ChartCard';
import { tierColour, useChartTheme } from './chart-theme';
import { fmtInt, fmtNum, fmtPct } from '../../core/number-format';
import { basisUnit, binLabel, distributionTitle } from './labels';

type Props = { analysis: PlannerAnalysis; tierBounds: TierBounds };

/** The breakpoint on this chart's axis: its own, or for a token measure without one the step breakpoint at the tokens requests of that length used. */
function breakpointOf(a: PlannerAnalysis): { x: number; lo: number | null; hi: number | null; label: string } | null {
  const b = a.breakpoint;
  const unit = basisUnit(a.basis);
  if (b && b.status === 'found' && b.breakpoint !== null) return { x: b.breakpoint, lo: b.interval?.[0] ?? null, hi: b.interval?.[1] ?? null, label: `Breakpoint ${fmtNum(b.breakpoint, 1)} ${unit}` };
  const s = a.stepBreakpoint;
  if (!s) return null;
  return { x: s.length, lo: s.interval?.[0] ?? null, hi: s.interval?.[1] ?? null, label: `Breakpoint ${fmtNum(s.steps, 1)} steps ≈ ${fmtNum(s.length, 0)} ${unit} (median at that step count)` };
}

/** Step (or reasoning-token) distribution: histogram coloured by tier and the CDF, with the breakpoint. */
export const DistributionCharts = memo(function DistributionCharts({ analysis, tierBounds }: Props) {
  const theme = useChartTheme();
  const d = analysis.distribution;
  const unit = basisUnit(analysis.basis);
  const title = distributionTitle(analysis.basis);
  const integer = d.bins.every((b) => Number.isInteger(b.lo) && Number.isInteger(b.hi));
  const data = useMemo(() => d.bins.map((b) => ({ ...b, label: binLabel(b.lo, b.hi, integer), sharePct: b.share * 100 })), [d.bins, integer]);
  const bp = breakpointOf(analysis);
  // Every k-th bin labelled, k fixed up front: recharts would otherwise measure each of ~80 labels in
  // the DOM on every render (the vertical axes of ~5 ticks draw every tick, interval 0, for the same reason).
  const labelEvery = Math.max(0, Math.ceil(data.length / 10) - 1);
  const binAt = (x: number | null) => {
    if (x === null) return undefined;
    const b = data.find((bin, i) => x >= bin.lo && (x < bin.hi || i === data.length - 1));
    return b?.label;
  };
  const cdfData = useMemo(() => d.cdf.filter((p) => !d.log || p.x > 0).map((p) => ({ x: p.x, pct: p.p * 100 })), [d.cdf, d.log]);
  // The CDF's x ticks, chosen here (interval 0: recharts measures no label; see axis-ticks).
  const cdfTicks = useMemo(() => {
    const [lo, hi] = extent(cdfData, (p) => p.x);
    return d.log ? logTicks(lo, hi) : linearTicks(0, hi);
  }, [cdfData, d.log]);
  const tiered = data.some((b) => b.tier !== null);
  // The bars are one path per tier (BandBars), so the share axis is sized here: 0 to a round number, its round ticks.
  const shareAxis = useMemo(() => niceAxis(data.map((b) => b.sharePct)), [data]);
  const bandBars = useMemo(() => data.map((b) => ({ category: b.label, value: b.sharePct, fill: tierColour(theme, b.tier) })), [data, theme]);
  const grid = <CartesianGrid stroke={theme.border} strokeDasharray="3 3" />;
  const tick = { fill: theme.muted, fontSize: 11 };
  const tooltipStyle = { background: theme.surface, border: `1px solid ${theme.border}`, color: theme.text };

  const stats = d.stats;
  const statLine = (
    <dl className="metrics stat-row" aria-label={`${title} statistics`}>
      {(
        [
          ['n', fmtInt(stats.n)],
          ['median', fmtNum(stats.median, 1)],
          ['p90', fmtNum(stats.p90, 1)],
          ['p95', fmtNum(stats.p95, 1)],
          ['p99', fmtNum(stats.p99, 1)],
          ['max', fmtNum(stats.max, 1)],
        ] as const
      ).map(([k, v]) => (
        <div className="metric" key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );

  const bpLegend = bp ? [{ label: bp.label, colour: theme.err, dashed: true }, ...(bp.lo !== null ? [{ label: '95 % interval', colour: theme.err, band: true }] : [])] : [];

  return (
    <>
      <ChartCard
        title={title}
        height={260}
        caption={
          <>
            Histogram of {unit} per request{d.log ? ' (log-spaced bins)' : ''}
            {d.approximate ? '; pre-aggregated buckets as given, percentiles interpolated within buckets' : ''}.
            {d.excluded > 0 ? ` ${fmtInt(d.excluded)} requests with 0 ${unit} are left off the log axis.` : ''}
            {analysis.basis === 'outputTokens' ? ' Output tokens stand in for reasoning length here: for reasoning models most output is reasoning.' : ''}
            {tiered && analysis.basis !== 'steps' ? ' Tiers are in steps: each bar takes the tier most of its requests fall in.' : ''}
          </>
        }
        csv={() => ({
          columns: ['bin_lo', 'bin_hi_exclusive', 'count', 'share', 'cumulative_share', 'tier'],
          rows: d.bins.map((b) => [b.lo, b.hi, b.count, b.share, b.cumulativeShare, b.tier ?? '']),
        })}
        footer={
          <>
            {statLine}
            <Legend
              items={[
                ...(tiered
                  ? tierDefinitions(tierBounds).map((t) => ({ label: t.label, colour: tierColour(theme, t.tier) }))
                  : [{ label: 'Requests', colour: theme.muted }]),
                ...bpLegend,
              ]}
            />
          </>
        }
      >
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={data} margin={{ top: 20, right: 16, bottom: 20, left: 8 }} barCategoryGap={1}>
            {grid}
            <XAxis dataKey="label" tick={tick} stroke={theme.border} interval={labelEvery} label={{ value: unit, position: 'insideBottom', offset: -12, fill: theme.muted, fontSize: 12 }} />
            <YAxis interval={0} type="number" domain={[0, shareAxis.max]} ticks={shareAxis.ticks} tick={tick} stroke={theme.border} tickFormatter={(v: number) => `${fmtNum(v, 1)}%`} width={52} />
            <Tooltip
              contentStyle={tooltipStyle}
              isAnimationActive={false}
              includeHidden
              formatter={(v) => [`${fmtNum(Number(v), 2)} %`, 'share']}
              labelFormatter={(l) => `${l} ${unit}`}
            />
            {/* Hidden: it gives the tooltip its payload; BandBars draws the bars (one element per bar cost the first draw a long task). */}
            <Bar dataKey="sharePct" isAnimationActive={false} name="share" fill={theme.text} hide />
            {/* An undrawn series so the axes have a visible item to lay out against (a chart of hidden items has none). */}
            <Line dataKey="sharePct" stroke="none" dot={false} activeDot={false} isAnimationActive={false} legendType="none" tooltipType="none" />
            <BandBars bars={bandBars} gap={1} label={`Histogram: share of requests per ${unit} bin`} />
            {bp && bp.lo !== null && bp.hi !== null && <ReferenceArea x1={binAt(bp.lo)} x2={binAt(bp.hi)} fill={theme.err} fillOpacity={0.15} ifOverflow="extendDomain" />}
            {bp && <ReferenceLine x={binAt(bp.x)} stroke={theme.err} strokeDasharray="5 3" strokeWidth={2} label={{ value: 'breakpoint', fill: theme.err, fontSize: 11, position: 'top' }} />}
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>

      <ChartCard
        title="Cumulative distribution"
        height={220}
        caption={`Share of requests with at most x ${unit} (empirical CDF${d.log ? ', log x-axis' : ''}).`}
        csv={() => ({ columns: [analysis.basis === 'steps' ? 'steps' : analysis.basis === 'outputTokens' ? 'output_tokens' : 'reasoning_tokens', 'cumulative_share'], rows: d.cdf.map((p) => [p.x, p.p]) })}
        footer={<Legend items={[{ label: 'P(length ≤ x)', colour: theme.accent }, ...bpLegend]} />}
      >
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={cdfData} margin={{ top: 8, right: 16, bottom: 20, left: 8 }}>
            {grid}
            <XAxis
              dataKey="x"
              type="number"
              scale={d.log ? 'log' : 'linear'}
              domain={d.log ? ['dataMin', 'dataMax'] : [0, 'dataMax']}
              allowDataOverflow
              ticks={cdfTicks}
              interval={0}
              tick={tick}
              stroke={theme.border}
              tickFormatter={(v: number) => fmtNum(v, 0)}
              label={{ value: unit, position: 'insideBottom', offset: -12, fill: theme.muted, fontSize: 12 }}
            />
            <YAxis interval={0} domain={[0, 100]} tick={tick} stroke={theme.border} tickFormatter={(v: number) => `${v}%`} width={52} />
            <Tooltip contentStyle={tooltipStyle} isAnimationActive={false} formatter={(v) => [fmtPct(Number(v) / 100, 1), '≤ x']} labelFormatter={(l) => `${fmtNum(Number(l), 1)} ${unit}`} />
            {bp && bp.lo !== null && bp.hi !== null && <ReferenceArea x1={bp.lo} x2={bp.hi} fill={theme.err} fillOpacity={0.15} />}
            {bp && <ReferenceLine x={bp.x} stroke={theme.err} strokeDasharray="5 3" strokeWidth={2} />}
            <ReferenceLine y={95} stroke={theme.muted} strokeDasharray="2 4" label={{ value: 'p95', fill: theme.muted, fontSize: 11, position: 'insideTopLeft' }} />
            <Line dataKey="pct" type="stepAfter" dot={false} stroke={theme.accent} strokeWidth={2} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </ChartCard>
    </>
  );
});
