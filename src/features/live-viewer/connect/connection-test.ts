import { getAdapter } from '../../../core/providers';
import { diagnoseConnection, listingNote, type CallOutcome, type Problem } from '../../../core/providers/connection-diagnosis';
import type { ConnectionPreset, CorsFix } from '../../../core/providers/presets';
import { RunFault, streamRun } from '../../../lib/stream-run';

export const TEST_PROMPT = 'Say hello in five words.';
/** Enough for a short think and a five-word reply; small so the test is quick and cheap. */
export const TEST_MAX_TOKENS = 512;

export type TestFailure = {
  message: string;
  /** The one fix for it (a CORS setting, a start command, a base path, the key). */
  fix?: CorsFix;
  problem?: Problem;
};

export type TestState = {
  phase: 'idle' | 'listing' | 'streaming' | 'done' | 'failed';
  models?: string[];
  /** Shown only when the reply went through anyway; a failed test says it once, in the failure. */
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

/** What fetch and streamRun did, in the terms of the diagnosis rule. */
function outcomeOf(error: unknown, httpBody: string, url: string): CallOutcome {
  if (error instanceof RunFault) {
    if (error.kind === 'cors') return { kind: 'cors' };
    if (error.kind === 'unreachable') return { kind: 'no-answer' };
    if (error.kind === 'http' && error.status !== undefined) return { kind: 'http', status: error.status, body: httpBody, url };
    return { kind: 'other', message: error.message };
  }
  return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
}

/** Lists the models; a failure is classified, never thrown (the reply's outcome decides what it means). */
async function listModels(input: TestInput, key: string): Promise<{ models: string[] } | { outcome: CallOutcome }> {
  const adapter = getAdapter(input.preset.provider);
  const request = adapter.listModelsRequest({ baseUrl: input.baseUrl, apiKey: key || undefined });
  if (!request) return { models: [] };
  const fetchImpl = input.fetchImpl ?? fetch;
  let response: Response;
  try {
    response = await fetchImpl(request.url, { method: request.method, headers: request.headers, signal: input.signal });
  } catch {
    return { outcome: { kind: 'no-answer' } };
  }
  if (!response.ok) return { outcome: { kind: 'http', status: response.status, body: await response.text().catch(() => ''), url: request.url } };
  const json: unknown = await response.json().catch(() => null);
  return { models: adapter.parseModelList(json) };
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
  let listing: CallOutcome = { kind: 'ok' };
  const listed = await listModels(input, key);
  if (signal.aborted) return state;
  if ('models' in listed) {
    set({ models: listed.models });
    if (listed.models.length && !listed.models.includes(name) && (input.nameIsDefault || !name)) {
      set({ nameNote: name ? `${name} is not on this server; tried ${listed.models[0]}, the first one listed.` : `Tried ${listed.models[0]}, the first one listed.` });
      name = listed.models[0];
    }
  } else {
    listing = listed.outcome;
  }

  const adapter = getAdapter(preset.provider);
  const started = now();
  set({ phase: 'streaming', usedName: name });
  let terminal: { error?: string; done?: boolean } = {};
  const request = adapter.buildRequest({ baseUrl: input.baseUrl, model: name, prompt: TEST_PROMPT, apiKey: key || undefined, maxTokens: TEST_MAX_TOKENS });
  let httpBody = '';
  try {
    await streamRun({
      request,
      parser: adapter.createParser(),
      describeHttpError: (status, body) => {
        httpBody = body;
        return adapter.describeHttpError(status, body);
      },
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
    const diagnosis = diagnoseConnection({ preset, baseUrl: input.baseUrl, appOrigin: input.appOrigin, model: name, listing, reply: outcomeOf(error, httpBody, request.url) });
    set({ phase: 'failed', totalMs: now() - started, failure: diagnosis ?? { message: error instanceof Error ? error.message : String(error) } });
    return state;
  }
  if (terminal.error) {
    set({ phase: 'failed', totalMs: now() - started, failure: { message: `The server reported an error mid-stream: ${terminal.error}` } });
  } else {
    set({
      modelsError: listingNote(listing),
      phase: 'done',
      totalMs: now() - started,
      endNote: terminal.done ? undefined : 'The stream ended without its end marker; the connection works, but the reply may be cut short.',
    });
  }
  return state;
}
