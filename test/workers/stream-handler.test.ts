/**
 * The stream worker's path (client ↔ handler, wired in-process through structured clones, as a
 * real worker's messages are) against the in-thread path, on the real wire recordings in
 * ../shared/conformance/streams: the same bytes must give the same run (steps, answer, kind,
 * usage, ending), checked also against each recording's own oracle files. Then the faults: each
 * must read exactly as the in-thread path's does.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getAdapter } from '../../src/core/providers';
import type { NormalizedEvent, ProviderId } from '../../src/core/providers/types';
import { createRunAccumulator, type RunSnapshot } from '../../src/core/run/accumulator';
import { mulberry32 } from '../../src/core/random';
import { RunFault, streamRun } from '../../src/lib/stream-run';
import { createStreamClient, type StreamPort } from '../../src/workers/stream-client';
import { createStreamHandler, type StreamFromWorker, type StreamToWorker } from '../../src/workers/stream-handler';
import { conformanceDirMissing, readRecordings } from '../e2e/support/conformance';

const STREAMS_PATH = fileURLToPath(new URL('../../../shared/conformance/streams/', import.meta.url));
const PICKER: Record<string, ProviderId> = { 'OpenAI-compatible': 'openai-compatible', Anthropic: 'anthropic', 'OpenAI Responses': 'openai-responses', Ollama: 'ollama' };

/** A worker in-process: messages cross as structured clones on a macrotask, both ways. */
function inProcessPort(workerFetch?: typeof fetch): StreamPort & { handler: ReturnType<typeof createStreamHandler> } {
  const port = {
    onmessage: null as ((m: StreamFromWorker) => void) | null,
    onerror: null as ((m: string) => void) | null,
    post: (message: StreamToWorker) => {
      const copy = structuredClone(message);
      setTimeout(() => handler.handle(copy), 0);
    },
    terminate: () => {},
    handler: undefined as unknown as ReturnType<typeof createStreamHandler>,
  };
  const handler = createStreamHandler({
    post: (message) => {
      const copy = structuredClone(message);
      setTimeout(() => port.onmessage?.(copy), 0);
    },
    fetchImpl: workerFetch,
    clock: () => 0,
  });
  port.handler = handler;
  return port;
}

/** A body in seeded random pieces (1 byte to 4 KB), so frames and characters are cut anywhere. */
function bodyInPieces(bytes: Uint8Array, seed: number, tail?: Error): ReadableStream<Uint8Array> {
  const next = mulberry32(seed);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return tail ? controller.error(tail) : controller.close();
      const size = 1 + Math.floor(next() * 4096);
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

const request = { url: 'http://127.0.0.1:9/v1/chat/completions', method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: '{}' };

type Outcome = { run: RunSnapshot; events: NormalizedEvent[]; fault?: { kind: string; message: string; status?: number; retryAfterSeconds?: number } };

/** Streams through one path into a fresh accumulator; the fault (if any) as the engine sees it. */
async function runPath(path: 'in-thread' | 'worker-proxied' | 'worker-fetch', provider: ProviderId, fetchImpl: typeof fetch, extra: { signal?: AbortSignal; idleTimeoutMs?: number; gate?: () => Promise<void> | undefined } = {}): Promise<Outcome> {
  const accumulator = createRunAccumulator({ startedAt: 0, segmenter: { mode: 'paragraph', tokensPerStep: 50 } });
  const events: NormalizedEvent[] = [];
  const common = {
    request,
    signal: extra.signal ?? new AbortController().signal,
    now: () => 1000,
    idleTimeoutMs: extra.idleTimeoutMs ?? 5000,
    appOrigin: 'http://127.0.0.1:4173',
    gate: extra.gate,
    onEvents: (batch: NormalizedEvent[], malformed: number) => {
      events.push(...batch);
      accumulator.apply(batch);
      accumulator.setMalformedCount(malformed);
    },
  };
  let fault: Outcome['fault'];
  try {
    if (path === 'in-thread') {
      const adapter = getAdapter(provider);
      await streamRun({ ...common, fetchImpl, parser: adapter.createParser(), describeHttpError: adapter.describeHttpError });
    } else {
      const client = createStreamClient(() => inProcessPort(path === 'worker-fetch' ? fetchImpl : undefined), () => 0);
      expect(client.inWorker).toBe(true);
      await client.stream({ ...common, provider, ...(path === 'worker-proxied' ? { fetchImpl } : {}) });
    }
    accumulator.finish(2000);
  } catch (error) {
    if (!(error instanceof RunFault)) throw error;
    fault = { kind: error.kind, message: error.message, status: error.status, retryAfterSeconds: error.retryAfterSeconds };
    accumulator.fail(error.message, 2000);
  }
  return { run: accumulator.snapshot(), events, fault };
}

const joined = (events: NormalizedEvent[], type: 'reasoning' | 'answer') =>
  events.map((e) => (e.type === type && (e.type !== 'reasoning' || e.kind !== 'redacted') ? e.text : '')).join('');

describe('stream worker: the real recordings give the same run as the in-thread path', () => {
  const missing = conformanceDirMissing(STREAMS_PATH);
  if (missing) {
    it('finds the recordings', () => {
      throw new Error(missing);
    });
    return;
  }
  const recordings = readRecordings(STREAMS_PATH);
  it('reads all 29 recordings', () => expect(recordings.length).toBe(29));
  recordings.forEach((r, k) => {
    it(`${r.file}: the worker (fetching itself, and reading the page's fetch) matches in-thread and the oracle`, async () => {
      const bytes = new TextEncoder().encode(r.body);
      const fetchFor = (seed: number): typeof fetch => async () => new Response(bodyInPieces(bytes, seed), { status: 200 });
      const provider = PICKER[r.picker];
      const inThread = await runPath('in-thread', provider, fetchFor(k + 1));
      for (const path of ['worker-proxied', 'worker-fetch'] as const) {
        const viaWorker = await runPath(path, provider, fetchFor(k + 1));
        expect(viaWorker.fault).toEqual(inThread.fault);
        expect(viaWorker.run).toEqual(inThread.run);
        // The oracle files, independently of either path.
        expect(joined(viaWorker.events, 'reasoning')).toBe(r.reasoning);
        expect(joined(viaWorker.events, 'answer')).toBe(r.answer);
        expect(viaWorker.run.status).toBe(r.endsInError ? 'error' : 'done');
        // Coalesced: never more events than the parser emitted.
        expect(viaWorker.events.length).toBeLessThanOrEqual(inThread.events.length);
      }
    });
  });
});

const sse = (obj: unknown) => `data: ${JSON.stringify(obj)}\n\n`;
const delta = (d: Record<string, string>) => sse({ choices: [{ index: 0, delta: d, finish_reason: null }] });
const healthy = [delta({ reasoning_content: 'First step.\n\n' }), delta({ reasoning_content: 'Second step.\n\n' }), delta({ content: 'Answer.' }), sse({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }), 'data: [DONE]\n\n'].join('');
const bytesOf = (text: string) => new TextEncoder().encode(text);

describe('stream worker: faults read exactly as in-thread', () => {
  const cases: [string, () => typeof fetch, { idleTimeoutMs?: number }?][] = [
    ['HTTP 429 with Retry-After', () => async () => new Response('{"error":{"message":"slow down"}}', { status: 429, headers: { 'retry-after': '7' } })],
    ['HTTP 401', () => async () => new Response('{"error":{"message":"bad key"}}', { status: 401 })],
    ['a body that drops mid-stream', () => async () => new Response(bodyInPieces(bytesOf(healthy.slice(0, 60)), 3, new TypeError('network error')), { status: 200 })],
    ['a body that ends without [DONE]', () => async () => new Response(bodyInPieces(bytesOf(healthy.slice(0, 90)), 4), { status: 200 })],
    ['an event larger than 1 MB', () => async () => new Response(bodyInPieces(bytesOf(delta({ reasoning_content: 'ok\n\n' }) + `data: {"x":"${'a'.repeat((1 << 20) + 10)}`), 5), { status: 200 })],
    [
      'a server that refuses the origin (the no-cors probe answers)',
      () => async (_input, init) => {
        if (init?.mode === 'no-cors') return new Response(null, { status: 200 });
        throw new TypeError('Failed to fetch');
      },
    ],
    ['no server at all', () => async () => Promise.reject(new TypeError('Failed to fetch'))],
    ['a server that answers without a body', () => async () => new Response(null, { status: 200 })],
    [
      'a stream that stalls',
      () => async (_input, init) =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(bytesOf(delta({ reasoning_content: 'Begun.\n\n' })));
              init?.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
            },
          }),
          { status: 200 },
        ),
      { idleTimeoutMs: 60 },
    ],
  ];
  for (const [name, makeFetch, extra] of cases) {
    it(name, async () => {
      const inThread = await runPath('in-thread', 'openai-compatible', makeFetch(), extra);
      expect(inThread.fault ?? inThread.run.error, 'the case is a fault').toBeDefined();
      for (const path of ['worker-proxied', 'worker-fetch'] as const) {
        const viaWorker = await runPath(path, 'openai-compatible', makeFetch(), extra);
        expect(viaWorker.fault).toEqual(inThread.fault);
        expect(viaWorker.run.steps.map((s) => s.text)).toEqual(inThread.run.steps.map((s) => s.text));
        expect(viaWorker.run.status).toBe(inThread.run.status);
        expect(viaWorker.run.error).toBe(inThread.run.error);
      }
    });
  }

  it('HTTP 429 keeps its status and Retry-After through the worker', async () => {
    const viaWorker = await runPath('worker-proxied', 'openai-compatible', async () => new Response('{}', { status: 429, headers: { 'retry-after': '7' } }));
    expect(viaWorker.fault).toMatchObject({ kind: 'http', status: 429, retryAfterSeconds: 7 });
  });

  it('a stop rejects at once as "aborted" and cancels the page-side body', async () => {
    let cancelled = false;
    const stop = new AbortController();
    const fetchImpl: typeof fetch = async (_input, init) =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(bytesOf(delta({ reasoning_content: 'One.\n\n' })));
            init?.signal?.addEventListener('abort', () => (cancelled = true));
          },
          cancel() {
            cancelled = true;
          },
        }),
        { status: 200 },
      );
    const client = createStreamClient(() => inProcessPort());
    let seen = 0;
    const running = client.stream({
      request,
      provider: 'openai-compatible',
      signal: stop.signal,
      now: () => 0,
      idleTimeoutMs: 5000,
      fetchImpl,
      onEvents: (events) => {
        seen += events.length;
        stop.abort();
      },
    });
    await expect(running).rejects.toMatchObject({ kind: 'aborted' });
    expect(seen).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 20));
    expect(cancelled).toBe(true);
  });

  it('while the gate is closed (pause policy) nothing reaches the run; opening it delivers the rest in order', async () => {
    let open: (() => void) | undefined;
    let closed: Promise<void> | undefined;
    const texts: string[] = [];
    const client = createStreamClient(() => inProcessPort());
    const body = [delta({ reasoning_content: 'One.\n\n' }), delta({ reasoning_content: 'Two.\n\n' }), delta({ reasoning_content: 'Three.\n\n' }), 'data: [DONE]\n\n'];
    let part = 0;
    const fetchImpl: typeof fetch = async () =>
      new Response(
        new ReadableStream({
          pull(controller) {
            if (part >= body.length) return controller.close();
            controller.enqueue(bytesOf(body[part++]));
          },
        }),
        { status: 200 },
      );
    const running = client.stream({
      request,
      provider: 'openai-compatible',
      signal: new AbortController().signal,
      now: () => 0,
      idleTimeoutMs: 5000,
      fetchImpl,
      gate: () => closed,
      onEvents: (events) => {
        for (const e of events) if (e.type === 'reasoning') texts.push(e.text);
        if (!closed && texts.length === 1) closed = new Promise((resolve) => (open = resolve));
      },
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(texts).toEqual(['One.\n\n']);
    closed = undefined;
    open?.();
    await running;
    expect(texts.join('')).toBe('One.\n\nTwo.\n\nThree.\n\n');
  });

  it('a crashed worker fails the running stream as a dropped connection, and later streams run in-thread', async () => {
    const port = inProcessPort();
    const client = createStreamClient(() => port);
    const running = client.stream({ request, provider: 'openai-compatible', signal: new AbortController().signal, now: () => 0, idleTimeoutMs: 5000, fetchImpl: async () => new Response(new ReadableStream({ start() {} }), { status: 200 }), onEvents: () => {} });
    await new Promise((r) => setTimeout(r, 10));
    port.onerror?.('out of memory');
    await expect(running).rejects.toMatchObject({ kind: 'dropped', message: expect.stringContaining('out of memory') });
    expect(client.inWorker).toBe(false);
    let text = '';
    await client.stream({ request, provider: 'openai-compatible', signal: new AbortController().signal, now: () => 0, idleTimeoutMs: 5000, fetchImpl: async () => new Response(healthy, { status: 200 }), onEvents: (events) => events.forEach((e) => (text += e.type === 'reasoning' ? e.text : '')) });
    expect(text).toBe('First step.\n\nSecond step.\n\n');
  });
});

describe('stream worker: event times', () => {
  it('are on the run clock however late the worker got the start (a worker still loading)', async () => {
    const epoch = () => performance.timeOrigin + performance.now();
    const runClock = () => epoch() + 5000;
    const handler = createStreamHandler({ post: (message) => setTimeout(() => port.onmessage?.(structuredClone(message)), 0) });
    const port: StreamPort = {
      onmessage: null,
      onerror: null,
      // The start waits 80 ms, as it does while a worker's script loads.
      post: (message) => setTimeout(() => handler.handle(structuredClone(message)), message.type === 'start' ? 80 : 0),
      terminate: () => {},
    };
    const client = createStreamClient(() => port);
    const lags: number[] = [];
    await client.stream({
      request,
      provider: 'openai-compatible',
      signal: new AbortController().signal,
      now: runClock,
      idleTimeoutMs: 5000,
      fetchImpl: async () => new Response(healthy, { status: 200 }),
      onEvents: (events) => lags.push(...events.map((e) => runClock() - e.t)),
    });
    expect(lags.length).toBeGreaterThan(0);
    // Stamped in the worker a moment before the page applied them: never in the future, never
    // 80 ms in the past.
    for (const lag of lags) {
      expect(lag).toBeGreaterThanOrEqual(-1);
      expect(lag).toBeLessThan(60);
    }
  });
});

describe('stream worker: a page that falls behind', () => {
  it('gets at most two batches unapplied, and the worker stops reading until it catches up', async () => {
    const line = delta({ reasoning_content: `${'x'.repeat(1000)}\n\n` });
    let bytesRead = 0;
    const endless: typeof fetch = async () =>
      new Response(
        new ReadableStream({
          pull(controller) {
            const bytes = bytesOf(line.repeat(64));
            bytesRead += bytes.length;
            controller.enqueue(bytes);
          },
        }),
        { status: 200 },
      );
    const posted: StreamFromWorker[] = [];
    const handler = createStreamHandler({ post: (message) => posted.push(message), fetchImpl: endless, clock: () => 0 });
    handler.handle({ type: 'start', session: 1, provider: 'openai-compatible', request, idleTimeoutMs: 5000, appOrigin: 'http://x', clockOffset: 0, proxied: false });
    await new Promise((r) => setTimeout(r, 300));
    const batches = () => posted.filter((m) => m.type === 'events') as Extract<StreamFromWorker, { type: 'events' }>[];
    expect(batches().length).toBe(2);
    // About 1 MB of text waits (plus the read that crossed the line), then reading stops.
    const stalledAt = bytesRead;
    expect(stalledAt).toBeLessThan(3 * (1 << 20));
    await new Promise((r) => setTimeout(r, 100));
    expect(bytesRead).toBe(stalledAt);
    // Each batch is about 32 K characters of text, so applying one is a short task.
    for (const b of batches()) expect(b.events.reduce((n, e) => n + (e.type === 'reasoning' ? e.text.length : 0), 0)).toBeLessThan(64 * 1024);
    handler.handle({ type: 'ack', session: 1 });
    handler.handle({ type: 'ack', session: 1 });
    await new Promise((r) => setTimeout(r, 50));
    expect(batches().length).toBe(4);
    handler.handle({ type: 'abort', session: 1 });
    await new Promise((r) => setTimeout(r, 50));
    expect(posted.at(-1)).toMatchObject({ type: 'fault', kind: 'aborted' });
  });
});
