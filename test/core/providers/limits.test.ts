import { describe, expect, it } from 'vitest';
import { createFrameMeter, createLineReader, createSseReader, FrameTooLargeError, MAX_EVENT_CHARS, MAX_RUN_TEXT_CHARS } from '../../../src/core/providers';
import { createRunAccumulator } from '../../../src/core/run/accumulator';

const event = (text: string) => `data: ${JSON.stringify({ choices: [{ delta: { content: text } }] })}\n\n`;

describe('one SSE event is capped', () => {
  it('an event larger than the cap throws FrameTooLargeError before the framer buffers it all; earlier events were delivered', () => {
    const reader = createSseReader({ maxEventChars: 1000 });
    expect(reader.feed(event('hello'))).toHaveLength(1);
    const huge = `data: "${'x'.repeat(5000)}"\n\n`;
    let thrown: unknown;
    let fed = 0;
    try {
      for (let i = 0; i < huge.length; i += 300) {
        reader.feed(huge.slice(i, i + 300));
        fed += 300;
      }
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(FrameTooLargeError);
    expect((thrown as Error).message).toMatch(/larger than 0\.0 MB|larger than/);
    // Stopped within one slice of the cap, not at the end of the event.
    expect(fed).toBeLessThanOrEqual(1000);
    // The reader stays stopped.
    expect(reader.feed(event('after'))).toEqual([]);
  });

  it('many small events adding up to far more than the cap pass, whatever the chunking (separators cut across chunks)', () => {
    const reader = createSseReader({ maxEventChars: 200 });
    const body = Array.from({ length: 500 }, (_, i) => event(`token ${i} `)).join('');
    let count = 0;
    // Cut every 7 characters: "\n\n" and "\r\n\r\n" land across chunk boundaries.
    for (let i = 0; i < body.length; i += 7) count += reader.feed(body.slice(i, i + 7)).length;
    expect(count).toBe(500);
    const crlf = createSseReader({ maxEventChars: 200 });
    const crlfBody = body.replace(/\n/g, '\r\n');
    let n = 0;
    for (let i = 0; i < crlfBody.length; i += 5) n += crlf.feed(crlfBody.slice(i, i + 5)).length;
    expect(n).toBe(500);
  });

  it('the defaults: 1 MiB per event, 8 MiB of text per run', () => {
    expect(MAX_EVENT_CHARS).toBe(1_048_576);
    expect(MAX_RUN_TEXT_CHARS).toBe(8 * 1_048_576);
    const reader = createSseReader();
    expect(() => reader.feed(`data: "${'y'.repeat(MAX_EVENT_CHARS + 10)}`)).toThrow(FrameTooLargeError);
  });

  it('NDJSON lines (Ollama) are capped the same way', () => {
    const lines = createLineReader({ maxLineChars: 100 });
    expect(lines.feed('{"a":1}\n{"b":2}\n')).toEqual(['{"a":1}', '{"b":2}']);
    expect(() => {
      for (let i = 0; i < 20; i++) lines.feed('z'.repeat(10));
    }).toThrow(FrameTooLargeError);
    const one = createLineReader({ maxLineChars: 100 });
    expect(() => one.feed(`${'q'.repeat(150)}\n`)).toThrow(FrameTooLargeError);
  });

  it('the frame meter counts only what follows the last separator', () => {
    const m = createFrameMeter(['\n\n']);
    expect(m.add('abc')).toBe(3);
    expect(m.add('de\n')).toBe(6);
    expect(m.add('\nfg')).toBe(2);
    expect(m.add('')).toBe(2);
  });
});

describe("a run's text is capped", () => {
  it('stops at the cap with the reason, keeping exactly the first maxTextChars characters', () => {
    const acc = createRunAccumulator({ startedAt: 0, segmenter: { mode: 'paragraph' }, maxTextChars: 100 });
    acc.apply([{ type: 'reasoning', text: 'a'.repeat(60) + '\n\n', t: 1 }]);
    expect(acc.stoppedByLimit).toBe(false);
    acc.apply([
      { type: 'reasoning', text: 'b'.repeat(30), t: 2 },
      { type: 'answer', text: 'c'.repeat(30), t: 3 },
      { type: 'answer', text: 'never', t: 4 },
    ]);
    expect(acc.stoppedByLimit).toBe(true);
    const s = acc.snapshot();
    expect(s.status).toBe('stopped');
    expect(s.error).toBe('the stream exceeded 0.0 MB of text, so it was stopped there. What arrived is kept.');
    expect(s.reasoningChars + s.answer.length).toBe(100);
    expect(s.answer).toBe('c'.repeat(8));
    expect(s.steps.map((x) => x.text)).toEqual(['a'.repeat(60), 'b'.repeat(30)]);
  });
});
