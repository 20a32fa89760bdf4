import type { RunRecord } from './types';

/**
 * The Runs page lists every stored run on the page's thread; a run of tens of megabytes would
 * cost a long task just to be handed over. The list gets each run with its long texts cut to
 * these lengths (every count, timestamp and finding kept), marked `clipped`; the full text of a
 * step or the answer is fetched when asked for, and exports read the stored records.
 */
export const LIST_CLIP = { step: 2000, answer: 20_000, prompt: 20_000 } as const;

export type ClippedRun = RunRecord & {
  /** Set when a text was cut for the list: the full lengths. */
  clipped?: { answerChars: number; promptChars: number; stepChars: number[] };
};

export function clipRunForList(run: RunRecord, limits: { step: number; answer: number; prompt: number } = LIST_CLIP): ClippedRun {
  const long = run.answer.length > limits.answer || run.prompt.length > limits.prompt || run.steps.some((s) => s.text.length > limits.step);
  if (!long) return run;
  return {
    ...run,
    prompt: run.prompt.slice(0, limits.prompt),
    answer: run.answer.slice(0, limits.answer),
    steps: run.steps.map((s) => (s.text.length > limits.step ? { ...s, text: s.text.slice(0, limits.step) } : s)),
    clipped: { answerChars: run.answer.length, promptChars: run.prompt.length, stepChars: run.steps.map((s) => s.text.length) },
  };
}

/**
 * Splits a list into parts of bounded size for posting between threads: deserialising one
 * message of 100,000 runs costs the page about a second, parts of this weight (a run counts
 * one plus its steps, plus a unit per 2,000 characters of text) about 20 ms each.
 */
export const TRANSFER_PART_WEIGHT = 20_000;

export function splitForTransfer<T extends RunRecord>(runs: readonly T[], maxWeight: number = TRANSFER_PART_WEIGHT): T[][] {
  const parts: T[][] = [];
  let part: T[] = [];
  let weight = 0;
  for (const run of runs) {
    let chars = run.prompt.length + run.answer.length;
    for (const s of run.steps) chars += s.text.length;
    const w = 1 + run.steps.length + Math.ceil(chars / 2000);
    if (part.length > 0 && weight + w > maxWeight) {
      parts.push(part);
      part = [];
      weight = 0;
    }
    part.push(run);
    weight += w;
  }
  if (part.length > 0 || parts.length === 0) parts.push(part);
  return parts;
}
