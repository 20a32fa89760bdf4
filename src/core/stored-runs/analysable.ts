import type { RunRecord } from './types';

/**
 * Which stored runs describe the model's latency and length: runs with an outcome (done, or
 * ended in an error such as a timeout) that the model generated. Cache replays are left out
 * (their latency is the lookup's, not the model's); stopped, interrupted and running runs have
 * no outcome. The monitoring breakpoint and "Open in capacity planner" both use this rule.
 */
export function isAnalysableRun(r: RunRecord): boolean {
  return (r.status === 'done' || r.status === 'error') && !r.cache?.hit;
}

/** The analysable runs, and how many of the rest were cache replays. */
export function analysableRuns(runs: readonly RunRecord[]): { runs: RunRecord[]; cacheReplays: number; withoutOutcome: number } {
  const out: RunRecord[] = [];
  let cacheReplays = 0;
  let withoutOutcome = 0;
  for (const r of runs) {
    if (isAnalysableRun(r)) out.push(r);
    else if (r.cache?.hit) cacheReplays++;
    else withoutOutcome++;
  }
  return { runs: out, cacheReplays, withoutOutcome };
}
