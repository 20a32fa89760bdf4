import { readFileSync } from 'node:fs';
import type { NormalizedEvent, StreamParser, Usage } from '../../../src/core/providers/types';
import { mulberry32 } from '../../../src/core/random';

export const FIXTURES = new URL('../../fixtures/providers/', import.meta.url);

export function readFixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

/** The project's seeded generator, so "random" splits are reproducible. */
export const seededRandom = mulberry32;

function randomCuts(length: number, random: () => number, maxPiece: number): number[] {
  const cuts: number[] = [];
  let at = 0;
  while (at < length) {
    at += 1 + Math.floor(random() * maxPiece);
    cuts.push(Math.min(at, length));
  }
  return cuts;
}

function cutString(text: string, cuts: number[]): string[] {
  const out: string[] = [];
  let prev = 0;
  for (const c of cuts) {
    out.push(text.slice(prev, c));
    prev = c;
  }
  return out;
}

/** Cuts the UTF-8 bytes (also inside multi-byte characters) and decodes them as the app does. */
function byteChunks(text: string, cuts: number[]): string[] {
  const bytes = new TextEncoder().encode(text);
  const decoder = new TextDecoder();
  const out: string[] = [];
  let prev = 0;
  for (const c of cuts) {
    out.push(decoder.decode(bytes.subarray(prev, c), { stream: true }));
    prev = c;
  }
  out.push(decoder.decode());
  return out;
}

export type SplitVariant = { name: string; chunks: string[] };

/** The same body delivered in many ways: whole, per character, seeded random, CRLF, per byte. */
export function splitVariants(text: string, seed = 1): SplitVariant[] {
  const crlf = text.replace(/\r?\n/g, '\r\n');
  const bytes = new TextEncoder().encode(text).length;
  const variants: SplitVariant[] = [
    { name: 'whole', chunks: [text] },
    { name: 'one character at a time', chunks: [...text.split('')] },
    { name: 'CRLF whole', chunks: [crlf] },
    { name: 'CRLF one character at a time', chunks: crlf.split('') },
    { name: 'one byte at a time (streaming TextDecoder)', chunks: byteChunks(text, Array.from({ length: bytes }, (_, i) => i + 1)) },
  ];
  for (let i = 0; i < 6; i++) {
    const random = seededRandom(seed * 1000 + i);
    const maxPiece = [3, 7, 16, 40, 120, 400][i];
    variants.push({ name: `random split #${i} (≤${maxPiece})`, chunks: cutString(text, randomCuts(text.length, random, maxPiece)) });
    variants.push({ name: `random byte split #${i} (≤${maxPiece})`, chunks: byteChunks(text, randomCuts(bytes, random, maxPiece)) });
    variants.push({ name: `CRLF random split #${i}`, chunks: cutString(crlf, randomCuts(crlf.length, random, maxPiece)) });
  }
  return variants;
}

export type RunResult = { events: NormalizedEvent[]; malformedCount: number };

/** Feeds the chunks to a fresh parser with a clock that ticks once per chunk. */
export function runChunks(createParser: () => StreamParser, chunks: string[]): RunResult {
  const parser = createParser();
  const events: NormalizedEvent[] = [];
  chunks.forEach((chunk, i) => events.push(...parser.feed(chunk, i)));
  events.push(...parser.end(chunks.length));
  return { events, malformedCount: parser.malformedCount };
}

export function runText(createParser: () => StreamParser, text: string): RunResult {
  return runChunks(createParser, [text]);
}

/** A NormalizedEvent without its timestamp (distributes over the union). */
export type EventWithoutTime = NormalizedEvent extends infer E ? (E extends unknown ? Omit<E, 't'> : never) : never;

export type Summary = {
  reasoning: string;
  reasoningKinds: string[];
  answer: string;
  usage?: Usage;
  usageCount: number;
  error?: { message: string; code?: string };
  done?: { finishReason?: string };
  terminalCount: number;
  malformedCount: number;
  /** The events without timestamps: must not depend on the chunking. */
  events: EventWithoutTime[];
};

export function summarize(result: RunResult): Summary {
  const s: Summary = { reasoning: '', reasoningKinds: [], answer: '', usageCount: 0, terminalCount: 0, malformedCount: result.malformedCount, events: [] };
  for (const e of result.events) {
    const { t: _t, ...rest } = e;
    s.events.push(rest);
    switch (e.type) {
      case 'reasoning':
        s.reasoning += e.text;
        if (!s.reasoningKinds.includes(e.kind ?? 'raw')) s.reasoningKinds.push(e.kind ?? 'raw');
        break;
      case 'answer':
        s.answer += e.text;
        break;
      case 'usage':
        s.usage = e.usage;
        s.usageCount++;
        break;
      case 'error':
        s.error = e.code ? { message: e.message, code: e.code } : { message: e.message };
        s.terminalCount++;
        break;
      case 'done':
        s.done = e.finishReason ? { finishReason: e.finishReason } : {};
        s.terminalCount++;
        break;
    }
  }
  return s;
}

/**
 * Feeds `text` in every split variant and returns the summary, after checking that every
 * variant produced exactly the same events (minus timestamps), usage, errors and done.
 */
export function feedInSplits(createParser: () => StreamParser, text: string, splits: SplitVariant[] = splitVariants(text)): Summary {
  const reference = summarize(runChunks(createParser, [text]));
  for (const variant of splits) {
    const got = summarize(runChunks(createParser, variant.chunks));
    if (JSON.stringify(got) !== JSON.stringify(reference)) {
      throw new Error(`split "${variant.name}" differs:\n${JSON.stringify(got, null, 1)}\n--- expected ---\n${JSON.stringify(reference, null, 1)}`);
    }
  }
  return reference;
}
