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
    FakeWorker.instances = [];
  });

  it('coalesces steps that arrive while a request is in flight', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const client = createVerifyClient();
    const results: VerifyResponse[] = [];
    const done = new Promise<void>((resolve) => {
      const onResult = (r: VerifyResponse) => {
        results.push(r);
        if (r.stepsVerified === 3) resolve();
      };
      client.submit('s', [step(0, 'a b c d e')], undefined, {}, onResult);
      client.submit('s', [step(1, 'So 3 × 3 = 10.')], undefined, {}, onResult);
      client.submit('s', [step(2, 'f g h i j')], undefined, {}, onResult);
    });
    await done;
    // Two requests, not three: the second carries steps 1 and 2 together.
    expect(results).toHaveLength(2);
    expect(results[1].findings.map((f) => [f.step, f.kind])).toContainEqual([1, 'arithmetic']);
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
});
