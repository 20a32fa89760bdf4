import { percentile } from '../capacity/stats';
import type { RunRecord } from '../stored-runs/types';
import { accuracyReport, type Accuracy } from './accuracy';

/**
 * The budget sweep's decision: per setting, accuracy against p95 latency (and mean steps,
 * timeout rate, tokens), the Pareto frontier, and the recommendation for a p95 target.
 *
 * Latency population per setting: runs that finished or timed out, not cache replays (failed
 * requests have no latency that says anything about the setting). A timed-out run's latency is
 * the timeout, a lower bound; when more than 5 % of a setting's runs timed out its p95 is itself
 * only a lower bound ("≥ timeout"), and such a p95 never counts as meeting a target. Mean steps
 * counts a timed-out run's steps that arrived (a lower bound: leaving such runs out would make a
 * setting whose long chains time out look short); mean tokens is over finished runs.
 */
export type SweepPoint = {
  label: string;
  index: number;
  sweepId: string;
  runs: number;
  accuracy: Accuracy;
  p95Ms: number | null;
  /** p95 is a lower bound (over 5 % timed out). */
  p95Censored: boolean;
  meanSteps: number | null;
  timeoutRate: number | null;
  meanTokens: number | null;
  /** Every run of the setting, for the planner hand-off. */
  runIds: string[];
};

const mean = (v: number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : null);

/** The newest sweep among the runs (by its latest run), or null. */
export function latestSweepId(runs: readonly RunRecord[]): string | null {
  let best: { id: string; at: number } | null = null;
  for (const r of runs) if (r.sweep && (!best || r.startedAt > best.at)) best = { id: r.sweep.id, at: r.startedAt };
  return best?.id ?? null;
}

export function sweepPoints(runs: readonly RunRecord[], sweepId: string): SweepPoint[] {
  const groups = new Map<number, RunRecord[]>();
  for (const r of runs) {
    if (r.sweep?.id !== sweepId) continue;
    const g = groups.get(r.sweep.index) ?? [];
    g.push(r);
    groups.set(r.sweep.index, g);
  }
  return [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([index, group]) => {
      const timed = group.filter((r) => !r.cache?.hit && typeof r.latencyMs === 'number' && (r.status === 'done' || r.timedOut));
      const latencies = timed.map((r) => r.latencyMs as number);
      const timeouts = timed.filter((r) => r.timedOut).length;
      const done = timed.filter((r) => !r.timedOut);
      return {
        label: group[0].sweep!.label,
        index,
        sweepId,
        runs: group.length,
        accuracy: accuracyReport(group).overall,
        p95Ms: latencies.length ? percentile(latencies, 95) : null,
        p95Censored: timed.length > 0 && timeouts / timed.length > 0.05,
        meanSteps: mean(timed.map((r) => r.steps.length)),
        timeoutRate: timed.length ? timeouts / timed.length : null,
        meanTokens: mean(done.map((r) => r.reasoningTokens)),
        runIds: group.map((r) => r.id),
      };
    });
}

/**
 * Settings no other setting beats on both axes (higher or equal accuracy at lower or equal p95,
 * one strictly), in order of p95. Settings without accuracy or p95 are left out.
 */
export function paretoFrontier(points: readonly SweepPoint[]): SweepPoint[] {
  const usable = points.filter((p) => p.accuracy.rate !== null && p.p95Ms !== null);
  return usable
    .filter((p) => !usable.some((q) => q !== p && q.accuracy.rate! >= p.accuracy.rate! && q.p95Ms! <= p.p95Ms! && (q.accuracy.rate! > p.accuracy.rate! || q.p95Ms! < p.p95Ms!)))
    .sort((a, b) => a.p95Ms! - b.p95Ms!);
}

export const meetsTarget = (p: SweepPoint, targetMs: number): boolean => p.p95Ms !== null && !p.p95Censored && p.p95Ms <= targetMs;

export type Recommendation = { point: SweepPoint | null; sentence: string };

const s1 = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

/**
 * "Recommended: …": the setting with the best accuracy whose p95 meets the target (ties: the
 * faster); or, when none does, which comes closest and by how much it misses.
 */
export function recommend(points: readonly SweepPoint[], targetMs: number): Recommendation {
  const withP95 = points.filter((p) => p.p95Ms !== null);
  if (!withP95.length) return { point: null, sentence: 'Recommended: nothing yet — no setting has finished runs with a latency.' };
  const meeting = withP95.filter((p) => meetsTarget(p, targetMs));
  if (meeting.length) {
    const best = [...meeting].sort((a, b) => (b.accuracy.rate ?? -1) - (a.accuracy.rate ?? -1) || a.p95Ms! - b.p95Ms!)[0];
    const acc = best.accuracy.rate !== null && best.accuracy.interval ? `accuracy ${pct(best.accuracy.rate)} (${pct(best.accuracy.interval.lower)}–${pct(best.accuracy.interval.upper)}, ${best.accuracy.scored} scored)` : 'no scored runs';
    const others = points.length - 1;
    return {
      point: best,
      sentence: `Recommended: ${best.label} — ${acc} at p95 ${s1(best.p95Ms!)}, within the ${s1(targetMs)} target${best.timeoutRate ? `, ${pct(best.timeoutRate)} timed out` : ''}${others ? `; the best accuracy of the ${meeting.length} of ${points.length} settings that meet it` : ''}.`,
    };
  }
  const closest = [...withP95].sort((a, b) => a.p95Ms! - b.p95Ms!)[0];
  const miss = closest.p95Censored ? `its p95 is at least the timeout (${s1(closest.p95Ms!)}; ${pct(closest.timeoutRate ?? 0)} timed out)` : `its p95 of ${s1(closest.p95Ms!)} misses by ${s1(closest.p95Ms! - targetMs)}`;
  return { point: null, sentence: `Recommended: none — no setting meets the ${s1(targetMs)} p95 target; the fastest, ${closest.label}, ${miss}.` };
}
