import { memo, useMemo } from 'react';
import { compareRuns, describeDivergence, type AlignedRow, type Comparison } from '../../core/compare/align';
import { formatCount, formatDuration } from '../../core/number-format';
import type { RunRecord } from '../../core/stored-runs/types';
import { downloadText } from '../../lib/download';
import { Markdown } from '../Markdown';
import './compare.css';

type Labels = { left: string; right: string };

const signed = (a: number | undefined, b: number | undefined, f: (v: number) => string) => (a === undefined || b === undefined ? '—' : `${b - a >= 0 ? '+' : '−'}${f(Math.abs(b - a))}`);

function SummaryTable({ c }: { c: Comparison }) {
  const L = c.left;
  const R = c.right;
  const tokens = (s: Comparison['left']) => `${formatCount(s.reasoningTokens)}${s.reasoningTokensSource === 'estimate' ? ' (est.)' : ''}`;
  const rows: [string, string, string, string][] = [
    ['Steps', String(L.steps), String(R.steps), signed(L.steps, R.steps, String)],
    ['Latency', formatDuration(L.latencyMs), formatDuration(R.latencyMs), signed(L.latencyMs, R.latencyMs, (v) => formatDuration(v))],
    ['Tier', L.tier, R.tier, L.tier === R.tier ? 'same' : 'different'],
    ['Reasoning tokens', tokens(L), tokens(R), signed(L.reasoningTokens, R.reasoningTokens, formatCount)],
    ['Verification errors', String(L.errors), String(R.errors), signed(L.errors, R.errors, String)],
    ['Verification warnings', String(L.warnings), String(R.warnings), signed(L.warnings, R.warnings, String)],
    ['Chain consistency', L.consistencyScore?.toFixed(2) ?? '—', R.consistencyScore?.toFixed(2) ?? '—', ''],
    ['Status', L.status, R.status, ''],
  ];
  return (
    <div className="compare-summary-wrap">
      <table className="compare-summary">
        <caption>
          First divergent step: <strong data-testid="first-divergence">{describeDivergence(c)}</strong>
          {' · '}
          {c.sameAnswer ? 'same answer' : 'different answers'}
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Measure</span>
            </th>
            <th scope="col">{L.label}</th>
            <th scope="col">{R.label}</th>
            <th scope="col">Right − left</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, l, r, d]) => (
            <tr key={name} data-measure={name}>
              <th scope="row">{name}</th>
              <td className="num">{l}</td>
              <td className="num">{r}</td>
              <td className="num">{d}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StepCell({ run, index, label }: { run: RunRecord; index: number | null; label: string }) {
  if (index === null) return <div className="compare-cell compare-empty" aria-label={`${label}: no matching step`} />;
  const findings = run.findings.filter((f) => f.step === index && f.severity !== 'note');
  return (
    <div className="compare-cell">
      <span className="compare-side">{label} · </span>
      <span className="step-number">{index + 1}</span> <span className="compare-text">{run.steps[index].text}</span>
      {findings.map((f, k) => (
        <p key={k} className={`compare-finding compare-finding-${f.severity}`}>
          {f.severity === 'error' ? 'Error' : 'Warning'} ({f.kind}): {f.message}
        </p>
      ))}
    </div>
  );
}

const AlignedStep = memo(function AlignedStep({ row, first, left, right, labels }: { row: AlignedRow; first: boolean; left: RunRecord; right: RunRecord; labels: Labels }) {
  return (
    <li className={`compare-row compare-${row.kind}${first ? ' compare-first' : ''}`} data-kind={row.kind}>
      {first && <p className="compare-first-label">First divergence</p>}
      <StepCell run={left} index={row.left} label={labels.left} />
      <StepCell run={right} index={row.right} label={labels.right} />
    </li>
  );
});

/**
 * Two runs side by side: the summary (steps, latency, tier, tokens, findings, first divergent
 * step), the steps aligned row by row, and the answers. Used for live compare runs and for two
 * stored runs alike.
 */
export function CompareView({ left, right, labels, live = false }: { left: RunRecord; right: RunRecord; labels: Labels; live?: boolean }) {
  // Realign only when a side gains a step (or ends), not on every published frame.
  const comparison = useMemo(
    () => compareRuns(left, right, labels),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [left.steps.length, right.steps.length, left.status, right.status, left.findings.length, right.findings.length, left.answer, right.answer, left.latencyMs, right.latencyMs, left.reasoningTokens, right.reasoningTokens, labels.left, labels.right, left.id, right.id],
  );
  const first = comparison.alignment.firstDivergentRow;
  return (
    <section className="panel compare" aria-label="Comparison">
      <div className="panel-head">
        <h2>Side by side</h2>
        <button
          type="button"
          className="button-quiet"
          disabled={live}
          title={live ? 'Available when both runs have ended' : undefined}
          // The report builder loads on first use, not with the page.
          onClick={() => void import('../../core/report/reports').then(({ compareReport }) => downloadText(`reasoning-compare-${left.id}-${right.id}.html`, compareReport(left, right, compareRuns(left, right, labels), Date.now()), 'text/html'))}
        >
          Download report
        </button>
      </div>
      <SummaryTable c={comparison} />
      <div className="compare-heads" aria-hidden="true">
        <span>{labels.left}</span>
        <span>{labels.right}</span>
      </div>
      <ol className="compare-rows" aria-label="Steps aligned">
        {comparison.alignment.rows.map((row, k) => (
          <AlignedStep key={k} row={row} first={k === first} left={left} right={right} labels={labels} />
        ))}
      </ol>
      {comparison.alignment.byPosition && <p className="hint">Too long for a full alignment: steps are paired by position.</p>}
      <div className="compare-answers">
        {([
          [labels.left, left],
          [labels.right, right],
        ] as const).map(([label, run]) => (
          <div key={label} className="compare-answer" aria-label={`Answer: ${label}`} role="region">
            <h3>Answer · {label}</h3>
            {run.answer ? <Markdown text={run.answer} /> : <p className="placeholder">{live ? 'Waiting for the answer…' : 'No answer.'}</p>}
          </div>
        ))}
      </div>
    </section>
  );
}
