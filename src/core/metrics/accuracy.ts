import { gradeRun, type Grade } from '../answers';
import { wilson } from '../capacity/stats';
import type { TierId } from '../run/tiers';
import type { RunRecord } from '../stored-runs/types';

/**
 * Accuracy over scored runs (a reference answer and a verdict; see core/answers/grade), with a
 * Wilson 95 % interval: overall, per latency tier, and split by whether the verifier flagged a
 * step (an error or warning finding), so a team sees whether the warnings predict wrong answers.
 */
export type Accuracy = { correct: number; scored: number; rate: number | null; interval: { lower: number; upper: number } | null };

export type AccuracyReport = {
  overall: Accuracy;
  byTier: Record<TierId, Accuracy>;
  flagged: Accuracy;
  unflagged: Accuracy;
  /** Runs without a verdict (no reference, or no chance to answer). */
  unscored: number;
};

export function accuracy(correct: number, scored: number): Accuracy {
  if (scored === 0) return { correct, scored, rate: null, interval: null };
  const w = wilson(correct, scored);
  return { correct, scored, rate: correct / scored, interval: { lower: w.lower, upper: w.upper } };
}

const flaggedRun = (r: RunRecord) => r.findings.some((f) => f.severity === 'error' || f.severity === 'warning');

/** Grades once per run (cached by record object: records are immutable). */
const cache = new WeakMap<RunRecord, Grade>();
export function gradeOf(run: RunRecord): Grade {
  let g = cache.get(run);
  if (!g) {
    g = gradeRun(run);
    cache.set(run, g);
  }
  return g;
}

export function accuracyReport(runs: readonly RunRecord[]): AccuracyReport {
  const tally = () => ({ correct: 0, scored: 0 });
  const all = tally();
  const tiers: Record<TierId, { correct: number; scored: number }> = { short: tally(), medium: tally(), complex: tally() };
  const flagged = tally();
  const unflagged = tally();
  let unscored = 0;
  for (const r of runs) {
    const g = gradeOf(r);
    if (g.verdict === 'unscored') {
      unscored++;
      continue;
    }
    const ok = g.verdict === 'correct' ? 1 : 0;
    for (const t of [all, tiers[r.tier], flaggedRun(r) ? flagged : unflagged]) {
      t.scored++;
      t.correct += ok;
    }
  }
  const of = (t: { correct: number; scored: number }) => accuracy(t.correct, t.scored);
  return {
    overall: of(all),
    byTier: { short: of(tiers.short), medium: of(tiers.medium), complex: of(tiers.complex) },
    flagged: of(flagged),
    unflagged: of(unflagged),
    unscored,
  };
}
