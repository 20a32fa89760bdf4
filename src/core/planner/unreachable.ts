/**
 * When no fleet size meets the target p95, say why in plain words, and find the reasoning cap
 * that would make it reachable: the largest step count C such that, with every request cut off
 * at C steps, the service times' p95 is within the target — and size the fleet for that.
 */
import { lengthColumnsOf, percentileSorted, sampleIndices, sortFloat64, sizeFleet, type FleetInput, type FleetPlan, type LatencyModel, type LengthColumns, type LengthRow } from '../capacity';

/** Above this many requests the cap search runs on a seeded sample. */
export const CAP_SEARCH_SAMPLE = 20_000;

export type CappedFleet = {
  /** Reasoning capped at this many steps. */
  capSteps: number;
  /** Requests longer than the cap (they would be cut short), of all with a length and a latency. */
  aboveCap: number;
  of: number;
  /** The per-step time and overhead that estimate a cut-short request's latency. */
  stepTimeSeconds: number;
  overheadSeconds: number;
  modelSource: 'fitted' | 'settings';
  plan: FleetPlan;
};

export type FleetBlocker = {
  /** One plain sentence: what makes the target unreachable. */
  why: string;
  capped: CappedFleet | null;
};

const fmt = (v: number) => `${Number(v.toPrecision(3))}`;
const pct = (v: number) => `${Number((v * 100).toPrecision(2))} %`;

/** Service times (s) with reasoning cut at `cap` steps: longer requests end at the model's time for `cap` steps (or sooner, as measured). */
export function cappedServiceTimes(rows: readonly LengthRow[], cap: number, stepTimeSeconds: number, overheadSeconds: number): Float64Array {
  const atCap = overheadSeconds + cap * stepTimeSeconds;
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const measured = (rows[i].latencyMs as number) / 1000;
    out[i] = rows[i].steps <= cap ? measured : Math.min(measured, atCap);
  }
  return out;
}

export function explainUnreachable(input: {
  plan: FleetPlan;
  fleet: FleetInput;
  /** Service times in the plan that are timed-out requests. */
  timedOut: number;
  serviceCount: number;
  timeoutSeconds: number;
  /** Requests with steps and a latency (timed-out ones at their recorded latency); null when there are no steps. */
  stepRows: readonly LengthRow[] | LengthColumns | null;
  model: LatencyModel | null;
  settingsModel: { stepTimeSeconds: number; overheadSeconds: number };
}): FleetBlocker | null {
  const { plan, fleet } = input;
  const target = fleet.targetP95Seconds;
  if (plan.erlang.instances !== null || !(plan.serviceP95Seconds > target)) return null;
  const timedOutShare = input.serviceCount ? input.timedOut / input.serviceCount : 0;
  const why =
    timedOutShare > 0.05 && input.timeoutSeconds > target
      ? `${pct(timedOutShare)} of requests time out at ${fmt(input.timeoutSeconds)} s — more than the 5 % a p95 target allows — so no number of instances brings p95 under ${fmt(target)} s.`
      : `A single request already takes longer than the p95 target at this length: without any queueing the slowest 5 % take ${fmt(plan.serviceP95Seconds)} s or more, against the ${fmt(target)} s target.`;

  const cols = lengthColumnsOf(input.stepRows ?? []);
  let count = 0;
  for (let i = 0; i < cols.steps.length; i++) if (Number.isFinite(cols.latencyMs[i]) && Number.isFinite(cols.steps[i])) count++;
  const usable = new Uint32Array(count);
  for (let i = 0, at = 0; i < cols.steps.length; i++) if (Number.isFinite(cols.latencyMs[i]) && Number.isFinite(cols.steps[i])) usable[at++] = i;
  if (usable.length === 0) return { why, capped: null };
  const fitted = input.model !== null && input.model.stepTimeSeconds > 0;
  const stepTime = fitted ? (input.model as LatencyModel).stepTimeSeconds : input.settingsModel.stepTimeSeconds;
  const overhead = fitted ? (input.model as LatencyModel).overheadSeconds : input.settingsModel.overheadSeconds;
  if (!(stepTime > 0)) return { why, capped: null };
  const picked = usable.length > CAP_SEARCH_SAMPLE ? Array.from(sampleIndices(usable.length, CAP_SEARCH_SAMPLE, 3), (i) => usable[i]) : usable;
  const rows: LengthRow[] = Array.from(picked, (i) => ({ steps: cols.steps[i], latencyMs: cols.latencyMs[i] }));
  let maxSteps = 0;
  for (const r of rows) maxSteps = Math.max(maxSteps, r.steps);
  // The capped service times never fall as the cap rises (each request's time is non-decreasing in
  // it): bisect on whether the fleet model finds a size that meets the target.
  const fits = (cap: number) => {
    const service = sortFloat64(cappedServiceTimes(rows, cap, stepTime, overhead));
    return percentileSorted(service, 95) <= target && sizeFleet({ ...fleet, serviceTimesSeconds: service, curvePoints: 2 }).erlang.instances !== null;
  };
  if (!fits(1)) return { why, capped: null };
  let lo = 1;
  let hi = Math.ceil(maxSteps);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  const service = sortFloat64(cappedServiceTimes(rows, lo, stepTime, overhead));
  let aboveCap = 0;
  for (const i of usable) if (cols.steps[i] > lo) aboveCap++;
  return {
    why,
    capped: {
      capSteps: lo,
      aboveCap,
      of: usable.length,
      stepTimeSeconds: stepTime,
      overheadSeconds: overhead,
      modelSource: fitted ? 'fitted' : 'settings',
      plan: sizeFleet({ ...fleet, serviceTimesSeconds: service }),
    },
  };
}
