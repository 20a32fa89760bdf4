import { useMemo } from 'react';
import { CompareView } from '../../components/compare/CompareView';
import { runLabel } from '../../core/compare/align';
import { filterRuns, type RunRecord } from '../../core/stored-runs';
import { BatchRunner } from './BatchRunner';
import { MonitoringDashboard } from './MonitoringDashboard';
import { RunList } from './RunList';
import { RunReplay } from './RunReplay';
import { SweepPanel } from './SweepPanel';
import { useLiveStoredRuns, useStoredRuns } from './runs-query';
import { isSelected, toRunFilter, useRunsUi } from './runs-store';
import './runs.css';

const NO_RUNS: readonly RunRecord[] = [];

/** Stored runs (list, replay, import/export), the batch runner and the monitoring dashboard. */
export function RunsPage() {
  const query = useStoredRuns();
  useLiveStoredRuns();
  const runs = query.data ?? NO_RUNS;
  const filters = useRunsUi((s) => s.filters);
  const selected = useRunsUi((s) => s.selected);
  const allSelected = useRunsUi((s) => s.allSelected);
  const openRunId = useRunsUi((s) => s.openRunId);
  const close = useRunsUi((s) => s.open);
  const filtered = useMemo(() => filterRuns(runs, toRunFilter(filters)), [runs, filters]);
  // Actions and the dashboard use the selected runs that the filters show.
  const selectedRuns = useMemo(() => filtered.filter((r) => isSelected({ allSelected, selected }, r.id)), [filtered, selected, allSelected]);
  const openRun = openRunId ? runs.find((r) => r.id === openRunId) : undefined;
  const compareIds = useRunsUi((s) => s.compareIds);
  const setCompare = useRunsUi((s) => s.compare);
  const compared = compareIds ? compareIds.map((id) => runs.find((r) => r.id === id)) : [];
  const [cl, cr] = compared;
  const population = selectedRuns.length ? selectedRuns : filtered;
  // For a large population the dashboard's worker reads the stored runs and applies the same filters and selection.
  const source = useMemo(
    () => ({ population: { filter: toRunFilter(filters), allSelected, selected: [...selected] }, version: query.dataUpdatedAt }),
    [filters, allSelected, selected, query.dataUpdatedAt],
  );
  const scope = selectedRuns.length
    ? `Over the ${selectedRuns.length} selected run${selectedRuns.length === 1 ? '' : 's'}.`
    : `Over all ${filtered.length} run${filtered.length === 1 ? '' : 's'} shown by the filters (select runs to narrow it).`;

  return (
    <div className="runs-page">
      <h1 className="visually-hidden">Runs</h1>
      <div className="runs-layout">
        <aside className="runs-side">
          <BatchRunner />
        </aside>
        <div className="runs-main">
          {query.isError && (
            <p className="flag flag-warn" role="alert">
              Could not read the stored runs: {query.error instanceof Error ? query.error.message : String(query.error)}
            </p>
          )}
          {cl && cr && (
            <div className="runs-compare">
              <button type="button" className="button-quiet" onClick={() => setCompare(null)}>
                Close comparison
              </button>
              <CompareView left={cl} right={cr} labels={runLabel(cl) === runLabel(cr) ? { left: `Earlier · ${runLabel(cl)}`, right: `Later · ${runLabel(cr)}` } : { left: runLabel(cl), right: runLabel(cr) }} />
            </div>
          )}
          {query.isPending ? <p className="placeholder">Loading stored runs…</p> : <RunList runs={runs} filtered={filtered} selectedRuns={selectedRuns} />}
          {openRun && <RunReplay key={openRun.id} run={openRun} onClose={() => close(null)} />}
          <SweepPanel runs={population} />
          <MonitoringDashboard runs={population} scope={scope} source={source} />
        </div>
      </div>
    </div>
  );
}
