import { afterEach, describe, expect, it, vi } from 'vitest';
import { createVerifyClient, type VerifyResponse } from '../../src/workers/verify-client';
import { createVerifyHandler, type VerifyRequest } from '../../src/workers/verify-handler';

/** A Worker stand-in that runs the real handler and can be made to crash. */
class FakeWorker {
  static instances: FakeWorker[] = [];
  static crashNext = false;
  onmessage: ((e: MessageEvent<VerifyResponse>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  handler = createVerifyHandler(() => 0);
  terminated = false;
  constructor() {
    FakeWorker.instances.push(this);
  }
  postMessage(request: VerifyRequest) {
    setTimeout(() => {
      if (this.terminated) return;
      if (FakeWorker.crashNext) {
        FakeWorker.crashNext = false;
        this.onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
        return;
      }
      const response = this.handler.handle(request);
      if (response) this.onmessage?.({ data: response } as MessageEvent<VerifyResponse>);
    }, 0);
  }
  terminate() {
    this.terminated = true;
  }
}

const step = (index: number, text: string) => ({ index, text });

describe('verify client', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    // Requests still queued by a finished test must not reach the next one.
    for (const w of FakeWorker.instances) w.terminate();
    FakeWorker.instances = [];
    FakeWorker.crashNext = false;
  });

  it('sends new steps at once, up to 64 requests in flight, and coalesces the steps beyond', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const client = createVerifyClient();
    const posted = vi.spyOn(FakeWorker.instances[0], 'postMessage');
    const results: VerifyResponse[] = [];
    const texts = Array.from({ length: 70 }, (_, i) => (i === 1 ? 'So 3 × 3 = 10.' : i === 69 ? 'So 2 + 2 = 5.' : `word${i} alpha beta gamma delta`));
    const done = new Promise<void>((resolve) => {
      const onResult = (r: VerifyResponse) => {
        results.push(r);
        if (r.stepsVerified === texts.length) resolve();
      };
      texts.forEach((text, i) => client.submit('s', [step(i, text)], undefined, {}, onResult));
    });
    // The worker has 64 queued before it answers one: it never waits for the page to send more.
    expect(posted).toHaveBeenCalledTimes(64);
    await done;
    // 64 single-step requests, then steps 64–69 together: 65, not 70.
    expect(results).toHaveLength(65);
    expect(results.flatMap((r) => r.findings.map((f) => [f.step, f.kind]))).toEqual(expect.arrayContaining([[1, 'arithmetic'], [69, 'arithmetic']]));
    // A clock-only check while requests are in flight is not sent on its own.
    posted.mockClear();
    client.submit('s', [step(70, 'u v w x y')], undefined, {}, () => {});
    client.submit('s', [], 1000, {}, () => {});
    expect(posted).toHaveBeenCalledTimes(1);
  });

  it('reports a crash, restarts the worker and rebuilds the session', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const client = createVerifyClient();
    const crashes: string[] = [];
    client.onCrash = (m) => crashes.push(m);
    FakeWorker.crashNext = true;
    const result = await new Promise<VerifyResponse>((resolve) => client.submit('s', [step(0, 'So 2 + 2 = 5.')], undefined, {}, resolve));
    expect(crashes).toEqual(['boom']);
    expect(FakeWorker.instances).toHaveLength(2);
    expect(FakeWorker.instances[0].terminated).toBe(true);
    expect(result.findings.map((f) => f.kind)).toContain('arithmetic');
  });

  it('runs in-thread where Worker is missing (jsdom, old browsers)', async () => {
    vi.stubGlobal('Worker', undefined);
    const client = createVerifyClient();
    const result = await new Promise<VerifyResponse>((resolve) => client.submit('s', [step(0, 'So 2 + 2 = 5.')], undefined, {}, resolve));
    expect(result.stepsVerified).toBe(1);
  });

  it('whenIdle waits for every answer; dispose drops the session here and its verifier in the worker', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const client = createVerifyClient();
    const results: VerifyResponse[] = [];
    client.submit('a', [step(0, 'So 2 + 2 = 5.'), step(1, 'Then 3 + 3 = 6.')], undefined, {}, (r) => results.push(r));
    client.submit('b', [step(0, 'So 1 + 1 = 2.')], undefined, {}, () => {});
    expect(results).toHaveLength(0);
    await client.whenIdle('a');
    expect(results.at(-1)?.stepsVerified).toBe(2);
    const worker = FakeWorker.instances[0];
    await client.whenIdle('b');
    expect(worker.handler.sessionCount).toBe(2);
    expect(client.sessionCount).toBe(2);
    client.dispose('a');
    expect(client.sessionCount).toBe(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(worker.handler.sessionCount).toBe(1);
    // An answer still in flight for a disposed session is dropped, and waiting on it ends at once.
    client.submit('b', [step(1, 'So 4 + 4 = 9.')], undefined, {}, () => {});
    const idle = client.whenIdle('b');
    client.dispose('b');
    await idle;
    await new Promise((r) => setTimeout(r, 0));
    expect(client.sessionCount).toBe(0);
    expect(worker.handler.sessionCount).toBe(0);
  });
});
