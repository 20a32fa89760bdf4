import type { VerifyOptions, VerifyOptionsPatch } from './types';

export const DEFAULT_VERIFY_OPTIONS: Readonly<VerifyOptions> = Object.freeze({
  checks: Object.freeze({ arithmetic: true, consistency: true, repetition: true, selfCorrection: true, timeout: true, length: true }),
  approximate: 'lenient',
  arithmeticTolerance: 0,
  repetitionThreshold: 0.9,
  minRepeatWords: 5,
  loopMinRepeats: 3,
  stepTimeoutMs: 30_000,
  lengthFactor: 5,
  lengthMinSteps: 5,
}) as Readonly<VerifyOptions>;

export function resolveOptions(base: Readonly<VerifyOptions>, patch?: VerifyOptionsPatch): VerifyOptions {
  return { ...base, ...patch, checks: { ...base.checks, ...patch?.checks } };
}
