import { describe, expect, it } from 'vitest';
import { judgePrompt, parseJudgeVerdict } from '../../../src/core/verify/judge';

describe('judge prompt', () => {
  it('follows ProcessBench: paragraphs indexed from 0 and a boxed index', () => {
    const p = judgePrompt('What is 2 + 2?', ['2 + 2 = 5.', 'So the answer is 5.']);
    expect(p).toContain('<paragraph_0>\n2 + 2 = 5.\n</paragraph_0>');
    expect(p).toContain('\\boxed{}');
    expect(p).toContain('<paragraph_1>\nSo the answer is 5.\n</paragraph_1>');
    expect(p).toContain('[Math Problem]\n\nWhat is 2 + 2?\n\n[Solution]');
  });

  it('reads the last boxed verdict and rejects out-of-range ones', () => {
    expect(parseJudgeVerdict('Paragraph 0 is wrong. \\boxed{0}', 2)).toEqual({ step: 0 });
    expect(parseJudgeVerdict('first \\boxed{1} then \\boxed{ -1 }', 2)).toEqual({ step: -1 });
    expect(parseJudgeVerdict('\\boxed{7}', 2)).toEqual({ step: null });
    expect(parseJudgeVerdict('I think paragraph 1.', 2)).toEqual({ step: null });
  });
});
