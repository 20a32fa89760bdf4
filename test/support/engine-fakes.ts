import { createRunEngine, type EngineOptions } from '../../src/lib/run-engine';
import { DEFAULT_SETTINGS, type Settings } from '../../src/lib/settings';
import { createVerifyClient } from '../../src/workers/verify-client';

/** Helpers for the run-engine tests: a scripted OpenAI-style server as a fetch, and a fake clock. */

export const MODEL_URL = 'http://model.test/v1';
export const JUDGE_URL = 'http://judge.test/v1';

export const settingsWith = (patch: Partial<Settings>): Settings => ({
  ...DEFAULT_SETTINGS,
  provider: 'openai-compatible',
  endpoints: { ...DEFAULT_SETTINGS.endpoints, 'openai-compatible': { baseUrl: MODEL_URL, model: 'm' } },
  verifyInterval: 1,
  checkpointEvery: 1000,
  ...patch,
});

const chunk = (delta: Record<string, string>, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

/** What the fake server answers one request with. */
export type Reply = { steps: string[]; answer: string } | { status: number };

export type SentRequest = { url: string; body: Record<string, unknown>; signal?: AbortSignal };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A fetch that answers each request with `reply(request, n)` (n counts the requests to that
 * URL): reasoning one step per chunk, a few milliseconds apart so verification answers arrive
 * mid-stream, then the answer and [DONE]. `advance` moves the fake clock per chunk.
 */
export function scriptedFetch(reply: (request: SentRequest, n: number) => Reply, advance: () => void = () => {}, delayMs = 4) {
  const requests: SentRequest[] = [];
  const counts = new Map<string, number>();
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = String(input);
    const signal = init?.signal ?? undefined;
    const request = { url, body: JSON.parse(String(init?.body ?? '{}')) as Record<string, unknown>, signal };
    requests.push(request);
    const base = url.replace(/\/chat\/completions$/, '');
    const n = counts.get(base) ?? 0;
    counts.set(base, n + 1);
    const r = reply(request, n);
    if ('status' in r) return new Response(JSON.stringify({ error: { message: 'unavailable' } }), { status: r.status });
    const parts = [...r.steps.map((s) => chunk({ reasoning_content: `${s}\n\n` })), chunk({ content: r.answer }, 'stop'), 'data: [DONE]\n\n'];
    const encoder = new TextEncoder();
    let i = 0;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        signal?.addEventListener('abort', () => controller.error(new DOMException('The operation was aborted.', 'AbortError')), { once: true });
      },
      async pull(controller) {
        await pause(delayMs);
        if (signal?.aborted) return;
        if (i >= parts.length) return controller.close();
        advance();
        controller.enqueue(encoder.encode(parts[i++]));
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  };
  return { fetchImpl, requests, to: (base: string) => requests.filter((r) => r.url.startsWith(base)) };
}

/** Waits (real time, a few ms per turn) until `condition` holds; fails after `ms`. */
export async function until(condition: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await pause(5);
  }
}

/** An engine with a fake clock (100 ms per chunk), a manual once-a-second tick and the in-thread verifier. */
export function engineWith(settings: Settings, fetchImpl: typeof fetch, extra: Partial<EngineOptions> = {}) {
  const clock = { t: 1_000 };
  const ticks: (() => void)[] = [];
  const verifyClient = createVerifyClient();
  let changes = 0;
  const engine = createRunEngine({
    id: 'run-1',
    prompt: 'How many boxes are there?',
    settings: () => settings,
    verifyClient,
    now: () => clock.t,
    onChange: () => void (changes += 1),
    fetchImpl,
    judgeFetchImpl: fetchImpl,
    everySecond: (tick) => {
      ticks.push(tick);
      return () => void ticks.splice(ticks.indexOf(tick), 1);
    },
    ...extra,
  });
  return { engine, clock, ticks, verifyClient, changes: () => changes };
}

export const texts = (steps: readonly { text: string }[]) => steps.map((s) => s.text);
