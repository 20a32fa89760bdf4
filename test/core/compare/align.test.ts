import { describe, expect, it } from 'vitest';
import { alignSteps, compareRuns, describeDivergence, stepSimilarity } from '../../../src/core/compare/align';
import { makeRun } from '../stored-runs/make-run';

const steps = (...texts: string[]) => texts;

describe('alignSteps', () => {
  it('pairs identical chains row by row with no divergence, ignoring case, spacing and punctuation', () => {
    const a = steps('First, 17 × 24 = 408.', 'Then add 2.', 'Done');
    const b = steps('first,  17 × 24 = 408', 'THEN add 2!', 'done.');
    const al = alignSteps(a, b);
    expect(al.rows.map((r) => [r.left, r.right, r.kind])).toEqual([
      [0, 0, 'same'],
      [1, 1, 'same'],
      [2, 2, 'same'],
    ]);
    expect(al.firstDivergentRow).toBeNull();
  });

  it('finds the first changed step and keeps later equal steps aligned', () => {
    const a = steps('List the givens.', 'Multiply 17 by 24 to get 408.', 'Add the tax.', 'The answer is 442.');
    const b = steps('List the givens.', 'Multiply 17 by 24 to get 418.', 'Add the tax.', 'The answer is 452.');
    const al = alignSteps(a, b);
    expect(al.firstDivergentRow).toBe(1);
    expect(al.rows[1]).toMatchObject({ left: 1, right: 1 });
    expect(al.rows[1].kind).not.toBe('same');
    expect(al.rows[2]).toMatchObject({ left: 2, right: 2, kind: 'same' });
  });

  it('shifts the rest when one side inserts a step, instead of misaligning everything after it', () => {
    const a = steps('Read the problem carefully.', 'Compute the area of the room as 12 square metres.', 'Divide by the tile size to count tiles.', 'So we need 48 tiles.');
    const b = steps(
      'Read the problem carefully.',
      'Wait, let me double-check the units before going on at all.',
      'Compute the area of the room as 12 square metres.',
      'Divide by the tile size to count tiles.',
      'So we need 48 tiles.',
    );
    const al = alignSteps(a, b);
    expect(al.rows.map((r) => [r.left, r.right, r.kind])).toEqual([
      [0, 0, 'same'],
      [null, 1, 'right-only'],
      [1, 2, 'same'],
      [2, 3, 'same'],
      [3, 4, 'same'],
    ]);
    expect(al.firstDivergentRow).toBe(1);
  });

  it('reports a longer chain as diverging where the shorter one ends', () => {
    const al = alignSteps(steps('alpha beta gamma', 'delta epsilon'), steps('alpha beta gamma', 'delta epsilon', 'zeta eta theta'));
    expect(al.firstDivergentRow).toBe(2);
    expect(al.rows[2]).toMatchObject({ left: null, right: 2, kind: 'right-only' });
  });

  it('similarity: 1 for equal text, 0 for disjoint words, in between for a shared half', () => {
    expect(stepSimilarity('a b c', 'A  b c.')).toBe(1);
    expect(stepSimilarity('one two three', 'four five six')).toBe(0);
    // bigrams {a b, b c, c d} vs {a b, b c, c x}: Dice = 2·2 / 6.
    expect(stepSimilarity('a b c d', 'a b c x')).toBeCloseTo(4 / 6, 10);
  });
});

describe('compareRuns', () => {
  it('sets steps, latency, tier, tokens and findings side by side and names the first divergent step', () => {
    const left = makeRun({
      id: 'l',
      steps: ['Start from 3 apples.', 'Add 4 apples to get 7.', 'So there are 7 apples.'].map((text, i) => ({ text, startedAt: i, completedAt: i + 1 })),
      latencyMs: 2000,
      reasoningTokens: 30,
      answer: '7',
      findings: [],
    });
    const right = makeRun({
      id: 'r',
      steps: ['Start from 3 apples.', 'Add 4 apples to get 8.', 'So there are 8 apples.', 'Check: 3 + 4 = 7, so 8 is wrong.'].map((text, i) => ({ text, startedAt: i, completedAt: i + 1 })),
      latencyMs: 3500,
      reasoningTokens: 44,
      answer: '8',
      findings: [{ step: 1, kind: 'arithmetic', severity: 'error', message: '3 + 4 = 8, exact 7' }, { step: 3, kind: 'self-correction', severity: 'note', message: 'marker' }],
    });
    const c = compareRuns(left, right, { left: 'low', right: 'high' });
    expect(c.left).toMatchObject({ label: 'low', steps: 3, latencyMs: 2000, reasoningTokens: 30, errors: 0 });
    expect(c.right).toMatchObject({ label: 'high', steps: 4, latencyMs: 3500, reasoningTokens: 44, errors: 1, notes: 1 });
    expect(c.firstDivergence).toMatchObject({ leftStep: 2, rightStep: 2 });
    expect(describeDivergence(c)).toBe('step 2');
    expect(c.sameAnswer).toBe(false);
  });
});
