import { describe, expect, it } from 'vitest';
import { answersMatch, extractAnswer, gradeRun } from '../../../src/core/answers';
import { gsm8kTest, processBench, readDataset } from '../../support/datasets';
import { makeRun } from '../stored-runs/make-run';

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const goldOf = (answer: string) => /####\s*(.+)$/.exec(answer)![1].trim();

describe('answer extraction on real formats', () => {
  it('GSM8K: the #### line of every reference solution, despite the calculator annotations before it', () => {
    const problems = gsm8kTest();
    expect(problems).toHaveLength(1319);
    for (const p of problems) {
      const e = extractAnswer(p.answer)!;
      expect(e.rule).toBe('gsm8k');
      expect(answersMatch(e.value, goldOf(p.answer))).toBe(true);
    }
  });

  it('GSM8K model solutions ("A: n"): our verdict agrees with the dataset’s own is_correct labels', () => {
    const lines = readDataset('gsm8k/example_model_solutions.jsonl').split('\n').filter((l) => l.trim());
    let agree = 0;
    let total = 0;
    for (const line of lines) {
      const row = JSON.parse(line) as Record<string, unknown> & { ground_truth: string };
      const gold = /A:\s*(.+)\s*$/.exec(row.ground_truth)![1];
      for (const [key, v] of Object.entries(row)) {
        if (key === 'question' || key === 'ground_truth') continue;
        const { is_correct, solution } = v as { is_correct: boolean; solution: string };
        const e = extractAnswer(solution);
        const ours = e !== null && answersMatch(e.value, gold);
        total++;
        if (ours === is_correct) agree++;
      }
    }
    expect(total).toBeGreaterThan(3000);
    expect(agree / total).toBeGreaterThan(0.99);
  });

  it('ProcessBench GSM8K chains (\\boxed{}): matching the GSM8K gold agrees with ProcessBench’s final-answer labels', () => {
    const gold = new Map(gsm8kTest().map((g) => [norm(g.question), goldOf(g.answer)]));
    let agree = 0;
    let total = 0;
    for (const x of processBench('gsm8k')) {
      const g = gold.get(norm(x.problem));
      if (g === undefined) continue;
      const e = extractAnswer(x.steps.join('\n\n'));
      total++;
      if ((e !== null && answersMatch(e.value, g)) === x.final_answer_correct) agree++;
    }
    expect(total).toBeGreaterThan(350);
    expect(agree / total).toBeGreaterThan(0.97);
  });

  it('ProcessBench MATH chains: a \\boxed{} answer is found, braces balanced', () => {
    const math = processBench('math');
    const boxed = math.filter((x) => x.steps.join('\n').includes('\\boxed{'));
    expect(boxed.length).toBeGreaterThan(800);
    for (const x of boxed) {
      const e = extractAnswer(x.steps.join('\n\n'))!;
      expect(e.rule).toBe('boxed');
      let depth = 0;
      for (const c of e.value) depth += c === '{' ? 1 : c === '}' ? -1 : 0;
      expect(depth).toBe(0);
    }
    expect(extractAnswer('so $x = \\boxed{\\frac{\\sqrt{3}}{2}}$.')!.value).toBe('\\frac{\\sqrt{3}}{2}');
  });
});

describe('comparison', () => {
  it.each([
    ['1,000', '1000', true],
    ['$1{,}000$', '1000', true],
    ['1\\,000', '1000', true],
    ['$18', '18', true],
    ['18 dollars', '18', true],
    ['12 cm', '12', true],
    ['50\\%', '50', true],
    ['30^\\circ', '30', true],
    ['\\frac{1}{2}', '0.5', true],
    ['\\dfrac{3}{4}', '3/4', true],
    ['0.33', '1/3', true],
    ['18', '18.5', false],
    ['18.0', '18', true],
    ['-4', '4', false],
    ['\\text{(C)}', 'C', true],
    ['(B)', 'C', false],
    ['\\frac{\\sqrt{3}}{2}', '\\dfrac{\\sqrt{3}}{2}', true],
    ['(1, 2)', '(1,2)', true],
    ['**12**', '12', true],
  ])('%s vs %s → %s', (a, b, want) => {
    expect(answersMatch(a, b)).toBe(want);
  });

  it('reads "the answer is", multiple-choice letters and a last number', () => {
    expect(extractAnswer('So the final answer is 42 apples.\nThanks')).toEqual({ value: '42 apples', rule: 'phrase' });
    expect(extractAnswer('I compared all options. The correct one is (B), since …', { choice: true })).toEqual({ value: 'B', rule: 'choice' });
    expect(extractAnswer('Total: 3 + 4 = 7, then 7 × 2 = 14')).toEqual({ value: '14', rule: 'last-number' });
    expect(extractAnswer('no digits at all')).toBeNull();
  });
});

describe('gradeRun', () => {
  it('correct, incorrect, not scored, with the extracted answer kept', () => {
    expect(gradeRun(makeRun({ answer: 'The bakery took in **$567** over the two days.', reference: '567' }))).toMatchObject({ verdict: 'correct', extracted: '$567', rule: 'last-number' });
    expect(gradeRun(makeRun({ answer: '#### 566', reference: '567' }))).toMatchObject({ verdict: 'incorrect', extracted: '566', reason: 'expected 567' });
    expect(gradeRun(makeRun({ answer: 'anything', reference: undefined }))).toMatchObject({ verdict: 'unscored' });
    expect(gradeRun(makeRun({ status: 'error', timedOut: true, answer: '', reference: '4' }))).toMatchObject({ verdict: 'incorrect', reason: 'timed out before answering' });
    expect(gradeRun(makeRun({ status: 'error', error: 'HTTP 500', answer: '', reference: '4' }))).toMatchObject({ verdict: 'unscored' });
    // Nothing answer-like in the answer panel: the last reasoning step is read.
    expect(gradeRun(makeRun({ answer: '', reference: '408' }))).toMatchObject({ verdict: 'correct', fromReasoning: true });
  });
});
