import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { PlannerAnalysis } from '../../core/planner';
import { extent, linearTicks } from '../../components/charts/axis-ticks';
import { ChartCard, Legend } from './ChartCard';
import { useChartTheme } from './chart-theme';
import { fmtInt, fmtNum, fmtPct, fmtSig } from '../../core/number-format';

/** planCapacity: share of requests whose steps × step time + overhead meets the target p95. */
export function PlanPanel({ analysis }: { analysis: PlannerAnalysis }) {
  const p = analysis.plan;
  const m = analysis.model;
  const maxSteps = p.stepTimeSeconds > 0 ? Math.floor((p.targetP95Seconds - p.overheadSeconds) / p.stepTimeSeconds + 1e-9) : NaN;
  if (p.source === 'measured') {
    return (
      <section className="panel" aria-label="Plan capacity">
        <h3>Plan capacity</h3>
        <p className="big-figure">
          <strong>{fmtPct(p.share)}</strong> of {fmtInt(p.requests)} requests finished within the {fmtNum(p.targetP95Seconds, 1)} s target p95 (measured)
        </p>
        {p.note && <p className="hint">{p.note}</p>}
      </section>
    );
  }
  if (p.requests === 0) {
    return (
      <section className="panel" aria-label="Plan capacity">
        <h3>Plan capacity</h3>
        <p className="placeholder">Needs step counts or latencies: these logs have neither, so no share of requests can be said to meet the target.</p>
      </section>
    );
  }
  return (
    <section className="panel" aria-label="Plan capacity">
      <h3>Plan capacity</h3>
      <p className="big-figure">
        <strong>{fmtPct(p.share)}</strong> of {fmtInt(p.requests)} requests meet the {fmtNum(p.targetP95Seconds, 1)} s target p95
      </p>
      <p>
        Estimated time = steps × {fmtNum(p.stepTimeSeconds, 3)} s + {fmtNum(p.overheadSeconds, 2)} s
        {p.source === 'fitted' && m ? ` (fitted from the data: least squares over ${fmtInt(m.n)} finished requests, r² = ${fmtNum(m.r2, 3)})` : ' (from the settings; 1.2 s per step and 2 s overhead are the classic capacity formula\'s defaults)'}
        {Number.isFinite(maxSteps) ? `, so requests of up to ${fmtInt(Math.max(0, maxSteps))} steps fit.` : '.'}
      </p>
      {m && p.source !== 'fitted' && (
        <p className="hint">
          The data's own fit: {fmtNum(m.stepTimeSeconds, 3)} s per step + {fmtNum(m.overheadSeconds, 2)} s (r² = {fmtNum(m.r2, 3)}); tick “Fit step time and overhead from the data” to use it.
        </p>
      )}
      {p.note && <p className="hint">{p.note}</p>}
    </section>
  );
}

/** Fleet size: peak arrivals, Little's law, Erlang C, the instances → p95 curve and attainment. */
export const FleetPanel = memo(function FleetPanel({ analysis, concurrency, headroomPercent, targetP95Seconds }: { analysis: PlannerAnalysis; concurrency: number; headroomPercent: number; targetP95Seconds: number }) {
  const theme = useChartTheme();
  const f = analysis.fleet;
  const plan = f.plan;
  const capped = f.blocker?.capped ?? null;
  const curve = useMemo(() => {
    // The uncapped curve and, when the target needs a reasoning cap, the capped one, joined on fleet size.
    const byN = new Map<number, { n: number; p95: number | null; cappedP95: number | null }>();
    const finite = (v: number) => (Number.isFinite(v) ? v : null);
    for (const c of plan?.curve ?? []) byN.set(c.instances, { n: c.instances, p95: finite(c.p95ResponseSeconds), cappedP95: null });
    for (const c of capped?.plan.curve ?? []) {
      const row = byN.get(c.instances) ?? { n: c.instances, p95: null, cappedP95: null };
      row.cappedP95 = finite(c.p95ResponseSeconds);
      byN.set(c.instances, row);
    }
    return [...byN.values()].sort((a, b) => a.n - b.n);
  }, [plan, capped]);
  // Whole fleet sizes as x ticks, chosen here (interval 0: recharts measures no label; see axis-ticks).
  const nTicks = useMemo(() => {
    const [lo, hi] = extent(curve, (c) => c.n);
    return linearTicks(lo, hi, 5, true);
  }, [curve]);
  const cappedN = capped?.plan.erlang.instances ?? null;
  const erlangN = plan?.erlang.instances ?? null;
  const at = plan?.erlang.point ?? (plan ? plan.curve.find((c) => c.instances >= plan.littles.instances) ?? null : null);
  const tick = { fill: theme.muted, fontSize: 11 };
  return (
    <section className="panel fleet" aria-label="Fleet size">
      <h3>Fleet size</h3>
      <p>
        Peak arrivals:{' '}
        {f.peakSource === 'log' && f.peak ? (
          <>
            <strong>{fmtNum(f.arrivalRate, 2)} requests/s</strong> — the busiest 60 s window of the log's timestamps held {fmtInt(f.peak.count)} requests
            {f.peak.spanSeconds < 60 ? ` (the log spans only ${fmtNum(f.peak.spanSeconds, 0)} s, so this understates a sustained peak)` : ''}.
          </>
        ) : (
          <>
            <strong>{fmtNum(f.arrivalRate, 2)} requests/s</strong> (entered).
          </>
        )}{' '}
        {f.reason && <span className="hint warn">{f.reason}</span>}
      </p>
      {plan && (
        <>
          <p>
            Designed for {fmtNum(plan.designArrivalRate, 2)} requests/s ({fmtInt(headroomPercent)} % headroom), mean service {fmtSig(plan.meanServiceSeconds)} s (p95 {fmtSig(plan.serviceP95Seconds)} s, squared CV {fmtNum(plan.serviceCv2, 2)}),{' '}
            {fmtInt(concurrency)} concurrent requests per instance.
          </p>
          <dl className="metrics">
            <div className="metric">
              <dt>Little's law</dt>
              <dd>
                {fmtInt(plan.littles.instances)} instances ({fmtNum(plan.littles.concurrentRequests, 1)} in flight)
              </dd>
            </div>
            <div className="metric">
              <dt>Erlang C (p95 ≤ {fmtNum(targetP95Seconds, 1)} s)</dt>
              <dd>{erlangN !== null ? `${fmtInt(erlangN)} instances` : 'not reachable'}</dd>
            </div>
            <div className="metric">
              <dt>Predicted SLO attainment{at ? ` at ${fmtInt(at.instances)}` : ''}</dt>
              <dd>{at ? fmtPct(at.attainment) : '—'}</dd>
            </div>
            <div className="metric">
              <dt>Predicted p95{at ? ` at ${fmtInt(at.instances)}` : ''}</dt>
              <dd>{at ? `${fmtNum(at.p95ResponseSeconds, 1)} s` : '—'}</dd>
            </div>
            <div className="metric">
              <dt>Timeouts{at ? ` at ${fmtInt(at.instances)}` : ''}</dt>
              <dd>{at && at.timeoutRate !== null ? fmtPct(at.timeoutRate, 2) : '—'}</dd>
            </div>
          </dl>
          {f.blocker ? (
            <div className="flag flag-warn fleet-blocker" data-testid="fleet-blocker">
              <p>
                <strong>Not reachable as the requests run today.</strong> {f.blocker.why}
              </p>
              {f.blocker.capped && f.blocker.capped.plan.erlang.instances !== null ? (
                <p>
                  With reasoning capped at <strong>{fmtInt(f.blocker.capped.capSteps)} steps</strong> ({fmtInt(f.blocker.capped.aboveCap)} of {fmtInt(f.blocker.capped.of)} requests are longer and would be cut short, at an estimated{' '}
                  {fmtNum(f.blocker.capped.overheadSeconds, 2)} s + {fmtNum(f.blocker.capped.stepTimeSeconds, 3)} s per step{f.blocker.capped.modelSource === 'fitted' ? ', fitted from the data' : ', from the settings'}), p95 ≤ {fmtNum(targetP95Seconds, 1)} s needs{' '}
                  <strong>{fmtInt(f.blocker.capped.plan.erlang.instances)} instances</strong> (modelled p95 {fmtNum(f.blocker.capped.plan.erlang.point?.p95ResponseSeconds, 1)} s).
                </p>
              ) : (
                <p>No reasoning cap brings the service time within the target either: raise the target or shorten the fixed overhead.</p>
              )}
            </div>
          ) : (
            plan.erlang.reason && <p className="flag flag-warn">{plan.erlang.reason}</p>
          )}
        </>
      )}
      {plan && curve.length > 0 && (
        <ChartCard
          title="Instances against p95"
          height={220}
          caption="Modelled p95 response time (queueing wait + service) for each fleet size, from the smallest stable one."
          csv={() => ({
            columns: ['instances', 'utilization', 'p_wait', 'p95_response_s', 'attainment', 'timeout_rate'],
            rows: plan.curve.map((c) => [c.instances, c.utilization, c.pWait, c.p95ResponseSeconds, c.attainment, c.timeoutRate]),
          })}
          footer={
            <Legend
              items={[
                { label: 'p95 response', colour: theme.accent },
                { label: `Target ${fmtNum(targetP95Seconds, 1)} s`, colour: theme.warn, dashed: true },
                ...(erlangN !== null ? [{ label: `Erlang C: ${erlangN} instances`, colour: theme.ok, dashed: true }] : []),
                ...(capped ? [{ label: `p95 with reasoning capped at ${fmtInt(capped.capSteps)} steps`, colour: theme.ok }] : []),
                ...(cappedN !== null ? [{ label: `Capped: ${cappedN} instances`, colour: theme.ok, dashed: true }] : []),
              ]}
            />
          }
        >
          <ResponsiveContainer width="100%" height={220}>
            <LineChart data={curve} margin={{ top: 8, right: 16, bottom: 20, left: 8 }}>
              <CartesianGrid stroke={theme.border} strokeDasharray="3 3" />
              <XAxis dataKey="n" type="number" domain={['dataMin', 'dataMax']} ticks={nTicks} interval={0} tick={tick} stroke={theme.border} allowDecimals={false} label={{ value: 'instances', position: 'insideBottom', offset: -12, fill: theme.muted, fontSize: 12 }} />
              <YAxis interval={0} tick={tick} stroke={theme.border} tickFormatter={(v: number) => `${fmtNum(v, 0)} s`} width={56} />
              <Tooltip
                contentStyle={{ background: theme.surface, border: `1px solid ${theme.border}`, color: theme.text }}
                isAnimationActive={false}
                formatter={(v, name) => [`${fmtNum(Number(v), 2)} s`, String(name)]}
                labelFormatter={(l) => `${l} instances`}
              />
              <ReferenceLine y={targetP95Seconds} stroke={theme.warn} strokeDasharray="6 4" />
              {erlangN !== null && <ReferenceLine x={erlangN} stroke={theme.ok} strokeDasharray="4 3" />}
              {cappedN !== null && <ReferenceLine x={cappedN} stroke={theme.ok} strokeDasharray="4 3" />}
              <Line dataKey="p95" name="p95" stroke={theme.accent} strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} connectNulls />
              {capped && <Line dataKey="cappedP95" name="p95, capped" stroke={theme.ok} strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} connectNulls />}
            </LineChart>
          </ResponsiveContainer>
        </ChartCard>
      )}
      {plan && (
        <details className="how-computed">
          <summary>How this was computed</summary>
          <p className="hint">
            {plan.method} Poisson arrivals at the design rate; latency measured at the concurrency you plan to run. {f.serviceNote}
          </p>
        </details>
      )}
    </section>
  );
});
