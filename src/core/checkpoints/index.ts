import type { Step } from '../steps/types';

/** A checkpoint card: what the reader needs to know every K steps without reading the chain. */
export type Checkpoint = {
  /** 1-based checkpoint number. */
  number: number;
  /** Steps completed when it was taken. */
  stepCount: number;
  /** Milliseconds since the run started. */
  elapsedMs: number;
  /** Extractive summary: the latest stated results and quantities. */
  summary: string[];
  /** Filled in later when a model endpoint writes a one-paragraph summary. */
  modelSummary?: string;
  /** How the model summary went: pending, done, or why it failed. */
  modelSummaryStatus?: 'pending' | 'done' | string;
};

/** How far back a checkpoint summary looks for stated results. */
const SUMMARY_WINDOW = 20;

const RESULT = /(=|≈|\b(?:so|therefore|thus|hence|total|result|answer|equals|gives|makes|comes to)\b)/i;
const NUMBER = /\d/;

/** Sentences of a step, split on sentence ends but not inside numbers like 3.5 or $1,200.50. */
function sentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+(?=[A-Z"'(*$\d])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Extractive summary of the latest steps: the most recent sentences that state a result
 * (an equation or a "so/therefore/total" with a number), newest last, at most `limit`.
 * Honest by construction: every line is quoted from the chain.
 */
export function extractiveSummary(steps: readonly Step[], limit = 3): string[] {
  const picked: string[] = [];
  for (let i = steps.length - 1; i >= 0 && picked.length < limit; i--) {
    const candidates = sentences(steps[i].text).filter((s) => NUMBER.test(s) && RESULT.test(s));
    for (let j = candidates.length - 1; j >= 0 && picked.length < limit; j--) {
      const sentence = candidates[j].length > 220 ? `${candidates[j].slice(0, 217)}…` : candidates[j];
      if (!picked.includes(sentence)) picked.unshift(sentence);
    }
    // A summary is about recent progress.
    if (steps.length - i > SUMMARY_WINDOW) break;
  }
  if (picked.length === 0 && steps.length > 0) {
    const last = sentences(steps[steps.length - 1].text);
    if (last.length) picked.push(last[last.length - 1]);
  }
  return picked;
}

/** Checkpoints due after `stepCount` completed steps, given the ones already taken. */
export function checkpointsDue(stepCount: number, every: number, taken: number): number[] {
  if (every <= 0) return [];
  const due: number[] = [];
  for (let n = taken + 1; n * every <= stepCount; n++) due.push(n);
  return due;
}

export function takeCheckpoint(number: number, every: number, steps: readonly Step[], startedAt: number): Checkpoint {
  const end = Math.min(steps.length, number * every);
  const last = steps[end - 1];
  return {
    number,
    stepCount: end,
    elapsedMs: (last?.completedAt ?? startedAt) - startedAt,
    // Only the recent steps matter to the summary; never copy the whole chain.
    summary: extractiveSummary(steps.slice(Math.max(0, end - SUMMARY_WINDOW), end)),
  };
}
