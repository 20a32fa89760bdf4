import { describe, expect, it } from 'vitest';
import { parseRetryAfter, RunFault } from '../../src/lib/stream-run';
import { runStream } from '../support/stream-harness';

const sse = (obj: unknown) => `data: ${JSON.stringify(obj)}\n\n`;
const chunk = (delta: Record<string, string>) => sse({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: null }] });

function bodyFrom(parts: (string | Error | 'hang')[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      const part = parts[i++];
      if (part === undefined) return controller.close();
      if (part === 'hang') return new Promise(() => {});
      if (part instanceof Error) return controller.error(part);
      controller.enqueue(enc.encode(part));
    },
  });
}

const run = runStream;

describe('streamRun', () => {
  it('streams a healthy body to the end', async () => {
    const body = bodyFrom([chunk({ reasoning_content: 'think' }), chunk({ content: 'answer' }), 'data: [DONE]\n\n']);
    const { events, error } = await run(async () => new Response(body));
    expect(error).toBeUndefined();
    expect(events.filter((e) => e.type === 'reasoning').map((e) => (e as { text: string }).text).join('')).toBe('think');
    expect(events.some((e) => e.type === 'done')).toBe(true);
  });

  it.each([
    [401, /401/],
    [403, /403/],
    [404, /404/],
    [500, /500/],
    [503, /503/],
  ])('turns HTTP %i into a readable fault', async (status, pattern) => {
    const { error } = await run(async () => new Response(JSON.stringify({ error: { message: 'server words' } }), { status }));
    expect(error).toBeInstanceOf(RunFault);
    expect(error?.kind).toBe('http');
    expect(error?.status).toBe(status);
    expect(error?.message).toMatch(pattern);
    expect(error?.message).toContain('server words');
  });

  it('reads Retry-After on 429', async () => {
    const { error } = await run(async () => new Response('{"error":{"message":"slow down"}}', { status: 429, headers: { 'retry-after': '12' } }));
    expect(error?.retryAfterSeconds).toBe(12);
    expect(error?.message).toMatch(/Retry after 12 s/);
  });

  it('tells a CORS refusal from a server that is down', async () => {
    const cors = await run(async (_url, init) => {
      if (init?.mode === 'no-cors') return new Response(null, { status: 200 });
      throw new TypeError('Failed to fetch');
    });
    expect(cors.error?.kind).toBe('cors');
    expect(cors.error?.message).toMatch(/OLLAMA_ORIGINS=http:\/\/127\.0\.0\.1:4173/);
    expect(cors.error?.message).toMatch(/--allowed-origins/);
    const down = await run(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(down.error?.kind).toBe('unreachable');
  });

  it('keeps what arrived before a dropped connection', async () => {
    const body = bodyFrom([chunk({ reasoning_content: 'kept' }), new TypeError('network error')]);
    const { events, error } = await run(async () => new Response(body));
    expect(error?.kind).toBe('dropped');
    expect(events.some((e) => e.type === 'reasoning' && e.text === 'kept')).toBe(true);
  });

  it('gives up on a stalled stream', async () => {
    const body = bodyFrom([chunk({ reasoning_content: 'before the stall' }), 'hang']);
    const { events, error } = await run(async () => new Response(body), { idleTimeoutMs: 50 });
    expect(error?.kind).toBe('stalled');
    expect(events.length).toBeGreaterThan(0);
  });

  it('skips malformed lines and counts them', async () => {
    const body = bodyFrom([chunk({ reasoning_content: 'a' }), 'data: {not json\n\n', chunk({ reasoning_content: 'b' }), 'data: [DONE]\n\n']);
    let malformed = 0;
    let text = '';
    const { error } = await run(async () => new Response(body), {
      onEvents: (events, m) => {
        malformed = m;
        for (const e of events) if (e.type === 'reasoning') text += e.text;
      },
    });
    expect(error).toBeUndefined();
    expect(malformed).toBe(1);
    expect(text).toBe('ab');
  });

  it('parses Retry-After dates', () => {
    expect(parseRetryAfter('5', 0)).toBe(5);
    expect(parseRetryAfter(new Date(60_000).toUTCString(), 0)).toBe(60);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });
});
