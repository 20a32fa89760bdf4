import { describe, expect, it } from 'vitest';
import { computeMonitoring } from '../../src/core/metrics';
import { createMonitoringHandler } from '../../src/workers/monitoring-handler';
import { makeRun } from '../core/stored-runs/make-run';

const runs = Array.from({ length: 5000 }, (_, i) =>
  makeRun({ id: `r${i}`, model: i % 2 ? 'odd' : 'even', startedAt: 1_700_000_000_000 + i * 1000, latencyMs: 1000 + (i % 97) * 40, timedOut: i % 17 === 0, steps: Array.from({ length: 1 + (i % 9) }, () => ({ text: 'x y', startedAt: 0, completedAt: 0 })) }),
);

describe('monitoring worker handler', () => {
  it('applies filters and the select-all flag with exceptions, and matches the metrics computed directly', async () => {
    let reads = 0;
    const handle = createMonitoringHandler(async () => {
      reads++;
      return runs;
    });
    const r = await handle({ id: 1, lengthBy: 'steps', version: 7, population: { filter: { model: 'odd' }, allSelected: true, selected: ['r1', 'r3'] } });
    expect(r.type).toBe('done');
    if (r.type !== 'done') return;
    const expected = computeMonitoring(
      runs.filter((x) => x.model === 'odd' && x.id !== 'r1' && x.id !== 'r3'),
      { lengthBy: 'steps' },
    );
    expect(r.dashboard.metrics).toEqual(expected.metrics);
    expect(r.dashboard.correlation.count).toBe(expected.correlation.points.length);
    expect(r.dashboard.correlation.drawn).toHaveLength(2000);
    // Same version: the runs are not read again; a new version re-reads them.
    await handle({ id: 2, lengthBy: 'tokens', version: 7, population: { filter: {}, allSelected: false, selected: [] } });
    expect(reads).toBe(1);
    await handle({ id: 3, lengthBy: 'tokens', version: 8, population: { filter: {}, allSelected: false, selected: [] } });
    expect(reads).toBe(2);
  });
});
