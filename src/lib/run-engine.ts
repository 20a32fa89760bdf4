import { checkpointsDue, summaryPrompt, takeCheckpoint, type Checkpoint } from '../core/checkpoints';
import { getAdapter } from '../core/providers';
import type { ProviderId, RequestConfig } from '../core/providers/types';
import { createRunAccumulator, type RunSnapshot } from '../core/run/accumulator';
import type { Step } from '../core/steps/types';
import type { RunRecord } from '../core/stored-runs/types';
import type { Finding, VerifyOptionsPatch } from '../core/verify';
import { judgePrompt, parseJudgeVerdict } from '../core/verify/judge';
import type { VerifyClient, VerifyResponse } from '../workers/verify-client';
import { createDemoFetch, createReplayFetch } from './demo-fetch';
import { endpointFor, judgeKey, modelKey, PROVIDERS, type JudgeSettings, type Policy, type Settings } from './settings';
import { RunFault, streamRun } from './stream-run';

export type RunContext = {
  id: string;
  prompt: string;
  provider: ProviderId;
  providerLabel: string;
  model: string;
  baseUrl: string;
  reasoningNote?: string;
  deliveryPattern: Settings['deliveryPattern'];
  policy: Policy;
  /** The non-secret settings the run started with, as stored with the run. */
  settings: RunRecord['settings'];
  batchId?: string;
  /** Set when the chain is a replay from the similarity cache. */
  cache?: RunRecord['cache'];
  /** Something the user should know about how the run was made (e.g. an embedding fallback). */
  notice?: string;
};

export type JudgeState = {
  status: 'off' | 'idle' | 'running';
  calls: number;
  lastLatencyMs?: number;
  promptTokens: number;
  completionTokens: number;
};

/** Everything the UI shows about one run; a new object per publish, finished parts shared. */
export type RunView = {
  context: RunContext;
  run: RunSnapshot;
  findings: readonly Finding[];
  /** Per step: a new array only when that step's findings change, so memoized steps stay put. */
  findingsByStep: ReadonlyMap<number, readonly Finding[]>;
  stepScores: readonly number[];
  chainScore?: number;
  checkpoints: readonly Checkpoint[];
  paused: boolean;
  /** Why the run paused, stopped or corrected itself under the verification policy. */
  policyNote?: string;
  corrections: number;
  verify: { intervals: number; durationsMs: number[]; warningDelaysMs: number[]; crashed?: string };
  judge: JudgeState;
};

export type EngineOptions = {
  id: string;
  prompt: string;
  /** Read at every interval, so setting changes apply to a running stream. */
  settings: () => Settings;
  verifyClient?: VerifyClient;
  now: () => number;
  onChange: () => void;
  /** Overrides fetch (tests, cache replay); the demo provider uses the built-in demo fetch. */
  fetchImpl?: typeof fetch;
  batchId?: string;
  /** Replay this stored chain (the similarity cache) instead of calling the endpoint. */
  replay?: { record: RunRecord; similarity: number };
  notice?: string;
};

export type RunEngine = {
  readonly id: string;
  start(): Promise<void>;
  stop(reason?: string): void;
  resume(): void;
  view(): RunView;
  readonly live: boolean;
};

const MAX_CORRECTIONS = 2;

export function verifyOptionsFrom(s: Settings): VerifyOptionsPatch {
  return {
    checks: s.checks,
    repetitionThreshold: s.repetitionSimilarity,
    stepTimeoutMs: s.stepTimeoutSeconds * 1000,
    lengthFactor: s.lengthFactor,
    ...(s.arithmeticTolerance > 0 ? { arithmeticTolerance: s.arithmeticTolerance } : {}),
  } as VerifyOptionsPatch;
}

function fetchFor(provider: ProviderId, settings: () => Settings, fetchImpl?: typeof fetch): typeof fetch | undefined {
  if (fetchImpl) return fetchImpl;
  return provider === 'demo' ? createDemoFetch({ tokensPerSecond: () => settings().demoTokensPerSecond }) : undefined;
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
async function askForText(
  provider: ProviderId,
  config: RequestConfig,
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
    request: adapter.buildRequest(config),
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

/**
 * One run, headless: streams from the endpoint into an accumulator, sends completed steps to
 * the verification worker every `verifyInterval` steps (never waiting for it), applies the
 * policy to its findings, takes checkpoints, and optionally consults a judge model. Used by the
 * live viewer and the batch runner alike; it knows nothing of React.
 */
export function createRunEngine(options: EngineOptions): RunEngine {
  const { now, settings } = options;
  const initial = settings();
  const provider = initial.provider;
  // A cache replay is served as OpenAI-style bytes whatever the provider.
  const adapter = getAdapter(options.replay ? 'openai-compatible' : provider);
  const fetchImpl = options.replay ? createReplayFetch(options.replay.record) : fetchFor(provider, settings, options.fetchImpl);
  const baseConfig = requestConfigFrom(initial, options.prompt);
  const startedAt = now();
  const accumulator = createRunAccumulator({ startedAt, segmenter: { mode: initial.stepMode, tokensPerStep: initial.tokensPerStep } });
  const context: RunContext = {
    id: options.id,
    prompt: options.prompt,
    provider,
    providerLabel: PROVIDERS.find((p) => p.id === provider)?.label ?? provider,
    model: baseConfig.model,
    baseUrl: baseConfig.baseUrl,
    reasoningNote: adapter.reasoningNote,
    deliveryPattern: initial.deliveryPattern,
    policy: initial.policy,
    settings: {
      maxTokens: initial.maxTokens,
      reasoningEffort: initial.reasoningEffort,
      thinkingBudget: provider === 'anthropic' ? initial.thinkingBudget : undefined,
      stepMode: initial.stepMode,
      tokensPerStep: initial.stepMode === 'tokens' ? initial.tokensPerStep : undefined,
      verifyInterval: initial.verifyInterval,
      checkpointEvery: initial.checkpointEvery,
      policy: initial.policy,
      deliveryPattern: initial.deliveryPattern,
    },
    batchId: options.batchId,
    cache: options.replay ? { hit: true, similarity: options.replay.similarity, sourceRunId: options.replay.record.id } : undefined,
    notice: options.notice,
  };

  const userAbort = new AbortController();
  let attemptAbort = new AbortController();
  let session = `${options.id}#0`;
  let submitted = 0;
  // Mutated in place as results arrive (hundreds per second at full speed); view() hands out
  // copies only when they changed since the last view.
  let findings: Finding[] = [];
  let findingsView: readonly Finding[] = [];
  let scoresView: readonly number[] = [];
  let resultsVersion = 0;
  let viewedVersion = -1;
  const byStep = new Map<number, readonly Finding[]>();
  let stepScores: number[] = [];
  let chainScore: number | undefined;
  let checkpoints: Checkpoint[] = [];
  let paused = false;
  let releaseGate: (() => void) | undefined;
  let gate: Promise<void> | undefined;
  let policyNote: string | undefined;
  let corrections = 0;
  let pendingCorrection: Finding | undefined;
  const verifyStats: RunView['verify'] = { intervals: 0, durationsMs: [], warningDelaysMs: [] };
  const judge: JudgeState = { status: initial.judge.enabled ? 'idle' : 'off', calls: 0, promptTokens: 0, completionTokens: 0 };
  let judgedUpTo = 0;
  let live = true;
  let clock: ReturnType<typeof setInterval> | undefined;

  const changed = () => options.onChange();

  const onVerified = (response: VerifyResponse) => {
    if (response.session !== session) return; // a result from before a self-correction
    verifyStats.intervals += 1;
    verifyStats.durationsMs.push(response.durationMs);
    const arrived = now();
    const offset = response.scores.from;
    stepScores.length = Math.min(stepScores.length, offset);
    for (let i = 0; i < response.scores.steps.length; i++) stepScores[offset + i] = response.scores.steps[i];
    resultsVersion += 1;
    chainScore = response.scores.chain;
    addFindings(response.findings, arrived);
    changed();
  };

  const addFindings = (fresh: Finding[], arrived: number) => {
    if (!fresh.length) return;
    for (const f of fresh) findings.push(f);
    resultsVersion += 1;
    for (const f of fresh) {
      byStep.set(f.step, [...(byStep.get(f.step) ?? []), f]);
      const completedAt = accumulator.step(f.step)?.completedAt;
      if (f.severity !== 'note' && completedAt !== undefined) verifyStats.warningDelaysMs.push(arrived - completedAt);
    }
    const failing = fresh.find((f) => f.severity !== 'note' && f.kind !== 'timeout');
    if (failing && live) applyPolicy(failing);
  };

  const applyPolicy = (finding: Finding) => {
    const policy = settings().policy;
    const where = `step ${finding.step + 1}`;
    if (policy === 'pause' && !paused) {
      paused = true;
      policyNote = `Paused by the verification policy at ${where}: ${finding.message}. Resume to continue.`;
      gate = new Promise((resolve) => (releaseGate = resolve));
    } else if (policy === 'stop') {
      policyNote = `Stopped by the verification policy at ${where}: ${finding.message}.`;
      stop();
    } else if (policy === 'self-correct' && !pendingCorrection) {
      if (corrections >= MAX_CORRECTIONS) {
        policyNote = `Verification warning at ${where}; already asked the model to self-correct ${MAX_CORRECTIONS} times, continuing.`;
        return;
      }
      pendingCorrection = finding;
      attemptAbort.abort();
    }
  };

  const submitSteps = (force = false) => {
    const s = settings();
    const count = accumulator.stepCount;
    const interval = Math.max(1, s.verifyInterval);
    if (options.verifyClient && (count - submitted >= interval || (force && count > submitted))) {
      const fresh = accumulator.stepsFrom(submitted);
      submitted = count;
      options.verifyClient.submit(session, fresh, live ? now() : undefined, verifyOptionsFrom(s), onVerified);
    }
    if (checkpointsDue(count, s.checkpointEvery, checkpoints.length).length) takeCheckpoints();
    if (s.judge.enabled && judge.status !== 'running' && count - judgedUpTo >= interval) maybeJudge(accumulator.snapshot());
  };

  const takeCheckpoints = () => {
    const s = settings();
    const steps = accumulator.currentSteps;
    for (const n of checkpointsDue(steps.length, s.checkpointEvery, checkpoints.length)) {
      const cp = takeCheckpoint(n, s.checkpointEvery, steps, startedAt);
      checkpoints = [...checkpoints, cp];
      if (s.checkpointSummary === 'model') summarizeCheckpoint(cp, steps.slice(0, cp.stepCount));
    }
  };

  const summarizeCheckpoint = (cp: Checkpoint, chain: readonly Step[]) => {
    const index = checkpoints.indexOf(cp);
    const update = (patch: Partial<Checkpoint>) => {
      checkpoints = checkpoints.map((c, i) => (i === index ? { ...c, ...patch } : c));
      changed();
    };
    update({ modelSummaryStatus: 'pending' });
    const config = { ...requestConfigFrom(settings(), summaryPrompt(options.prompt, chain)), maxTokens: 400 };
    askForText(provider, config, fetchImpl, userAbort.signal, now)
      .then((r) => update({ modelSummary: r.text.trim(), modelSummaryStatus: 'done' }))
      .catch((e: unknown) => update({ modelSummaryStatus: `Model summary unavailable: ${e instanceof Error ? e.message : String(e)}` }));
  };

  const maybeJudge = (snapshot: RunSnapshot) => {
    const j: JudgeSettings = settings().judge;
    if (!j.enabled || judge.status === 'running') return;
    const count = snapshot.steps.length;
    if (count - judgedUpTo < Math.max(1, settings().verifyInterval) || count === 0) return;
    judgedUpTo = count;
    judge.status = 'running';
    const started = now();
    const judgeSession = session;
    const steps = snapshot.steps.slice(0, count).map((s) => s.text);
    const config: RequestConfig = { baseUrl: j.baseUrl, model: j.model, apiKey: judgeKey(settings()), prompt: judgePrompt(options.prompt, steps), maxTokens: 2048 };
    const timeout = AbortSignal.any([userAbort.signal, AbortSignal.timeout(60_000)]);
    askForText(j.provider, config, fetchFor(j.provider, settings), timeout, now)
      .then((r) => {
        judge.calls += 1;
        judge.lastLatencyMs = now() - started;
        judge.promptTokens += r.promptTokens;
        judge.completionTokens += r.completionTokens;
        if (judgeSession !== session) return;
        const verdict = parseJudgeVerdict(r.text, steps.length);
        const latency = `${((now() - started) / 1000).toFixed(1)} s, ${r.promptTokens + r.completionTokens} tokens`;
        if (verdict.step !== null && verdict.step >= 0) {
          addFindings([{ step: verdict.step, kind: 'judge', severity: 'warning', message: `step ${verdict.step + 1}: the judge model (${j.model}) says this is the earliest wrong step (${latency})`, evidence: { model: j.model, latencyMs: now() - started, raw: r.text.slice(-300) } } as unknown as Finding], now());
        } else if (verdict.step === null) {
          addFindings([{ step: Math.max(0, steps.length - 1), kind: 'judge-unavailable', severity: 'note', message: `the judge's reply had no verdict (${latency})`, evidence: { raw: r.text.slice(-300) } } as unknown as Finding], now());
        }
      })
      .catch((e: unknown) => {
        if (userAbort.signal.aborted) return;
        addFindings([{ step: Math.max(0, steps.length - 1), kind: 'judge-unavailable', severity: 'note', message: `judge model unavailable: ${e instanceof Error ? e.message : String(e)}`, evidence: {} } as unknown as Finding], now());
      })
      .finally(() => {
        judge.status = 'idle';
        changed();
      });
  };

  const correctionRequest = (finding: Finding): RequestConfig => {
    const snapshot = accumulator.snapshot();
    const chain = snapshot.steps.slice(0, finding.step + 1).map((s, i) => `Step ${i + 1}: ${s.text}`).join('\n\n');
    return {
      ...requestConfigFrom(settings(), `Verification warning: step ${finding.step + 1} may be problematic — ${finding.message}. Re-check step ${finding.step + 1}, correct it, and continue the reasoning from there to the final answer.`),
      history: [
        { role: 'user', content: options.prompt },
        { role: 'assistant', content: `My reasoning so far:\n\n${chain}` },
      ],
    };
  };

  const streamOnce = async (config: RequestConfig) => {
    const parser = adapter.createParser();
    await streamRun({
      request: adapter.buildRequest(config),
      parser,
      describeHttpError: adapter.describeHttpError,
      signal: AbortSignal.any([userAbort.signal, attemptAbort.signal]),
      now,
      idleTimeoutMs: settings().idleTimeoutSeconds * 1000,
      fetchImpl,
      gate: () => gate,
      onResponse: () => {
        accumulator.markStreaming(now());
        changed();
      },
      onEvents: (events) => {
        accumulator.apply(events);
        accumulator.setMalformedCount(parser.malformedCount);
        // The run's text reached its cap: the accumulator stopped; end the request too.
        if (accumulator.stoppedByLimit) stop();
        submitSteps();
        changed();
      },
    });
  };

  const stop = () => {
    if (!live) return;
    accumulator.stop(now());
    userAbort.abort();
    releaseGate?.();
    finishUp();
  };

  const finishUp = () => {
    if (!live) return;
    live = false;
    clearInterval(clock);
    submitSteps(true);
    changed();
  };

  return {
    id: options.id,
    get live() {
      return live;
    },
    async start() {
      clock = setInterval(() => {
        // Lets the verifier see a stalled step (timeout check) even when nothing arrives.
        if (options.verifyClient && live && !paused) options.verifyClient.submit(session, [], now(), verifyOptionsFrom(settings()), onVerified);
        changed();
      }, 1000);
      let config = baseConfig;
      for (;;) {
        try {
          await streamOnce(config);
          accumulator.finish(now());
          break;
        } catch (error) {
          if (pendingCorrection && !userAbort.signal.aborted) {
            const finding = pendingCorrection;
            config = correctionRequest(finding);
            corrections += 1;
            policyNote = `Asked the model to self-correct step ${finding.step + 1} (${finding.message}); continuing from there (correction ${corrections} of ${MAX_CORRECTIONS}).`;
            accumulator.rewind(finding.step, now());
            options.verifyClient?.dispose(session);
            session = `${options.id}#${corrections}`;
            submitted = 0;
            findings = findings.filter((f) => f.step < finding.step);
            resultsVersion += 1;
            for (const step of [...byStep.keys()]) if (step >= finding.step) byStep.delete(step);
            stepScores = stepScores.slice(0, finding.step);
            resultsVersion += 1;
            checkpoints = checkpoints.filter((c) => c.stepCount <= finding.step);
            judgedUpTo = Math.min(judgedUpTo, finding.step);
            attemptAbort = new AbortController();
            pendingCorrection = undefined;
            submitSteps(true);
            changed();
            continue;
          }
          if (error instanceof RunFault && error.kind === 'aborted') accumulator.stop(now());
          else if (error instanceof RunFault && error.kind === 'oversized') accumulator.stop(now(), error.message);
          else accumulator.fail(error instanceof Error ? error.message : String(error), now());
          break;
        }
      }
      finishUp();
    },
    stop,
    resume() {
      if (!paused) return;
      paused = false;
      policyNote = undefined;
      releaseGate?.();
      gate = undefined;
      changed();
    },
    view() {
      if (viewedVersion !== resultsVersion) {
        viewedVersion = resultsVersion;
        findingsView = findings.slice();
        scoresView = stepScores.slice();
      }
      return {
        context,
        run: accumulator.snapshot(),
        findings: findingsView,
        findingsByStep: byStep,
        stepScores: scoresView,
        chainScore,
        checkpoints,
        paused,
        policyNote,
        corrections,
        verify: verifyStats,
        judge: { ...judge },
      };
    },
  };
}
