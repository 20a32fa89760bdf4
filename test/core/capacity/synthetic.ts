/** Seeded synthetic request logs for the capacity tests (no Math.random: reproducible). */
import { createRng } from '../../../src/core/capacity';
import type { BreakpointRow } from '../../../src/core/capacity';

export type SyntheticOptions = {
  n: number;
  seed: number;
  /** Lognormal steps: median and log-sd. */
  medianSteps?: number;
  sigma?: number;
  stepTimeSeconds?: number;
  overheadSeconds?: number;
  noiseSeconds?: number;
  /** Timeout probability for a row with this many steps and this latency (s). */
  timeout: (steps: number, latencySeconds: number, u: number) => boolean;
  /** Latency recorded for a timed-out row (default: the true latency). */
  censorAtSeconds?: number;
};

export function syntheticLog(o: SyntheticOptions): BreakpointRow[] {
  const rng = createRng(o.seed);
  const median = o.medianSteps ?? 25;
  const sigma = o.sigma ?? 0.6;
  const stepTime = o.stepTimeSeconds ?? 1.2;
  const overhead = o.overheadSeconds ?? 2;
  const noise = o.noiseSeconds ?? 1.5;
  const rows: BreakpointRow[] = [];
  for (let i = 0; i < o.n; i++) {
    const steps = Math.max(1, Math.round(Math.exp(Math.log(median) + sigma * rng.normal())));
    const latency = Math.max(0.1, steps * stepTime + overhead + noise * rng.normal());
    const timedOut = o.timeout(steps, latency, rng.next());
    const recorded = timedOut && o.censorAtSeconds !== undefined ? Math.min(latency, o.censorAtSeconds) : latency;
    rows.push({ steps, latencyMs: recorded * 1000, timedOut });
  }
  return rows;
}

export const logistic = (eta: number) => 1 / (1 + Math.exp(-eta));
export const logit = (p: number) => Math.log(p / (1 - p));
