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
