/**
 * An optional judge model, asked in the style of ProcessBench's critic prompt (Zheng et al.,
 * 2024) for the earliest wrong step of the partial chain. Paragraphs are indexed from 0, as
 * in ProcessBench; -1 means "no error found".
 */
export function judgePrompt(problem: string, steps: readonly string[]): string {
  const paragraphs = steps.map((text, i) => `<paragraph_${i}>\n${text}\n</paragraph_${i}>`).join('\n\n');
  return [
    'The following is a math problem and a solution (split into paragraphs, enclosed with tags and indexed from 0):',
    '',
    '[Math Problem]',
    '',
    problem,
    '',
    '[Solution]',
    '',
    paragraphs,
    '',
    'Your task is to review and critique the solution paragraph by paragraph. Once you identify an error in a paragraph, return the index of the paragraph where the earliest error occurs. Otherwise, return the index of -1 (which typically denotes "not found").',
    '',
    'Please put your final answer (i.e., the index) in \\boxed{}.',
  ].join('\n');
}

/** Reads the last \boxed{N}; null when the reply has no usable verdict. */
export function parseJudgeVerdict(reply: string, stepCount: number): { step: number | null } {
  const boxed = [...reply.matchAll(/\\boxed\{\s*(-?\d+)\s*\}/g)];
  const last = boxed[boxed.length - 1];
  if (!last) return { step: null };
  const step = Number(last[1]);
  if (step === -1) return { step: -1 };
  return { step: step >= 0 && step < stepCount ? step : null };
}
