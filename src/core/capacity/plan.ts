/**
 * The classic step-time capacity estimate: time per request = steps × stepTime + overhead, and
 * the share of requests whose estimate meets the target p95. The defaults, 1.2 s per step and
 * 2.0 s overhead, come from the classic capacity formula; pass values from
 * `fitLatencyModel` to use the log's own.
 */

export type PlanOptions = { stepTime?: number; overhead?: number };

export const DEFAULT_STEP_TIME_SECONDS = 1.2;
export const DEFAULT_OVERHEAD_SECONDS = 2.0;

/**
 * Share in [0, 1] of requests (weighted by count) whose estimated time is ≤ targetP95Seconds.
 * `distribution` maps a step count to how many requests took that many steps; non-finite keys
 * and non-positive counts are ignored. An empty distribution gives 0.
 */
export function planCapacity(distribution: Record<number, number>, targetP95Seconds: number, options: PlanOptions = {}): number {
  const stepTime = options.stepTime ?? DEFAULT_STEP_TIME_SECONDS;
  const overhead = options.overhead ?? DEFAULT_OVERHEAD_SECONDS;
  // Tolerance so 10 × 1.2 + 2 ≤ 14 holds despite binary floating point.
  const limit = targetP95Seconds + 1e-9 * Math.max(1, Math.abs(targetP95Seconds));
  let total = 0;
  let within = 0;
  for (const [key, count] of Object.entries(distribution)) {
    const steps = Number(key);
    if (!Number.isFinite(steps) || !(count > 0)) continue;
    total += count;
    if (steps * stepTime + overhead <= limit) within += count;
  }
  return total > 0 ? within / total : 0;
}
