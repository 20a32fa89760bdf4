import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../src/core/stored-runs';
import { batchRecords } from '../../../src/features/runs/batch-controller';

const run = (id: string, answer = 'a'): RunRecord => ({
  schema: 1,
  id,
  prompt: `p ${id}`,
  provider: 'demo',
  baseUrl: '',
  model: 'm',
  settings: { stepMode: 'paragraph' },
  status: 'done',
  startedAt: 1,
  timedOut: false,
  stopped: false,
  steps: [],
  reasoningKind: 'raw',
  answer,
  reasoningTokens: 0,
  reasoningTokensSource: 'estimate',
  tier: 'short',
  findings: [],
  checkpoints: [],
});

describe('batchRecords (Export batch results without the batch holding its records)', () => {
  it('reads each id from the save queue when storage refused it, else from storage, in finishing order', async () => {
    const stored = new Map([
      ['r1', run('r1')],
      ['r3', run('r3', 'stale')],
    ]);
    const records = await batchRecords(['r3', 'r1', 'r2'], {
      unsaved: () => [run('r2'), run('r3', 'newest')],
      read: async (id) => stored.get(id),
    });
    expect(records.map((r) => r.id)).toEqual(['r3', 'r1', 'r2']);
    // The queue holds the newest version of a run it could not write yet.
    expect(records[0].answer).toBe('newest');
  });

  it('leaves out a run that is neither unsaved nor stored (deleted since), and survives a failed read', async () => {
    const records = await batchRecords(['gone', 'bad', 'ok'], {
      unsaved: () => [],
      read: async (id) => {
        if (id === 'bad') throw new Error('read failed');
        return id === 'ok' ? run('ok') : undefined;
      },
    });
    expect(records.map((r) => r.id)).toEqual(['ok']);
  });
});
