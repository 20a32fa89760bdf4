/**
 * Step verification of reasoning chains: pure, offline, runs in Node or a Web Worker.
 *
 *   verifyChain(steps)        whole chain at once (headless use, evaluation)
 *   createVerifier(options)   incremental: verify(newSteps, now) every N steps, scores(), setOptions()
 *
 * What the offline checks can see: visible arithmetic (`expression = value`, calculator
 * annotations), explicitly labelled quantities restated differently, repeated steps and loops,
 * self-correction markers, step timing and length. What they cannot see: wrong set-ups,
 * misread problems, invalid algebra or logic, arithmetic hidden in prose ("twice as many, so 30"),
 * and any step whose numbers are right but whose reasoning is not. That needs a judge or PRM.
 */
import { createVerifier } from './verifier';
import type { CheckFinding, VerifyOptionsPatch } from './types';

export { createVerifier } from './verifier';
export { DEFAULT_VERIFY_OPTIONS } from './options';
export { checkArithmetic } from './arithmetic';
export { findMarkers } from './markers';
export { traceErrors, stepMarkLine, type StepMark } from './error-trail';
export type * from './types';

/** Verifies a whole chain; findings are in step order. Same results as feeding the steps incrementally. */
export function verifyChain(steps: readonly string[], options?: VerifyOptionsPatch): CheckFinding[] {
  return createVerifier(options).verify(steps.map((text, index) => ({ index, text })));
}
