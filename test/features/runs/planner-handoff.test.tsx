import { describe, expect, it } from 'vitest';
import { plannerHandoff } from '../../../src/features/runs/planner-handoff';
import { breakpointRows } from '../../../src/workers/monitoring-handler';
import { makeRun } from '../../core/stored-runs/make-run';

describe('"Open in capacity planner"', () => {
  const runs = [
    makeRun({ id: 'done' }),
    makeRun({ id: 'timed-out', status: 'error', timedOut: true }),
    makeRun({ id: 'replay', cache: { hit: true, similarity: 0.97, sourceRunId: 'run-0' } }),
    makeRun({ id: 'stopped', status: 'stopped', stopped: true }),
    makeRun({ id: 'running', status: 'running' }),
  ];

  it('sends the runs the monitoring breakpoint reads, and says which were left out', () => {
    const handoff = plannerHandoff(runs, 'x.jsonl');
    const sent = handoff.text.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);
    expect(sent).toEqual(['done', 'timed-out']);
    expect(breakpointRows(runs)).toHaveLength(sent.length);
    expect(handoff.runCount).toBe(2);
    expect(handoff.label).toMatch(/Left out: 1 cache replay .* and 2 runs without an outcome/);
  });
});
