import { analysableRuns, runsToJsonl, type RunRecord } from '../../core/stored-runs';
import type { PlannerHandoff } from '../../lib/handoff';

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * What "Open in capacity planner" sends: the analysable runs (core/runs: the same rule as the
 * monitoring breakpoint) as JSONL, a label that says how many had simulated timing and which were
 * left out, and the planner settings the runs imply — the timeout they ran under and, when all
 * were simulated with the same settings, the simulated step time and overhead.
 */
export function plannerHandoff(selected: readonly RunRecord[], name: string, what = 'runs from the Runs page'): PlannerHandoff {
  const { runs, cacheReplays, withoutOutcome } = analysableRuns(selected);
  const simulated = runs.filter((r) => r.simulated);
  let label = `${runs.length.toLocaleString('en-US')} ${what}`;
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
  const left: string[] = [];
  if (cacheReplays) left.push(`${count(cacheReplays, 'cache replay')} (the lookup's latency, not the model's)`);
  if (withoutOutcome) left.push(`${count(withoutOutcome, 'run')} without an outcome (stopped, interrupted or still running)`);
  if (left.length) label += ` Left out: ${left.join(' and ')}.`;
  return { name, text: runsToJsonl(runs), runCount: runs.length, label, ...(Object.keys(settings).length ? { settings } : {}) };
}
