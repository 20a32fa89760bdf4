import { bucketEvidence } from './buckets';
import type { StageTimings } from './memo';
import { emptyAnalysis, finishAnalysis } from './pipeline';
import { createRowFeed } from './rows';
import type { PlannerSettings } from './settings';
import type { DatasetPart, PlannerAnalysis } from './types';

/**
 * Stateful analysis over the loaded parts (keyed by the order they were loaded), memoised per
 * stage. Raw rows win over buckets: the two are not mixed. `now` is the clock for the stage
 * timings (the worker passes performance.now).
 */
export function createPlannerAnalyzer(now: () => number) {
  /** How long each stage took the last time it ran (ms), for the bench and the status tooltip. */
  const timings: StageTimings = {};
  const parts = new Map<number, DatasetPart>();
  let version = 0;
  const rowEvidence = createRowFeed(timings, now);

  function analyze(s: PlannerSettings): PlannerAnalysis {
    const t0 = now();
    for (const k of Object.keys(timings)) delete timings[k];
    const list = [...parts.entries()].sort((a, b) => a[0] - b[0]).map(([, p]) => p);
    const rowsTotal = list.reduce((a, p) => a + p.rows.length, 0);
    const buckets = list.flatMap((p) => p.buckets);
    let out: PlannerAnalysis;
    if (rowsTotal > 0) {
      out = finishAnalysis(rowEvidence(list, version, s), s, timings, now);
      if (buckets.length) out.notes.push(`${buckets.length} pre-aggregated bucket rows from other files are not mixed with raw rows; remove the raw-row files to analyse the buckets.`);
    } else if (buckets.length > 0) out = finishAnalysis(bucketEvidence(buckets, s), s, timings, now);
    else out = emptyAnalysis(s);
    out.durationMs = now() - t0;
    out.timings = { ...timings };
    return out;
  }

  return {
    set(key: number, part: DatasetPart) {
      parts.set(key, part);
      version++;
    },
    remove(key: number) {
      if (parts.delete(key)) version++;
    },
    clear() {
      parts.clear();
      version++;
    },
    get size() {
      return parts.size;
    },
    analyze,
  };
}

export type PlannerAnalyzer = ReturnType<typeof createPlannerAnalyzer>;
