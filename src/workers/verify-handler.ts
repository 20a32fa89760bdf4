import { SCENARIOS } from '../core/demo/scenarios';
import { splitSteps } from '../core/steps/segmenter';
import { createVerifier, type ChainScores, type Finding, type StepInput, type Verifier, type VerifyOptionsPatch } from '../core/verify';

/** Messages to the verification worker. One verifier per session keeps state between intervals. */
export type VerifyRequest =
  | { type: 'verify'; requestId: number; session: string; steps: StepInput[]; now?: number; options: VerifyOptionsPatch }
  | { type: 'dispose'; session: string };

export type VerifyResponse = {
  requestId: number;
  session: string;
  /** Only the findings new in this interval. */
  findings: Finding[];
  /** Scores of the steps verified in this interval, plus chain totals. */
  scores: ChainScores;
  /** Time spent verifying inside the worker, ms. */
  durationMs: number;
  stepsVerified: number;
};

/**
 * The pure-ish heart of the verification worker: sessions → verifiers. The worker entry and
 * the in-thread fallback both call it, so jsdom tests need no worker mock.
 */
export function createVerifyHandler(clock: () => number = () => performance.now()) {
  const sessions = new Map<string, Verifier>();
  return {
    handle(request: VerifyRequest): VerifyResponse | null {
      if (request.type === 'dispose') {
        sessions.delete(request.session);
        return null;
      }
      const started = clock();
      let verifier = sessions.get(request.session);
      if (!verifier) {
        verifier = createVerifier(request.options);
        sessions.set(request.session, verifier);
      } else verifier.setOptions(request.options);
      const from = verifier.lastIndex + 1;
      const findings = verifier.verify(request.steps, request.now);
      return {
        requestId: request.requestId,
        session: request.session,
        findings,
        scores: verifier.scores(from),
        durationMs: clock() - started,
        stepsVerified: verifier.lastIndex + 1,
      };
    },
    get sessionCount() {
      return sessions.size;
    },
  };
}

/** Steps in the warm-up chain: enough for the engine to compile the verifier's hot paths. */
const WARM_UP_STEPS = 2000;
const WARM_UP_BATCH = 64;

/**
 * A throwaway chain for warming the verifier up: the demo scenarios' reasoning, repeated with
 * its numbers shifted so repeats and slips occur as in a real chain.
 */
export function warmUpChain(steps = WARM_UP_STEPS): StepInput[] {
  const base = SCENARIOS.flatMap((s) => splitSteps(s.reasoning).map((step) => step.text));
  const out: StepInput[] = [];
  for (let round = 0; out.length < steps; round++)
    for (const text of base) {
      if (out.length === steps) break;
      out.push({ index: out.length, text: round ? text.replace(/\d+/g, (d) => String(Number(d) + round)) : text, completedAt: out.length * 50 });
    }
  return out;
}

/**
 * Verifies the warm-up chain a batch per call of `nextTurn`, on a verifier nobody reads, and
 * stops as soon as `busy()` says real work arrived. A fresh worker's first real chain otherwise
 * runs cold: about three times slower over its first thousand steps (measured in Node), which at
 * full stream speed is what made warnings lag.
 */
export function warmUpVerifier(nextTurn: (work: () => void) => void, busy: () => boolean, chain: StepInput[] = warmUpChain()): void {
  const verifier = createVerifier();
  let at = 0;
  const step = () => {
    if (busy() || at >= chain.length) return;
    verifier.verify(chain.slice(at, at + WARM_UP_BATCH), chain[Math.min(chain.length, at + WARM_UP_BATCH) - 1].completedAt);
    verifier.scores(at);
    at += WARM_UP_BATCH;
    nextTurn(step);
  };
  nextTurn(step);
}
