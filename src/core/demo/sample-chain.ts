/**
 * The demo model's answers to the 100-query batch sample: each sample query is answered with
 * its own solution chain from the public datasets (scripts/make-batch-sample.ts writes the
 * chains to sample-chains.json, loaded lazily by lib/demo-fetch), never another question's.
 *
 * The demo honours the reasoning effort and max_tokens of the request. This is a simulation,
 * not a model: lower effort keeps fewer of the chain's steps (evenly spaced, first and last
 * kept) and "slips" more often, a deterministic per-query chance of changing the final result
 * in the last step (so the answer is wrong, and the verifier may see the slip); a max_tokens
 * smaller than the chain cuts the reasoning there and no answer follows.
 */
import { fmix32, fnv1a } from '../hash';
import type { ReasoningEffort } from '../providers/types';
import { countTokens } from '../steps/token-estimate';
import type { Scenario } from './scenarios';

export type SampleChain = { prompt: string; steps: string[]; answer: string; source: string };

/** Share of the chain's steps kept, and the chance of a slip, per effort (documented simulation). */
export const DEMO_EFFORT: Readonly<Record<ReasoningEffort | 'default', { keep: number; slip: number }>> = {
  max: { keep: 1, slip: 0 },
  high: { keep: 1, slip: 0 },
  default: { keep: 1, slip: 0 },
  medium: { keep: 0.7, slip: 0.1 },
  low: { keep: 0.45, slip: 0.3 },
  minimal: { keep: 0.3, slip: 0.45 },
  none: { keep: 0.15, slip: 0.6 },
};

export const normalizePrompt = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** A uniform number in [0, 1) from a string, stable across runs and machines. */
export function unitHash(text: string): number {
  return fmix32(fnv1a(text)) / 4294967296;
}

/** Indices of `keep` of `n` steps, evenly spaced, always the first and the last. */
export function keptSteps(n: number, keep: number): number[] {
  const m = Math.max(1, Math.min(n, Math.ceil(n * keep)));
  if (m === n) return Array.from({ length: n }, (_, i) => i);
  if (m === 1) return [n - 1];
  return Array.from({ length: m }, (_, i) => Math.round((i * (n - 1)) / (m - 1)));
}

/** The last number in a text (digits with optional decimals), with its position. */
function lastNumber(text: string): { value: string; index: number } | null {
  let found: { value: string; index: number } | null = null;
  for (const m of text.matchAll(/\d+(?:\.\d+)?/g)) found = { value: m[0], index: m.index ?? 0 };
  return found;
}

/** A wrong but plausible value for a number string: the last digit moved by 3 (mod 10). */
export function slipNumber(value: string): string {
  const d = Number(value[value.length - 1]);
  return value.slice(0, -1) + String((d + 3) % 10);
}

export type DemoRequest = { effort?: ReasoningEffort | 'default'; maxTokens?: number };

/** What the demo streams for a sample query under these request settings. */
export function sampleScenario(chain: SampleChain, request: DemoRequest = {}): Scenario & { slipped: boolean; truncated: boolean } {
  const effort = DEMO_EFFORT[request.effort ?? 'default'] ?? DEMO_EFFORT.default;
  let steps = keptSteps(chain.steps.length, effort.keep).map((i) => chain.steps[i]);
  let answer = chain.answer;
  const slipped = effort.slip > 0 && unitHash(`${normalizePrompt(chain.prompt)}|${request.effort}`) < effort.slip;
  if (slipped) {
    const target = lastNumber(answer);
    if (target) {
      const wrong = slipNumber(target.value);
      answer = answer.slice(0, target.index) + wrong + answer.slice(target.index + target.value.length);
      // The last step states the same result: change it there too (word-bounded), so the chain
      // and the answer agree and an arithmetic check can catch it.
      const last = steps.length - 1;
      const pattern = new RegExp(`(?<![\\d.])${target.value.replace('.', '\\.')}(?![\\d.])`, 'g');
      steps = steps.map((s, i) => (i === last ? s.replace(pattern, wrong) : s));
    }
  }
  let truncated = false;
  if (request.maxTokens !== undefined && request.maxTokens > 0) {
    let used = 0;
    const within: string[] = [];
    for (const s of steps) {
      used += countTokens(s) + 1;
      if (used > request.maxTokens) {
        truncated = true;
        break;
      }
      within.push(s);
    }
    if (truncated) {
      steps = within;
      answer = '';
    }
  }
  return {
    id: 'medium',
    title: 'Sample query',
    description: chain.source,
    prompt: chain.prompt,
    keywords: [],
    reasoning: steps.join('\n\n') + (steps.length ? '\n\n' : ''),
    answer,
    slipped,
    truncated,
  };
}

/** Finds the chain for a prompt (case and spacing ignored). */
export function findSampleChain(chains: readonly SampleChain[], prompt: string): SampleChain | undefined {
  const key = normalizePrompt(prompt);
  return chains.find((c) => normalizePrompt(c.prompt) === key);
}
