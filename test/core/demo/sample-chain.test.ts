import { describe, expect, it } from 'vitest';
import chains from '../../../src/core/demo/sample-chains.json';
import { findSampleChain, keptSteps, sampleScenario, type SampleChain } from '../../../src/core/demo/sample-chain';
import { splitSteps } from '../../../src/core/steps/segmenter';

const all = chains as SampleChain[];
const stepsOf = (text: string) => splitSteps(text).map((s) => s.text);

describe('the demo model on sample queries', () => {
  it('streams each chain as exactly its dataset steps (one paragraph per step) at default effort', () => {
    for (const c of all) {
      const s = sampleScenario(c);
      expect(stepsOf(s.reasoning)).toEqual(c.steps);
      expect(s.answer).toBe(c.answer);
    }
  });

  it('finds a chain by prompt whatever the case and spacing', () => {
    const c = all[7];
    expect(findSampleChain(all, `  ${c.prompt.toUpperCase().replace(/ /g, '   ')} `)).toBe(c);
    expect(findSampleChain(all, 'What is 15% of 80?')).toBeUndefined();
  });

  it('keeps evenly spaced steps, always the first and the last', () => {
    expect(keptSteps(10, 1)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // 9·i/4 for i = 0…4 is 0, 2.25, 4.5, 6.75, 9, rounded half up.
    expect(keptSteps(10, 0.5)).toEqual([0, 2, 5, 7, 9]);
    expect(keptSteps(3, 0.1)).toEqual([2]);
  });

  it('lower effort: fewer steps and more slips (wrong final numbers), as documented', () => {
    const total = (effort: 'high' | 'medium' | 'low') => all.reduce((n, c) => n + stepsOf(sampleScenario(c, { effort }).reasoning).length, 0);
    const slips = (effort: 'high' | 'medium' | 'low') => all.filter((c) => sampleScenario(c, { effort }).slipped).length;
    expect(total('high')).toBeGreaterThan(total('medium'));
    expect(total('medium')).toBeGreaterThan(total('low'));
    expect(slips('high')).toBe(0);
    expect(slips('low')).toBeGreaterThan(slips('medium'));
    // A slip changes the answer's number and the same number in the last step.
    const slipped = all.map((c) => ({ c, s: sampleScenario(c, { effort: 'low' }) })).find((x) => x.s.slipped && x.c.answer.startsWith('####'))!;
    expect(slipped.s.answer).not.toBe(slipped.c.answer);
    const wrong = /#### (.+)$/.exec(slipped.s.answer)![1];
    expect(stepsOf(slipped.s.reasoning).at(-1)).toContain(wrong);
  });

  it('honours max_tokens: the reasoning stops there and no answer follows', () => {
    const c = all.find((x) => x.steps.length > 20)!;
    const s = sampleScenario(c, { maxTokens: 200 });
    expect(s.truncated).toBe(true);
    expect(s.answer).toBe('');
    expect(stepsOf(s.reasoning).length).toBeLessThan(c.steps.length);
  });
});
