/**
 * Turns a demo scenario into the exact bytes an OpenAI-compatible server streams (vLLM style:
 * reasoning in `delta.reasoning_content`, then the answer in `delta.content`), as a list of
 * frames the shell replays at a token rate. Pure and deterministic: the same scenario and
 * options always give the same frames (the delta sizes come from a PRNG seeded by the ids).
 *
 * Stream shape (each `data:` line is one data frame, `data: {json}\n\n`):
 *   role chunk `{role:"assistant", content:""}` → reasoning deltas → content deltas →
 *   finish chunk (`finish_reason:"stop"`) → usage chunk (`choices:[]`, optional) → `data: [DONE]`.
 * Faults: 'stall' puts a pause frame right after the delta that completes step `afterStep`
 * (the blank line after that paragraph has been sent); 'disconnect' puts a disconnect frame
 * once `afterFraction` of the reasoning has been sent, and nothing follows it.
 */
import { fnv1a } from '../hash';
import { mulberry32 } from '../random';
import { countTokens } from '../steps/token-estimate';
import type { Scenario } from './scenarios';

export type Frame = { kind: 'data'; text: string; tokens: number } | { kind: 'pause'; ms: number } | { kind: 'disconnect' };

export type FrameOptions = {
  /** Defaults to DEMO_MODEL. */
  model?: string;
  /** Unix seconds, as in `created`. */
  created: number;
  /** The completion id, e.g. "chatcmpl-demo-1". */
  id: string;
  /** Send the final usage chunk (as with `stream_options.include_usage`). Default true. */
  includeUsage?: boolean;
  /** Reported `prompt_tokens`; defaults to an estimate for the scenario's example prompt. */
  promptTokens?: number;
};

export const DEMO_MODEL = 'demo-reasoner';

type Delta = { role?: 'assistant'; content?: string; reasoning_content?: string };

/**
 * Splits text into token-like deltas of 1–4 words, each word keeping its trailing whitespace.
 * A paragraph break ends a delta; sometimes it travels as its own delta, sometimes split into
 * "\n" + "\n", like real models. A delta always ends at each offset in `cuts` (which must be
 * word ends, i.e. where a whitespace run stops). The deltas concatenate to exactly `text`.
 */
export function splitIntoDeltas(text: string, random: () => number, cuts: ReadonlySet<number> = new Set()): string[] {
  const out: string[] = [];
  let piece = '';
  let words = 0;
  let target = 1 + Math.floor(random() * 4);
  const flush = (): void => {
    if (piece !== '') out.push(piece);
    piece = '';
    words = 0;
    target = 1 + Math.floor(random() * 4);
  };
  for (const m of text.matchAll(/^\s+|\S+\s*/g)) {
    const unit = m[0];
    const end = (m.index ?? 0) + unit.length;
    const wordLength = unit.search(/\s|$/);
    const space = unit.slice(wordLength);
    if (wordLength > 0 && /\n\s*\n/.test(space)) {
      const r = random();
      if (r < 1 / 3) {
        piece += unit.slice(0, wordLength);
        flush();
        piece = space;
      } else if (r < 1 / 2) {
        piece += unit.slice(0, wordLength);
        flush();
        const firstBreak = space.indexOf('\n') + 1;
        out.push(space.slice(0, firstBreak));
        piece = space.slice(firstBreak);
      } else {
        piece += unit;
      }
      flush();
      continue;
    }
    piece += unit;
    words++;
    if (words >= target || cuts.has(end)) flush();
  }
  flush();
  return out;
}

/** The offset just after the whitespace run that ends paragraph `n` (1-based), or null. */
function endOfParagraph(text: string, n: number): number | null {
  let count = 0;
  for (const m of text.matchAll(/\s+/g)) {
    if (!/\n\s*\n/.test(m[0]) || m.index === 0) continue;
    count++;
    if (count === n) return m.index + m[0].length;
  }
  return null;
}

/** The first word end (end of a whitespace run, or the text's end) at or after `offset`. */
function wordEndAtOrAfter(text: string, offset: number): number {
  for (const m of text.matchAll(/\S+\s*/g)) {
    const end = m.index + m[0].length;
    if (end >= offset) return end;
  }
  return text.length;
}

export function scenarioToFrames(scenario: Scenario, options: FrameOptions): Frame[] {
  const model = options.model ?? DEMO_MODEL;
  const includeUsage = options.includeUsage ?? true;
  const random = mulberry32(fnv1a(`${scenario.id}\u0000${options.id}`));

  const chunk = (delta: Delta, finishReason: string | null = null): string =>
    JSON.stringify({
      id: options.id,
      object: 'chat.completion.chunk',
      created: options.created,
      model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    });
  const data = (json: string, tokens: number): Frame => ({ kind: 'data', text: `data: ${json}\n\n`, tokens });

  const { reasoning, answer, fault } = scenario;
  let faultAt: number | null = null;
  if (fault?.kind === 'stall') faultAt = endOfParagraph(reasoning, fault.afterStep);
  if (fault?.kind === 'disconnect') faultAt = wordEndAtOrAfter(reasoning, Math.round(reasoning.length * fault.afterFraction));
  const cuts = new Set<number>(faultAt === null ? [] : [faultAt]);

  const frames: Frame[] = [data(chunk({ role: 'assistant', content: '' }), 0)];
  let reasoningTokens = 0;
  let sent = 0;
  for (const piece of splitIntoDeltas(reasoning, random, cuts)) {
    const tokens = countTokens(piece);
    reasoningTokens += tokens;
    frames.push(data(chunk({ reasoning_content: piece }), tokens));
    sent += piece.length;
    if (sent === faultAt && fault) {
      if (fault.kind === 'disconnect') {
        frames.push({ kind: 'disconnect' });
        return frames;
      }
      frames.push({ kind: 'pause', ms: fault.ms });
    }
  }

  let answerTokens = 0;
  for (const piece of splitIntoDeltas(answer, random)) {
    const tokens = countTokens(piece);
    answerTokens += tokens;
    frames.push(data(chunk({ content: piece }), tokens));
  }
  frames.push(data(chunk({}, 'stop'), 0));

  if (includeUsage) {
    const promptTokens = options.promptTokens ?? countTokens(scenario.prompt);
    const completionTokens = reasoningTokens + answerTokens;
    const usageChunk = {
      id: options.id,
      object: 'chat.completion.chunk',
      created: options.created,
      model,
      choices: [],
      usage: {
        prompt_tokens: promptTokens,
        total_tokens: promptTokens + completionTokens,
        completion_tokens: completionTokens,
        completion_tokens_details: { reasoning_tokens: reasoningTokens },
      },
    };
    frames.push(data(JSON.stringify(usageChunk), 0));
  }
  frames.push({ kind: 'data', text: 'data: [DONE]\n\n', tokens: 0 });
  return frames;
}
