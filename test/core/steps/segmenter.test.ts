import { readFileSync } from 'node:fs';
import { sharedPath } from '../../support/shared-data';
import { describe, expect, it } from 'vitest';
import { createSegmenter, splitSteps, type Segmenter } from '../../../src/core/steps/segmenter';
import type { SegmenterOptions, Step, StepMode } from '../../../src/core/steps/types';
import { SCENARIOS } from '../../../src/core/demo/scenarios';
import { mulberry32 } from '../../../src/core/random';

/** The project's seeded generator, for reproducible random splits. */
const seeded = mulberry32;

const texts = (steps: readonly Step[]): string[] => steps.map((s) => s.text);

/** Feeds `text` in pieces of the given sizes (cycled) and finishes; returns all steps. */
function feed(text: string, options: Partial<SegmenterOptions>, sizes: () => number): Step[] {
  const seg = createSegmenter(options);
  const returned: Step[] = [];
  let i = 0;
  let t = 0;
  while (i < text.length) {
    const n = Math.max(1, sizes());
    returned.push(...seg.append(text.slice(i, i + n), t++));
    i += n;
  }
  returned.push(...seg.finish(t));
  expect(returned).toEqual([...seg.steps]);
  return [...seg.steps];
}

const oneAtATime = (text: string, options: Partial<SegmenterOptions>): Step[] => feed(text, options, () => 1);
const randomSplits = (text: string, options: Partial<SegmenterOptions>, seed: number): Step[] => {
  const r = seeded(seed);
  return feed(text, options, () => 1 + Math.floor(r() * 12));
};

/** Independent reference splits for whole texts. */
const reference: Record<Exclude<StepMode, 'marker'>, (text: string, k?: number) => string[]> = {
  paragraph: (text) => text.split(/\n\s*\n/).map((s) => s.trim()).filter(Boolean),
  line: (text) => text.split('\n').map((s) => s.trim()).filter(Boolean),
  tokens: (text, k = 50) => {
    const words = text.split(/\s+/).filter(Boolean);
    const out: string[] = [];
    for (let i = 0; i < words.length; i += k) out.push(words.slice(i, i + k).join(' '));
    return out;
  },
};

describe('paragraph mode (default)', () => {
  it('splits on blank lines, trims, skips empty steps and numbers from 0', () => {
    const seg = createSegmenter();
    expect(seg.mode).toBe('paragraph');
    const done = seg.append('  First step.\nstill first.\n\n\n\nSecond step.\n\n  \n\nThird', 5);
    expect(texts(done)).toEqual(['First step.\nstill first.', 'Second step.']);
    expect(done.map((s) => s.index)).toEqual([0, 1]);
    expect(seg.tail).toBe('Third');
    expect(texts(seg.finish(9))).toEqual(['Third']);
    expect(seg.steps.map((s) => s.index)).toEqual([0, 1, 2]);
  });

  it('treats a blank line holding spaces, tabs or CR as a separator', () => {
    expect(texts(splitSteps('a\n \t \nb\r\n\r\nc\r\n \r\nd'))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('does not split on a single newline or on "\\n" followed by text', () => {
    expect(texts(splitSteps('one\ntwo\n three\n\t four'))).toEqual(['one\ntwo\n three\n\t four']);
  });

  it('sees a separator split across appends', () => {
    const seg = createSegmenter({ mode: 'paragraph' });
    expect(seg.append('Step one.\n', 1)).toEqual([]);
    expect(seg.append('\n', 2)).toEqual([{ index: 0, text: 'Step one.', startedAt: 1, completedAt: 2 }]);
    expect(seg.tail).toBe('');
    expect(seg.tailStartedAt).toBeNull();

    seg.append('Two.\r', 3);
    seg.append('\n', 4);
    seg.append(' ', 5);
    seg.append('\r', 6);
    expect(seg.steps).toHaveLength(1);
    expect(texts(seg.append('\n', 7))).toEqual(['Two.']);
  });

  it('stamps startedAt when the first visible character arrives and completedAt at the separator', () => {
    const seg = createSegmenter();
    seg.append('\n\n   ', 10); // leading whitespace does not start a step
    expect(seg.tailStartedAt).toBeNull();
    seg.append('Let', 20);
    expect(seg.tailStartedAt).toBe(20);
    seg.append(' me think.\n', 30);
    const [step] = seg.append('\nNext', 40);
    expect(step).toEqual({ index: 0, text: 'Let me think.', startedAt: 20, completedAt: 40 });
    expect(seg.tail).toBe('Next');
    expect(seg.tailStartedAt).toBe(40);
  });

  it('returns several steps from one append, all stamped with that append', () => {
    const done = createSegmenter().append('a\n\nb\n\nc\n\n', 7);
    expect(done).toEqual([
      { index: 0, text: 'a', startedAt: 7, completedAt: 7 },
      { index: 1, text: 'b', startedAt: 7, completedAt: 7 },
      { index: 2, text: 'c', startedAt: 7, completedAt: 7 },
    ]);
  });
});

describe('finish()', () => {
  it('turns the non-empty tail into the last step', () => {
    const seg = createSegmenter();
    seg.append('a\n\nb', 1);
    expect(seg.finish(5)).toEqual([{ index: 1, text: 'b', startedAt: 1, completedAt: 5 }]);
    expect(seg.tail).toBe('');
    expect(seg.tailStartedAt).toBeNull();
  });

  it('adds nothing for an empty or whitespace-only tail, and nothing on a second call', () => {
    const seg = createSegmenter();
    seg.append('a\n\n  \n', 1);
    expect(seg.finish(2)).toEqual([]);
    expect(seg.finish(3)).toEqual([]);
    expect(createSegmenter().finish(0)).toEqual([]);
    expect(texts(seg.steps)).toEqual(['a']);
  });

  it('leaves the segmenter usable: later text starts a new step', () => {
    const seg = createSegmenter();
    seg.append('a', 1);
    seg.finish(2);
    seg.append('b\n\n', 3);
    expect(seg.steps.map((s) => [s.index, s.text])).toEqual([
      [0, 'a'],
      [1, 'b'],
    ]);
  });
});

describe('steps getter', () => {
  it('is the same array throughout, only appended to, with frozen steps', () => {
    const seg = createSegmenter();
    const steps = seg.steps;
    seg.append('a\n\n', 1);
    const first = seg.steps[0];
    seg.append('b\n\nc', 2);
    seg.finish(3);
    expect(seg.steps).toBe(steps);
    expect(seg.steps[0]).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(texts(steps)).toEqual(['a', 'b', 'c']);
  });
});

describe('line mode', () => {
  it('makes each non-empty line a step, CRLF included', () => {
    expect(texts(splitSteps('one\r\n\r\n  two  \n\n\nthree', { mode: 'line' }))).toEqual(['one', 'two', 'three']);
  });

  it('closes a line when its newline arrives', () => {
    const seg = createSegmenter({ mode: 'line' });
    expect(seg.append('abc', 1)).toEqual([]);
    expect(seg.append('\r', 2)).toEqual([]);
    expect(seg.append('\nd', 3)).toEqual([{ index: 0, text: 'abc', startedAt: 1, completedAt: 3 }]);
    expect(seg.tail).toBe('d');
  });
});

describe('marker mode', () => {
  const text = [
    'Let me think about this first.',
    '',
    'Step 1: read the problem.',
    'It has 3 parts:',
    '1. first',
    '2. second',
    '**Step 2:** compute.',
    'More of step 2.',
    '### Step 3',
    'Finish.',
    '   step 4 - lowercase and indented',
    '## **Step 5**: bold heading',
    'Steps 6 and 7 are not markers; neither is "Step" without a number nor a mid-line Step 8.',
    '*Step 9 single star is not a marker',
    '####### Step 10 has seven hashes',
  ].join('\n');

  it('starts a step at each "Step N" line, with the preamble as its own step', () => {
    expect(texts(splitSteps(text, { mode: 'marker' }))).toEqual([
      'Let me think about this first.',
      'Step 1: read the problem.\nIt has 3 parts:\n1. first\n2. second',
      '**Step 2:** compute.\nMore of step 2.',
      '### Step 3\nFinish.',
      'step 4 - lowercase and indented',
      '## **Step 5**: bold heading\nSteps 6 and 7 are not markers; neither is "Step" without a number nor a mid-line Step 8.\n*Step 9 single star is not a marker\n####### Step 10 has seven hashes',
    ]);
  });

  it('has no preamble step when the text starts with a marker', () => {
    expect(texts(splitSteps('\n  Step 1: a\nStep 2: b', { mode: 'marker' }))).toEqual(['Step 1: a', 'Step 2: b']);
  });

  it('recognises a marker split across appends and closes the previous step then', () => {
    const seg = createSegmenter({ mode: 'marker' });
    seg.append('Step 1: a\n', 1);
    seg.append('**St', 2);
    expect(seg.steps).toHaveLength(0);
    seg.append('ep ', 3);
    expect(seg.steps).toHaveLength(0);
    expect(seg.append('2', 4)).toEqual([{ index: 0, text: 'Step 1: a', startedAt: 1, completedAt: 4 }]);
    expect(seg.tail).toBe('**Step 2');
    expect(seg.tailStartedAt).toBe(2);
  });

  it('does not treat numbered lists as markers', () => {
    expect(texts(splitSteps('1. a\n2. b\n3. c', { mode: 'marker' }))).toEqual(['1. a\n2. b\n3. c']);
  });
});

describe('tokens mode', () => {
  it('closes a step every K whitespace-delimited tokens', () => {
    const seg = createSegmenter({ mode: 'tokens', tokensPerStep: 3 });
    expect(texts(seg.append('one two three four\nfive ', 1))).toEqual(['one two three']);
    expect(texts(seg.append('six', 2))).toEqual([]);
    expect(texts(seg.append(' seven', 3))).toEqual(['four\nfive six']);
    expect(texts(seg.finish(4))).toEqual(['seven']);
  });

  it('defaults to 50 tokens per step', () => {
    const words = Array.from({ length: 120 }, (_, i) => `w${i}`).join(' ');
    expect(splitSteps(words, { mode: 'tokens' }).map((s) => s.text.split(' ').length)).toEqual([50, 50, 20]);
  });

  it('makes no step from whitespace only', () => {
    expect(splitSteps(' \n\t\r\n ', { mode: 'tokens', tokensPerStep: 2 })).toEqual([]);
  });
});

/** Texts with awkward whitespace and markers, for equivalence checks. */
function syntheticText(seed: number, length: number): string {
  const r = seeded(seed);
  const parts = ['word', 'x', ' ', ' ', '\n', '\n', '\n\n', '\r\n', '\t', '\u00a0', 'Step 1: go', '**Step 2', '### Step 3', '1. item', 'step', ' 4', '#', '*'];
  let s = '';
  while (s.length < length) s += parts[Math.floor(r() * parts.length)];
  return s;
}

const corpus: string[] = [
  ...SCENARIOS.map((s) => s.reasoning),
  ...Array.from({ length: 25 }, (_, i) => syntheticText(i + 1, 300 + i * 40)),
  '',
  '   ',
  '\n\n\n',
  'no separators at all',
];

describe.each<[string, Partial<SegmenterOptions>]>([
  ['paragraph', { mode: 'paragraph' }],
  ['line', { mode: 'line' }],
  ['marker', { mode: 'marker' }],
  ['tokens', { mode: 'tokens', tokensPerStep: 7 }],
])('%s mode: whole text = incremental', (_name, options) => {
  it('gives the same steps whole, one character at a time, and in random pieces', () => {
    corpus.forEach((text, n) => {
      const whole = splitSteps(text, options);
      expect(texts(oneAtATime(text, options)), `text #${n}`).toEqual(texts(whole));
      for (const seed of [1, 2, 3]) expect(texts(randomSplits(text, options, seed * 1000 + n)), `text #${n}, seed ${seed}`).toEqual(texts(whole));
      whole.forEach((s, i) => expect(s.index).toBe(i));
    });
  });

  if (options.mode !== 'marker') {
    const mode = options.mode as Exclude<StepMode, 'marker'>;
    it('matches an independent whole-text reference', () => {
      // Tokens steps keep the original whitespace; the reference joins with single spaces.
      const norm = (list: string[]): string[] => (mode === 'tokens' ? list.map((t) => t.split(/\s+/).join(' ')) : list);
      for (const text of corpus) expect(norm(texts(splitSteps(text, options)))).toEqual(reference[mode](text, options.tokensPerStep));
    });
  }
});

const PROCESSBENCH_GSM8K = 'datasets/processbench/gsm8k.json';

describe('ProcessBench GSM8K: paragraphs round-trip', () => {
  type Item = { id: string; steps: string[] };

  it('joining steps with a blank line and segmenting gives the steps back', () => {
    const items = (JSON.parse(readFileSync(sharedPath(PROCESSBENCH_GSM8K), 'utf8')) as Item[]).slice(0, 50);
    expect(items).toHaveLength(50);
    items.forEach((item, n) => {
      const expected = item.steps.map((s) => s.trim()).filter(Boolean);
      const joined = item.steps.join('\n\n');
      expect(texts(splitSteps(joined)), item.id).toEqual(expected);
      expect(texts(randomSplits(joined, { mode: 'paragraph' }, n + 1)), item.id).toEqual(expected);
    });
  });
});

describe('1 MB streams appended in 5-character pieces', () => {
  const MB = 1 << 20;
  const run = (seg: Segmenter, text: string): number => {
    let count = 0;
    for (let i = 0; i < text.length; i += 5) count += seg.append(text.slice(i, i + 5), i).length;
    return count + seg.finish(text.length).length;
  };

  it('paragraph mode with many steps', () => {
    const paragraph = 'Let me compute 17 × 24 = 408 and check it again.\nStill the same step.\n\n';
    const text = paragraph.repeat(Math.ceil(MB / paragraph.length));
    expect(run(createSegmenter(), text)).toBe(Math.ceil(MB / paragraph.length));
  }, 30_000);

  it('one 1 MB step with no separator (the tail must not be rescanned)', () => {
    const words = Math.ceil(MB / 5);
    const text = 'word '.repeat(words);
    const seg = createSegmenter();
    expect(run(seg, text)).toBe(1);
    expect(seg.steps[0].text.length).toBe(words * 5 - 1);
  }, 30_000);

  it('marker, line and tokens modes', () => {
    const text = 'Step 1: a b c\nmore text here\n'.repeat(Math.ceil(MB / 29));
    expect(run(createSegmenter({ mode: 'marker' }), text)).toBe(Math.ceil(MB / 29));
    expect(run(createSegmenter({ mode: 'line' }), text)).toBe(2 * Math.ceil(MB / 29));
    expect(run(createSegmenter({ mode: 'tokens', tokensPerStep: 50 }), text)).toBe(Math.ceil((8 * Math.ceil(MB / 29)) / 50));
  }, 30_000);
});
