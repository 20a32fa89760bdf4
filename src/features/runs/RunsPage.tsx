import { useMemo } from 'react';
import { filterRuns, type RunRecord } from '../../core/runs';
import { BatchRunner } from './BatchRunner';
import { MonitoringDashboard } from './MonitoringDashboard';
import { RunList } from './RunList';
import { RunReplay } from './RunReplay';
import { SweepPanel } from './SweepPanel';
import { useStoredRuns } from './runs-query';
import { toRunFilter, useRunsUi } from './runs-store';
import './runs.css';

const NO_RUNS: readonly RunRecord[] = [];

/** Stored runs (list, replay, import/export), the batch runner and the monitoring dashboard. */
export function RunsPage() {
  const query = useStoredRuns();
  const runs = query.data ?? NO_RUNS;
  const filters = useRunsUi((s) => s.filters);
  const selected = useRunsUi((s) => s.selected);
  const openRunId = useRunsUi((s) => s.openRunId);
  const close = useRunsUi((s) => s.open);
  const filtered = useMemo(() => filterRuns(runs, toRunFilter(filters)), [runs, filters]);
  // Actions and the dashboard use the selected runs that the filters show.
  const selectedRuns = useMemo(() => filtered.filter((r) => selected.has(r.id)), [filtered, selected]);
  const openRun = openRunId ? runs.find((r) => r.id === openRunId) : undefined;
  const population = selectedRuns.length ? selectedRuns : filtered;
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
          {query.isPending ? <p className="placeholder">Loading stored runs…</p> : <RunList runs={runs} filtered={filtered} selectedRuns={selectedRuns} />}
          {openRun && <RunReplay key={openRun.id} run={openRun} onClose={() => close(null)} />}
          <SweepPanel runs={population} />
          <MonitoringDashboard runs={population} scope={scope} />
        </div>
      </div>
    </div>
  );
}
