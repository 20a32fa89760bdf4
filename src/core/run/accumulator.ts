import { MAX_RUN_TEXT_CHARS, runTextLimitMessage } from '../providers/limits';
import type { NormalizedEvent, ReasoningKind, Usage } from '../providers/types';
import { createSegmenter } from '../steps/segmenter';
import { countTokens } from '../steps/token-estimate';
import type { SegmenterOptions, Step } from '../steps/types';

export type RunStatus = 'idle' | 'connecting' | 'streaming' | 'done' | 'stopped' | 'error';

/** An immutable picture of a run, published to the UI at most once per frame. */
export type RunSnapshot = {
  status: RunStatus;
  error?: string;
  startedAt: number;
  firstTokenAt?: number;
  reasoningStartedAt?: number;
  reasoningEndedAt?: number;
  endedAt?: number;
  /** Last time anything arrived; drives the "no new step for N s" warning. */
  lastEventAt?: number;
  /** Completed steps; finished step objects never change, so the UI can memoize them. */
  steps: readonly Step[];
  tail: string;
  tailStartedAt?: number;
  /**
   * Index of the last step when the stream ended in the middle of it (dropped connection, error,
   * stop): it is kept and shown, but it is not a finished step, so it is never checked or scored.
   */
  cutOffStep?: number;
  reasoningKind: ReasoningKind;
  reasoningChars: number;
  answer: string;
  /** As reported by the server, if it reported anything. */
  usage?: Usage;
  /** Client-side estimate, used when the server does not report reasoning tokens. */
  estimatedReasoningTokens: number;
  estimatedAnswerTokens: number;
  finishReason?: string;
  malformedCount: number;
};

export type RunAccumulator = {
  apply(events: readonly NormalizedEvent[]): void;
  setMalformedCount(count: number): void;
  markStreaming(now: number): void;
  /** The user stopped the run, or something did for `reason` (kept as the run's error text). */
  stop(now: number, reason?: string): void;
  /** A fault outside the stream (HTTP status, network, stall). What streamed before stays. */
  fail(message: string, now: number): void;
  /** The body ended; `sawDone` says whether the stream's own end marker arrived. */
  finish(now: number): void;
  /**
   * Self-correction: keep the first `keepSteps` steps, drop the rest and the answer, and take
   * the next stream's reasoning as the continuation (numbered from keepSteps + 1).
   */
  rewind(keepSteps: number, now: number): void;
  /**
   * Self-correction that keeps the evidence: the steps up to and including `step` stay, `step`
   * is marked as superseded by the next one, and the next stream continues from there.
   */
  supersede(step: number, now: number): void;
  snapshot(): RunSnapshot;
  /** Completed steps so far (a cut-off last step is not one), without copying them (hot path: called per event batch). */
  readonly stepCount: number;
  /** The completed steps themselves, not a copy: read, never keep (a rewind replaces the array). */
  readonly currentSteps: readonly Step[];
  /** Completed steps from index `from` on (a copy of just that part). */
  stepsFrom(from: number): Step[];
  /** The completed step at `index`, if any. */
  step(index: number): Step | undefined;
  /** True once the run's text reached `maxTextChars` and the run stopped itself. */
  readonly stoppedByLimit: boolean;
};

const TERMINAL: ReadonlySet<RunStatus> = new Set(['done', 'stopped', 'error']);

export function createRunAccumulator(options: { startedAt: number; segmenter: SegmenterOptions; maxTextChars?: number }): RunAccumulator {
  const maxTextChars = options.maxTextChars ?? MAX_RUN_TEXT_CHARS;
  let stoppedByLimit = false;
  let segmenter = createSegmenter(options.segmenter);
  /** Completed steps of the whole run; after a rewind the segmenter's indices are offset. */
  let steps: Step[] = [];
  let offset = 0;
  let completedStepTokens = 0;
  // Mutated in place per event (tens of thousands per run); snapshot() copies it.
  const state: Omit<RunSnapshot, 'steps' | 'tail' | 'tailStartedAt' | 'estimatedReasoningTokens'> = {
    status: 'connecting',
    startedAt: options.startedAt,
    reasoningKind: 'raw',
    reasoningChars: 0,
    answer: '',
    estimatedAnswerTokens: 0,
    malformedCount: 0,
  };
  let answerTokenBase = 0;
  let answerSinceCount = '';
  let sawDone = false;

  const countNewSteps = (fresh: Step[]) => {
    for (const step of fresh) {
      completedStepTokens += countTokens(step.text);
      steps.push(offset ? Object.freeze({ ...step, index: step.index + offset }) : step);
    }
  };

  /** Set when the run ended mid-step; that step is left out of the completed steps. */
  let cutOffStep: number | undefined;
  const completed = (): Step[] => (cutOffStep === undefined ? steps : steps.slice(0, cutOffStep));

  const finalize = (status: RunStatus, now: number, error?: string) => {
    if (TERMINAL.has(state.status)) return;
    // Reasoning still running and half a step in the segmenter: the stream broke off in it.
    const midStep = status !== 'done' && state.reasoningEndedAt === undefined && segmenter.tail.trim() !== '';
    countNewSteps(segmenter.finish(now));
    if (midStep && steps.length > 0) cutOffStep = steps.length - 1;
    if (state.reasoningStartedAt !== undefined) state.reasoningEndedAt ??= now;
    state.status = status;
    state.endedAt = now;
    if (error) state.error = error;
  };

  const rewind = (keepSteps: number, now: number) => {
    steps = steps.slice(0, keepSteps);
    cutOffStep = undefined;
    offset = steps.length;
    segmenter = createSegmenter(options.segmenter);
    completedStepTokens = steps.reduce((n, step) => n + countTokens(step.text), 0);
    sawDone = false;
    state.status = 'streaming';
    state.lastEventAt = now;
    state.reasoningEndedAt = undefined;
    state.endedAt = undefined;
    state.error = undefined;
    state.finishReason = undefined;
    state.answer = '';
    answerTokenBase = 0;
    answerSinceCount = '';
    state.estimatedAnswerTokens = 0;
  };

  return {
    apply(events) {
      for (const input of events) {
        if (TERMINAL.has(state.status)) return;
        let event = input;
        let overLimit = false;
        if ((event.type === 'reasoning' || event.type === 'answer') && event.text) {
          const room = maxTextChars - state.reasoningChars - state.answer.length;
          if (event.text.length > room) {
            overLimit = true;
            event = { ...event, text: event.text.slice(0, Math.max(0, room)) };
          }
        }
        state.lastEventAt = event.t;
        switch (event.type) {
          case 'reasoning':
            if (!event.text) break;
            state.status = 'streaming';
            state.firstTokenAt ??= event.t;
            state.reasoningStartedAt ??= event.t;
            if (event.kind && event.kind !== 'raw') state.reasoningKind = event.kind;
            state.reasoningChars += event.text.length;
            countNewSteps(segmenter.append(event.text, event.t));
            break;
          case 'answer': {
            if (!event.text) break;
            state.status = 'streaming';
            state.firstTokenAt ??= event.t;
            if (state.reasoningStartedAt !== undefined) state.reasoningEndedAt ??= event.t;
            state.answer += event.text;
            // Count tokens on whole lines so split words are not counted twice.
            answerSinceCount += event.text;
            const cut = answerSinceCount.lastIndexOf('\n');
            if (cut >= 0) {
              answerTokenBase += countTokens(answerSinceCount.slice(0, cut));
              answerSinceCount = answerSinceCount.slice(cut + 1);
            }
            state.estimatedAnswerTokens = answerTokenBase + countTokens(answerSinceCount);
            break;
          }
          case 'usage':
            state.usage = { ...state.usage, ...event.usage };
            break;
          case 'error':
            finalize('error', event.t, event.message);
            return;
          case 'done':
            sawDone = true;
            if (event.finishReason) state.finishReason = event.finishReason;
            break;
        }
        if (overLimit) {
          stoppedByLimit = true;
          finalize('stopped', event.t, runTextLimitMessage(maxTextChars));
          return;
        }
      }
    },
    setMalformedCount(count) {
      state.malformedCount = count;
    },
    markStreaming(now) {
      if (state.status === 'connecting') {
        state.status = 'streaming';
        state.lastEventAt = now;
      }
    },
    stop(now, reason) {
      finalize('stopped', now, reason);
    },
    fail(message, now) {
      finalize('error', now, message);
    },
    finish(now) {
      if (sawDone) finalize('done', now);
      else
        finalize(
          'error',
          now,
          'The stream ended without its end-of-stream marker: the connection was probably closed early. What arrived is kept.',
        );
    },
    rewind(keepSteps, now) {
      rewind(keepSteps, now);
    },
    supersede(step, now) {
      rewind(step + 1, now);
      const flagged = steps[step];
      if (flagged) steps[step] = Object.freeze({ ...flagged, supersededBy: step + 1 });
    },
    get stoppedByLimit() {
      return stoppedByLimit;
    },
    get stepCount() {
      return cutOffStep ?? steps.length;
    },
    get currentSteps() {
      return completed();
    },
    stepsFrom(from) {
      return completed().slice(from);
    },
    step(index) {
      return steps[index];
    },
    snapshot() {
      return {
        ...state,
        usage: state.usage && { ...state.usage },
        steps: steps.slice(),
        tail: segmenter.tail,
        tailStartedAt: segmenter.tailStartedAt ?? undefined,
        ...(cutOffStep !== undefined ? { cutOffStep } : {}),
        estimatedReasoningTokens: completedStepTokens + countTokens(segmenter.tail),
      };
    },
  };
}

export type RunMetrics = {
  elapsedMs: number;
  ttftMs?: number;
  /** Completion tokens per second since the first token. */
  tokensPerSecond?: number;
  reasoningTokens: number;
  /** Whether reasoningTokens came from the server or from the client-side estimate. */
  reasoningTokensSource: 'server' | 'estimate';
  stepCount: number;
  /** "Thought for N s": from the request to the end of reasoning. */
  thoughtForMs?: number;
  /** Time since the last step closed (or the reasoning started), while streaming. */
  sinceLastStepMs?: number;
};

export function runMetrics(run: RunSnapshot, now: number): RunMetrics {
  const end = run.endedAt ?? now;
  const serverReasoning = run.usage?.reasoningTokens;
  const useServer = serverReasoning !== undefined && serverReasoning > 0;
  const reasoningTokens = useServer ? serverReasoning : run.estimatedReasoningTokens;
  const completion = run.usage?.completionTokens ?? run.estimatedReasoningTokens + run.estimatedAnswerTokens;
  const genMs = run.firstTokenAt !== undefined ? end - run.firstTokenAt : 0;
  const stepCount = run.steps.length + (run.status === 'streaming' || !run.tail.trim() ? 0 : 1);
  const lastStep = run.steps[run.steps.length - 1];
  const lastMark = lastStep?.completedAt ?? run.reasoningStartedAt;
  return {
    elapsedMs: end - run.startedAt,
    ttftMs: run.firstTokenAt !== undefined ? run.firstTokenAt - run.startedAt : undefined,
    tokensPerSecond: genMs > 250 ? (completion / genMs) * 1000 : undefined,
    reasoningTokens,
    reasoningTokensSource: useServer ? 'server' : 'estimate',
    stepCount,
    thoughtForMs: run.reasoningEndedAt !== undefined ? run.reasoningEndedAt - run.startedAt : undefined,
    sinceLastStepMs:
      run.status === 'streaming' && run.reasoningEndedAt === undefined && lastMark !== undefined ? now - lastMark : undefined,
  };
}
