import { describe, expect, it } from 'vitest';
import { getScenario } from '../../../src/core/demo/scenarios';
import { stepMarkLine, traceErrors, verifyChain, type StepMark } from '../../../src/core/verify';
import { TRAIL_WINDOW, normalNumber } from '../../../src/core/verify/error-trail';
import { processBench } from '../../support/datasets';

const lines = (marks: Map<number, StepMark[]>) => Object.fromEntries([...marks].map(([i, ms]) => [i + 1, ms.map(stepMarkLine)]));
const trailOf = (texts: string[], prompt = '') => traceErrors(texts.map((text) => ({ text })), verifyChain(texts), prompt);

describe('error trail', () => {
  it('follows the demo slip from step 2 to the model’s own correction in step 6', () => {
    const scenario = getScenario('arithmetic-slip');
    const texts = scenario.reasoning.split(/\n\n+/).map((t) => t.trim()).filter(Boolean);
    // Read off the chain's text: 418 is written in step 2, carried in 3, computed on in 4, withdrawn in 6.
    expect(texts[1]).toContain('17 × 24 = 418');
    expect(texts[5]).toMatch(/^Wait, 17 × 24 = 408, not 418/);
    expect(lines(trailOf(texts, scenario.prompt))).toEqual({
      2: ['Corrected by the model in step 6'],
      3: ['Uses 418 from step 2'],
      4: ['Uses 12,540 and 2,508 from step 3, built on 418 from step 2'],
      6: ['Corrects step 2: 408, not 418'],
    });
  });

  it('marks a step the policy had corrected as withdrawn, and what follows carries nothing', () => {
    const steps = [{ text: 'We need 17 × 24 first.' }, { text: 'So 17 × 24 = 418.', supersededBy: 2 }, { text: 'Re-checking step 2: 17 × 24 = 408.' }, { text: 'Then 408 × 36 = 14,688.' }];
    const findings = verifyChain(steps.map((s) => s.text));
    expect(findings.some((f) => f.kind === 'arithmetic' && f.step === 1)).toBe(true);
    expect(lines(traceErrors(steps, findings))).toEqual({ 2: ['Withdrawn: corrected in step 3 after verification'], 3: ['Corrects step 2: 408, not 418'] });
  });

  it('does not trace a value that was in play before the slip, or a single digit', () => {
    // 60 is in the question, so a later 60 is not the slip's.
    expect(lines(trailOf(['Each box costs 12 × 5 = 60.', 'Then 60 + 3 = 63.'], 'There are 60 boxes.'))).toEqual({});
    expect(lines(trailOf(['Each box costs 2 + 2 = 5.', 'So 5 boxes is plenty.']))).toEqual({});
  });

  it('a correction that restates the expression counts without a marker; a bare right value does not', () => {
    expect(lines(trailOf(['So 13 × 13 = 196.', 'Recomputing: 13 × 13 = 169.']))).toEqual({ 1: ['Corrected by the model in step 2'], 2: ['Corrects step 1: 169, not 196'] });
    // 169 appears, but the step neither restates 13 × 13 nor carries a self-correction marker.
    expect(lines(trailOf(['So 13 × 13 = 196.', 'Add 196 and 169 to get 365.']))).toEqual({ 2: ['Uses 196 from step 1'] });
  });

  it(`searches at most ${TRAIL_WINDOW} steps after a slip`, () => {
    const texts = ['So 13 × 13 = 196.', ...Array.from({ length: TRAIL_WINDOW }, (_, i) => `Filler paragraph number ${i}.`), 'Wait, 13 × 13 = 169, not 196.'];
    expect(lines(trailOf(texts))).toEqual({});
  });

  it('normalises numbers as chains write them', () => {
    expect(['12,540', '0012', '3.50', '-4.0', '1,2', 'x'].map(normalNumber)).toEqual(['12540', '12', '3.5', '-4', undefined, undefined]);
  });

  it('on real ProcessBench chains, only marks steps after a slip that write the carried value', () => {
    let carried = 0;
    for (const subset of ['gsm8k', 'math'] as const) {
      for (const solution of processBench(subset)) {
        const findings = verifyChain(solution.steps);
        const marks = traceErrors(solution.steps.map((text) => ({ text })), findings, solution.problem);
        const slips = new Set(findings.filter((f) => f.kind === 'arithmetic' && f.severity !== 'note').map((f) => f.step));
        if (!slips.size) expect(marks.size, solution.id).toBe(0);
        for (const [step, ms] of marks) {
          for (const m of ms) {
            if (m.kind !== 'carries') continue;
            carried += 1;
            expect(slips.has(m.origin), solution.id).toBe(true);
            expect(step, solution.id).toBeGreaterThan(m.from);
            for (const value of m.values) expect(solution.steps[step], solution.id).toContain(value);
          }
        }
      }
    }
    expect(carried).toBeGreaterThan(10);
  });

  it('reads real chains as a person would: gsm8k-2 carries its wrong 800 into the refund', () => {
    const item = processBench('gsm8k').find((s) => s.id === 'gsm8k-2')!;
    // Step 2 says 2/5 × 4000 = 800 (it is 1600); step 3 multiplies "$3.5 * 800".
    expect(item.steps[2]).toContain('$3.5 * 800');
    expect(lines(traceErrors(item.steps.map((text) => ({ text })), verifyChain(item.steps), item.problem))[3]).toEqual(['Uses 800 from step 2']);
  });
});

describe('error trail on a long chain', () => {
  // Slips every 50th step, corrections and carried values in between, numbers reused across steps.
  const chain = (n: number) => {
    const texts: string[] = [];
    for (let i = 0; i < n; i++) {
      const a = 11 + ((i * 7) % 80);
      const b = 3 + ((i * 5) % 11);
      // The slip of round r: 17 × k written as 17k + 1000 (a value no other step writes).
      const k = 20 + Math.floor(i / 50);
      const wrong = 17 * k + 1000;
      if (i % 50 === 49) texts.push(`There are 17 pallets in each of ${k} rows, so 17 × ${k} = ${wrong} pallets.`);
      else if (i % 50 === 1 && i > 1) texts.push(`Using the ${17 * (k - 1) + 1000} pallets, ${17 * (k - 1) + 1000} × 3 = ${(17 * (k - 1) + 1000) * 3}.`);
      else if (i % 50 === 3 && i > 3 && i % 100 === 3) texts.push(`Wait, 17 × ${k - 1} = ${17 * (k - 1)}, not ${17 * (k - 1) + 1000}; so ${a} + ${b} = ${a + b}.`);
      else texts.push(`The shop sells ${a} items per day, so in ${b} days it sells ${a} × ${b} = ${a * b}.`);
    }
    return texts;
  };

  it('marks exactly what the straightforward trail marks', async () => {
    const { traceErrors: reference } = await import('./support/error-trail-reference');
    const texts = chain(1500);
    const steps = texts.map((text, i) => ({ text, ...(i === 349 ? { supersededBy: 350 } : {}) }));
    const findings = verifyChain(texts);
    expect(findings.filter((f) => f.kind === 'arithmetic').length).toBeGreaterThan(20);
    const expected = reference(steps, findings, 'A depot of 12 bays.');
    expect(expected.size).toBeGreaterThan(40);
    expect(traceErrors(steps, findings, 'A depot of 12 bays.')).toEqual(expected);
    // Traced again with more steps (as the live viewer does), the step readings are reused.
    const more = [...steps, ...chain(1600).slice(1500).map((text) => ({ text }))];
    const moreFindings = verifyChain(more.map((s) => s.text));
    expect(traceErrors(more, moreFindings)).toEqual(reference(more, moreFindings));
  });

  it('reads a step again when its text is not the one it read', () => {
    const steps = [{ text: 'So 13 × 13 = 196.' }, { text: 'Then 196 + 4 = 200.' }];
    expect(lines(traceErrors(steps, verifyChain(steps.map((s) => s.text))))).toEqual({ 2: ['Uses 196 from step 1'] });
    steps[1].text = 'Then 7 + 4 = 11.';
    expect(lines(traceErrors(steps, verifyChain(steps.map((s) => s.text))))).toEqual({});
  });
});
