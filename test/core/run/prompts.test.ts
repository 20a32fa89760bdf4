import { describe, expect, it } from 'vitest';
import { correctionHistory, correctionPrompt, summaryPrompt } from '../../../src/core/run/prompts';

describe('side-request prompts', () => {
  it('the correction prompt names the step (1-based) and the finding', () => {
    const p = correctionPrompt({ step: 7, message: 'step 8: 17 × 24 = 418, exact 408' });
    expect(p).toBe('Verification warning: step 8 may be problematic — step 8: 17 × 24 = 418, exact 408. Re-check step 8, correct it, and continue the reasoning from there to the final answer.');
  });

  it('the correction history is the problem and the numbered chain so far', () => {
    expect(correctionHistory('How many?', [{ text: 'a' }, { text: 'b' }])).toEqual([
      { role: 'user', content: 'How many?' },
      { role: 'assistant', content: 'My reasoning so far:\n\nStep 1: a\n\nStep 2: b' },
    ]);
  });

  it('a step the model corrected is shown to it again as withdrawn', () => {
    expect(correctionHistory('How many?', [{ text: 'a' }, { text: 'b', supersededBy: 2 }, { text: 'c' }])[1].content).toBe(
      'My reasoning so far:\n\nStep 1: a\n\nStep 2: b (withdrawn after verification: corrected in step 3)\n\nStep 3: c',
    );
  });

  it('the summary prompt carries the problem and every step, numbered', () => {
    const p = summaryPrompt('How many?', [{ text: 'first' }, { text: 'second' }]);
    expect(p.split('\n').slice(-5)).toEqual(['Problem: How many?', '', 'Step 1: first', '', 'Step 2: second']);
  });
});
