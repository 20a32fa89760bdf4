import { describe, expect, it } from 'vitest';
import { ThinkSplitter, type ThinkSplitterOptions } from '../../../src/core/providers/think-splitter';
import { seededRandom } from './helpers';

type Out = { reasoning: string; answer: string; segments: number };

function run(chunks: string[], options?: ThinkSplitterOptions, external = false): Out {
  const splitter = new ThinkSplitter(options);
  if (external) splitter.noteExternalReasoning();
  const out: Out = { reasoning: '', answer: '', segments: 0 };
  const add = (segments: ReturnType<ThinkSplitter['push']>) => {
    for (const s of segments) {
      expect(s.text).not.toBe('');
      out[s.kind] += s.text;
      out.segments++;
    }
  };
  for (const c of chunks) add(splitter.push(c));
  add(splitter.end());
  return out;
}

/** Whole, every two-way cut, per character and seeded random cuts must agree. */
function split(text: string, options?: ThinkSplitterOptions, external = false): { reasoning: string; answer: string } {
  const whole = run([text], options, external);
  const ref = { reasoning: whole.reasoning, answer: whole.answer };
  const variants: string[][] = [text.split('')];
  for (let i = 1; i < text.length; i++) variants.push([text.slice(0, i), text.slice(i)]);
  const random = seededRandom(text.length);
  for (let k = 0; k < 20; k++) {
    const chunks: string[] = [];
    let at = 0;
    while (at < text.length) {
      const n = 1 + Math.floor(random() * 6);
      chunks.push(text.slice(at, at + n));
      at += n;
    }
    variants.push(chunks);
  }
  for (const chunks of variants) {
    const got = run(chunks, options, external);
    expect({ reasoning: got.reasoning, answer: got.answer }, JSON.stringify(chunks)).toEqual(ref);
  }
  return ref;
}

describe('ThinkSplitter', () => {
  it('splits <think>…</think>answer and trims the newlines around the tags', () => {
    expect(split('<think>\nStep one.\n\nStep two.\n</think>\n\nThe answer.')).toEqual({ reasoning: 'Step one.\n\nStep two.', answer: 'The answer.' });
  });

  it('skips whitespace before the opening tag', () => {
    expect(split('\n\n<think>a</think>b')).toEqual({ reasoning: 'a', answer: 'b' });
  });

  it('holds a partial tag across chunks without leaking it', () => {
    const chunks = ['<', 'th', 'ink', '>', 'x <y', ' ', '</', 'th', 'in', 'k>', 'z'];
    const splitter = new ThinkSplitter();
    const seen: string[] = [];
    for (const c of chunks) for (const s of splitter.push(c)) seen.push(`${s.kind}:${s.text}`);
    for (const s of splitter.end()) seen.push(`${s.kind}:${s.text}`);
    expect(seen.join('|')).not.toMatch(/<\/?t/);
    expect(seen.join('')).toContain('x <y');
    expect(run(chunks)).toMatchObject({ reasoning: 'x <y', answer: 'z' });
  });

  it('streams reasoning live inside an open block (does not wait for the closing tag)', () => {
    const splitter = new ThinkSplitter();
    expect(splitter.push('<think>First line')).toEqual([{ kind: 'reasoning', text: 'First line' }]);
    expect(splitter.push('\n\nSecond')).toEqual([{ kind: 'reasoning', text: '\n\nSecond' }]);
    expect(splitter.push(' </thi')).toEqual([]); // whitespace + partial tag held
    expect(splitter.push('nk>\n\nDone')).toEqual([{ kind: 'answer', text: 'Done' }]);
  });

  it('treats everything before a lone </think> as reasoning (template pre-filled <think>)', () => {
    expect(split('Let me see.\nIt is 4.\n</think>\n\n2 + 2 = 4')).toEqual({ reasoning: 'Let me see.\nIt is 4.', answer: '2 + 2 = 4' });
  });

  it('emits nothing for an empty think block (Qwen3 with thinking off)', () => {
    const out = run(['<think>', '\n\n', '</think>', '\n\n', 'Hello!']);
    expect(out).toEqual({ reasoning: '', answer: 'Hello!', segments: 1 });
    expect(split('<think>\n\n</think>\n\nHello!')).toEqual({ reasoning: '', answer: 'Hello!' });
  });

  it('recognises <thinking> and <reasoning> pairs', () => {
    expect(split('<thinking>hmm</thinking>ok')).toEqual({ reasoning: 'hmm', answer: 'ok' });
    expect(split('<reasoning>\nr\n</reasoning>\na')).toEqual({ reasoning: 'r', answer: 'a' });
    // A block opened with <think> is only closed by </think>.
    expect(split('<think>a</thinking>b</think>c')).toEqual({ reasoning: 'a</thinking>b', answer: 'c' });
  });

  it('plain content without tags is the answer (held until the stream ends or the limit)', () => {
    expect(split('Just an answer with a < sign and </b> tag.')).toEqual({ reasoning: '', answer: 'Just an answer with a < sign and </b> tag.' });
    const splitter = new ThinkSplitter({ undecidedLimit: 10 });
    expect(splitter.push('Hello')).toEqual([]);
    expect(splitter.push(' world, this is long')).toEqual([{ kind: 'answer', text: 'Hello world, this is long' }]);
  });

  it('decides by character position, so the limit gives the same result for every chunking', () => {
    const options = { undecidedLimit: 12 };
    // </think> starts at 11 < 12: reasoning.
    expect(split('0123456789 </think>ans', options)).toEqual({ reasoning: '0123456789', answer: 'ans' });
    // </think> starts at 12: too late, already the answer; the stray tag is dropped.
    expect(split('0123456789ab</think>ans', options)).toEqual({ reasoning: '', answer: '0123456789abans' });
  });

  it('after the closing tag everything is answer verbatim, even another <think>', () => {
    expect(split('<think>r</think>a <think>b</think>')).toEqual({ reasoning: 'r', answer: 'a <think>b</think>' });
  });

  it('an unclosed block (truncated stream) is all reasoning; a dangling partial tag is flushed as text', () => {
    expect(split('<think>\nstill thinking\n')).toEqual({ reasoning: 'still thinking', answer: '' });
    expect(run(['<think>x </th'])).toMatchObject({ reasoning: 'x </th', answer: '' });
    expect(run(['<thi'])).toMatchObject({ reasoning: '', answer: '<thi' });
  });

  it("mode 'open' starts in reasoning; mode 'off' never looks for tags", () => {
    expect(split('reasoning here</think>answer', { mode: 'open' })).toEqual({ reasoning: 'reasoning here', answer: 'answer' });
    expect(split('<think>r</think>a', { mode: 'open' })).toEqual({ reasoning: 'r', answer: 'a' });
    expect(split('<think>r</think>a', { mode: 'off' })).toEqual({ reasoning: '', answer: '<think>r</think>a' });
    const open = new ThinkSplitter({ mode: 'open' });
    expect(open.push('live')).toEqual([{ kind: 'reasoning', text: 'live' }]);
  });

  it('with reasoning from a separate field, content is the answer at once (no holding back)', () => {
    const splitter = new ThinkSplitter();
    splitter.noteExternalReasoning();
    expect(splitter.push('\n\nThe answer')).toEqual([{ kind: 'answer', text: 'The answer' }]);
    expect(split('\n\nAnswer</think> more', undefined, true)).toEqual({ reasoning: '', answer: 'Answer more' });
    // An inline block is still recognised (deepseek-legacy duplicates; the adapter drops it).
    expect(split('<think>dup</think>Answer', undefined, true)).toEqual({ reasoning: 'dup', answer: 'Answer' });
  });
});
