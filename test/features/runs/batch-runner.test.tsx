import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../src/core/stored-runs';
import { mulberry32 } from '../../../src/core/random';
import { backoffDelayMs, restartStaggerMs, runBatch, type BatchProgress } from '../../../src/features/runs/batch-runner';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/lib/settings';
import { createVerifyClient } from '../../../src/workers/verify-client';

// The real run engine and demo model in jsdom (the verifier runs in-thread without Worker).
const demo: Settings = { ...DEFAULT_SETTINGS, demoTokensPerSecond: 20_000 };

function collect() {
  const saved = new Map<string, RunRecord>();
  const progress: BatchProgress[] = [];
  return {
    saved,
    progress,
    save: async (r: RunRecord) => void saved.set(r.id, r),
    onProgress: (p: BatchProgress) => void progress.push(p),
  };
}

const SSE = [
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"reasoning_content":"First, 6 × 7 = 42.\\n\\nSo the answer is 42.\\n\\n"}}]}',
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"42"},"finish_reason":"stop"}]}',
  'data: [DONE]',
  '',
].join('\n\n');

describe('runBatch', () => {
  it('without keepRecords keeps only the finished runs\' ids, in finishing order, not their records', async () => {
    const c = collect();
    const order: string[] = [];
    const handle = runBatch({
      batchId: 'batch-ids',
      prompts: ['Quick: what is 1 + 1?', 'Quick: what is 2 + 2?', 'Quick: what is 3 + 3?'],
      repeats: 1,
      concurrency: 2,
      timeoutMs: 5000,
      settings: demo,
      verifyClient: createVerifyClient(),
      save: async (r) => {
        if (r.status !== 'running' && !order.includes(r.id)) order.push(r.id);
        await c.save(r);
      },
      onSaveError: () => {},
      onProgress: c.onProgress,
      keepRecords: false,
    });
    await handle.done;
    expect(handle.records()).toEqual([]);
    expect(handle.runIds()).toHaveLength(3);
    expect(handle.runIds()).toEqual(order);
    expect(new Set(handle.runIds())).toEqual(new Set(c.saved.keys()));
  }, 15_000);

  it('runs every query through the demo model and counts done, failed and timed out; records carry the batch id', async () => {
    const c = collect();
    const handle = runBatch({
      batchId: 'batch-t1',
      prompts: ['Quick: what is 12 + 30?', 'Arithmetic slip: 24 rows of 17 pallets with 36 boxes, 1,250 ship, how many left?', 'Stall: a train covers 180 km in 2.5 hours', 'Disconnect: $5,000 at 4% for 3 years'],
      repeats: 1,
      concurrency: 4,
      timeoutMs: 1500,
      settings: demo,
      verifyClient: createVerifyClient(),
      save: c.save,
      onSaveError: () => {},
      onProgress: c.onProgress,
    });
    const summary = await handle.done;
    expect(summary).toMatchObject({ total: 4, done: 2, failed: 1, timedOut: 1, cancelled: 0, running: 0, cancelledByUser: false });
    const records = [...c.saved.values()];
    expect(records).toHaveLength(4);
    expect(records.every((r) => r.batchId === 'batch-t1')).toBe(true);
    const stalled = records.find((r) => r.prompt.startsWith('Stall'))!;
    expect(stalled).toMatchObject({ status: 'error', timedOut: true, stopped: false });
    expect(stalled.error).toMatch(/Timed out after 1\.5 s \(the batch's per-request timeout\)/);
    expect(stalled.steps.length).toBeGreaterThan(0);
    expect(records.find((r) => r.prompt.startsWith('Disconnect'))).toMatchObject({ status: 'error', timedOut: false });
    const slip = records.find((r) => r.prompt.startsWith('Arithmetic'))!;
    expect(slip.status).toBe('done');
    // Verification finished before the final save.
    expect(slip.consistencyScore).toBeTypeOf('number');
    expect(slip.findings.some((f) => f.severity !== 'note')).toBe(true);
    expect(handle.records()).toHaveLength(4);
    expect(handle.runIds()).toEqual(handle.records().map((r) => r.id));
    expect(c.progress.at(-1)).toMatchObject({ done: 2, failed: 1, timedOut: 1 });
  }, 15_000);

  it('stores each run once it has settled and releases its verify session', async () => {
    const c = collect();
    const verifyClient = createVerifyClient();
    const summary = await runBatch({
      batchId: 'b-settle',
      prompts: ['Arithmetic slip: 24 rows of 17 pallets with 36 boxes, 1,250 ship, how many left?', 'Quick: 2 + 2?'],
      repeats: 2,
      concurrency: 2,
      timeoutMs: 5000,
      settings: { ...demo, verifyInterval: 50 },
      verifyClient,
      save: c.save,
      onSaveError: () => {},
      onProgress: c.onProgress,
    }).done;
    expect(summary).toMatchObject({ total: 4, done: 4 });
    // Verified only at the end of each stream (interval above the chain length): the stored
    // record still has the slip, so it was saved after the last answer arrived.
    const slips = [...c.saved.values()].filter((r) => r.prompt.startsWith('Arithmetic'));
    expect(slips).toHaveLength(2);
    for (const r of slips) expect(r.findings.some((f) => f.kind === 'arithmetic' && f.step === 1)).toBe(true);
    expect(verifyClient.sessionCount).toBe(0);
  }, 15_000);

  it('runs repeats and never more than `concurrency` at once', async () => {
    const c = collect();
    const summary = await runBatch({
      batchId: 'b',
      prompts: ['Quick: 1 + 1?', 'Quick: 2 + 2?'],
      repeats: 3,
      concurrency: 2,
      timeoutMs: 5000,
      settings: demo,
      save: c.save,
      onSaveError: () => {},
      onProgress: c.onProgress,
    }).done;
    expect(summary).toMatchObject({ total: 6, done: 6 });
    expect(c.saved.size).toBe(6);
    expect(Math.max(...c.progress.map((p) => p.running))).toBeLessThanOrEqual(2);
  }, 15_000);

  it('backs off politely on HTTP 429: Retry-After first, else exponential with jitter, then succeeds', async () => {
    let offset = 0;
    const now = () => Date.now() + offset;
    const delays: number[] = [];
    const sleep = async (ms: number) => {
      delays.push(ms);
      offset += ms;
    };
    let calls = 0;
    const fetchImpl: typeof fetch = async () => {
      calls++;
      if (calls === 1) return new Response('{"error":{"message":"slow down"}}', { status: 429, headers: { 'retry-after': '3' } });
      if (calls === 2) return new Response('{"error":{"message":"slow down"}}', { status: 429 });
      return new Response(SSE, { status: 200, headers: { 'content-type': 'text/event-stream' } });
    };
    const c = collect();
    const summary = await runBatch({
      batchId: 'b429',
      prompts: ['What is 6 × 7?'],
      repeats: 1,
      concurrency: 1,
      timeoutMs: 5000,
      settings: { ...DEFAULT_SETTINGS, provider: 'openai-compatible', endpoints: { 'openai-compatible': { baseUrl: 'http://127.0.0.1:9/v1', model: 'm' } } },
      fetchImpl,
      save: c.save,
      onSaveError: () => {},
      onProgress: c.onProgress,
      now,
      sleep,
      random: () => 0.5,
    }).done;
    expect(summary).toMatchObject({ done: 1, failed: 0, retries: 2 });
    expect(calls).toBe(3);
    // The polite pauses: 3 s from Retry-After, then 2 s × (½ + ½·0.5) = 1.5 s.
    const pauses = delays.filter((d) => d !== 50);
    expect(pauses[0]).toBeCloseTo(3000, -2);
    expect(pauses[1]).toBeCloseTo(1500, -2);
    const [record] = c.saved.values();
    expect(record).toMatchObject({ status: 'done', answer: '42' });
    expect(c.progress.some((p) => p.waitingUntil !== undefined)).toBe(true);
  });

  it('gives up after the bounded retries and counts the query as failed', async () => {
    let offset = 0;
    let calls = 0;
    const c = collect();
    const summary = await runBatch({
      batchId: 'b',
      prompts: ['x'],
      repeats: 1,
      concurrency: 1,
      timeoutMs: 5000,
      settings: { ...DEFAULT_SETTINGS, provider: 'openai-compatible' },
      fetchImpl: async () => {
        calls++;
        return new Response('{}', { status: 429 });
      },
      maxRetries: 3,
      save: c.save,
      onSaveError: () => {},
      onProgress: c.onProgress,
      now: () => Date.now() + offset,
      sleep: async (ms) => void (offset += ms),
      random: () => 0,
    }).done;
    expect(calls).toBe(4);
    expect(summary).toMatchObject({ failed: 1, retries: 3 });
    expect([...c.saved.values()][0]).toMatchObject({ status: 'error', error: expect.stringMatching(/429/) });
  });

  it('cancel stops live runs (stored as stopped) and skips the rest', async () => {
    const c = collect();
    const handle = runBatch({
      batchId: 'bc',
      prompts: Array.from({ length: 8 }, (_, i) => `Plan a complex project number ${i}`),
      repeats: 1,
      concurrency: 2,
      timeoutMs: 10_000,
      settings: { ...DEFAULT_SETTINGS, demoTokensPerSecond: 200 },
      save: c.save,
      onSaveError: () => {},
      onProgress: (p) => {
        c.onProgress(p);
        if (p.running === 2) handle.cancel();
      },
    });
    const summary = await handle.done;
    expect(summary.cancelledByUser).toBe(true);
    expect(summary.cancelled).toBe(8);
    expect(summary.done + summary.failed + summary.timedOut).toBe(0);
    expect([...c.saved.values()].map((r) => r.status)).toEqual(['stopped', 'stopped']);
  }, 10_000);

  it('a 429 storm on 16 workers does not come back as one burst of 16 (seeded jitter)', async () => {
    const times: number[] = [];
    let calls = 0;
    const fetchImpl: typeof fetch = async () => {
      calls++;
      times.push(performance.now());
      if (calls <= 16) return new Response('{"error":{"message":"slow down"}}', { status: 429 });
      return new Response(SSE, { status: 200, headers: { 'content-type': 'text/event-stream' } });
    };
    const c = collect();
    const summary = await runBatch({
      batchId: 'storm',
      prompts: Array.from({ length: 16 }, (_, i) => `What is 6 × 7, case ${i}?`),
      repeats: 1,
      concurrency: 16,
      timeoutMs: 10_000,
      settings: { ...DEFAULT_SETTINGS, provider: 'openai-compatible', endpoints: { 'openai-compatible': { baseUrl: 'http://127.0.0.1:9/v1', model: 'm' } } },
      fetchImpl,
      save: c.save,
      onSaveError: () => {},
      onProgress: c.onProgress,
      random: mulberry32(12),
    }).done;
    expect(summary).toMatchObject({ done: 16, retries: 16 });
    const first = times.slice(0, 16);
    const retries = times.slice(16).sort((a, b) => a - b);
    expect(retries).toHaveLength(16);
    // The polite pause holds: no retry before the shortest backoff (½ s) after the last 429.
    expect(retries[0] - Math.max(...first)).toBeGreaterThanOrEqual(450);
    // Spread out: at least 0.4 s between the first and last retry, and never more than 10 in any 100 ms
    // (in lockstep all 16 land within a few ms of each other).
    expect(retries[15] - retries[0]).toBeGreaterThan(400);
    let crowd = 0;
    for (let i = 0; i < retries.length; i++) crowd = Math.max(crowd, retries.filter((t) => t >= retries[i] && t < retries[i] + 100).length);
    expect(crowd).toBeLessThanOrEqual(10);
  }, 15_000);

  it('keeps every record in memory when storage refuses the write', async () => {
    const errors: string[] = [];
    const handle = runBatch({
      batchId: 'bq',
      prompts: ['Quick: 3 + 3?'],
      repeats: 1,
      concurrency: 1,
      timeoutMs: 5000,
      settings: demo,
      save: () => Promise.reject(new Error('The browser refused to store more (quota).')),
      onSaveError: (m) => errors.push(m),
      onProgress: () => {},
    });
    expect(await handle.done).toMatchObject({ done: 1 });
    expect(errors[0]).toMatch(/quota/);
    expect(handle.records()).toHaveLength(1);
  });
});

describe('backoffDelayMs', () => {
  it('uses Retry-After (capped), else exponential with equal jitter (capped)', () => {
    expect(backoffDelayMs(0, 17, () => 0.9)).toBe(17_000);
    expect(backoffDelayMs(0, 10_000, () => 0)).toBe(120_000);
    expect(backoffDelayMs(0, undefined, () => 0)).toBe(500);
    expect(backoffDelayMs(0, undefined, () => 1)).toBe(1000);
    expect(backoffDelayMs(3, undefined, () => 0)).toBe(4000);
    expect(backoffDelayMs(20, undefined, () => 1)).toBe(60_000);
  });
});

describe('restartStaggerMs', () => {
  it('spreads restarts uniformly over half the pause, at least 1 s and at most 30 s', () => {
    expect(restartStaggerMs(4000, () => 0)).toBe(0);
    expect(restartStaggerMs(4000, () => 0.5)).toBe(1000);
    expect(restartStaggerMs(500, () => 0.5)).toBe(500);
    expect(restartStaggerMs(600_000, () => 0.999)).toBeCloseTo(29_970);
  });

  it('with a seeded random, 16 workers get 16 distinct offsets covering the window', () => {
    const random = mulberry32(7);
    const offsets = Array.from({ length: 16 }, () => restartStaggerMs(2000, random)).sort((a, b) => a - b);
    expect(new Set(offsets.map((o) => Math.round(o))).size).toBe(16);
    expect(offsets[0]).toBeGreaterThanOrEqual(0);
    expect(offsets[15]).toBeLessThan(1000);
    expect(offsets[15] - offsets[0]).toBeGreaterThan(600);
  });
});
