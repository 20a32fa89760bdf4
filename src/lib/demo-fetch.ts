import { extractiveSummary } from '../core/checkpoints';
import { DEMO_MODEL, demoLabel, planDemoAnswer, type DemoLabel } from '../core/demo/demo-answer';
import { pickScenario, SCENARIOS, type Scenario } from '../core/demo/pick-scenario';
import type { SampleChain } from '../core/demo/sample-chain';
import { readSideRequest, type SideRequest } from '../core/demo/side-request';
import type { ReasoningEffort } from '../core/providers/types';
import { scenarioToFrames, type Frame } from '../core/demo/sse-frames';
import { splitSteps } from '../core/steps/segmenter';
import { verifyChain } from '../core/verify';

export const DEMO_BASE_URL = 'demo://local/v1';
export { DEMO_MODEL };

export type DemoFetchOptions = {
  /** Tokens per second the demo model "generates". */
  tokensPerSecond: () => number;
  /** Milliseconds before the first byte, like a real server's prefill. */
  firstByteDelayMs?: number;
};

type Message = { role: string; content: unknown };

function userMessages(body: unknown): string[] {
  const messages = (body as { messages?: Message[] })?.messages ?? [];
  return messages.filter((m) => m.role === 'user' && typeof m.content === 'string').map((m) => m.content as string);
}

let sampleChains: Promise<readonly SampleChain[]> | undefined;
let loadedChains: readonly SampleChain[] | undefined;
/** The batch sample's chains, loaded on first use (a lazy chunk, not in the initial bundle). */
export function loadSampleChains(): Promise<readonly SampleChain[]> {
  sampleChains ??= import('../core/demo/sample-chains.json').then((m) => (loadedChains = m.default as SampleChain[]));
  return sampleChains;
}

/** The last label worked out: one run asks for the same prompt's label many times. */
let lastLabel: { prompt: string; model: string | undefined; chains: readonly SampleChain[]; label: DemoLabel } | undefined;

/**
 * What the demo plays for this prompt and model, as a run records it; undefined until the
 * chains have loaded (the demo fetch loads them before it answers, so a run's record has it).
 */
export function demoLabelFor(prompt: string, model?: string): DemoLabel | undefined {
  if (!loadedChains) return undefined;
  // Asked on every metrics render and every save of the same run: work it out once per prompt.
  if (lastLabel?.prompt !== prompt || lastLabel.model !== model || lastLabel.chains !== loadedChains) {
    lastLabel = { prompt, model, chains: loadedChains, label: demoLabel(planDemoAnswer(prompt, { chains: loadedChains, model })) };
  }
  return lastLabel.label;
}

const SELF_CORRECTION = /\b(wait|actually|i made a mistake|let me re-?check)\b/i;

/**
 * The demo model's side requests, answered like a real model would: a self-correction
 * continues the original scenario past its own fix, a summary quotes the chain, and the
 * demo judge runs the offline checks (and says so). What each one is about comes from the
 * structured side request the app sends along, never from the prompt's wording.
 */
function sideScenario(side: SideRequest | undefined, prompt: string, original: Scenario): Scenario | null {
  if (!side) return null;
  const base = (reasoning: string, answer: string, id: string): Scenario =>
    ({ id, title: id, description: id, keywords: [], prompt, reasoning, answer }) as unknown as Scenario;
  if (side.purpose === 'correction') {
    const steps = splitSteps(original.reasoning).map((x) => x.text);
    const flagged = side.step;
    const fix = steps.findIndex((text, i) => i > flagged && SELF_CORRECTION.test(text));
    const rest = steps.slice(fix >= 0 ? fix + 1 : flagged + 1);
    // Restate the slip in words ("17 × 24 is not 418 (exact 408)") so the fix is not re-flagged.
    const a = side.arithmetic;
    const restated = a ? `${a.expression} is not ${a.stated} (exact ${a.exact})` : side.issue;
    const reasoning = [`Re-checking step ${flagged + 1}: ${restated}. I'll correct that and continue from there.`, ...rest].join('\n\n') + '\n\n';
    return base(reasoning, original.answer, 'self-correction');
  }
  if (side.purpose === 'summary') {
    const summary = extractiveSummary(splitSteps(side.steps.join('\n\n')), 2);
    return base('The user wants a short summary of the work so far.\n\n', `So far: ${summary.join(' ') || 'the problem has been restated.'}`, 'summary');
  }
  const first = verifyChain(side.steps).find((f) => f.severity === 'error');
  const verdict = first ? first.step : -1;
  return base(
    'I am the demo judge: I run the offline checks, not a real critic model.\n\n',
    first ? `Paragraph ${verdict} has an error: ${first.message}. \\boxed{${verdict}}` : 'No error found. \\boxed{-1}',
    'judge',
  );
}

/**
 * The built-in demo model: a fetch() that answers chat-completion requests with a scripted
 * scenario's real OpenAI-style SSE bytes, paced at a token rate, so the demo goes through
 * exactly the parsing path a real endpoint does. Faults (stall, disconnect) are real too:
 * a pause in the byte stream and an errored body.
 */
export function createDemoFetch(options: DemoFetchOptions): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const signal = init?.signal ?? undefined;
    if (signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
    if (url.endsWith('/models')) {
      return Response.json({ object: 'list', data: [{ id: DEMO_MODEL, object: 'model', owned_by: 'reasoning-viewer' }, ...SCENARIOS.map((s) => ({ id: `${DEMO_MODEL}:${s.id}`, object: 'model', owned_by: 'reasoning-viewer' }))] });
    }
    const body = JSON.parse(String(init?.body ?? '{}')) as { model?: string; reasoning_effort?: ReasoningEffort; max_tokens?: number };
    const users = userMessages(body);
    // A query the demo has a chain for is answered with that chain; any other gets a scripted
    // scenario, which the run labels with the scenario's own question (see core/demo/demo-answer).
    const request = { effort: body.reasoning_effort, maxTokens: body.max_tokens };
    const play = planDemoAnswer(users[0] ?? '', { chains: users.length > 0 ? await loadSampleChains() : [], model: body.model, request });
    const original = play.scenario;
    const chain = play.source === 'chain';
    const scenario =
      (play.source === 'scenario' && play.reason === 'model' ? original : null) ?? sideScenario(readSideRequest(body), users[users.length - 1] ?? '', original) ?? (chain ? original : null) ?? pickScenario(users[users.length - 1] ?? '');
    const frames = scenarioToFrames(scenario, {
      model: body.model ?? DEMO_MODEL,
      created: Math.floor(Date.now() / 1000),
      id: `chatcmpl-demo-${Date.now().toString(36)}`,
      includeUsage: true,
    });
    return new Response(framesToStream(frames, options, signal), {
      status: 200,
      headers: { 'content-type': 'text/event-stream; charset=utf-8', 'x-demo-scenario': chain ? 'sample' : scenario.id },
    });
  };
}

/**
 * Replays a stored run's chain as real OpenAI-style SSE bytes, at once (the similarity cache)
 * or paced, through the same parsing path as a live endpoint.
 */
export function createReplayFetch(record: { id: string; steps: { text: string }[]; answer: string; model: string }, tokensPerSecond = 1e9): typeof fetch {
  const scenario = {
    id: 'replay',
    title: 'replay',
    description: 'replay',
    keywords: [],
    prompt: '',
    reasoning: record.steps.map((s) => s.text).join('\n\n') + '\n\n',
    answer: record.answer,
  } as unknown as Scenario;
  return async (_input, init) => {
    const frames = scenarioToFrames(scenario, { model: record.model || 'cached', created: Math.floor(Date.now() / 1000), id: `chatcmpl-replay-${record.id}`, includeUsage: true });
    return new Response(framesToStream(frames, { tokensPerSecond: () => tokensPerSecond, firstByteDelayMs: 0 }, init?.signal ?? undefined), {
      status: 200,
      headers: { 'content-type': 'text/event-stream; charset=utf-8' },
    });
  };
}

function framesToStream(frames: Frame[], options: DemoFetchOptions, signal?: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let position = 0;
  // Token debt lets high rates send several frames per timer tick instead of one per 4 ms.
  let lastTick = 0;
  let allowance = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const abort = () => {
        clearTimeout(timer);
        try {
          controller.error(new DOMException('The operation was aborted.', 'AbortError'));
        } catch {
          /* already closed */
        }
      };
      signal?.addEventListener('abort', abort, { once: true });
      const tick = () => {
        const now = performance.now();
        const rate = Math.max(1, options.tokensPerSecond());
        allowance = Math.min(allowance + ((now - lastTick) / 1000) * rate, rate); // at most 1 s of burst
        lastTick = now;
        let text = '';
        while (position < frames.length) {
          const frame = frames[position];
          if (frame.kind === 'pause') {
            position += 1;
            if (text) controller.enqueue(encoder.encode(text));
            timer = setTimeout(() => {
              lastTick = performance.now();
              tick();
            }, frame.ms);
            return;
          }
          if (frame.kind === 'disconnect') {
            if (text) controller.enqueue(encoder.encode(text));
            signal?.removeEventListener('abort', abort);
            controller.error(new TypeError('network error'));
            return;
          }
          if (allowance < frame.tokens && text) break;
          allowance -= frame.tokens;
          text += frame.text;
          position += 1;
        }
        if (text) controller.enqueue(encoder.encode(text));
        if (position >= frames.length) {
          signal?.removeEventListener('abort', abort);
          controller.close();
          return;
        }
        timer = setTimeout(tick, Math.max(4, (-allowance / rate) * 1000));
      };
      lastTick = performance.now();
      timer = setTimeout(tick, options.firstByteDelayMs ?? 250);
    },
    cancel() {
      clearTimeout(timer);
    },
  });
}
