import type { Checkpoint } from '../core/checkpoints';
import { correctionSideRequest } from '../core/demo/side-request';
import { getAdapter } from '../core/providers';
import type { NormalizedEvent, ProviderId, RequestConfig } from '../core/providers/types';
import { createRunAccumulator, type RunSnapshot } from '../core/run/accumulator';
import { actionableFinding, correctionNote, decidePolicy } from '../core/run/policy';
import { correctionHistory, correctionPrompt } from '../core/run/prompts';
import type { RunRecord } from '../core/stored-runs/types';
import type { Finding, VerifyOptionsPatch } from '../core/verify';
import type { StreamClient } from '../workers/stream-client';
import type { VerifyClient, VerifyResponse } from '../workers/verify-client';
import { createDemoFetch, createReplayFetch } from './demo-fetch';
import type { ResultsView } from './run-engine-results';
import { createRunResults } from './run-engine-results';
import { buildRequest, createCheckpoints, createJudge, requestConfigFrom, type JudgeState } from './run-engine-side';
import { PROVIDERS, type Policy, type Settings } from './settings';
import { RunFault, streamRun } from './stream-run';

export { requestConfigFrom } from './run-engine-side';
export type { JudgeState } from './run-engine-side';

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

/** Everything the UI shows about one run; a new object per publish, finished parts shared. */
export type RunView = ResultsView & {
  context: RunContext;
  run: RunSnapshot;
  checkpoints: readonly Checkpoint[];
  paused: boolean;
  /** Why the run paused, stopped or corrected itself under the verification policy. */
  policyNote?: string;
  corrections: number;
  judge: JudgeState;
};

export type EngineOptions = {
  id: string;
  prompt: string;
  /** Read at every interval, so setting changes apply to a running stream. */
  settings: () => Settings;
  verifyClient?: VerifyClient;
  /** Fetches and parses off the page (the live viewer passes one); without it, in-thread. */
  streamClient?: StreamClient;
  now: () => number;
  onChange: () => void;
  /** Overrides fetch (tests, cache replay); the demo provider uses the built-in demo fetch. */
  fetchImpl?: typeof fetch;
  /** Overrides the judge's fetch (tests); by default the demo judge's or the global fetch. */
  judgeFetchImpl?: typeof fetch;
  batchId?: string;
  /** Replay this stored chain (the similarity cache) instead of calling the endpoint. */
  replay?: { record: RunRecord; similarity: number };
  notice?: string;
  /** Runs `tick` once a second until the returned cancel is called (tests pass a fake clock). */
  everySecond?: (tick: () => void) => () => void;
};

export type RunEngine = {
  readonly id: string;
  /** Streams the run; resolves when the stream has ended (done, stopped or failed). */
  start(): Promise<void>;
  stop(reason?: string): void;
  resume(): void;
  view(): RunView;
  readonly live: boolean;
  /**
   * Resolves once the run is final: the stream ended, every verification result, judge verdict
   * and model summary has arrived (or failed), so view() will not change any more.
   */
  settled(): Promise<void>;
  /** Releases what the run holds outside itself (its verify session, its clock); stops it if live. */
  dispose(): void;
};

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

const defaultEverySecond = (tick: () => void) => {
  const timer = setInterval(tick, 1000);
  return () => clearInterval(timer);
};

/**
 * One run, headless: streams from the endpoint into an accumulator, sends completed steps to
 * the verification worker every `verifyInterval` steps (never waiting for it), applies the
 * policy (core/run/policy) to its findings, takes checkpoints, and optionally consults a judge
 * model. Used by the live viewer and the batch runner alike; it knows nothing of React.
 */
export function createRunEngine(options: EngineOptions): RunEngine {
  const { now, settings, verifyClient } = options;
  const initial = settings();
  const provider = initial.provider;
  // A cache replay is served as OpenAI-style bytes whatever the provider.
  const streamProvider: ProviderId = options.replay ? 'openai-compatible' : provider;
  const adapter = getAdapter(streamProvider);
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
  /** The current attempt: 0 for the first stream, n after the n-th self-correction. */
  let attempt = 0;
  let attemptAbort = new AbortController();
  let session = `${options.id}#0`;
  let submitted = 0;
  /** Steps before this index were verified by an earlier session (the corrected step included). */
  let keptUpTo = 0;
  let paused = false;
  let releaseGate: (() => void) | undefined;
  let gate: Promise<void> | undefined;
  let policyNote: string | undefined;
  let pendingCorrection: Finding | undefined;
  let live = true;
  let disposed = false;
  let started = false;
  let cancelClock: (() => void) | undefined;
  /** Judge calls and model summaries in flight. */
  const sideWork = new Set<Promise<unknown>>();
  let streamEnded!: () => void;
  const ended = new Promise<void>((resolve) => (streamEnded = resolve));

  const changed = () => {
    if (!disposed) options.onChange();
  };
  const track = (work: Promise<unknown>) => {
    sideWork.add(work);
    void work.finally(() => sideWork.delete(work));
  };
  const results = createRunResults((step) => accumulator.step(step)?.completedAt);
  const side = { prompt: options.prompt, settings, now, signal: userAbort.signal, track, changed };
  const checkpoints = createCheckpoints({ ...side, startedAt, provider, fetchImpl });
  const judge = createJudge({
    ...side,
    fetchFor: (p) => fetchFor(p, settings, options.judgeFetchImpl),
    add: (fresh) => addFindings(fresh, now()),
    replace: (previous, next) => results.replace(previous, next),
    attempt: () => attempt,
  });

  const onVerified = (response: VerifyResponse) => {
    if (response.session !== session || disposed) return; // a result from before a self-correction
    const fresh = results.applyVerified(response, now(), keptUpTo);
    actOn(fresh);
    changed();
  };

  const addFindings = (fresh: Finding[], arrived: number) => {
    results.add(fresh, arrived);
    actOn(fresh);
  };

  const actOn = (fresh: readonly Finding[]) => {
    const finding = actionableFinding(fresh);
    // A step already corrected is evidence, not a reason to act again.
    if (!finding || !live || accumulator.step(finding.step)?.supersededBy !== undefined) return;
    const decision = decidePolicy(settings().policy, finding, { paused, correctionPending: pendingCorrection !== undefined, corrections: attempt });
    if (decision.action === 'pause') {
      paused = true;
      policyNote = decision.note;
      gate = new Promise((resolve) => (releaseGate = resolve));
    } else if (decision.action === 'stop') {
      policyNote = decision.note;
      stop();
    } else if (decision.action === 'self-correct') {
      pendingCorrection = decision.finding;
      attemptAbort.abort();
    } else if (decision.note) policyNote = decision.note;
  };

  const submitSteps = (force = false) => {
    const s = settings();
    const count = accumulator.stepCount;
    const interval = Math.max(1, s.verifyInterval);
    if (verifyClient && (count - submitted >= interval || (force && count > submitted))) {
      // A corrected step goes to the verifier blank, so the corrected chain is checked on its own.
      const fresh = accumulator.stepsFrom(submitted).map((step) => (step.supersededBy === undefined ? step : { ...step, text: '' }));
      submitted = count;
      verifyClient.submit(session, fresh, live ? now() : undefined, verifyOptionsFrom(s), onVerified);
    }
    if (checkpoints.due(count)) checkpoints.take(accumulator.currentSteps);
    judge.maybeJudge(accumulator.currentSteps);
  };

  const correctionRequest = (finding: Finding): RequestConfig => ({
    ...requestConfigFrom(settings(), correctionPrompt(finding)),
    history: correctionHistory(options.prompt, accumulator.currentSteps.slice(0, finding.step + 1)),
  });

  /**
   * Self-correction: the flagged step stays (marked as corrected by the next one, its findings
   * kept), what followed it goes, and the model continues from there.
   */
  const rewindFor = (finding: Finding) => {
    attempt += 1;
    policyNote = correctionNote(finding, attempt);
    const kept = finding.step + 1;
    accumulator.supersede(finding.step, now());
    verifyClient?.dispose(session);
    session = `${options.id}#${attempt}`;
    submitted = 0;
    keptUpTo = kept;
    results.dropFrom(kept);
    checkpoints.rewind(kept);
    judge.rewind(kept);
    attemptAbort = new AbortController();
    pendingCorrection = undefined;
    submitSteps(true);
    changed();
  };

  const streamOnce = async (config: RequestConfig, correcting?: Finding) => {
    const stream = {
      request: buildRequest(streamProvider, config, correcting && correctionSideRequest(correcting)),
      signal: AbortSignal.any([userAbort.signal, attemptAbort.signal]),
      now,
      idleTimeoutMs: settings().idleTimeoutSeconds * 1000,
      fetchImpl,
      gate: () => gate,
      onResponse: () => {
        accumulator.markStreaming(now());
        changed();
      },
      onEvents: (events: NormalizedEvent[], malformedCount: number) => {
        accumulator.apply(events);
        accumulator.setMalformedCount(malformedCount);
        // The run's text reached its cap: the accumulator stopped; end the request too.
        if (accumulator.stoppedByLimit) stop();
        submitSteps();
        changed();
      },
    };
    if (options.streamClient) await options.streamClient.stream({ ...stream, provider: streamProvider });
    else await streamRun({ ...stream, parser: adapter.createParser(), describeHttpError: adapter.describeHttpError });
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
    cancelClock?.();
    submitSteps(true);
    changed();
  };

  const settledPromise = ended.then(async () => {
    // Side work may finish after the last verification answer and vice versa: wait for both.
    for (;;) {
      if (sideWork.size) await Promise.allSettled([...sideWork]);
      await verifyClient?.whenIdle(session);
      if (!sideWork.size) return;
    }
  });

  return {
    id: options.id,
    get live() {
      return live;
    },
    async start() {
      started = true;
      cancelClock = (options.everySecond ?? defaultEverySecond)(() => {
        // Lets the verifier see a stalled step (timeout check) even when nothing arrives.
        if (verifyClient && live && !paused) verifyClient.submit(session, [], now(), verifyOptionsFrom(settings()), onVerified);
        changed();
      });
      let config = baseConfig;
      let correcting: Finding | undefined;
      for (;;) {
        try {
          await streamOnce(config, correcting);
          accumulator.finish(now());
          break;
        } catch (error) {
          if (pendingCorrection && !userAbort.signal.aborted) {
            correcting = pendingCorrection;
            config = correctionRequest(correcting);
            rewindFor(correcting);
            continue;
          }
          if (error instanceof RunFault && error.kind === 'aborted') accumulator.stop(now());
          else if (error instanceof RunFault && error.kind === 'oversized') accumulator.stop(now(), error.message);
          else accumulator.fail(error instanceof Error ? error.message : String(error), now());
          break;
        }
      }
      finishUp();
      streamEnded();
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
    settled: () => settledPromise,
    dispose() {
      if (disposed) return;
      stop();
      disposed = true;
      cancelClock?.();
      verifyClient?.dispose(session);
      if (!started) streamEnded();
    },
    view() {
      return {
        context,
        run: accumulator.snapshot(),
        ...results.view(),
        checkpoints: checkpoints.list,
        paused,
        policyNote,
        corrections: attempt,
        judge: { ...judge.state },
      };
    },
  };
}
