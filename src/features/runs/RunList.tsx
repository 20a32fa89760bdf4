import { useState } from 'react';
import type { RunRecord } from '../../core/stored-runs';
import { batchReport } from '../../core/report/reports';
import { downloadBlob, downloadText } from '../../lib/download';
import { breakpointRows } from './MonitoringDashboard';
import { sendToPlanner } from '../../lib/handoff';
import { plannerHandoff } from './planner-handoff';
import { exportStoredRuns } from '../../workers/stored-runs-client';
import { useDeleteRuns } from './runs-query';
import { RunListFilters } from './RunListFilters';
import { RunRow } from './RunRow';
import { ImportStatus, useRunsImport } from './RunImport';
import { isSelected, useRunsUi } from './runs-store';

const PAGE = 200;

const today = () => new Date().toISOString().slice(0, 10);

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
  const [notice, setNotice] = useState<string | null>(null);
  const remove = useDeleteRuns();
  const runsImport = useRunsImport(() => setNotice(null));
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

  return (
    <section className="panel run-list" aria-labelledby="runs-heading" data-tour="run-list">
      <div className="panel-head">
        <h2 id="runs-heading">Runs</h2>
        <p className="runs-count" data-testid="runs-count">
          {runs.length} run{runs.length === 1 ? '' : 's'} stored · {filtered.length} shown · {selectedRuns.length} selected
        </p>
      </div>
      <RunListFilters runs={runs} />
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
            disabled={runsImport.importing}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void runsImport.importFile(file);
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
      <ImportStatus flow={runsImport} />
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
