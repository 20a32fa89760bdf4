/**
 * The incremental verifier. State kept between runs (so each run costs only the new steps):
 *   - the consistency table of labelled quantities,
 *   - the repetition index (shingle sets + MinHash LSH) and the current repeat run,
 *   - a running median of step lengths,
 *   - the last completion time (for timeouts),
 *   - per-step scores and totals.
 * Checks that are switched off still update their state, so switching one on later works.
 */
import { checkArithmetic, readStep } from './arithmetic';
import { ConsistencyTable, readStatements } from './consistency';
import { findMarkers } from './markers';
import { RunningMedian } from './median';
import { DEFAULT_VERIFY_OPTIONS, resolveOptions } from './options';
import { RepetitionIndex } from './repetition';
import type { ChainScores, CheckFinding, FindingKind, Severity, StepInput, Verifier, VerifyOptions, VerifyOptionsPatch } from './types';

const KINDS: FindingKind[] = ['arithmetic', 'consistency', 'repetition', 'loop', 'self-correction', 'timeout', 'length', 'skipped'];

/**
 * Steps longer than this are not parsed for arithmetic or quantities: pathological steps
 * (100 KB of digits, thousands of equals signs) would take too long, and no model states a
 * checkable calculation that way. They get a note instead, so the skip is visible.
 */
export const MAX_CHECKED_STEP_CHARS = 20_000;

/**
 * How much a finding lowers its step's consistency score (multiplicative). Self-correction
 * markers are counted, never scored: "wait" and "let me double-check" are routine in reasoning
 * chains and suppressing them costs no accuracy, so a step that re-checks itself is not a worse
 * step — nor is one that restates a value after saying it corrects it.
 */
function penalty(f: CheckFinding): number {
  switch (f.kind) {
    case 'arithmetic':
      return f.severity === 'error' ? 0 : 0.5;
    case 'consistency':
      return f.severity === 'note' ? 1 : 0.5;
    case 'repetition':
      return 0.8;
    case 'loop':
      return 0.5;
    case 'self-correction':
    case 'timeout':
    case 'length':
    case 'skipped':
      return 1;
  }
}

const label = (i: number) => `step ${i + 1}`;
const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

export function createVerifier(options?: VerifyOptionsPatch): Verifier {
  let opts: VerifyOptions = resolveOptions(DEFAULT_VERIFY_OPTIONS, options);
  const consistency = new ConsistencyTable();
  const repetition = new RepetitionIndex();
  const lengths = new RunningMedian();
  const all: CheckFinding[] = [];
  const scores: number[] = [];
  let scoreSum = 0;
  let verified = 0;
  let lastIndex = -1;
  let lastCompletedAt: number | undefined;
  /** Step index for which a timeout has been reported (pending or on arrival). */
  let timeoutReportedFor = -1;
  /** Indices of recent repeated steps: a loop is several repeats within a short window, since
   * real loops vary a word here and there and so are not always repeats in a row. */
  let recentRepeats: number[] = [];
  let loopReported = false;
  const counts: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
  const byKind = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<FindingKind, number>;
  let stepsWithMarkers = 0;
  const flaggedSteps = new Set<number>();

  function record(out: CheckFinding[], f: CheckFinding): void {
    out.push(f);
    all.push(f);
    counts[f.severity]++;
    byKind[f.kind]++;
    if (f.severity !== 'note') flaggedSteps.add(f.step);
    const i = f.step;
    if (i <= lastIndex && scores[i] !== undefined) {
      const before = scores[i];
      scores[i] = before * penalty(f);
      scoreSum += scores[i] - before;
    }
  }

  function verifyStep(step: StepInput, out: CheckFinding[]): void {
    const i = step.index;
    const text = step.text;
    const c = opts.checks;
    scores[i] = 1;
    scoreSum += 1;
    verified++;
    lastIndex = i;

    // Timeout: time since the previous step was completed (or since this one started).
    const since = lastCompletedAt ?? step.startedAt;
    if (step.completedAt !== undefined && since !== undefined) {
      const waited = step.completedAt - since;
      if (c.timeout && waited > opts.stepTimeoutMs && timeoutReportedFor !== i) {
        timeoutReportedFor = i;
        record(out, {
          step: i,
          kind: 'timeout',
          severity: 'warning',
          message: `${label(i)}: took ${seconds(waited)} to arrive (step timeout ${seconds(opts.stepTimeoutMs)})`,
          evidence: { waitedMs: waited, timeoutMs: opts.stepTimeoutMs, pending: false },
        });
      }
    }
    if (step.completedAt !== undefined) lastCompletedAt = step.completedAt;

    // Self-correction markers.
    const markers = findMarkers(text);
    if (markers.length > 0) {
      stepsWithMarkers++;
      if (c.selfCorrection)
        record(out, {
          step: i,
          kind: 'self-correction',
          severity: 'note',
          message: `${label(i)}: self-correction marker “${markers[0]}”${markers.length > 1 ? ` (+${markers.length - 1} more)` : ''}`,
          evidence: { markers },
        });
    }

    // Arithmetic and consistency share one parse of the step.
    if (text.length > MAX_CHECKED_STEP_CHARS && (c.arithmetic || c.consistency)) {
      record(out, {
        step: i,
        kind: 'skipped',
        severity: 'note',
        message: `${label(i)}: ${text.length.toLocaleString('en-US')} characters, too long to check arithmetic and quantities (limit ${MAX_CHECKED_STEP_CHARS.toLocaleString('en-US')}); skipped`,
        evidence: { length: text.length, limit: MAX_CHECKED_STEP_CHARS, checks: ['arithmetic', 'consistency'] },
      });
    }
    const math = readStep(text.length > MAX_CHECKED_STEP_CHARS ? '' : text);
    if (c.arithmetic) {
      for (const issue of checkArithmetic(text, { approximate: opts.approximate, tolerance: opts.arithmeticTolerance }, math)) {
        const rel = issue.relation;
        record(out, {
          step: i,
          kind: 'arithmetic',
          severity: issue.severity,
          message: `${label(i)}: ${issue.expression} ${rel} ${issue.stated}, exact ${issue.exact}${issue.source === 'annotation' ? ' (calculator annotation)' : ''}`,
          evidence: { expression: issue.expression, stated: issue.stated, exact: issue.exact, relation: rel, source: issue.source },
        });
      }
    }
    const contradictions = consistency.add(i, readStatements(math));
    if (c.consistency) {
      for (const { statement: s, earlier } of contradictions) {
        const corrected = markers.length > 0;
        record(out, {
          step: i,
          kind: 'consistency',
          severity: corrected ? 'note' : 'warning',
          message: corrected
            ? `${label(i)}: ${s.label} revised to ${s.text} after a self-correction (${label(earlier.step)} said ${earlier.text})`
            : `${label(i)}: ${s.label} = ${s.text}, but ${label(earlier.step)} said ${earlier.text}`,
          evidence: { quantity: s.label, value: s.text, earlierValue: earlier.text, earlierStep: earlier.step, corrected },
        });
      }
    }

    // Repetition and loops.
    const match = repetition.add(i, text, opts.repetitionThreshold, opts.minRepeatWords);
    if (match) {
      const window = 2 * opts.loopMinRepeats;
      recentRepeats = recentRepeats.filter((j) => i - j < window);
      if (recentRepeats.length === 0) loopReported = false;
      recentRepeats.push(i);
      if (c.repetition)
        record(out, {
          step: i,
          kind: 'repetition',
          // One repeat is a signal (re-checking is normal); a loop of them is a warning.
          severity: 'note',
          message: `${label(i)}: repeats ${label(match.step)} (similarity ${match.similarity.toFixed(2)})`,
          evidence: { matchedStep: match.step, similarity: Math.round(match.similarity * 1000) / 1000 },
        });
      if (c.repetition && recentRepeats.length >= opts.loopMinRepeats && !loopReported) {
        loopReported = true;
        const from = recentRepeats[0];
        record(out, {
          step: i,
          kind: 'loop',
          severity: 'warning',
          message: `${label(i)}: loop, ${recentRepeats.length} repeated steps within ${i - from + 1} steps since ${label(from)}`,
          evidence: { fromStep: from, toStep: i, repeats: recentRepeats.length },
        });
      }
    } else if (recentRepeats.length && i - recentRepeats[recentRepeats.length - 1] >= 2 * opts.loopMinRepeats) recentRepeats = [];

    // Length against the running median of the earlier steps.
    const length = text.trim().length;
    if (c.length && lengths.count >= opts.lengthMinSteps) {
      const median = lengths.median();
      if (median > 0 && length > opts.lengthFactor * median)
        record(out, {
          step: i,
          kind: 'length',
          severity: 'note',
          message: `${label(i)}: ${length} characters, ${(length / median).toFixed(1)}× the median step (${median})`,
          evidence: { length, median, factor: Math.round((length / median) * 10) / 10 },
        });
    }
    lengths.add(length);
  }

  const verifier: Verifier = {
    verify(newSteps, now) {
      const out: CheckFinding[] = [];
      for (const step of newSteps) {
        if (step.index <= lastIndex) continue;
        verifyStep(step, out);
      }
      if (now !== undefined && lastCompletedAt !== undefined && opts.checks.timeout) {
        const waited = now - lastCompletedAt;
        const pending = lastIndex + 1;
        if (waited > opts.stepTimeoutMs && timeoutReportedFor !== pending) {
          timeoutReportedFor = pending;
          record(out, {
            step: pending,
            kind: 'timeout',
            severity: 'warning',
            message: `${label(pending)}: no new step for ${seconds(waited)} (step timeout ${seconds(opts.stepTimeoutMs)})`,
            evidence: { waitedMs: waited, timeoutMs: opts.stepTimeoutMs, pending: true },
          });
        }
      }
      return out;
    },
    scores(from = 0): ChainScores {
      const steps: number[] = [];
      for (let i = Math.max(0, from); i <= lastIndex; i++) steps.push(scores[i] ?? 1);
      return {
        from: Math.max(0, from),
        steps,
        chain: verified === 0 ? 1 : scoreSum / verified,
        stepsVerified: verified,
        counts: { ...counts },
        byKind: { ...byKind },
        selfCorrections: stepsWithMarkers,
        selfCorrectionRate: verified === 0 ? 0 : stepsWithMarkers / verified,
        flaggedStepRate: verified === 0 ? 0 : flaggedSteps.size / verified,
      };
    },
    findings: () => all,
    setOptions(patch) {
      opts = resolveOptions(opts, patch);
    },
    get options() {
      return opts;
    },
    get lastIndex() {
      return lastIndex;
    },
    stats: () => ({ stepsVerified: verified, comparisons: repetition.comparisons }),
  };
  return verifier;
}
