import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/capacity';
import { applySimulatedTiming, createSimulatedSchedule, simulateDurations } from '../../../src/core/stored-runs/simulate';
import { makeRun } from './make-run';

const steps = (n: number) => Array.from({ length: n }, (_, i) => ({ text: `Step ${i + 1}: 2 + 2 = 4.`, startedAt: 0, completedAt: 0 }));
const noJitter = { perStepMs: 1200, overheadMs: 2000, jitter: 0, timeoutMs: 30_000 };

describe('simulated timing', () => {
  it('without jitter, latency is overhead + steps × step time exactly (the planner’s own model)', () => {
    for (const n of [1, 4, 10, 23]) {
      const r = applySimulatedTiming(makeRun({ steps: steps(n), tier: 'short' }), noJitter, Math.random, () => 1_000);
      expect(r.latencyMs).toBe(2000 + n * 1200);
      expect(r.ttftMs).toBe(1000);
      expect(r.startedAt).toBe(1_000);
      expect(r.steps[n - 1].completedAt).toBe(1_000 + 1000 + n * 1200);
      expect(r.status).toBe('done');
      expect(r.simulated).toMatchObject({ ...noJitter, realLatencyMs: 4000 });
    }
  });

  it('cuts a run at the timeout like a client would: the steps finished by then, no answer, timed out', () => {
    // (30 − 1) s leaves room for 24 steps of 1.2 s (28.8 s); the answer's last 1 s does not fit.
    const r = applySimulatedTiming(makeRun({ steps: steps(24) }), noJitter, Math.random, () => 0);
    expect(r).toMatchObject({ status: 'error', timedOut: true, latencyMs: 30_000, answer: '', tier: 'complex' });
    expect(r.steps).toHaveLength(24);
    const longer = applySimulatedTiming(makeRun({ steps: steps(40) }), noJitter, Math.random, () => 0);
    expect(longer.steps).toHaveLength(Math.floor((30_000 - 1000) / 1200));
    expect(longer.error).toMatch(/^Timed out after 30 s \(simulated timing: 24 of 40 steps had arrived\)/);
    expect(longer.usage).toBeUndefined();
  });

  it('jitter spreads step times around the setting: mean within 3 % over many runs', () => {
    const rng = createRng(3);
    let sum = 0;
    let count = 0;
    for (let i = 0; i < 2000; i++) {
      const d = simulateDurations(10, { ...noJitter, jitter: 0.2 }, () => rng.next());
      for (const s of d.stepMs) {
        sum += s;
        count++;
      }
    }
    // E[exp(σZ)] = exp(σ²/2) for the per-run factor; the per-step uniform has mean 1.
    expect(sum / count / (1200 * Math.exp(0.02))).toBeCloseTo(1, 1);
  });

  it('leaves failed or stopped runs with their real timing', () => {
    const failed = makeRun({ status: 'error', error: 'HTTP 500' });
    expect(applySimulatedTiming(failed, noJitter, Math.random, () => 0)).toBe(failed);
  });

  it('schedules runs on the first free of `concurrency` slots', () => {
    const at = createSimulatedSchedule(2, 100);
    expect([at(10), at(5), at(1), at(1)]).toEqual([100, 100, 105, 106]);
  });
});
