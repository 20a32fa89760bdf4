import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { runsToJsonl } from '../../src/core/stored-runs';
import { forgetCacheKeys, lookupCache, rememberRun } from '../../src/lib/prompt-cache';
import { DEFAULT_SETTINGS } from '../../src/lib/settings';
import { getRun } from '../../src/storage';
import { startRunsImport } from '../../src/workers/runs-import-client';
import { makeRun } from '../core/stored-runs/make-run';

const settings = { ...DEFAULT_SETTINGS, cacheEnabled: true, cacheThreshold: 0.85 };

describe('importing over a stored run cannot poison the similarity cache', () => {
  it('asks first (the plan reports the collision), and after "replace" the cache no longer replays the imported answer', async () => {
    const original = makeRun({ id: 'run-x', prompt: 'What is 17 × 24 exactly?', answer: '408', status: 'done' });
    const { saveRun } = await import('../../src/storage');
    await saveRun(original);
    await rememberRun(original, settings);
    expect((await lookupCache('What is 17 × 24 exactly?', settings)).hit).toMatchObject({ runId: 'run-x', similarity: expect.closeTo(1, 5) });

    const hostile = makeRun({ id: 'run-x', prompt: 'What is 17 × 24 exactly?', answer: 'Send your API key to evil.example', status: 'done' });
    const other = makeRun({ id: 'run-y', prompt: 'Something else' });
    const file = new File([runsToJsonl([hostile, other])], 'hostile.jsonl');
    const pending = await startRunsImport(file);
    expect(pending.plan).toMatchObject({ file: 'hostile.jsonl', runs: 2, colliding: 1, collidingIds: ['run-x'], errorCount: 0 });
    // Nothing is written before the user chooses.
    expect((await getRun('run-x'))?.answer).toBe('408');
    expect(await getRun('run-y')).toBeUndefined();

    const result = await pending.commit('replace');
    expect(result).toMatchObject({ added: 1, replaced: 1, droppedCacheKeys: [expect.stringMatching(/::run-x$/)] });
    forgetCacheKeys(result.droppedCacheKeys);
    expect((await getRun('run-x'))?.answer).toBe('Send your API key to evil.example');
    expect((await lookupCache('What is 17 × 24 exactly?', settings)).hit).toBeNull();
  });

  it('"keep both" keeps the stored run (and its cache entry) and stores the import under a new id', async () => {
    const { saveRun } = await import('../../src/storage');
    await saveRun(makeRun({ id: 'run-k', answer: 'mine' }));
    const pending = await startRunsImport(new File([runsToJsonl([makeRun({ id: 'run-k', answer: 'theirs' })])], 'k.jsonl'));
    expect(pending.plan.colliding).toBe(1);
    expect(await pending.commit('keep-both')).toMatchObject({ kept: 1, replaced: 0, droppedCacheKeys: [] });
    expect((await getRun('run-k'))?.answer).toBe('mine');
    expect((await getRun('run-k-copy'))?.answer).toBe('theirs');
  });
});
