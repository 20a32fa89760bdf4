import type { Finding } from '../verify/types';

/** The words of the side requests a run sends its model: a self-correction and a checkpoint summary. */

type ChainStep = { text: string; supersededBy?: number };

/** A step's text as the model is shown it again: a corrected step says so. */
export function restatedStep(step: ChainStep): string {
  return step.supersededBy === undefined ? step.text : `${step.text} (withdrawn after verification: corrected in step ${step.supersededBy + 1})`;
}

const numbered = (steps: readonly ChainStep[]) => steps.map((s, i) => `Step ${i + 1}: ${restatedStep(s)}`).join('\n\n');

/** The user turn that asks the model to fix the flagged step and carry on. */
export function correctionPrompt(finding: Pick<Finding, 'step' | 'message'>): string {
  const n = finding.step + 1;
  return `Verification warning: step ${n} may be problematic — ${finding.message}. Re-check step ${n}, correct it, and continue the reasoning from there to the final answer.`;
}

/** The conversation before the correction prompt: the problem and the chain up to the flagged step. */
export function correctionHistory(problem: string, chain: readonly ChainStep[]): { role: 'user' | 'assistant'; content: string }[] {
  return [
    { role: 'user', content: problem },
    { role: 'assistant', content: `My reasoning so far:\n\n${numbered(chain)}` },
  ];
}

/** Asks for a one-paragraph summary of a partial chain (a checkpoint's model summary). */
export function summaryPrompt(problem: string, steps: readonly ChainStep[]): string {
  return [
    'Summarise the partial reasoning below in one short paragraph: what has been established so far, the latest stated quantities, and what remains. Do not solve the rest.',
    '',
    `Problem: ${problem}`,
    '',
    numbered(steps),
  ].join('\n');
}
