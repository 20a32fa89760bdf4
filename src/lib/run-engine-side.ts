import { checkpointsDue, takeCheckpoint, type Checkpoint } from '../core/checkpoints';
import { withSideRequest, type SideRequest } from '../core/demo/side-request';
import { getAdapter } from '../core/providers';
import type { HttpRequest, ProviderId, RequestConfig } from '../core/providers/types';
import { summaryPrompt } from '../core/run/prompts';
import type { Step } from '../core/steps/types';
import type { Finding, JudgeFinding } from '../core/verify';
import { judgePrompt, parseJudgeVerdict } from '../core/verify/judge';
import { endpointFor, judgeKey, modelKey, type Settings } from './settings';
import { streamRun } from './stream-run';

/** The request for `provider`, with the demo model's structured side request when it is the demo. */
export function buildRequest(provider: ProviderId, config: RequestConfig, side?: SideRequest): HttpRequest {
  const request = getAdapter(provider).buildRequest(config);
  return side && provider === 'demo' ? withSideRequest(request, side) : request;
}

export function requestConfigFrom(settings: Settings, prompt: string): RequestConfig {
  const { baseUrl, model } = endpointFor(settings);
  return {
    baseUrl,
    model,
    prompt,
    apiKey: modelKey(settings),
    maxTokens: settings.maxTokens,
    reasoningEffort: settings.reasoningEffort === 'default' ? undefined : settings.reasoningEffort,
    thinkingBudget: settings.thinkingBudget,
  };
}

/** Collects the answer text of a short side request (judge, model summary) on any provider. */
export async function askForText(
  provider: ProviderId,
  request: HttpRequest,
  fetchImpl: typeof fetch | undefined,
  signal: AbortSignal,
  now: () => number,
): Promise<{ text: string; promptTokens: number; completionTokens: number }> {
  const adapter = getAdapter(provider);
  let text = '';
  let promptTokens = 0;
  let completionTokens = 0;
  let failure: string | undefined;
  await streamRun({
    request,
    parser: adapter.createParser(),
    describeHttpError: adapter.describeHttpError,
    signal,
    now,
    idleTimeoutMs: 60_000,
    fetchImpl,
    onEvents: (events) => {
      for (const e of events) {
        if (e.type === 'answer') text += e.text;
        else if (e.type === 'usage') {
          promptTokens = e.usage.promptTokens ?? promptTokens;
          completionTokens = e.usage.completionTokens ?? completionTokens;
        } else if (e.type === 'error') failure = e.message;
      }
    },
  });
  if (failure) throw new Error(failure);
  return { text, promptTokens, completionTokens };
}

export type JudgeState = {
  status: 'off' | 'idle' | 'running';
  calls: number;
  lastLatencyMs?: number;
  promptTokens: number;
  completionTokens: number;
  /** Calls that failed or gave no verdict (they share one note in the run). */
  failures: number;
};

type SideContext = {
  prompt: string;
  settings: () => Settings;
  now: () => number;
  /** Aborted when the user stops the run. */
  signal: AbortSignal;
  /** Side work in flight; the run is settled once none is left. */
  track: (work: Promise<unknown>) => void;
  changed: () => void;
};

type UnavailableNote = Extract<JudgeFinding, { kind: 'judge-unavailable' }>;

/** Wraps an error for a note: "HTTP 503 …" rather than "Error: HTTP 503 …". */
const reason = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The optional judge model, asked every `verifyInterval` steps for the earliest wrong step.
 * One verdict per step however often the judge repeats it, and one note for the whole run
 * however often it fails (the note counts the failures).
 */
export function createJudge(
  ctx: SideContext & {
    fetchFor: (provider: ProviderId) => typeof fetch | undefined;
    add: (fresh: Finding[]) => void;
    replace: (previous: Finding, next: Finding) => void;
    /** Changes whenever the chain is rewound, so a verdict on the old chain is dropped. */
    attempt: () => number;
  },
) {
  const state: JudgeState = { status: ctx.settings().judge.enabled ? 'idle' : 'off', calls: 0, promptTokens: 0, completionTokens: 0, failures: 0 };
  let judgedUpTo = 0;
  const verdictSteps = new Set<number>();
  let unavailable: UnavailableNote | undefined;

  const noteFailure = (step: number, message: string, raw?: string) => {
    state.failures += 1;
    const failures = state.failures;
    const counted = failures > 1 ? `${message} (${failures} calls failed)` : message;
    if (!unavailable) {
      unavailable = { step, kind: 'judge-unavailable', severity: 'note', message: counted, evidence: { failures, ...(raw ? { raw } : {}) } };
      ctx.add([unavailable]);
    } else {
      const next: UnavailableNote = { ...unavailable, message: counted, evidence: { failures, ...(raw ? { raw } : {}) } };
      ctx.replace(unavailable, next);
      unavailable = next;
    }
  };

  return {
    state,
    /** Asks the judge about `steps` if an interval has passed since the last call and none is running. */
    maybeJudge(steps: readonly Step[]) {
      const s = ctx.settings();
      const j = s.judge;
      if (!j.enabled || state.status === 'running') return;
      const count = steps.length;
      if (count === 0 || count - judgedUpTo < Math.max(1, s.verifyInterval)) return;
      judgedUpTo = count;
      state.status = 'running';
      const started = ctx.now();
      const attempt = ctx.attempt();
      // A corrected step is withdrawn: the judge looks for the earliest error the model still stands by.
      const texts = steps.slice(0, count).map((step) => (step.supersededBy === undefined ? step.text : `(withdrawn after verification; corrected in paragraph ${step.supersededBy})`));
      const config: RequestConfig = { baseUrl: j.baseUrl, model: j.model, apiKey: judgeKey(s), prompt: judgePrompt(ctx.prompt, texts), maxTokens: 2048 };
      const timeout = AbortSignal.any([ctx.signal, AbortSignal.timeout(60_000)]);
      const last = Math.max(0, texts.length - 1);
      const work = askForText(j.provider, buildRequest(j.provider, config, { purpose: 'judge', steps: texts }), ctx.fetchFor(j.provider), timeout, ctx.now)
        .then((r) => {
          state.calls += 1;
          state.lastLatencyMs = ctx.now() - started;
          state.promptTokens += r.promptTokens;
          state.completionTokens += r.completionTokens;
          if (attempt !== ctx.attempt()) return;
          const verdict = parseJudgeVerdict(r.text, texts.length);
          const latency = `${((ctx.now() - started) / 1000).toFixed(1)} s, ${r.promptTokens + r.completionTokens} tokens`;
          if (verdict.step === null) noteFailure(last, `the judge's reply had no verdict (${latency})`, r.text.slice(-300));
          else if (verdict.step >= 0 && !verdictSteps.has(verdict.step)) {
            verdictSteps.add(verdict.step);
            ctx.add([
              {
                step: verdict.step,
                kind: 'judge',
                severity: 'warning',
                message: `step ${verdict.step + 1}: the judge model (${j.model}) says this is the earliest wrong step (${latency})`,
                evidence: { model: j.model, latencyMs: ctx.now() - started, raw: r.text.slice(-300) },
              },
            ]);
          }
        })
        .catch((e: unknown) => {
          if (ctx.signal.aborted) return;
          noteFailure(last, `judge model unreachable: ${reason(e)}`);
        })
        .finally(() => {
          state.status = 'idle';
          ctx.changed();
        });
      ctx.track(work);
    },
    /** Self-correction: steps from `step` on are asked about again. */
    rewind(step: number) {
      judgedUpTo = Math.min(judgedUpTo, step);
      for (const s of [...verdictSteps]) if (s >= step) verdictSteps.delete(s);
      if (unavailable && unavailable.step >= step) unavailable = undefined;
    },
  };
}

/** Checkpoint cards every `checkpointEvery` steps, each optionally summarised by the model. */
export function createCheckpoints(
  ctx: SideContext & { startedAt: number; provider: ProviderId; fetchImpl: typeof fetch | undefined },
) {
  let checkpoints: Checkpoint[] = [];

  const summarize = (cp: Checkpoint, chain: readonly Step[]) => {
    const update = (patch: Partial<Checkpoint>) => {
      checkpoints = checkpoints.map((c) => (c.number === cp.number && c.stepCount === cp.stepCount ? { ...c, ...patch } : c));
      ctx.changed();
    };
    update({ modelSummaryStatus: 'pending' });
    const config = { ...requestConfigFrom(ctx.settings(), summaryPrompt(ctx.prompt, chain)), maxTokens: 400 };
    const request = buildRequest(ctx.provider, config, { purpose: 'summary', steps: chain.map((s) => s.text) });
    ctx.track(
      askForText(ctx.provider, request, ctx.fetchImpl, ctx.signal, ctx.now)
        .then((r) => update({ modelSummary: r.text.trim(), modelSummaryStatus: 'done' }))
        .catch((e: unknown) => update({ modelSummaryStatus: `Model summary unavailable: ${reason(e)}` })),
    );
  };

  return {
    get list(): readonly Checkpoint[] {
      return checkpoints;
    },
    /** Takes the checkpoints due for `steps`. */
    take(steps: readonly Step[]) {
      const s = ctx.settings();
      for (const n of checkpointsDue(steps.length, s.checkpointEvery, checkpoints.length)) {
        const cp = takeCheckpoint(n, s.checkpointEvery, steps, ctx.startedAt);
        checkpoints = [...checkpoints, cp];
        if (s.checkpointSummary === 'model') summarize(cp, steps.slice(0, cp.stepCount));
      }
    },
    due(stepCount: number): boolean {
      return checkpointsDue(stepCount, ctx.settings().checkpointEvery, checkpoints.length).length > 0;
    },
    /** Self-correction: only the checkpoints within the kept steps stay. */
    rewind(keptSteps: number) {
      checkpoints = checkpoints.filter((c) => c.stepCount <= keptSteps);
    },
  };
}
