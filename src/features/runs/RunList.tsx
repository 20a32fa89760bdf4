import { useQueryClient } from '@tanstack/react-query';
import { memo, useId, useMemo, useState } from 'react';
import { gradeOf } from '../../core/metrics';
import type { JsonlError, RunRecord } from '../../core/stored-runs';
import { RUN_STATUSES } from '../../core/stored-runs';
import { TIER_IDS } from '../../core/run/tiers';
import { batchReport } from '../../core/report/reports';
import { downloadBlob, downloadText } from '../../lib/download';
import { breakpointRows } from './MonitoringDashboard';
import { sendToPlanner } from '../../lib/handoff';
import { plannerHandoff } from './planner-handoff';
import { PROVIDERS } from '../../lib/settings';
import { forgetCacheKeys } from '../../lib/prompt-cache';
import type { CollisionChoice } from '../../storage';
import { startRunsImport, type RunsImport } from '../../workers/runs-import-client';
import { exportStoredRuns } from '../../workers/stored-runs-client';
import { invalidateRuns, useDeleteRuns } from './runs-query';
import { DemoReplayTag } from './DemoReplayTag';
import { isSelected, useRunsUi, type RunFilters } from './runs-store';

const PAGE = 200;

const providerLabel = (id: string) => PROVIDERS.find((p) => p.id === id)?.label ?? id;
const when = (t: number) => new Date(t).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
const seconds = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const today = () => new Date().toISOString().slice(0, 10);

function Select({ label, value, onChange, options }: { label: string; value: string; onChange: (v: string) => void; options: { value: string; label: string }[] }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function TextInput({ label, value, onChange, type = 'text' }: { label: string; value: string; onChange: (v: string) => void; type?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type={type} value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

const distinct = (runs: readonly RunRecord[], key: (r: RunRecord) => string | undefined) =>
  [...new Set(runs.map(key).filter((v): v is string => Boolean(v)))].sort();

function Filters({ runs }: { runs: readonly RunRecord[] }) {
  const filters = useRunsUi((s) => s.filters);
  const setFilter = useRunsUi((s) => s.setFilter);
  const reset = useRunsUi((s) => s.resetFilters);
  const options = useMemo(
    () => ({
      provider: distinct(runs, (r) => r.provider).map((p) => ({ value: p, label: providerLabel(p) })),
      model: distinct(runs, (r) => r.model).map((m) => ({ value: m, label: m })),
      batch: distinct(runs, (r) => r.batchId).map((b) => ({ value: b, label: b })),
    }),
    [runs],
  );
  const set = (key: keyof RunFilters) => (v: string) => setFilter(key, v as never);
  return (
    <fieldset className="run-filters">
      <legend>Filters</legend>
      <Select label="Status" value={filters.status} onChange={set('status')} options={RUN_STATUSES.map((s) => ({ value: s, label: s }))} />
      <Select label="Provider" value={filters.provider} onChange={set('provider')} options={options.provider} />
      <Select label="Model" value={filters.model} onChange={set('model')} options={options.model} />
      <Select label="Tier" value={filters.tier} onChange={set('tier')} options={TIER_IDS.map((t) => ({ value: t, label: t }))} />
      <Select label="Batch" value={filters.batchId} onChange={set('batchId')} options={options.batch} />
      <TextInput label="From" type="date" value={filters.from} onChange={set('from')} />
      <TextInput label="To" type="date" value={filters.to} onChange={set('to')} />
      <TextInput label="Prompt contains" value={filters.text} onChange={set('text')} />
      <button type="button" className="button-quiet" onClick={reset}>
        Clear filters
      </button>
    </fieldset>
  );
}

type ImportOutcome = {
  file: string;
  added: number;
  replaced: number;
  kept: number;
  skipped: number;
  errors: JsonlError[];
  errorCount: number;
  failure?: string;
};

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

function ImportResult({ outcome, onDismiss }: { outcome: ImportOutcome; onDismiss: () => void }) {
  const imported = outcome.added + outcome.replaced + outcome.kept;
  const parts = [`${outcome.added} new`, `${outcome.replaced} replaced`];
  if (outcome.kept) parts.push(`${outcome.kept} kept beside the stored run under a new id`);
  if (outcome.skipped) parts.push(`${outcome.skipped} skipped (already stored)`);
  return (
    <div className={`import-result ${outcome.errorCount || outcome.failure ? 'flag flag-warn' : 'flag flag-info'}`} role="status">
      <p>
        {outcome.failure
          ? `Nothing imported from ${outcome.file}: ${outcome.failure}`
          : `Imported ${plural(imported, 'run')} from ${outcome.file} (${parts.join(', ')}).`}
        {outcome.errorCount > 0 && ` ${plural(outcome.errorCount, 'line')} skipped:`}{' '}
        <button type="button" className="button-quiet" onClick={onDismiss}>
          Dismiss
        </button>
      </p>
      {outcome.errors.length > 0 && (
        <ul className="issue-list" aria-label="Skipped lines">
          {outcome.errors.slice(0, 50).map((e) => (
            <li key={e.line}>
              Line {e.line}: {e.message}
            </li>
          ))}
          {outcome.errorCount > 50 && <li>…and {(outcome.errorCount - 50).toLocaleString('en-US')} more.</li>}
        </ul>
      )}
    </div>
  );
}

/** Some imported runs have the id of a stored run: the user decides, nothing is replaced unasked. */
function CollisionQuestion({ pending, onChoose }: { pending: RunsImport; onChoose: (choice: CollisionChoice | null) => void }) {
  const { plan } = pending;
  const ids = plan.collidingIds.map((id) => `“${id.length > 40 ? `${id.slice(0, 39)}…` : id}”`).join(', ');
  return (
    <div className="flag flag-warn" role="alertdialog" aria-labelledby="collision-text">
      <p id="collision-text">
        {plural(plan.colliding, 'run')} of the {plural(plan.runs, 'run')} in {plan.file} {plan.colliding === 1 ? 'has' : 'have'} the id of a run stored here ({ids}
        {plan.colliding > plan.collidingIds.length ? ', …' : ''}). Replacing a stored run also drops its similarity-cache entry.
      </p>
      <p className="toolbar">
        <button type="button" onClick={() => onChoose('replace')}>
          Replace the stored {plan.colliding === 1 ? 'run' : 'runs'}
        </button>
        <button type="button" onClick={() => onChoose('keep-both')}>
          Keep both
        </button>
        <button type="button" onClick={() => onChoose('skip')}>
          Skip {plan.colliding === 1 ? 'it' : 'them'}
        </button>
        <button type="button" className="button-quiet" onClick={() => onChoose(null)}>
          Cancel import
        </button>
      </p>
    </div>
  );
}

const RunRow = memo(function RunRow({ run, selected, open }: { run: RunRecord; selected: boolean; open: boolean }) {
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

/** The stored runs: filters, selection, export/delete/import, hand-off to the planner. */
export function RunList({ runs, filtered, selectedRuns }: { runs: readonly RunRecord[]; filtered: readonly RunRecord[]; selectedRuns: readonly RunRecord[] }) {
  const selected = useRunsUi((s) => s.selected);
  const allSelected = useRunsUi((s) => s.allSelected);
  const setSelected = useRunsUi((s) => s.setSelected);
  const selectAll = useRunsUi((s) => s.selectAll);
  const openRunId = useRunsUi((s) => s.openRunId);
  const openRun = useRunsUi((s) => s.open);
  const [limit, setLimit] = useState(PAGE);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [imported, setImported] = useState<ImportOutcome | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const remove = useDeleteRuns();
  const queryClient = useQueryClient();
  const [collision, setCollision] = useState<RunsImport | null>(null);
  const [importing, setImporting] = useState(false);
  const allShownSelected = filtered.length > 0 && selectedRuns.length === filtered.length;
  const none = selectedRuns.length === 0;

  const exportSelected = async () => {
    // The list holds clipped texts; the export is built from the stored records, off the page's thread.
    try {
      const { blob } = await exportStoredRuns(selectedRuns.map((r) => r.id));
      downloadBlob(`reasoning-runs-${today()}.jsonl`, blob);
    } catch (e) {
      setNotice(`Could not export: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const deleteSelected = async () => {
    const ids = selectedRuns.map((r) => r.id);
    setConfirmDelete(false);
    try {
      const { deleted } = await remove.mutateAsync(ids);
      setNotice(`Deleted ${deleted} run${deleted === 1 ? '' : 's'}.`);
      setSelected([]);
      if (openRunId && ids.includes(openRunId)) openRun(null);
    } catch (e) {
      setNotice(`Could not delete: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  // The selection, or everything the filters show (a batch, when filtered by batch). The list
  // holds runs with very long texts clipped, and so does the report.
  const downloadReport = () => {
    const population = none ? filtered : selectedRuns;
    const scope = none ? `All ${filtered.length} runs shown by the filters` : `The ${selectedRuns.length} selected runs`;
    downloadText(`reasoning-runs-report-${today()}.html`, batchReport(population, { scope, now: Date.now(), breakpointRows: breakpointRows(population) }), 'text/html');
  };

  // The planner reads counts, timings and outcomes, which clipping keeps.
  const openInPlanner = () => {
    sendToPlanner(plannerHandoff(selectedRuns, `${selectedRuns.length} stored runs (${today()}).jsonl`));
    window.location.hash = '#/planner';
  };

  const finishImport = async (pending: RunsImport, choice: CollisionChoice) => {
    setCollision(null);
    const { plan } = pending;
    const base = { file: plan.file, errors: plan.errors, errorCount: plan.errorCount };
    try {
      const result = await pending.commit(choice);
      forgetCacheKeys(result.droppedCacheKeys);
      setImported({ ...base, ...result });
    } catch (e) {
      setImported({ ...base, added: 0, replaced: 0, kept: 0, skipped: 0, failure: e instanceof Error ? e.message : String(e) });
    } finally {
      setImporting(false);
      void invalidateRuns(queryClient);
    }
  };

  const importFile = async (file: File) => {
    setNotice(null);
    setImported(null);
    setImporting(true);
    let pending: RunsImport;
    try {
      pending = await startRunsImport(file);
    } catch (e) {
      setImporting(false);
      setImported({ file: file.name, added: 0, replaced: 0, kept: 0, skipped: 0, errors: [], errorCount: 0, failure: `could not read it (${e instanceof Error ? e.message : String(e)}).` });
      return;
    }
    const { plan } = pending;
    if (plan.runs === 0) {
      pending.cancel();
      setImporting(false);
      setImported({ file: file.name, added: 0, replaced: 0, kept: 0, skipped: 0, errors: plan.errors, errorCount: plan.errorCount, failure: plan.errorCount ? 'no valid run records in it.' : 'the file is empty.' });
      return;
    }
    if (plan.colliding > 0) setCollision(pending);
    else await finishImport(pending, 'replace');
  };
  return (
    <section className="panel run-list" aria-labelledby="runs-heading" data-tour="run-list">
      <div className="panel-head">
        <h2 id="runs-heading">Runs</h2>
        <p className="runs-count" data-testid="runs-count">
          {runs.length} run{runs.length === 1 ? '' : 's'} stored · {filtered.length} shown · {selectedRuns.length} selected
        </p>
      </div>
      <Filters runs={runs} />
      <div className="toolbar run-actions">
        <button type="button" disabled={none} onClick={() => void exportSelected()}>
          Export selected
        </button>
        <button type="button" disabled={none || remove.isPending} onClick={() => setConfirmDelete(true)}>
          Delete selected
        </button>
        <button type="button" disabled={none} onClick={openInPlanner}>
          Open in capacity planner
        </button>
        <button
          type="button"
          disabled={selectedRuns.length !== 2}
          title="Select two runs to open them side by side"
          onClick={() => {
            // Oldest on the left, so "before → after" reads left to right.
            const [a, b] = [...selectedRuns].sort((x, y) => x.startedAt - y.startedAt);
            useRunsUi.getState().compare([a.id, b.id]);
          }}
        >
          Compare
        </button>
        <button type="button" disabled={filtered.length === 0} onClick={downloadReport} title="One HTML file with the monitoring table and every run (the selection, or all shown)">
          Download report
        </button>
        <label className="file-button">
          Import runs
          <input
            className="visually-hidden"
            type="file"
            accept=".jsonl,.ndjson,.json,.txt,application/x-ndjson"
            disabled={importing}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
        </label>
      </div>
      {confirmDelete && (
        <p className="flag flag-warn" role="alert">
          Delete {selectedRuns.length} run{selectedRuns.length === 1 ? '' : 's'} from this browser? Export them first to keep a copy.{' '}
          <button type="button" className="button-danger" onClick={deleteSelected}>
            Yes, delete {selectedRuns.length}
          </button>{' '}
          <button type="button" className="button-quiet" onClick={() => setConfirmDelete(false)}>
            Keep them
          </button>
        </p>
      )}
      {notice && (
        <p className="flag flag-info" role="status">
          {notice}
        </p>
      )}
      {importing && !collision && (
        <p className="hint" role="status">
          Importing…
        </p>
      )}
      {collision && (
        <CollisionQuestion
          pending={collision}
          onChoose={(choice) => {
            if (choice) void finishImport(collision, choice);
            else {
              collision.cancel();
              setCollision(null);
              setImporting(false);
            }
          }}
        />
      )}
      {imported && <ImportResult outcome={imported} onDismiss={() => setImported(null)} />}
      {runs.length === 0 ? (
        <p className="placeholder">No runs stored yet. Runs from the live viewer and the batch runner appear here; or import a JSONL export.</p>
      ) : (
        <div className="runs-table-wrap">
          <table className="runs-table">
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label="Select all shown"
                    checked={allShownSelected}
                    disabled={filtered.length === 0}
                    onChange={() => (allShownSelected ? setSelected([]) : selectAll())}
                  />
                </th>
                <th scope="col">Started</th>
                <th scope="col">Prompt</th>
                <th scope="col">Status</th>
                <th scope="col">Provider · model</th>
                <th scope="col">Tier</th>
                <th scope="col" className="num">
                  Steps
                </th>
                <th scope="col" className="num">
                  Latency
                </th>
                <th scope="col" title="The run's final answer against the query's reference answer; the extracted answer is shown under the verdict.">
                  Correct
                </th>
                <th scope="col">Batch</th>
              </tr>
            </thead>
            <tbody>
              {filtered.slice(0, limit).map((r) => (
                <RunRow key={r.id} run={r} selected={isSelected({ allSelected, selected }, r.id)} open={r.id === openRunId} />
              ))}
            </tbody>
          </table>
          {filtered.length > limit && (
            <button type="button" className="button-quiet show-more" onClick={() => setLimit((n) => n + PAGE)}>
              Show {Math.min(PAGE, filtered.length - limit)} more of {filtered.length - limit}
            </button>
          )}
          {filtered.length === 0 && <p className="placeholder">No stored run matches these filters.</p>}
        </div>
      )}
    </section>
  );
}
