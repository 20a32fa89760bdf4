/**
 * Verification cost per interval when the chain is already long: a 10,000-step chain verified
 * 3 steps at a time by the same incremental verifier the worker runs. State is kept between
 * intervals, so the cost should not grow with the chain.
 */
import { splitSteps } from '../../src/core/steps/segmenter';
import { createVerifier } from '../../src/core/verify';
import { makeReasoning } from './reasoning-corpus';
import { benchRuns } from './support';

function pct(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function runVerifyIntervalBench(interval = 3): Record<string, number> {
  const steps = splitSteps(makeReasoning()).map((s, i) => ({ index: i, text: s.text, completedAt: i * 10 }));
  const reps: { times: number[]; total: number }[] = [];
  for (let rep = 0; rep < benchRuns(); rep++) {
    const verifier = createVerifier();
    const times: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < steps.length; i += interval) {
      const t = performance.now();
      verifier.verify(steps.slice(i, i + interval), (i + interval) * 10);
      times.push(performance.now() - t);
    }
    reps.push({ times, total: performance.now() - t0 });
  }
  // The repetition with the median total, not the best one.
  const middle = [...reps].sort((a, b) => a.total - b.total)[Math.floor(reps.length / 2)];
  const chosen = middle.times;
  const chosenTotal = middle.total;
  const sorted = [...chosen].sort((a, b) => a - b);
  const firstK = [...chosen.slice(0, 100)].sort((a, b) => a - b);
  const lastK = [...chosen.slice(-100)].sort((a, b) => a - b);
  const out = { steps: steps.length, intervals: chosen.length, p50Ms: pct(sorted, 50), p95Ms: pct(sorted, 95), maxMs: sorted[sorted.length - 1], first100P50Ms: pct(firstK, 50), last100P50Ms: pct(lastK, 50), perStepUs: (chosenTotal / steps.length) * 1000 };
  console.log(`\nVerification per interval (${interval} steps) on a ${steps.length.toLocaleString('en-US')}-step chain, state kept between intervals (median of ${reps.length} repetitions, Node):`);
  console.log(`  p50 ${out.p50Ms.toFixed(3)} ms, p95 ${out.p95Ms.toFixed(3)} ms, max ${out.maxMs.toFixed(2)} ms   (aim p95 < 5 ms)`);
  console.log(`  first 100 intervals p50 ${out.first100P50Ms.toFixed(3)} ms vs last 100 p50 ${out.last100P50Ms.toFixed(3)} ms (cost does not grow with the chain); ${out.perStepUs.toFixed(1)} µs per step`);
  return out;
}
