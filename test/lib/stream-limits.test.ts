import { describe, expect, it } from 'vitest';
import { MAX_EVENT_CHARS, MAX_RUN_TEXT_CHARS } from '../../src/core/providers';
import { createRunEngine } from '../../src/lib/run-engine';
import { DEFAULT_SETTINGS, type Settings } from '../../src/lib/settings';
import { RunFault } from '../../src/lib/stream-run';
import { reasoningOf, runStream } from '../support/stream-harness';

const enc = new TextEncoder();
const chunk = (delta: Record<string, string>) => `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`;

/** A body that counts how many bytes were pulled from it and whether it was cancelled. */
function countingBody(next: (i: number) => string | null) {
  const stats = { bytes: 0, cancelled: false };
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const part = next(i++);
      if (part === null) return controller.close();
      const bytes = enc.encode(part);
      stats.bytes += bytes.byteLength;
      controller.enqueue(bytes);
    },
    cancel() {
      stats.cancelled = true;
    },
  });
  return { body, stats };
}

describe('oversized streams', () => {
  it('a 20 MB SSE event is refused after ~1 MB with an "oversized" fault; the body is cancelled', async () => {
    const piece = 'x'.repeat(64 * 1024);
    const parts = 20 * 16; // 20 MB in 64 KB reads, one single event
    const { body, stats } = countingBody((i) => (i === 0 ? chunk({ reasoning_content: 'Before the big one.\n\n' }) + 'data: "' : i <= parts ? piece : null));
    const { events, error } = await runStream(async () => new Response(body));
    expect(error).toBeInstanceOf(RunFault);
    expect((error as RunFault).kind).toBe('oversized');
    expect((error as RunFault).message).toMatch(/one event of the stream was larger than 1 MB/);
    expect(reasoningOf(events)).toBe('Before the big one.\n\n');
    expect(stats.bytes).toBeLessThan(MAX_EVENT_CHARS + 256 * 1024);
    expect(stats.cancelled).toBe(true);
  });

  it('an endless stream stops at 8 MB of text: status stopped with the reason, the text kept, the body cancelled', async () => {
    const paragraph = `${'All work and no play makes a long chain. '.repeat(100)}\n\n`;
    const { body, stats } = countingBody(() => chunk({ reasoning_content: paragraph }).repeat(16));
    const settings: Settings = { ...DEFAULT_SETTINGS, provider: 'openai-compatible', endpoints: { 'openai-compatible': { baseUrl: 'http://127.0.0.1:9/v1', model: 'm' } } };
    const engine = createRunEngine({ id: 'endless', prompt: 'go on forever', settings: () => settings, now: () => performance.now(), onChange: () => {}, fetchImpl: async () => new Response(body) });
    await engine.start();
    const view = engine.view();
    expect(view.run.status).toBe('stopped');
    expect(view.run.error).toBe('the stream exceeded 8 MB of text, so it was stopped there. What arrived is kept.');
    const chars = view.run.steps.reduce((n, s) => n + s.text.length, 0) + view.run.tail.length;
    expect(view.run.reasoningChars).toBe(MAX_RUN_TEXT_CHARS);
    // Steps are trimmed paragraphs; nearly all of the 8 MB is kept in them.
    expect(chars).toBeGreaterThan(MAX_RUN_TEXT_CHARS * 0.99);
    expect(stats.cancelled).toBe(true);
    expect(stats.bytes).toBeLessThan(MAX_RUN_TEXT_CHARS * 1.5);
  }, 30_000);
});
