import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createStorage, onRunsChange, type RunsChange, type RunStorage } from '../../src/storage';
import { makeRun } from '../core/stored-runs/make-run';

let seq = 0;
const open: RunStorage[] = [];
const stops: (() => void)[] = [];
afterEach(async () => {
  stops.splice(0).forEach((s) => s());
  await Promise.all(open.splice(0).map((s) => s.close()));
});

function fresh() {
  const dbName = `changes-${++seq}`;
  const storage = createStorage({ dbName });
  open.push(storage);
  const heard: RunsChange[] = [];
  stops.push(onRunsChange(dbName, (c) => heard.push(c)));
  return { dbName, storage, heard };
}

describe('stored-run change announcements', () => {
  it('announces each save (with the record, in this tab), delete and import', async () => {
    const { storage, heard } = fresh();
    const run = makeRun({ id: 'a', status: 'running' });
    await storage.saveRun(run);
    expect(heard).toEqual([{ kind: 'saved', ids: ['a'], records: [run] }]);
    const done = { ...run, status: 'done' as const };
    await storage.saveRun(done);
    expect(heard.at(-1)).toEqual({ kind: 'saved', ids: ['a'], records: [done] });
    await storage.deleteRuns(['a']);
    expect(heard.at(-1)).toEqual({ kind: 'deleted', ids: ['a'] });
    await storage.deleteRuns(['never-stored']);
    expect(heard).toHaveLength(3);
    await storage.importRuns([makeRun({ id: 'b' }), makeRun({ id: 'c' })]);
    expect(heard.at(-1)).toEqual({ kind: 'many' });
  });

  it('marking interrupted runs at startup is announced; nothing to mark, nothing said', async () => {
    const { storage, heard } = fresh();
    await storage.markInterruptedRuns();
    expect(heard).toEqual([]);
    await storage.importRuns([makeRun({ id: 'x', status: 'running' })]);
    heard.length = 0;
    await storage.markInterruptedRuns();
    expect(heard).toEqual([{ kind: 'many' }]);
  });

  it('tells other tabs over a BroadcastChannel per database, ids only', async () => {
    const { dbName, storage } = fresh();
    const otherTab = new BroadcastChannel(`reasoning-viewer:runs:${dbName}`);
    const received = new Promise<unknown>((resolve) => (otherTab.onmessage = (e) => resolve(e.data)));
    await storage.saveRun(makeRun({ id: 'big', answer: 'x'.repeat(10_000) }));
    expect(await received).toEqual({ kind: 'saved', ids: ['big'] });
    otherTab.close();
  });

  it('hears another tab’s announcements', async () => {
    const { dbName, heard } = fresh();
    const otherTab = new BroadcastChannel(`reasoning-viewer:runs:${dbName}`);
    otherTab.postMessage({ kind: 'deleted', ids: ['z'] });
    await expect.poll(() => heard).toEqual([{ kind: 'deleted', ids: ['z'] }]);
    otherTab.close();
  });
});
