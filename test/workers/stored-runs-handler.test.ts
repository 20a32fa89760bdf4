import { describe, expect, it } from 'vitest';
import { createStoredRunsHandler, type StoredRunsResponse } from '../../src/workers/stored-runs-handler';
import { makeRun } from '../core/stored-runs/make-run';

const runs = Array.from({ length: 25_000 }, (_, i) => makeRun({ id: `r${i}`, startedAt: 1_700_000_000_000 + i }));
const handler = createStoredRunsHandler(() => ({ listRuns: async () => runs, getRun: async (id) => runs.find((r) => r.id === id) }));

describe('stored-runs handler', () => {
  it('answers a list in one reply when nobody takes parts (in-thread)', async () => {
    const reply = await handler.handle({ id: 1, type: 'list' });
    expect(reply.type === 'list' && reply.runs.length).toBe(25_000);
  });

  it('posts a large list in parts marked more, the last part as the reply, nothing lost or reordered', async () => {
    const parts: StoredRunsResponse[] = [];
    const reply = await handler.handle({ id: 2, type: 'list' }, (p) => parts.push(p));
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.type === 'list' && p.more === true && p.id === 2)).toBe(true);
    expect(reply.type === 'list' && reply.more).toBeFalsy();
    const all = [...parts, reply].flatMap((p) => (p.type === 'list' ? p.runs : []));
    expect(all.map((r) => r.id)).toEqual(runs.map((r) => r.id));
  });

  it('a missing run gives a failed reply naming it', async () => {
    expect(await handler.handle({ id: 3, type: 'text', runId: 'gone', part: 'answer' })).toEqual({ id: 3, type: 'failed', message: 'run gone is no longer stored' });
  });
});
