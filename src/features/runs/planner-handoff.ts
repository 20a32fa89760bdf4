import { runsToJsonl, type RunRecord } from '../../core/stored-runs';
import type { PlannerHandoff } from '../../lib/handoff';

/**
 * What "Open in capacity planner" sends: the runs as JSONL, a label that says how many had
 * simulated timing, and the planner settings the runs imply — the timeout they ran under and,
 * when all were simulated with the same settings, the simulated step time and overhead.
 */
export function plannerHandoff(runs: readonly RunRecord[], name: string, what = 'runs from the Runs page'): PlannerHandoff {
  const simulated = runs.filter((r) => r.simulated);
  const n = runs.length.toLocaleString('en-US');
  let label = `${n} ${what}`;
  const settings: NonNullable<PlannerHandoff['settings']> = {};
  if (simulated.length) {
    label += simulated.length === runs.length ? ' — all with simulated timing (demo model).' : ` — ${simulated.length.toLocaleString('en-US')} of them with simulated timing (demo model).`;
    const first = simulated[0].simulated!;
    const same = simulated.every((r) => r.simulated!.timeoutMs === first.timeoutMs && r.simulated!.perStepMs === first.perStepMs && r.simulated!.overheadMs === first.overheadMs);
    if (same && simulated.length === runs.length) {
      settings.timeoutSeconds = first.timeoutMs / 1000;
      settings.stepTimeSeconds = first.perStepMs / 1000;
      settings.overheadSeconds = first.overheadMs / 1000;
    }
  }
  return { name, text: runsToJsonl(runs), runCount: runs.length, label, ...(Object.keys(settings).length ? { settings } : {}) };
}
