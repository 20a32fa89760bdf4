import { describe, expect, it } from 'vitest';
import { AnalysisStalledError, createPlannerAnalysisClient } from '../../src/workers/planner-analysis-client';
import { DEFAULT_PLANNER_SETTINGS } from '../../src/core/planner';
import { createPlannerAnalysisHandler, type PlannerAnalysisRequest } from '../../src/workers/planner-analysis-handler';
import { parseLogFiles } from '../../src/workers/log-parse-client';
import { createWatchdog, type Timers, type WorkerLike } from '../../src/workers/watchdog';
import { createColumnarBuilder } from '../../src/core/logs';

/** A fake clock: timers fire only when the test advances it. */
function fakeClock() {
  let now = 0;
  let next = 1;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    set(fn, ms) {
      const id = next++;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clear(id) {
      pending.delete(id as number);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at <= now && pending.has(id)) {
        pending.delete(id);
        t.fn();
      }
    }
  };
  return { timers, advance, get pending() {
    return pending.size;
  } };
}

/** A fake worker around the real handler; `stuck` makes it swallow analyses (a spinning worker answers nothing). */
function fakeWorkers() {
  const made: (WorkerLike & { terminated: boolean; received: PlannerAnalysisRequest[]; stuck: boolean })[] = [];
  const create = (): WorkerLike => {
    const w = {
      terminated: false,
      stuck: false,
      received: [] as PlannerAnalysisRequest[],
      onmessage: null as WorkerLike['onmessage'],
      onerror: null as WorkerLike['onerror'],
      handler: null as ReturnType<typeof createPlannerAnalysisHandler> | null,
      postMessage(message: unknown) {
        if (w.terminated) throw new Error('posted to a terminated worker');
        const request = message as PlannerAnalysisRequest;
        w.received.push(request);
        if (request.type === 'analyze' && w.stuck) return;
        w.handler!.handle(request);
      },
      terminate() {
        w.terminated = true;
      },
    };
    w.handler = createPlannerAnalysisHandler(
      (m) => w.onmessage?.({ data: m } as MessageEvent),
      (run) => run(),
    );
    made.push(w);
    return w;
  };
  return { create, made };
}

function part(n: number) {
  const b = createColumnarBuilder(16);
  for (let i = 0; i < n; i++) b.push({ steps: 1 + (i % 20), latencyMs: 1000 + 900 * (i % 20), timestampMs: i * 100, outcome: 'ok', timedOut: false });
  return { name: 'x', rows: b.build(), buckets: [], stepsSource: 'column' as const };
}

describe('watchdog', () => {
  it('fires once after the given silence, and feeding restarts the countdown', () => {
    const clock = fakeClock();
    let fired = 0;
    const dog = createWatchdog(1000, () => fired++, clock.timers);
    dog.feed();
    clock.advance(900);
    dog.feed();
    clock.advance(900);
    expect(fired).toBe(0);
    clock.advance(100);
    expect(fired).toBe(1);
    expect(dog.armed).toBe(false);
    dog.feed();
    dog.stop();
    clock.advance(5000);
    expect(fired).toBe(1);
  });
});

describe('planner analysis client under the watchdog', () => {
  it('answers normally and disarms when nothing is outstanding', async () => {
    const clock = fakeClock();
    const workers = fakeWorkers();
    const client = createPlannerAnalysisClient({ createWorker: workers.create, timers: clock.timers, watchdogMs: 30_000 });
    client.setPart(1, part(200));
    const a = await client.analyze(DEFAULT_PLANNER_SETTINGS);
    expect(a?.total).toBe(200);
    expect(clock.pending).toBe(0);
    expect(client.restarts).toBe(0);
  });

  it('ends a stuck worker, rejects with a message saying so, and the next call gets a fresh worker', async () => {
    const clock = fakeClock();
    const workers = fakeWorkers();
    const client = createPlannerAnalysisClient({ createWorker: workers.create, timers: clock.timers, watchdogMs: 30_000 });
    client.setPart(1, part(200));
    workers.made[0].stuck = true;
    const stuck = client.analyze(DEFAULT_PLANNER_SETTINGS);
    clock.advance(29_999);
    expect(workers.made[0].terminated).toBe(false);
    clock.advance(1);
    await expect(stuck).rejects.toBeInstanceOf(AnalysisStalledError);
    await expect(stuck).rejects.toThrow('The analysis did not answer for 30 s, so its worker was ended and a fresh one started.');
    expect(workers.made[0].terminated).toBe(true);
    expect(client.restarts).toBe(1);
    // The fresh worker starts empty: the caller re-sends the rows.
    client.setPart(1, part(50));
    const again = await client.analyze(DEFAULT_PLANNER_SETTINGS);
    expect(workers.made.length).toBe(2);
    expect(again?.total).toBe(50);
  });

  it('clear() on a busy worker ends it at once instead of queueing behind the analysis', async () => {
    const clock = fakeClock();
    const workers = fakeWorkers();
    const client = createPlannerAnalysisClient({ createWorker: workers.create, timers: clock.timers });
    client.setPart(1, part(100));
    workers.made[0].stuck = true;
    const running = client.analyze(DEFAULT_PLANNER_SETTINGS);
    client.clear();
    await expect(running).resolves.toBeNull();
    expect(workers.made[0].terminated).toBe(true);
    expect(workers.made[0].received.some((r) => r.type === 'clear')).toBe(false);
    expect(clock.pending).toBe(0);
    // An idle clear is just a message.
    client.setPart(2, part(10));
    expect((await client.analyze(DEFAULT_PLANNER_SETTINGS))?.total).toBe(10);
    client.clear();
    expect(workers.made[1].received.at(-1)?.type).toBe('clear');
    expect(workers.made[1].terminated).toBe(false);
  });
});

describe('log-parse client under the watchdog', () => {
  it('ends a parse worker that stops reporting and says so; progress keeps it alive', async () => {
    const clock = fakeClock();
    let worker: (WorkerLike & { terminated: boolean }) | null = null;
    const create = (): WorkerLike => {
      worker = { terminated: false, onmessage: null, onerror: null, postMessage() {}, terminate() {
        this.terminated = true;
      } };
      return worker;
    };
    const parse = parseLogFiles([new File(['a\n1\n'], 'x.csv')], {}, undefined, undefined, { createWorker: create, timers: clock.timers, watchdogMs: 30_000 });
    const w = worker as unknown as WorkerLike & { terminated: boolean };
    clock.advance(20_000);
    w.onmessage?.({ data: { type: 'progress', id: 1, progress: { fileIndex: 0, fileName: 'x.csv', files: 1, bytesRead: 1, totalBytes: 4, rows: 0 } } } as MessageEvent);
    w.onmessage?.({ data: { type: 'progress', id: Number.NaN } } as MessageEvent);
    clock.advance(20_000);
    expect(w.terminated).toBe(false);
    clock.advance(10_000);
    await expect(parse).rejects.toThrow('The log-parse worker did not answer for 30 s, so it was ended; nothing was kept from this file.');
    expect(w.terminated).toBe(true);
  });
});
