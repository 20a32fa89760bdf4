import type { Finding } from '../core/verify';
import type { VerifyResponse } from '../workers/verify-client';

/** Verification timing of one run, as shown in the verification bar. */
export type VerifyStats = { intervals: number; durationsMs: number[]; warningDelaysMs: number[]; crashed?: string };

export type ResultsView = {
  findings: readonly Finding[];
  findingsByStep: ReadonlyMap<number, readonly Finding[]>;
  stepScores: readonly number[];
  chainScore?: number;
  verify: VerifyStats;
};

/**
 * A run's findings and scores. Mutated in place as results arrive (hundreds per second at full
 * speed); view() hands out copies only when something changed since the last view.
 */
export function createRunResults(stepCompletedAt: (step: number) => number | undefined) {
  let findings: Finding[] = [];
  let findingsView: readonly Finding[] = [];
  let scoresView: readonly number[] = [];
  let version = 0;
  let viewedVersion = -1;
  const byStep = new Map<number, readonly Finding[]>();
  let stepScores: number[] = [];
  let chainScore: number | undefined;
  const verifyStats: VerifyStats = { intervals: 0, durationsMs: [], warningDelaysMs: [] };

  const add = (fresh: readonly Finding[], arrived: number) => {
    if (!fresh.length) return;
    for (const f of fresh) findings.push(f);
    version += 1;
    for (const f of fresh) {
      byStep.set(f.step, [...(byStep.get(f.step) ?? []), f]);
      const completedAt = stepCompletedAt(f.step);
      if (f.severity !== 'note' && completedAt !== undefined) verifyStats.warningDelaysMs.push(arrived - completedAt);
    }
  };

  return {
    /**
     * Takes one verification answer in; returns its new findings. After a self-correction the
     * session starts again from step 0: what it says about steps before `keptUpTo` (already
     * judged, the corrected step included) is not taken again.
     */
    applyVerified(response: VerifyResponse, arrived: number, keptUpTo = 0): readonly Finding[] {
      verifyStats.intervals += 1;
      verifyStats.durationsMs.push(response.durationMs);
      const offset = response.scores.from;
      for (let i = Math.max(0, keptUpTo - offset); i < response.scores.steps.length; i++) stepScores[offset + i] = response.scores.steps[i];
      version += 1;
      chainScore = response.scores.chain;
      const fresh = keptUpTo ? response.findings.filter((f) => f.step >= keptUpTo) : response.findings;
      add(fresh, arrived);
      return fresh;
    },
    add,
    /** Puts `next` where `previous` was (same step), e.g. a note whose count went up. */
    replace(previous: Finding, next: Finding) {
      const i = findings.indexOf(previous);
      if (i < 0) return;
      findings[i] = next;
      byStep.set(previous.step, (byStep.get(previous.step) ?? []).map((f) => (f === previous ? next : f)));
      version += 1;
    },
    /** Self-correction: everything from `step` on belongs to the abandoned continuation. */
    dropFrom(step: number) {
      findings = findings.filter((f) => f.step < step);
      for (const s of [...byStep.keys()]) if (s >= step) byStep.delete(s);
      stepScores = stepScores.slice(0, step);
      version += 1;
    },
    some(predicate: (f: Finding) => boolean): boolean {
      return findings.some(predicate);
    },
    view(): ResultsView {
      if (viewedVersion !== version) {
        viewedVersion = version;
        findingsView = findings.slice();
        scoresView = stepScores.slice();
      }
      return { findings: findingsView, findingsByStep: byStep, stepScores: scoresView, chainScore, verify: verifyStats };
    },
  };
}

export type RunResults = ReturnType<typeof createRunResults>;
