import { tierOf } from '../run/tiers';
import type { RunRecord } from './types';

/**
 * Simulated timing for demo runs: the latency a real deployment would give the same chain, so a
 * 100-query demo batch shows real tiers, timeouts and a breakpoint while finishing in seconds.
 * Only the demo is ever simulated (the batch controller checks the provider); a simulated run
 * says so in `record.simulated`, and every page that shows latency marks it.
 *
 * Model (the planner's plan_capacity model with noise): latency = overhead + steps × step time.
 * Half the overhead comes before the first token, half after the last step (the answer). A run
 * draws a speed factor exp(jitter · z), z ~ N(0, 1), and each step lasts step time × factor ×
 * U(1 − jitter, 1 + jitter). A run whose latency passes the timeout is cut there, as a client
 * timeout would: the steps finished by then are kept, no answer, status error, timed out.
 */
export type SimulatedTiming = {
  perStepMs: number;
  overheadMs: number;
  /** Relative spread, 0–0.9. */
  jitter: number;
  /** The client timeout (by default the 30 s attention ceiling). */
  timeoutMs: number;
};

export const DEFAULT_SIMULATED_TIMING: SimulatedTiming = { perStepMs: 1200, overheadMs: 2000, jitter: 0.2, timeoutMs: 30_000 };

export type SimulatedMark = SimulatedTiming & { /** What the run really took in the browser. */ realLatencyMs?: number };

function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** The simulated durations for a chain of `steps` steps (ms): before the first token, per step, after the last. */
export function simulateDurations(steps: number, timing: SimulatedTiming, random: () => number): { ttftMs: number; stepMs: number[]; answerMs: number } {
  const jitter = Math.min(0.9, Math.max(0, timing.jitter));
  const factor = Math.exp(jitter * normal(random));
  const half = timing.overheadMs / 2;
  const around = () => 1 - jitter + 2 * jitter * random();
  const ttftMs = half * around();
  const stepMs = Array.from({ length: steps }, () => timing.perStepMs * factor * around());
  return { ttftMs, stepMs, answerMs: half * around() };
}

/**
 * The record as the simulated deployment would have produced it; `startAt` is given the run's
 * simulated latency and returns its start (epoch ms; see createSimulatedSchedule). Runs that did
 * not finish (failed, stopped) are returned unchanged: their timing is real.
 */
export function applySimulatedTiming(record: RunRecord, timing: SimulatedTiming, random: () => number, startAt: (latencyMs: number) => number): RunRecord {
  if (record.status !== 'done') return record;
  const d = simulateDurations(record.steps.length, timing, random);
  const mark: SimulatedMark = { ...timing, ...(record.latencyMs !== undefined ? { realLatencyMs: record.latencyMs } : {}) };
  // Offsets from the start, ms.
  let t = d.ttftMs;
  const offsets: [number, number][] = [];
  for (let i = 0; i < record.steps.length; i++) {
    const end = t + d.stepMs[i];
    if (end > timing.timeoutMs) break;
    offsets.push([t, end]);
    t = end;
  }
  const total = t + d.answerMs;
  const complete = offsets.length === record.steps.length && total <= timing.timeoutMs;
  const latencyMs = Math.round(complete ? total : timing.timeoutMs);
  const start = Math.round(startAt(latencyMs));
  const steps = offsets.map(([a, b], i) => ({ text: record.steps[i].text, startedAt: Math.round(start + a), completedAt: Math.round(start + b) }));
  const ttftMs = Math.round(d.ttftMs);
  if (complete) return { ...record, startedAt: start, endedAt: start + latencyMs, latencyMs, ttftMs, steps, simulated: mark };
  // Cut at the timeout: what arrived is kept; the server's usage never arrives.
  const keptChars = steps.reduce((s, x) => s + x.text.length, 0);
  const allChars = record.steps.reduce((s, x) => s + x.text.length, 0) || 1;
  const { usage: _usage, ...rest } = record;
  return {
    ...rest,
    status: 'error',
    error: `Timed out after ${timing.timeoutMs / 1000} s (simulated timing: ${steps.length} of ${record.steps.length} steps had arrived). What arrived is kept.`,
    timedOut: true,
    startedAt: start,
    endedAt: start + latencyMs,
    latencyMs,
    ...(ttftMs <= timing.timeoutMs ? { ttftMs } : {}),
    steps,
    answer: '',
    reasoningTokens: Math.round((record.reasoningTokens * keptChars) / allChars),
    reasoningTokensSource: 'estimate',
    tier: tierOf(steps.length),
    findings: record.findings.filter((f) => f.step < steps.length),
    checkpoints: record.checkpoints.filter((c) => c.stepCount <= steps.length),
    simulated: mark,
  };
}

/**
 * Start times as if the batch ran for real with `concurrency` requests in flight: each finished
 * run takes the slot that frees first. Returns the start for a run of the given simulated latency.
 */
export function createSimulatedSchedule(concurrency: number, start: number): (latencyMs: number) => number {
  const slots = Array.from({ length: Math.max(1, Math.floor(concurrency)) }, () => start);
  return (latencyMs) => {
    let best = 0;
    for (let i = 1; i < slots.length; i++) if (slots[i] < slots[best]) best = i;
    const at = slots[best];
    slots[best] = at + latencyMs;
    return at;
  };
}
