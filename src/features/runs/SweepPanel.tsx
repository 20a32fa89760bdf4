import { useId, useMemo, useState } from 'react';
import { CartesianGrid, ComposedChart, LabelList, Line, ReferenceLine, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import { latestSweepId, meetsTarget, paretoFrontier, recommend, sweepPoints, type SweepPoint } from '../../core/metrics';
import type { RunRecord } from '../../core/stored-runs';
import { sendToPlanner } from '../../lib/handoff';
import { useSettings } from '../../lib/settings';
import { plannerHandoff } from './planner-handoff';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);
const secs = (ms: number | null, censored = false) => (ms === null ? '—' : `${censored ? '≥ ' : ''}${(ms / 1000).toFixed(1)} s`);

/**
 * The budget sweep's result: accuracy against p95 latency per setting with the Pareto frontier,
 * the tier targets and the attention ceiling; the table behind it; the "Recommended:" sentence
 * and a button that sends the recommended setting's runs to the capacity planner.
 */
export function SweepPanel({ runs }: { runs: readonly RunRecord[] }) {
  const targetId = useId();
  const tiers = useSettings((s) => s.tierTargets);
  const [targetSeconds, setTargetSeconds] = useState(tiers.attentionCeilingSeconds);
  const sweepId = useMemo(() => latestSweepId(runs), [runs]);
  const points = useMemo(() => (sweepId ? sweepPoints(runs, sweepId) : []), [runs, sweepId]);
  if (!sweepId || points.length === 0) return null;
  const frontier = paretoFrontier(points);
  const rec = recommend(points, targetSeconds * 1000);
  const simulated = runs.some((r) => r.sweep?.id === sweepId && r.simulated);
  const data = points.filter((p) => p.p95Ms !== null && p.accuracy.rate !== null).map((p) => ({ x: p.p95Ms! / 1000, y: p.accuracy.rate! * 100, label: p.label }));
  const line = frontier.map((p) => ({ x: p.p95Ms! / 1000, y: p.accuracy.rate! * 100 }));
  const maxX = Math.max(tiers.attentionCeilingSeconds, targetSeconds, ...data.map((d) => d.x)) * 1.1;

  const openInPlanner = (p: SweepPoint) => {
    const ids = new Set(p.runIds);
    sendToPlanner(plannerHandoff(runs.filter((r) => ids.has(r.id)), `sweep ${p.label}.jsonl`, `runs of the sweep setting "${p.label}"`));
    window.location.hash = '#/planner';
  };

  return (
    <section className="panel sweep-panel" aria-labelledby="sweep-heading">
      <div className="panel-head">
        <h2 id="sweep-heading">Budget sweep</h2>
        <p className="hint">
          {sweepId} · {points.length} settings{simulated ? ' · simulated timing (demo model)' : ''}
        </p>
        <div className="inline-field">
          <label htmlFor={targetId}>p95 target (s)</label>
          <input id={targetId} type="number" min={0.1} step={1} value={targetSeconds} onChange={(e) => Number(e.target.value) > 0 && setTargetSeconds(Number(e.target.value))} />
        </div>
      </div>
      <figure className="sweep-chart" role="region" aria-label="Accuracy vs latency">
        <figcaption>Accuracy vs latency — per setting, accuracy against p95 latency; the line joins the Pareto frontier (no setting is both more accurate and faster).</figcaption>
        {data.length === 0 ? (
          <p className="placeholder">No setting has both scored runs and a latency yet.</p>
        ) : (
          <ComposedChart responsive style={{ width: '100%', maxWidth: 720, aspectRatio: 1.9 }} margin={{ top: 16, right: 24, bottom: 28, left: 4 }}>
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
            <XAxis type="number" dataKey="x" domain={[0, Math.ceil(maxX)]} unit=" s" stroke="var(--muted)" label={{ value: 'p95 latency', position: 'insideBottom', offset: -14, fill: 'var(--muted)' }} />
            <YAxis type="number" dataKey="y" domain={[0, 100]} unit=" %" stroke="var(--muted)" width={52} />
            <Tooltip contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }} formatter={(v) => (typeof v === 'number' ? v.toFixed(1) : String(v))} />
            <ReferenceLine x={tiers.shortSeconds} stroke="var(--ok)" strokeDasharray="4 3" label={{ value: `short ${tiers.shortSeconds} s`, position: 'insideTopLeft', fill: 'var(--muted)', fontSize: 11 }} />
            <ReferenceLine x={tiers.mediumSeconds} stroke="var(--accent)" strokeDasharray="4 3" label={{ value: `medium ${tiers.mediumSeconds} s`, position: 'insideTopLeft', fill: 'var(--muted)', fontSize: 11 }} />
            <ReferenceLine x={tiers.attentionCeilingSeconds} stroke="var(--err)" label={{ value: `ceiling ${tiers.attentionCeilingSeconds} s`, position: 'insideTopRight', fill: 'var(--muted)', fontSize: 11 }} />
            {targetSeconds !== tiers.attentionCeilingSeconds && <ReferenceLine x={targetSeconds} stroke="var(--warn)" label={{ value: `target ${targetSeconds} s`, position: 'insideBottomRight', fill: 'var(--muted)', fontSize: 11 }} />}
            <Line data={line} dataKey="y" type="linear" stroke="var(--accent)" strokeWidth={2} dot={false} isAnimationActive={false} name="Pareto frontier" />
            <Scatter data={data} fill="var(--accent)" isAnimationActive={false} name="Settings">
              <LabelList
                dataKey="label"
                content={(props) => {
                  // Staggered by setting so points at nearly the same place keep readable labels.
                  const { x, y, value, index } = props as { x?: number | string; y?: number | string; value?: unknown; index?: number };
                  if (typeof x !== 'number' || typeof y !== 'number') return null;
                  const lift = 10 + 14 * ((index ?? 0) % 3);
                  // Near the top edge the label goes below the point, and near the left edge to its right.
                  const ty = y - lift < 14 ? y + lift + 4 : y - lift;
                  return (
                    <text x={x < 90 ? x + 8 : x} y={ty} textAnchor={x < 90 ? 'start' : 'middle'} fill="var(--text)" fontSize={12}>
                      {String(value)}
                    </text>
                  );
                }}
              />
            </Scatter>
          </ComposedChart>
        )}
      </figure>
      <table className="accuracy-table sweep-table">
        <caption className="visually-hidden">Per setting: accuracy, p95 latency, mean steps, timeout rate and tokens</caption>
        <thead>
          <tr>
            <th scope="col">Setting</th>
            <th scope="col" className="num">
              Runs
            </th>
            <th scope="col" className="num">
              Accuracy (95 % interval)
            </th>
            <th scope="col" className="num">
              p95 latency
            </th>
            <th scope="col" className="num">
              Mean steps
            </th>
            <th scope="col" className="num">
              Timed out
            </th>
            <th scope="col" className="num">
              Mean reasoning tokens
            </th>
            <th scope="col">Frontier</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.index} data-setting={p.label}>
              <th scope="row">{p.label}</th>
              <td className="num">{p.runs}</td>
              <td className="num">
                {pct(p.accuracy.rate)}
                {p.accuracy.interval ? ` (${pct(p.accuracy.interval.lower)}–${pct(p.accuracy.interval.upper)})` : ''}
              </td>
              <td className={`num ${meetsTarget(p, targetSeconds * 1000) ? 'grade-correct' : 'grade-incorrect'}`}>{secs(p.p95Ms, p.p95Censored)}</td>
              <td className="num">{p.meanSteps === null ? '—' : p.meanSteps.toFixed(1)}</td>
              <td className="num">{pct(p.timeoutRate)}</td>
              <td className="num">{p.meanTokens === null ? '—' : Math.round(p.meanTokens)}</td>
              <td>{frontier.includes(p) ? 'yes' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="recommended" data-testid="recommended">
        {rec.sentence}
      </p>
      {rec.point && (
        <button type="button" onClick={() => openInPlanner(rec.point!)}>
          Size the fleet for {rec.point.label}
        </button>
      )}
    </section>
  );
}
