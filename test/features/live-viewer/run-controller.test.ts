/**
 * How the live viewer stores a run that ended: once, when it has settled (so a long run is not
 * cloned twice in a row), or after a grace period when settling waits on a slow judge — and then
 * once more with the settled state. The saves are observed at the save queue, which still writes
 * to (fake) IndexedDB.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunRecord } from '../../../src/core/stored-runs/types';

const saved: { at: number; record: RunRecord }[] = [];
const settledIds: string[] = [];

vi.mock('../../../src/lib/save-queue', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/lib/save-queue')>();
  return {
    ...real,
    runSaves: {
      ...real.runSaves,
      save: (record: RunRecord) => {
        saved.push({ at: performance.now(), record });
        return real.runSaves.save(record);
      },
      settled: (id: string) => {
        settledIds.push(id);
        return real.runSaves.settled(id);
      },
    },
  };
});

const { startRun, runFinished } = await import('../../../src/features/live-viewer/run-controller');
const { useLiveRun } = await import('../../../src/features/live-viewer/run-store');
const { DEFAULT_SETTINGS, useSettings } = await import('../../../src/lib/settings');

async function until(condition: () => boolean, what: string, limitMs = 20_000): Promise<void> {
  const deadline = performance.now() + limitMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const endedSaves = (id: string) => saved.filter((s) => s.record.id === id && s.record.status !== 'running');

beforeEach(() => {
  saved.length = 0;
  settledIds.length = 0;
  useLiveRun.setState({ views: {}, order: [], viewedId: null, thinkingOpen: {}, focusStep: undefined });
  useSettings.setState({ ...DEFAULT_SETTINGS, demoTokensPerSecond: 20_000, cacheEnabled: false });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A judge endpoint that answers when `answer` resolves; returns the URLs it was called with. */
function slowJudge(answer: Promise<void>): string[] {
  const calls: string[] = [];
  const realFetch = globalThis.fetch;
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith('http://judge.invalid/')) return realFetch(input, init);
    calls.push(url);
    await answer;
    return new Response(JSON.stringify({ choices: [{ message: { content: '{"verdict":"ok","reason":"fine"}' } }] }), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  useSettings.setState({ judge: { enabled: true, provider: 'openai-compatible', baseUrl: 'http://judge.invalid/v1', model: 'judge' } });
  return calls;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('storing an ended run', () => {
  it('is one save of the settled run, with every finding the view shows, when settling takes a moment', async () => {
    // The judge answers 300 ms after the run ends: storing the ended run at once would clone it
    // twice within those 300 ms.
    let ended!: () => void;
    const runEnded = new Promise<void>((r) => (ended = r));
    slowJudge(runEnded.then(() => sleep(300)));
    const id = startRun('What is 15% of 80?');
    await runFinished(id);
    ended();
    await until(() => settledIds.includes(id), 'the settled save');
    await sleep(300);
    const saves = endedSaves(id);
    expect(saves).toHaveLength(1);
    const view = useLiveRun.getState().views[id];
    expect(saves[0].record.status).toBe('done');
    expect(saves[0].record.steps).toHaveLength(view.run.steps.length);
    expect(saves[0].record.findings.map((f) => `${f.step}:${f.kind}`)).toEqual(view.findings.map((f) => `${f.step}:${f.kind}`));
  });

  it('waits at most the grace period for a slow judge, then stores the ended run; the settled run follows', async () => {
    let releaseJudge!: () => void;
    const judgeCalls = slowJudge(new Promise<void>((r) => (releaseJudge = r)));
    const id = startRun('What is 15% of 80?');
    await runFinished(id);
    const endedAt = performance.now();
    await until(() => judgeCalls.length > 0, 'a judge call');
    // Nothing ended is stored before the grace period, since the run is still settling …
    await sleep(700);
    expect(endedSaves(id)).toHaveLength(0);
    // … and its ended state is stored once the grace period (1.5 s) has passed.
    await until(() => endedSaves(id).length === 1, 'the grace-period save', 5_000);
    expect(endedSaves(id)[0].at - endedAt).toBeGreaterThanOrEqual(1000);
    expect(settledIds).not.toContain(id);

    releaseJudge();
    await until(() => settledIds.includes(id), 'the settled save');
    await sleep(300);
    expect(endedSaves(id)).toHaveLength(2);
    expect(endedSaves(id)[1].record.status).toBe('done');
  });
});
