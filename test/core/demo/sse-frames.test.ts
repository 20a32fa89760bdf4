import { createParser } from 'eventsource-parser';
import { describe, expect, it } from 'vitest';
import { SCENARIOS, getScenario, type Scenario } from '../../../src/core/demo/scenarios';
import { DEMO_MODEL, scenarioToFrames, splitIntoDeltas, type Frame, type FrameOptions } from '../../../src/core/demo/sse-frames';
import { createSegmenter } from '../../../src/core/steps/segmenter';

type Chunk = {
  id: string;
  object: string;
  created: number;
  model: string;
  choices: { index: number; delta: { role?: string; content?: string; reasoning_content?: string }; logprobs: null; finish_reason: string | null }[];
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number; completion_tokens_details: { reasoning_tokens: number } };
};

const options: FrameOptions = { created: 1_760_000_000, id: 'chatcmpl-demo-1' };

/** Parses SSE text with eventsource-parser, feeding it in small pieces as a network would. */
function parseSse(text: string, pieceSize = 7): string[] {
  const events: string[] = [];
  const parser = createParser({ onEvent: (e) => events.push(e.data) });
  for (let i = 0; i < text.length; i += pieceSize) parser.feed(text.slice(i, i + pieceSize));
  return events;
}

const dataText = (frames: Frame[]): string => frames.map((f) => (f.kind === 'data' ? f.text : '')).join('');

function reassemble(frames: Frame[]) {
  const events = parseSse(dataText(frames));
  const done = events.at(-1) === '[DONE]';
  const chunks = events.filter((e) => e !== '[DONE]').map((e) => JSON.parse(e) as Chunk);
  let reasoning = '';
  let answer = '';
  let finish: string | null = null;
  let usage: Chunk['usage'];
  for (const c of chunks) {
    if (c.usage) usage = c.usage;
    for (const choice of c.choices) {
      reasoning += choice.delta.reasoning_content ?? '';
      answer += choice.delta.content ?? '';
      finish = choice.finish_reason ?? finish;
    }
  }
  return { events, chunks, reasoning, answer, finish, usage, done };
}

describe('scenarioToFrames', () => {
  it.each(SCENARIOS.filter((s) => s.fault?.kind !== 'disconnect').map((s) => [s.id, s] as [string, Scenario]))(
    '%s: frames are valid SSE that reassemble exactly to the reasoning and the answer',
    (_id, scenario) => {
      const frames = scenarioToFrames(scenario, options);
      for (const f of frames) if (f.kind === 'data') expect(f.text).toMatch(/^data: [^\n]+\n\n$/);
      const r = reassemble(frames);
      expect(r.done).toBe(true);
      expect(r.events.filter((e) => e === '[DONE]')).toHaveLength(1);
      expect(r.reasoning).toBe(scenario.reasoning);
      expect(r.answer).toBe(scenario.answer);
      expect(r.finish).toBe('stop');

      // Shape of real chat.completion.chunk objects.
      for (const c of r.chunks) {
        expect(Object.keys(c).slice(0, 5)).toEqual(['id', 'object', 'created', 'model', 'choices']);
        expect(c).toMatchObject({ id: options.id, object: 'chat.completion.chunk', created: options.created, model: DEMO_MODEL });
        for (const choice of c.choices) {
          expect(Object.keys(choice)).toEqual(['index', 'delta', 'logprobs', 'finish_reason']);
          expect(choice.index).toBe(0);
          expect(choice.logprobs).toBeNull();
        }
      }
      // Order: role chunk, reasoning deltas, content deltas, finish chunk, usage chunk.
      expect(r.chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
      const kinds = r.chunks.map((c) =>
        c.choices.length === 0 ? 'usage' : c.choices[0].finish_reason ? 'finish' : c.choices[0].delta.role ? 'role' : 'reasoning_content' in c.choices[0].delta ? 'reasoning' : 'content',
      );
      expect(kinds.join(' ').replace(/(reasoning )+/, 'reasoning* ').replace(/(content )+/, 'content* ')).toBe('role reasoning* content* finish usage');
      const finishChunk = r.chunks.at(-2);
      expect(finishChunk?.choices[0]).toEqual({ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' });

      // Usage agrees with the per-frame token counts.
      const reasoningTokens = frames.reduce((n, f, i) => n + (f.kind === 'data' && kinds[dataIndex(frames, i)] === 'reasoning' ? f.tokens : 0), 0);
      const allTokens = frames.reduce((n, f) => n + (f.kind === 'data' ? f.tokens : 0), 0);
      expect(r.usage?.completion_tokens_details.reasoning_tokens).toBe(reasoningTokens);
      expect(r.usage?.completion_tokens).toBe(allTokens);
      expect(r.usage?.total_tokens).toBe((r.usage?.prompt_tokens ?? 0) + allTokens);
      expect(r.usage?.prompt_tokens).toBeGreaterThan(0);
    },
  );

  it('sends reasoning as small deltas of 1–4 words, with blank lines inside deltas', () => {
    for (const s of SCENARIOS) {
      const deltas = reassemble(scenarioToFrames(s, options))
        .chunks.map((c) => c.choices[0]?.delta.reasoning_content)
        .filter((d): d is string => d !== undefined);
      for (const d of deltas) {
        expect(d.length, s.id).toBeGreaterThan(0);
        expect((d.match(/\S+/g) ?? []).length, `${s.id}: ${JSON.stringify(d)}`).toBeLessThanOrEqual(4);
      }
      expect(deltas.some((d) => /\S\n\n$/.test(d)), s.id).toBe(true); // "word.\n\n"
      if (s.reasoning.split('\n\n').length > 8) expect(deltas.some((d) => /^\n+$/.test(d)), s.id).toBe(true); // "\n\n" or "\n" alone
      expect(deltas.length, s.id).toBeGreaterThan(s.reasoning.split(/\s+/).length / 4);
    }
  });

  it('gives every content frame a positive token count and control frames none', () => {
    const frames = scenarioToFrames(getScenario('medium'), options);
    const data = frames.filter((f): f is Extract<Frame, { kind: 'data' }> => f.kind === 'data');
    expect(data[0].tokens).toBe(0);
    expect(data.at(-1)).toEqual({ kind: 'data', text: 'data: [DONE]\n\n', tokens: 0 });
    expect(data.slice(1, -3).every((f) => f.tokens > 0)).toBe(true);
  });

  it('is deterministic, and honours model, includeUsage and promptTokens', () => {
    const s = getScenario('complex');
    expect(scenarioToFrames(s, options)).toEqual(scenarioToFrames(s, options));
    const other = reassemble(scenarioToFrames(s, { ...options, id: 'chatcmpl-other', model: 'my-model', promptTokens: 42 }));
    expect(other.reasoning).toBe(s.reasoning);
    expect(other.chunks.every((c) => c.model === 'my-model' && c.id === 'chatcmpl-other')).toBe(true);
    expect(other.usage?.prompt_tokens).toBe(42);
    const noUsage = reassemble(scenarioToFrames(s, { ...options, includeUsage: false }));
    expect(noUsage.usage).toBeUndefined();
    expect(noUsage.done).toBe(true);
    expect(noUsage.chunks.at(-1)?.choices[0].finish_reason).toBe('stop');
  });

  it('stall: pauses 35 s right after step 3 is complete, then finishes normally', () => {
    const s = getScenario('stall');
    const frames = scenarioToFrames(s, options);
    const pauses = frames.flatMap((f, i) => (f.kind === 'pause' ? [i] : []));
    expect(pauses).toHaveLength(1);
    expect(frames[pauses[0]]).toEqual({ kind: 'pause', ms: 35_000 });
    const before = reassemble(frames.slice(0, pauses[0]));
    const seg = createSegmenter();
    seg.append(before.reasoning, 0);
    expect(seg.steps).toHaveLength(3);
    expect(seg.tail).toBe('');
    const all = reassemble(frames);
    expect(all.reasoning).toBe(s.reasoning);
    expect(all.answer).toBe(s.answer);
    expect(all.done).toBe(true);
  });

  it('disconnect: breaks at ~60 % of the reasoning, after some steps, and sends nothing after', () => {
    const s = getScenario('disconnect');
    const frames = scenarioToFrames(s, options);
    expect(frames.at(-1)).toEqual({ kind: 'disconnect' });
    expect(frames.filter((f) => f.kind === 'disconnect')).toHaveLength(1);
    const r = reassemble(frames);
    expect(r.done).toBe(false);
    expect(r.finish).toBeNull();
    expect(r.answer).toBe('');
    expect(r.usage).toBeUndefined();
    expect(s.reasoning.startsWith(r.reasoning)).toBe(true);
    const fraction = r.reasoning.length / s.reasoning.length;
    expect(fraction).toBeGreaterThan(0.55);
    expect(fraction).toBeLessThan(0.7);
    const seg = createSegmenter();
    seg.append(r.reasoning, 0);
    expect(seg.steps.length).toBeGreaterThanOrEqual(3);
  });
});

describe('splitIntoDeltas', () => {
  it('always concatenates back to the input and honours forced cuts', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (const text of ['', '   ', 'one', '  lead and trail  ', 'a\n\n\nb\n \nc', ...SCENARIOS.map((s) => s.reasoning)]) {
      expect(splitIntoDeltas(text, random).join('')).toBe(text);
    }
    const text = getScenario('medium').reasoning;
    const cut = text.indexOf('Monday') + 'Monday'.length + 1;
    const deltas = splitIntoDeltas(text, random, new Set([cut]));
    let offset = 0;
    const ends = deltas.map((d) => (offset += d.length));
    expect(ends).toContain(cut);
  });
});

/** Index among data frames of frame i (frames include pause/disconnect entries). */
function dataIndex(frames: Frame[], i: number): number {
  return frames.slice(0, i).filter((f) => f.kind === 'data').length;
}
