import { memo } from 'react';
import { gradeOf } from '../../core/metrics';
import type { RunRecord } from '../../core/stored-runs';
import { DemoReplayTag } from './DemoReplayTag';
import { clip, providerLabel, seconds, when } from './run-row-format';
import { useRunsUi } from './runs-store';

/** One stored run as a table row (a card on a phone): select, open, status, timing, verdict, batch. */
export const RunRow = memo(function RunRow({ run, selected, open }: { run: RunRecord; selected: boolean; open: boolean }) {
  const toggle = useRunsUi((s) => s.toggle);
  const openRun = useRunsUi((s) => s.open);
  return (
    <tr className={open ? 'run-open' : undefined}>
      <td className="run-select">
        <input type="checkbox" checked={selected} onChange={() => toggle(run.id)} aria-label={`Select run: ${clip(run.prompt, 60)}`} />
      </td>
      <td className="nowrap" data-label="Started">{when(run.startedAt)}</td>
      <td className="run-prompt" data-label="Prompt">
        <button type="button" className="link-button" title="Open and replay this run" onClick={() => openRun(run.id)}>
          {clip(run.prompt, 110) || '(empty prompt)'}
        </button>
        {run.demo && !run.demo.ownQuestion && <DemoReplayTag demo={run.demo} />}
      </td>
      <td data-label="Status">
        <span className={`run-status run-status-${run.status}`} title={run.error}>
          {run.status}
          {run.timedOut ? ' · timed out' : ''}
        </span>
      </td>
      <td className="nowrap" data-label="Provider · model">
        {providerLabel(run.provider)} · {run.model || '—'}
      </td>
      <td data-label="Tier">{run.tier}</td>
      <td className="num" data-label="Steps">{run.steps.length}</td>
      <td className="num nowrap" data-label="Latency">
        {seconds(run.latencyMs)}
        {run.simulated && (
          <abbr className="sim-mark" title={`Simulated timing (demo model): ${run.simulated.perStepMs / 1000} s per step + ${run.simulated.overheadMs / 1000} s overhead, ±${Math.round(run.simulated.jitter * 100)} % jitter, ${run.simulated.timeoutMs / 1000} s timeout`}>
            {' '}
            sim
          </abbr>
        )}
      </td>
      <td data-label="Correct">
        <GradeCell run={run} />
      </td>
      <td className="batch-cell" data-label="Batch" title={run.batchId}>
        {run.batchId ? clip(run.batchId, 22) : '—'}
        {run.sweep && <span className="sweep-tag"> · {run.sweep.label}</span>}
      </td>
    </tr>
  );
});

/** Correct / incorrect / not scored, with the extracted answer so a wrong extraction is visible. */
function GradeCell({ run }: { run: RunRecord }) {
  const g = gradeOf(run);
  const label = g.verdict === 'correct' ? '✓ correct' : g.verdict === 'incorrect' ? '✗ incorrect' : 'not scored';
  const title = [g.reason, run.reference !== undefined ? `reference: ${run.reference}` : '', g.rule ? `read by rule: ${g.rule}${g.fromReasoning ? ' (from the last reasoning step)' : ''}` : ''].filter(Boolean).join(' · ');
  return (
    <span className={`grade grade-${g.verdict === 'unscored' ? 'unscored' : g.verdict}`} title={title}>
      {label}
      {g.extracted !== undefined ? <span className="grade-extracted">→ {clip(g.extracted, 30)}</span> : g.verdict === 'incorrect' ? <span className="grade-extracted">{g.reason}</span> : null}
    </span>
  );
}
