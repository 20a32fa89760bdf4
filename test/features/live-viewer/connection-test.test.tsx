import { describe, expect, it } from 'vitest';
import { getPreset } from '../../../src/core/providers/presets';
import { runConnectionTest, type TestState } from '../../../src/features/live-viewer/connect/connection-test';

/** A fetch that answers every request with one status and JSON body, and records the URLs. */
function answering(status: number, body: unknown) {
  const urls: string[] = [];
  const fetchImpl = (async (url: string) => {
    urls.push(url);
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
  return { fetchImpl, urls };
}

/** The test of a vLLM endpoint for its default model, through `fetchImpl`; every update kept. */
async function testVllm(fetchImpl: typeof fetch, baseUrl = 'http://127.0.0.1:8000/v1') {
  const updates: TestState[] = [];
  const final = await runConnectionTest({
    preset: getPreset('vllm'),
    baseUrl,
    key: '',
    name: 'Qwen/Qwen3-8B',
    nameIsDefault: true,
    appOrigin: 'http://127.0.0.1:4173',
    signal: new AbortController().signal,
    now: () => 0,
    onUpdate: (s) => updates.push(s),
    fetchImpl,
  });
  return { final, updates };
}

async function test(status: number, body: unknown, baseUrl: string) {
  const { fetchImpl, urls } = answering(status, body);
  return { ...(await testVllm(fetchImpl, baseUrl)), urls };
}

describe('runConnectionTest', () => {
  it('a 404 on both calls is one wrong-path failure, with no separate models error', async () => {
    const { final, urls } = await test(404, { detail: 'Not Found' }, 'http://127.0.0.1:8000/v1');
    expect(urls).toEqual(['http://127.0.0.1:8000/v1/models', 'http://127.0.0.1:8000/v1/chat/completions']);
    expect(final.phase).toBe('failed');
    expect(final.failure?.problem).toBe('wrong-path');
    expect(final.modelsError).toBeUndefined();
    expect(final.failure?.message).toContain('/v1/chat/completions');
    expect(`${final.failure?.message} ${final.failure?.fix?.text} ${final.failure?.fix?.command ?? ''}`).not.toMatch(/\/v1\/v1|need \/v1/);
  });

  it('a 401 is a wrong key', async () => {
    const { final } = await test(401, { error: { message: 'bad key' } }, 'http://127.0.0.1:8000/v1');
    expect(final.failure?.problem).toBe('wrong-key');
    expect(final.failure?.fix?.text).toContain('Check the API key');
  });

  it('a model the server lacks, after a good listing, is the model name', async () => {
    const calls: string[] = [];
    const fetchImpl = (async (url: string) => {
      calls.push(url);
      return url.endsWith('/models')
        ? new Response(JSON.stringify({ data: [] }), { status: 200 })
        : new Response(JSON.stringify({ object: 'error', message: 'The model `Qwen/Qwen3-8B` does not exist.' }), { status: 404 });
    }) as unknown as typeof fetch;
    const { final } = await testVllm(fetchImpl);
    expect(calls).toHaveLength(2);
    expect(final.failure?.problem).toBe('unknown-model');
    expect(final.failure?.message).toContain('does not exist');
  });
});
