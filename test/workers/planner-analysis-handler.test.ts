import { describe, expect, it } from 'vitest';
import { DEFAULT_PLANNER_SETTINGS } from '../../src/core/planner';
import { parseLogBlobs } from '../../src/workers/log-parse-handler';
import { createPlannerAnalysisHandler, type PlannerAnalysisResponse } from '../../src/workers/planner-analysis-handler';

describe('planner analysis message handler', () => {
  it('answers only the newest of queued requests', async () => {
    const posted: PlannerAnalysisResponse[] = [];
    let run: (() => void) | null = null;
    const h = createPlannerAnalysisHandler(
      (m) => posted.push(m),
      (f) => {
        run = f;
      },
    );
    const file = new File(['steps,latency_ms\n3,1000\n'], 'x.csv');
    const parsed = await parseLogBlobs([file]);
    h.handle({ type: 'set', key: 1, part: { name: file.name, rows: parsed.rows, buckets: parsed.buckets, stepsSource: parsed.files[0].diagnostics.stepsSource } });
    h.handle({ type: 'analyze', id: 1, settings: DEFAULT_PLANNER_SETTINGS });
    h.handle({ type: 'analyze', id: 2, settings: DEFAULT_PLANNER_SETTINGS });
    expect(posted).toEqual([{ type: 'skipped', id: 1 }]);
    (run as unknown as () => void)();
    expect(posted[1]).toMatchObject({ type: 'result', id: 2, analysis: { total: 1 } });
  });

  it('answers an analysis error as an error message, not a throw', () => {
    const posted: PlannerAnalysisResponse[] = [];
    const h = createPlannerAnalysisHandler((m) => posted.push(m), (f) => f());
    // A part whose rows are not columnar arrays makes the analysis throw inside the handler.
    h.handle({ type: 'set', key: 1, part: { name: 'bad', rows: { length: 1 } as never, buckets: [], stepsSource: 'column' as never } });
    h.handle({ type: 'analyze', id: 7, settings: DEFAULT_PLANNER_SETTINGS });
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ type: 'error', id: 7 });
  });
});
