import { getAdapter } from '../../../core/providers';
import { corsFix, type ConnectionPreset, type CorsFix } from '../../../core/providers/presets';
import { fetchModels } from '../../../lib/model-list';
import { RunFault, streamRun } from '../../../lib/stream-run';

export const TEST_PROMPT = 'Say hello in five words.';
/** Enough for a short think and a five-word reply; small so the test is quick and cheap. */
export const TEST_MAX_TOKENS = 512;

export type TestFailure = {
  message: string;
  /** The preset's CORS fix, for a blocked or unreachable server. */
  fix?: CorsFix;
  /** How to start the server, when nothing answered. */
  start?: string;
};

export type TestState = {
  phase: 'idle' | 'listing' | 'streaming' | 'done' | 'failed';
  models?: string[];
  modelsError?: string;
  /** The name the reply was asked of (may differ from the typed one when the server lists others). */
  usedName?: string;
  nameNote?: string;
  reasoning: string;
  reasoningIsSummary: boolean;
  answer: string;
  ttftMs?: number;
  totalMs?: number;
  /** Set when the stream ended without its end marker. */
  endNote?: string;
  failure?: TestFailure;
};

export const IDLE_TEST: TestState = { phase: 'idle', reasoning: '', reasoningIsSummary: false, answer: '' };

export type TestInput = {
  preset: ConnectionPreset;
  baseUrl: string;
  key: string;
  name: string;
  /** The typed name was not changed by the user: replace it with a listed one if the server lacks it. */
  nameIsDefault: boolean;
  appOrigin: string;
  signal: AbortSignal;
  now: () => number;
  onUpdate: (next: TestState) => void;
  fetchImpl?: typeof fetch;
};

function faultToFailure(error: unknown, input: TestInput): TestFailure {
  const where = (() => {
    try {
      return new URL(input.baseUrl).origin;
    } catch {
      return input.baseUrl;
    }
  })();
  if (error instanceof RunFault) {
    if (error.kind === 'cors') {
      return {
        message: `The browser blocked the call: ${where} answered, but did not allow this page's origin (${input.appOrigin}). This is CORS, set on the server.`,
        fix: corsFix(input.preset.id, input.appOrigin),
      };
    }
    if (error.kind === 'unreachable') {
      return {
        message: `Nothing answered at ${where}. Check that the server is running and that the base address is right.`,
        fix: corsFix(input.preset.id, input.appOrigin),
        start: input.preset.startCommand,
      };
    }
    if (error.kind === 'http' && (error.status === 401 || error.status === 403) && input.preset.key !== 'none') {
      return { message: `${error.message} Check the connection key.` };
    }
    return { message: error.message };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

/**
 * Lists the server's models, then streams one short reply through the real adapter and
 * streamRun, reporting each change through `onUpdate`. Never throws.
 */
export async function runConnectionTest(input: TestInput): Promise<TestState> {
  const { preset, signal, now } = input;
  const key = preset.key === 'none' ? '' : input.key.trim();
  let state: TestState = { ...IDLE_TEST, phase: 'listing' };
  const set = (patch: Partial<TestState>) => {
    state = { ...state, ...patch };
    if (!signal.aborted) input.onUpdate(state);
  };
  set({});

  let name = input.name.trim();
  try {
    const models = await fetchModels(preset.provider, input.baseUrl, key, signal);
    set({ models });
    if (models.length && !models.includes(name) && (input.nameIsDefault || !name)) {
      set({ nameNote: name ? `${name} is not on this server; tried ${models[0]}, the first one listed.` : `Tried ${models[0]}, the first one listed.` });
      name = models[0];
    }
  } catch (error) {
    if (signal.aborted) return state;
    set({ modelsError: error instanceof Error ? error.message.replace(/ Type the model name\.$/, '') : String(error) });
  }

  const adapter = getAdapter(preset.provider);
  const started = now();
  set({ phase: 'streaming', usedName: name });
  let terminal: { error?: string; done?: boolean } = {};
  try {
    await streamRun({
      request: adapter.buildRequest({ baseUrl: input.baseUrl, model: name, prompt: TEST_PROMPT, apiKey: key || undefined, maxTokens: TEST_MAX_TOKENS }),
      parser: adapter.createParser(),
      describeHttpError: adapter.describeHttpError,
      signal,
      now,
      idleTimeoutMs: 30_000,
      appOrigin: input.appOrigin,
      fetchImpl: input.fetchImpl,
      onEvents: (events) => {
        let { reasoning, answer, ttftMs, reasoningIsSummary } = state;
        for (const e of events) {
          if (e.type === 'reasoning' || e.type === 'answer') {
            if (ttftMs === undefined && e.text) ttftMs = Math.max(0, e.t - started);
            if (e.type === 'reasoning') {
              reasoning += e.text;
              if (e.kind === 'summary') reasoningIsSummary = true;
            } else answer += e.text;
          } else if (e.type === 'error') terminal = { error: e.code ? `${e.message} (${e.code})` : e.message };
          else if (e.type === 'done') terminal = { done: true };
        }
        set({ reasoning, answer, ttftMs, reasoningIsSummary });
      },
    });
  } catch (error) {
    if (signal.aborted) return state;
    set({ phase: 'failed', totalMs: now() - started, failure: faultToFailure(error, input) });
    return state;
  }
  if (terminal.error) {
    set({ phase: 'failed', totalMs: now() - started, failure: { message: `The server reported an error mid-stream: ${terminal.error}` } });
  } else {
    set({
      phase: 'done',
      totalMs: now() - started,
      endNote: terminal.done ? undefined : 'The stream ended without its end marker; the connection works, but the reply may be cut short.',
    });
  }
  return state;
}
