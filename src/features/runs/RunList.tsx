import { memo, useId, useMemo, useState } from 'react';
import { gradeOf } from '../../core/metrics';
import { parseRunsJsonl, runsToJsonl, type JsonlError, type RunRecord } from '../../core/runs';
import { RUN_STATUSES } from '../../core/runs';
import { downloadText } from '../../lib/download';
import { sendToPlanner } from '../../lib/handoff';
import { plannerHandoff } from './planner-handoff';
import { PROVIDERS } from '../../lib/settings';
import { useDeleteRuns, useImportRuns } from './runs-query';
import { useRunsUi, type RunFilters } from './runs-store';

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
      <Select label="Tier" value={filters.tier} onChange={set('tier')} options={['short', 'medium', 'complex'].map((t) => ({ value: t, label: t }))} />
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

type ImportOutcome = { file: string; added: number; replaced: number; errors: JsonlError[]; failure?: string };

function ImportResult({ outcome, onDismiss }: { outcome: ImportOutcome; onDismiss: () => void }) {
  const imported = outcome.added + outcome.replaced;
  return (
    <div className={`import-result ${outcome.errors.length || outcome.failure ? 'flag flag-warn' : 'flag flag-info'}`} role="status">
      <p>
        {outcome.failure
          ? `Nothing imported from ${outcome.file}: ${outcome.failure}`
          : `Imported ${imported} run${imported === 1 ? '' : 's'} from ${outcome.file} (${outcome.added} new, ${outcome.replaced} replaced).`}
        {outcome.errors.length > 0 && ` ${outcome.errors.length} line${outcome.errors.length === 1 ? '' : 's'} skipped:`}{' '}
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
          {outcome.errors.length > 50 && <li>…and {outcome.errors.length - 50} more.</li>}
        </ul>
      )}
    </div>
  );
}

const RunRow = memo(function RunRow({ run, selected, open }: { run: RunRecord; selected: boolean; open: boolean }) {
  const toggle = useRunsUi((s) => s.toggle);
  const openRun = useRunsUi((s) => s.open);
  return (
    <tr className={open ? 'run-open' : undefined}>
      <td>
        <input type="checkbox" checked={selected} onChange={() => toggle(run.id)} aria-label={`Select run: ${clip(run.prompt, 60)}`} />
      </td>
      <td className="nowrap">{when(run.startedAt)}</td>
      <td className="run-prompt">
        <button type="button" className="link-button" title="Open and replay this run" onClick={() => openRun(run.id)}>
          {clip(run.prompt, 110) || '(empty prompt)'}
        </button>
      </td>
      <td>
        <span className={`run-status run-status-${run.status}`} title={run.error}>
          {run.status}
          {run.timedOut ? ' · timed out' : ''}
        </span>
      </td>
      <td className="nowrap">
        {providerLabel(run.provider)} · {run.model || '—'}
      </td>
      <td>{run.tier}</td>
      <td className="num">{run.steps.length}</td>
      <td className="num nowrap">
        {seconds(run.latencyMs)}
        {run.simulated && (
          <abbr className="sim-mark" title={`Simulated timing (demo model): ${run.simulated.perStepMs / 1000} s per step + ${run.simulated.overheadMs / 1000} s overhead, ±${Math.round(run.simulated.jitter * 100)} % jitter, ${run.simulated.timeoutMs / 1000} s timeout`}>
            {' '}
            sim
          </abbr>
        )}
      </td>
      <td>
        <GradeCell run={run} />
      </td>
      <td className="nowrap batch-cell" title={run.batchId}>
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
  const setSelected = useRunsUi((s) => s.setSelected);
  const openRunId = useRunsUi((s) => s.openRunId);
  const openRun = useRunsUi((s) => s.open);
  const [limit, setLimit] = useState(PAGE);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [imported, setImported] = useState<ImportOutcome | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const remove = useDeleteRuns();
  const importer = useImportRuns();
  const allShownSelected = filtered.length > 0 && selectedRuns.length === filtered.length;
  const none = selectedRuns.length === 0;

  const exportSelected = () => {
    downloadText(`reasoning-runs-${today()}.jsonl`, runsToJsonl(selectedRuns), 'application/x-ndjson');
  };

  const deleteSelected = async () => {
    const ids = selectedRuns.map((r) => r.id);
    setConfirmDelete(false);
    try {
      const { deleted } = await remove.mutateAsync(ids);
      setNotice(`Deleted ${deleted} run${deleted === 1 ? '' : 's'}.`);
      setSelected([...selected].filter((id) => !ids.includes(id)));
      if (openRunId && ids.includes(openRunId)) openRun(null);
    } catch (e) {
      setNotice(`Could not delete: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const openInPlanner = () => {
    sendToPlanner(plannerHandoff(selectedRuns, `${selectedRuns.length} stored runs (${today()}).jsonl`));
    window.location.hash = '#/planner';
  };

  const importFile = async (file: File) => {
    setNotice(null);
    const parsed = parseRunsJsonl(await file.text());
    if (parsed.runs.length === 0) {
      setImported({ file: file.name, added: 0, replaced: 0, errors: parsed.errors, failure: parsed.errors.length ? 'no valid run records in it.' : 'the file is empty.' });
      return;
    }
    try {
      const { added, replaced } = await importer.mutateAsync(parsed.runs);
      setImported({ file: file.name, added, replaced, errors: parsed.errors });
    } catch (e) {
      setImported({ file: file.name, added: 0, replaced: 0, errors: parsed.errors, failure: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <section className="panel run-list" aria-labelledby="runs-heading">
      <div className="panel-head">
        <h2 id="runs-heading">Runs</h2>
        <p className="runs-count" data-testid="runs-count">
          {runs.length} run{runs.length === 1 ? '' : 's'} stored · {filtered.length} shown · {selectedRuns.length} selected
        </p>
      </div>
      <Filters runs={runs} />
      <div className="toolbar run-actions">
        <button type="button" disabled={none} onClick={exportSelected}>
          Export selected
        </button>
        <button type="button" disabled={none || remove.isPending} onClick={() => setConfirmDelete(true)}>
          Delete selected
        </button>
        <button type="button" disabled={none} onClick={openInPlanner}>
          Open in capacity planner
        </button>
        <label className="file-button">
          Import runs
          <input
            className="visually-hidden"
            type="file"
            accept=".jsonl,.ndjson,.json,.txt,application/x-ndjson"
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
                    onChange={() => setSelected(allShownSelected ? [] : filtered.map((r) => r.id))}
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
                <RunRow key={r.id} run={r} selected={selected.has(r.id)} open={r.id === openRunId} />
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
