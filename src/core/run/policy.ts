import type { Finding } from '../verify/types';

/** What the run does when verification flags a step. */
export type VerificationPolicy = 'continue' | 'pause' | 'self-correct' | 'stop';

/** A run asks the model to correct itself at most this often; later warnings only get a note. */
export const MAX_CORRECTIONS = 2;

/** Where the run stands when a finding arrives. */
export type PolicyState = {
  paused: boolean;
  /** A correction was asked for and its request has not started yet. */
  correctionPending: boolean;
  /** Corrections already made in this run. */
  corrections: number;
};

export type PolicyDecision =
  | { action: 'continue'; note?: string }
  | { action: 'pause'; note: string }
  | { action: 'stop'; note: string }
  | { action: 'self-correct'; finding: Finding };

/**
 * The finding among fresh ones that the policy acts on: the first error or warning. Notes never
 * act, and neither does a timeout (a slow step is not a wrong one).
 */
export function actionableFinding(fresh: readonly Finding[]): Finding | undefined {
  return fresh.find((f) => f.severity !== 'note' && f.kind !== 'timeout');
}

/** What the run does about `finding` under `policy`. */
export function decidePolicy(policy: VerificationPolicy, finding: Finding, state: PolicyState): PolicyDecision {
  const where = `step ${finding.step + 1}`;
  if (policy === 'pause') {
    if (state.paused) return { action: 'continue' };
    return { action: 'pause', note: `Paused by the verification policy at ${where}: ${finding.message}. Resume to continue.` };
  }
  if (policy === 'stop') return { action: 'stop', note: `Stopped by the verification policy at ${where}: ${finding.message}.` };
  if (policy === 'self-correct') {
    if (state.correctionPending) return { action: 'continue' };
    if (state.corrections >= MAX_CORRECTIONS) {
      return { action: 'continue', note: `Verification warning at ${where}; already asked the model to self-correct ${MAX_CORRECTIONS} times, continuing.` };
    }
    return { action: 'self-correct', finding };
  }
  return { action: 'continue' };
}

/** The note shown once correction number `correction` (1-based) is under way. */
export function correctionNote(finding: Pick<Finding, 'step' | 'message'>, correction: number): string {
  return `Asked the model to self-correct step ${finding.step + 1} (${finding.message}); continuing from there (correction ${correction} of ${MAX_CORRECTIONS}).`;
}
