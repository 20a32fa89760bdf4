import type { FleetPlan, LengthBin, PeakArrival, TierStat } from '../capacity';
import { definitionList, esc, renderDocument, section, table, type Cell } from './html';
import { COLOURS, barChart, figure, legend, xyChart } from './svg';

/**
 * The capacity planner's analysis as a report. The input is the part of the planner's analysis
 * the report reads, as plain data (the worker's result fits it as it is).
 */
export type PlannerReportInput = {
  kind: 'rows' | 'buckets' | 'empty';
  basis: 'steps' | 'reasoningTokens' | 'outputTokens';
  counts: { ok: number; error: number; timeout: number; truncated: number; censored: number };
  total: number;
  analysed: number;
  distribution: {
    bins: readonly { lo: number; hi: number; count: number; share: number; tier: TierStat['tier'] | null }[];
    stats: { n: number; median: number; p90: number; p95: number; p99: number; max: number };
    approximate: boolean;
  };
  tiers: readonly (TierStat & { approximate?: boolean })[] | null;
  latency: { bins: readonly LengthBin[] } | null;
  breakpoint: { breakpoint: number | null; status: string; reason: string; interval: [number, number] | null; n: number; timeouts: number } | null;
  breakpointNote?: string;
  plan: { share: number; stepTimeSeconds: number; overheadSeconds: number; source: 'settings' | 'fitted' | 'measured'; targetP95Seconds: number; requests: number; note?: string };
  fleet: { peak: PeakArrival | null; arrivalRate: number; plan: FleetPlan | null; reason?: string };
  notes: readonly string[];
};

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
const num = (n: number | null | undefined, d = 1) => (n === null || n === undefined || !Number.isFinite(n) ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: d }));
const pctOf = (s: number | null | undefined, d = 1) => (s === null || s === undefined || !Number.isFinite(s) ? '—' : `${(s * 100).toLocaleString('en-US', { maximumFractionDigits: d })} %`);
const sec = (ms: number | null | undefined) => (ms === null || ms === undefined || Number.isNaN(ms) ? '—' : ms === Infinity ? '∞' : `${num(ms / 1000, 1)} s`);

const TIER_COLOUR = { short: COLOURS.short, medium: COLOURS.medium, complex: COLOURS.complex } as const;

export function breakpointSentence(a: PlannerReportInput, unit: string): string {
  const b = a.breakpoint;
  if (b && b.status === 'found' && b.breakpoint !== null) {
    return `Latency breakpoint: ${num(b.breakpoint, 1)} ${unit}${b.interval ? ` (95 % interval ${num(b.interval[0], 1)}–${num(b.interval[1], 1)})` : ''}`;
  }
  const why = b ? b.reason : (a.breakpointNote ?? 'not computed');
  return `No breakpoint: ${why.replace(/^No breakpoint:\s*/, '')}`;
}

export function plannerReport(a: PlannerReportInput, opts: { source: string; now: number; timeoutSeconds: number }): string {
  const unit = a.basis === 'steps' ? 'steps' : a.basis === 'outputTokens' ? 'output tokens' : 'reasoning tokens';
  const bp = a.breakpoint?.status === 'found' ? a.breakpoint.breakpoint : null;
  const s = a.distribution.stats;
  const c = a.counts;
  const marker = bp !== null ? { at: bp, label: `breakpoint ${num(bp, 1)}` } : undefined;

  const overview = section(
    'Overview',
    `<p><strong>${esc(breakpointSentence(a, unit))}.</strong></p>` +
      definitionList([
        ['Requests', int(a.total)],
        ['Analysed', int(a.analysed)],
        ['ok · failed · timed out', `${int(c.ok)} · ${int(c.error)} · ${int(c.timeout)}`],
        ['truncated · censored', `${int(c.truncated)} · ${int(c.censored)}`],
        [`Median ${unit}`, num(s.median, 1)],
        [`p95 ${unit}`, num(s.p95, 1)],
        [`p99 ${unit}`, num(s.p99, 1)],
        ['Requests meeting the target', `${pctOf(a.plan.share)} of ${int(a.plan.requests)} at p95 ≤ ${num(a.plan.targetP95Seconds, 1)} s`],
      ]) +
      (a.notes.length ? `<ul>${a.notes.map((n) => `<li class="hint">${esc(n)}</li>`).join('')}</ul>` : ''),
    'overview',
  );

  const dist = section(
    'Step distribution',
    figure(
      barChart({
        title: `Distribution of ${unit}`,
        bars: a.distribution.bins.map((b) => ({ lo: b.lo, hi: b.hi, value: b.count, colour: b.tier ? TIER_COLOUR[b.tier] : COLOURS.accent })),
        xLabel: unit,
        yLabel: 'requests',
        ...(marker ? { marker } : {}),
      }),
      `Requests by reasoning length (${int(s.n)} with a length${a.distribution.approximate ? '; percentiles interpolated within buckets' : ''}). Median ${num(s.median, 1)}, p90 ${num(s.p90, 1)}, p95 ${num(s.p95, 1)}, p99 ${num(s.p99, 1)}, max ${num(s.max, 1)}.`,
    ) +
      legend([
        { label: 'short', colour: COLOURS.short },
        { label: 'medium', colour: COLOURS.medium },
        { label: 'complex', colour: COLOURS.complex },
      ]) +
      (a.tiers
        ? table(
            ['Tier', 'Requests', 'Share', 'p95 latency', 'Target', 'Meets target'],
            a.tiers.map((t) => [t.label, int(t.count), pctOf(t.share), `${t.approximate ? '≈ ' : ''}${sec(t.p95LatencyMs)}`, `${t.targetSeconds} s`, t.meetsTarget === null ? '—' : t.meetsTarget ? 'yes' : 'no'] as Cell[]),
            { numeric: [1, 2, 3, 4], caption: 'Latency tiers' },
          )
        : ''),
    'distribution',
  );

  const bins = a.latency?.bins ?? [];
  const breakpointSection = section(
    'Breakpoint',
    (bins.length
      ? figure(
          xyChart({
            title: 'Timeout rate by length',
            series: [
              { name: 'timeout rate', points: bins.map((b) => ({ x: (b.lo + b.hi) / 2, y: b.timeoutRate.estimate * 100 })), colour: COLOURS.complex },
              { name: 'upper 95 %', points: bins.map((b) => ({ x: (b.lo + b.hi) / 2, y: b.timeoutRate.upper * 100 })), colour: COLOURS.border, dots: false },
            ],
            xLabel: unit,
            yLabel: 'timed out (%)',
            yMin: 0,
            yFormat: (v) => `${v} %`,
            ...(marker ? { marker } : {}),
          }),
          `Share of requests that timed out in each length bin (red), with the upper end of its Wilson 95 % interval (grey); the dashed line is the detected breakpoint.`,
        ) +
        figure(
          xyChart({
            title: 'Latency by length',
            series: [
              { name: 'median', points: bins.filter((b) => b.latencyCount > 0).map((b) => ({ x: (b.lo + b.hi) / 2, y: b.medianLatencyMs / 1000 })), colour: COLOURS.accent },
              { name: 'p95', points: bins.filter((b) => b.latencyCount > 0 && Number.isFinite(b.p95LatencyMs)).map((b) => ({ x: (b.lo + b.hi) / 2, y: b.p95LatencyMs / 1000 })), colour: COLOURS.medium },
            ],
            xLabel: unit,
            yLabel: 'latency (s)',
            yMin: 0,
            reference: { y: opts.timeoutSeconds, label: `timeout ${opts.timeoutSeconds} s` },
            ...(marker ? { marker } : {}),
          }),
          'Median (blue) and p95 (orange) latency per length bin, against the timeout.',
        ) +
        table(
          [`${unit[0].toUpperCase()}${unit.slice(1)}`, 'Requests', 'Median latency', 'p95 latency', 'Timed out', 'Timeout rate (95 % interval)'],
          bins.map((b) => [`${num(b.lo, 1)}–${num(b.hi, 1)}`, int(b.n), sec(b.medianLatencyMs), sec(b.p95LatencyMs), int(b.timeouts), `${pctOf(b.timeoutRate.estimate)} (${pctOf(b.timeoutRate.lower)}–${pctOf(b.timeoutRate.upper)})`] as Cell[]),
          { numeric: [1, 2, 3, 4], caption: 'Latency and timeouts by length' },
        )
      : '<p class="hint">No latencies to chart.</p>') + (a.breakpoint ? `<p>${esc(a.breakpoint.reason)} (${int(a.breakpoint.n)} requests, ${int(a.breakpoint.timeouts)} timed out.)</p>` : ''),
    'breakpoint',
  );

  const p = a.plan;
  const maxSteps = p.stepTimeSeconds > 0 ? Math.floor((p.targetP95Seconds - p.overheadSeconds) / p.stepTimeSeconds + 1e-9) : NaN;
  const f = a.fleet;
  const fp = f.plan;
  const curve = fp?.curve ?? [];
  const plan = section(
    'Plan',
    (p.source === 'measured'
      ? `<p><strong>${esc(pctOf(p.share))}</strong> of ${esc(int(p.requests))} requests finished within the ${esc(num(p.targetP95Seconds, 1))} s target (measured latencies: the log has no reasoning length).</p>`
      : `<p><strong>${esc(pctOf(p.share))}</strong> of ${esc(int(p.requests))} requests meet the ${esc(num(p.targetP95Seconds, 1))} s target p95. Estimated time = steps × ${esc(num(p.stepTimeSeconds, 3))} s + ${esc(num(p.overheadSeconds, 2))} s (${p.source === 'fitted' ? 'fitted from the data' : 'from the settings'})${Number.isFinite(maxSteps) ? `, so requests of up to ${esc(int(Math.max(0, maxSteps)))} steps fit` : ''}.</p>`) +
      (p.note ? `<p class="hint">${esc(p.note)}</p>` : '') +
      `<h3>Fleet</h3><p>Peak arrivals: <strong>${esc(num(f.arrivalRate, 2))} requests/s</strong>.${f.reason ? ` ${esc(f.reason)}` : ''}</p>` +
      (fp
        ? definitionList([
            ["Little's law", `${int(fp.littles.instances)} instances (${num(fp.littles.concurrentRequests, 1)} in flight)`],
            [`Erlang C (p95 ≤ ${num(p.targetP95Seconds, 1)} s)`, fp.erlang.instances !== null ? `${int(fp.erlang.instances)} instances` : 'not reachable'],
            ['Design rate', `${num(fp.designArrivalRate, 2)} requests/s`],
            ['Mean service', `${num(fp.meanServiceSeconds, 1)} s (p95 ${num(fp.serviceP95Seconds, 1)} s)`],
          ]) + (fp.erlang.reason ? `<p class="hint">${esc(fp.erlang.reason)}</p>` : '')
        : '') +
      (curve.length
        ? figure(
            xyChart({
              title: 'Instances against p95',
              series: [{ name: 'p95 response', points: curve.filter((pt) => Number.isFinite(pt.p95ResponseSeconds)).map((pt) => ({ x: pt.instances, y: pt.p95ResponseSeconds })) }],
              xLabel: 'instances',
              yLabel: 'p95 response (s)',
              yMin: 0,
              reference: { y: p.targetP95Seconds, label: `target ${num(p.targetP95Seconds, 1)} s` },
              ...(fp?.erlang.instances ? { marker: { at: fp.erlang.instances, label: `${fp.erlang.instances} instances` } } : {}),
            }),
            'Modelled p95 response time (queueing wait + service) for each fleet size.',
          )
        : ''),
    'plan',
  );

  return renderDocument({ title: 'Capacity plan report', subtitle: opts.source, generatedAt: opts.now, sections: [overview, dist, breakpointSection, plan] });
}
