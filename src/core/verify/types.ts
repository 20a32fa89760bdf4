/** Public types of the verification core. Everything here is plain data (structured-clone safe). */

export type Severity = 'error' | 'warning' | 'note';

export type FindingKind = 'arithmetic' | 'consistency' | 'repetition' | 'loop' | 'self-correction' | 'timeout' | 'length' | 'skipped';

export type ArithmeticEvidence = {
  /** The expression as read, e.g. "17 × 24". */
  expression: string;
  /** The value written in the step, e.g. "418". */
  stated: string;
  /** The exact value, e.g. "408" or "10/3 ≈ 3.3333" (for two expressions: "14 vs 16"). */
  exact: string;
  relation: '=' | '≈';
  /** 'annotation' when read from a GSM8K calculator annotation `<<…>>`. */
  source: 'text' | 'annotation';
};
export type ConsistencyEvidence = {
  /** The quantity's label as written, e.g. "total cost". */
  quantity: string;
  value: string;
  earlierValue: string;
  earlierStep: number;
  /** The restating step carries a self-correction marker (then the finding is a note). */
  corrected: boolean;
};
export type RepetitionEvidence = { matchedStep: number; similarity: number };
export type LoopEvidence = { fromStep: number; toStep: number; repeats: number };
export type SelfCorrectionEvidence = { markers: string[] };
export type TimeoutEvidence = {
  waitedMs: number;
  timeoutMs: number;
  /** True when the step had not arrived yet when the timeout was seen (`now` passed to verify). */
  pending: boolean;
};
export type LengthEvidence = { length: number; median: number; factor: number };
export type SkippedEvidence = { length: number; limit: number; checks: string[] };

type FindingBase = {
  /** 0-based index into the steps. */
  step: number;
  severity: Severity;
  /** One line for people, numbered like the UI (1-based): "step 8: 17 × 24 = 418, exact 408". */
  message: string;
};

/** What the step checks find (the verifier's own findings). */
export type CheckFinding = FindingBase &
  (
    | { kind: 'arithmetic'; evidence: ArithmeticEvidence }
    | { kind: 'consistency'; evidence: ConsistencyEvidence }
    | { kind: 'repetition'; evidence: RepetitionEvidence }
    | { kind: 'loop'; evidence: LoopEvidence }
    | { kind: 'self-correction'; evidence: SelfCorrectionEvidence }
    | { kind: 'timeout'; evidence: TimeoutEvidence }
    | { kind: 'length'; evidence: LengthEvidence }
    | { kind: 'skipped'; evidence: SkippedEvidence }
  );

/** The judge model named this step as the earliest wrong one. */
export type JudgeEvidence = { model: string; latencyMs: number; raw: string };
/** The judge could not be asked or gave no verdict; one note per run, counting the failed calls. */
export type JudgeUnavailableEvidence = { raw?: string; failures: number };

/** A judge model's verdict on the chain, or the note that it had none. */
export type JudgeFinding = FindingBase &
  ({ kind: 'judge'; evidence: JudgeEvidence } | { kind: 'judge-unavailable'; evidence: JudgeUnavailableEvidence });

/** Everything shown against a step: the checks' findings and the judge's. */
export type Finding = CheckFinding | JudgeFinding;

/** A completed step as the verifier receives it; `Step` from core/steps fits. */
export type StepInput = {
  index: number;
  text: string;
  /** Clock time (ms) when the step's first character arrived. */
  startedAt?: number;
  /** Clock time (ms) when the step was closed. Needed for the timeout check. */
  completedAt?: number;
};

export type CheckName = 'arithmetic' | 'consistency' | 'repetition' | 'selfCorrection' | 'timeout' | 'length';

export type VerifyOptions = {
  /** Which checks report findings. Off checks still keep their state, so turning one on later works. */
  checks: Record<CheckName, boolean>;
  /** `≈` and `~`: 'lenient' reports only clear misses (as warnings); 'skip' ignores them. */
  approximate: 'lenient' | 'skip';
  /** Relative tolerance on top of rounding to the decimals shown (0 = exact; 0.01 accepts 1 % off). */
  arithmeticTolerance: number;
  /** Jaccard similarity (word 3-gram shingles) from which a step counts as a repeat. */
  repetitionThreshold: number;
  /** Steps shorter than this many words are never called repeats. */
  minRepeatWords: number;
  /** This many repeats in a row make a loop finding. */
  loopMinRepeats: number;
  /** No new step for longer than this (ms) is a timeout. */
  stepTimeoutMs: number;
  /** A step longer than factor × the running median length (characters) is a length note. */
  lengthFactor: number;
  /** The length check starts once this many earlier steps exist. */
  lengthMinSteps: number;
};

export type VerifyOptionsPatch = Partial<Omit<VerifyOptions, 'checks'>> & { checks?: Partial<Record<CheckName, boolean>> };

export type ChainScores = {
  /** Index of the first entry in `steps`. */
  from: number;
  /**
   * Per-step consistency score in [0, 1]: 1 = nothing found; an arithmetic error gives 0; each
   * warning halves it; a repeat costs 20 %; self-correction markers, a value revised after one,
   * timeouts and length notes cost nothing (markers are counted in `selfCorrections`).
   */
  steps: number[];
  /** Mean of all verified steps' scores (1 for an empty chain). */
  chain: number;
  stepsVerified: number;
  counts: Record<Severity, number>;
  byKind: Record<FindingKind, number>;
  /** Steps with a self-correction marker ("wait", "let me double-check"), counted whether or not that check reports notes. */
  selfCorrections: number;
  /** Steps with a self-correction marker / verified steps. */
  selfCorrectionRate: number;
  /** Steps with an error or warning / verified steps. */
  flaggedStepRate: number;
};

export interface Verifier {
  /**
   * Verifies newly completed steps (in index order; indices already verified are ignored) and,
   * when `now` is given, whether the next step is overdue. Returns only the new findings.
   */
  verify(newSteps: readonly StepInput[], now?: number): CheckFinding[];
  /** Scores of steps from `from` (default 0) plus the chain totals. */
  scores(from?: number): ChainScores;
  /** All findings so far, in the order they were found. */
  findings(): readonly CheckFinding[];
  /** Changes thresholds or checks; applies to the steps verified from now on. */
  setOptions(patch: VerifyOptionsPatch): void;
  readonly options: Readonly<VerifyOptions>;
  /** Index of the last verified step, -1 before the first. */
  readonly lastIndex: number;
  /** Work counters (for tests and benchmarks): similarity comparisons so far. */
  stats(): { stepsVerified: number; comparisons: number };
}
