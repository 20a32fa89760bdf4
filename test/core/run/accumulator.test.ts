import { describe, expect, it } from 'vitest';
import { createRunAccumulator, runMetrics } from '../../../src/core/run/accumulator';
import { runToMarkdown } from '../../../src/core/run/export-markdown';
import { judgeTier, tierOf } from '../../../src/core/run/tiers';

const make = () => createRunAccumulator({ startedAt: 1000, segmenter: { mode: 'paragraph' } });

describe('run accumulator', () => {
  it('splits reasoning into steps, keeps the live tail and the answer apart', () => {
    const acc = make();
    acc.apply([
      { type: 'reasoning', text: 'First I read the problem.\n\nThen I', t: 1500 },
      { type: 'reasoning', text: ' add 2 + 2 = 4.', t: 1700 },
    ]);
    let s = acc.snapshot();
    expect(s.status).toBe('streaming');
    expect(s.steps.map((x) => x.text)).toEqual(['First I read the problem.']);
    expect(s.tail.trim()).toBe('Then I add 2 + 2 = 4.');
    expect(s.firstTokenAt).toBe(1500);
    acc.apply([{ type: 'answer', text: 'The answer is 4.', t: 2000 }, { type: 'usage', usage: { completionTokens: 20, reasoningTokens: 15 }, t: 2100 }, { type: 'done', t: 2100, finishReason: 'stop' }]);
    acc.finish(2200);
    s = acc.snapshot();
    expect(s.status).toBe('done');
    expect(s.steps).toHaveLength(2);
    expect(s.answer).toBe('The answer is 4.');
    expect(s.reasoningEndedAt).toBe(2000);
    const m = runMetrics(s, 9999);
    expect(m.elapsedMs).toBe(1200);
    expect(m.ttftMs).toBe(500);
    expect(m.reasoningTokens).toBe(15);
    expect(m.reasoningTokensSource).toBe('server');
    expect(m.thoughtForMs).toBe(1000);
    expect(m.stepCount).toBe(2);
  });

  it('estimates reasoning tokens on the client when the server reports none', () => {
    const acc = make();
    acc.apply([{ type: 'reasoning', text: 'one two three\n\nfour five', t: 1100 }, { type: 'done', t: 1200 }]);
    acc.finish(1200);
    const m = runMetrics(acc.snapshot(), 1200);
    expect(m.reasoningTokensSource).toBe('estimate');
    expect(m.reasoningTokens).toBe(5);
  });

  it('keeps what streamed before an error event and reports its message', () => {
    const acc = make();
    acc.apply([
      { type: 'reasoning', text: 'Step one.\n\nStep two', t: 1100 },
      { type: 'error', message: 'Overloaded', t: 1200 },
      { type: 'reasoning', text: 'ignored after the error', t: 1300 },
    ]);
    const s = acc.snapshot();
    expect(s.status).toBe('error');
    expect(s.error).toBe('Overloaded');
    expect(s.steps.map((x) => x.text)).toEqual(['Step one.', 'Step two']);
  });

  it('treats a body that ends without its end marker as an early close', () => {
    const acc = make();
    acc.apply([{ type: 'reasoning', text: 'partial', t: 1100 }]);
    acc.finish(1200);
    expect(acc.snapshot().status).toBe('error');
    expect(acc.snapshot().error).toMatch(/end-of-stream marker/);
  });

  it('stop is final: later events and faults do not change it', () => {
    const acc = make();
    acc.apply([{ type: 'reasoning', text: 'a', t: 1100 }]);
    acc.stop(1150);
    acc.fail('network', 1160);
    acc.apply([{ type: 'answer', text: 'late', t: 1170 }]);
    const s = acc.snapshot();
    expect(s.status).toBe('stopped');
    expect(s.answer).toBe('');
    expect(s.endedAt).toBe(1150);
  });

  it('a step the stream broke off in is kept, marked cut off, and left out of the completed steps', () => {
    const acc = make();
    acc.apply([{ type: 'reasoning', text: 'Year 1: 5,000 × 0.04 = 200.\n\nYear 2: the interest is 5,2', t: 1100 }]);
    acc.finish(1300); // the body ended without [DONE]: a dropped connection
    const s = acc.snapshot();
    expect(s.status).toBe('error');
    expect(s.steps.map((x) => x.text)).toEqual(['Year 1: 5,000 × 0.04 = 200.', 'Year 2: the interest is 5,2']);
    expect(s.cutOffStep).toBe(1);
    // What verification and checkpoints see: only the finished step.
    expect(acc.stepCount).toBe(1);
    expect(acc.stepsFrom(0).map((x) => x.text)).toEqual(['Year 1: 5,000 × 0.04 = 200.']);
    expect(acc.currentSteps).toHaveLength(1);
  });

  it('no step is cut off when the run ends between steps, after the reasoning, or normally', () => {
    const between = make();
    between.apply([{ type: 'reasoning', text: 'One.\n\nTwo.\n\n', t: 1100 }]);
    between.stop(1200);
    expect(between.snapshot().cutOffStep).toBeUndefined();
    expect(between.stepCount).toBe(2);

    const answering = make();
    answering.apply([{ type: 'reasoning', text: 'One.\n\nTwo', t: 1100 }, { type: 'answer', text: 'The ans', t: 1150 }]);
    answering.fail('network', 1200);
    expect(answering.snapshot().cutOffStep).toBeUndefined();
    expect(answering.stepCount).toBe(2);

    const done = make();
    done.apply([{ type: 'reasoning', text: 'One.\n\nTwo', t: 1100 }, { type: 'done', t: 1150 }]);
    done.finish(1200);
    expect(done.snapshot().cutOffStep).toBeUndefined();
    expect(done.stepCount).toBe(2);
  });

  it('a stop mid-step also marks the step cut off; a rewind clears it', () => {
    const acc = make();
    acc.apply([{ type: 'reasoning', text: 'One.\n\nTw', t: 1100 }]);
    acc.stop(1200);
    expect(acc.snapshot().cutOffStep).toBe(1);
    acc.rewind(1, 1300);
    expect(acc.snapshot().cutOffStep).toBeUndefined();
    expect(acc.stepCount).toBe(1);
  });

  it('labels summaries', () => {
    const acc = make();
    acc.apply([{ type: 'reasoning', text: '**Plan**', t: 1100, kind: 'summary' }]);
    expect(acc.snapshot().reasoningKind).toBe('summary');
  });

  it('reports time since the last step while reasoning', () => {
    const acc = make();
    acc.apply([{ type: 'reasoning', text: 'a\n\nb', t: 1100 }]);
    expect(runMetrics(acc.snapshot(), 40_000).sinceLastStepMs).toBe(40_000 - 1100);
  });
});

describe('latency tiers', () => {
  it('classifies by step count and flags misses', () => {
    expect([0, 4, 5, 15, 16].map((n) => tierOf(n))).toEqual(['short', 'short', 'medium', 'medium', 'complex']);
    expect(judgeTier(3, 4.9).missed).toBe(false);
    expect(judgeTier(3, 5.1).missed).toBe(true);
    expect(judgeTier(10, 14).targetSeconds).toBe(15);
    const complex = judgeTier(20, 31);
    expect(complex.targetSeconds).toBe(30);
    expect(complex.missed).toBe(true);
    expect(complex.advice).toMatch(/chunked/);
  });
});

describe('markdown export', () => {
  it('includes the prompt, each step and the answer', () => {
    const acc = make();
    acc.apply([{ type: 'reasoning', text: 'A\n\nB', t: 1100 }, { type: 'answer', text: 'C', t: 1200 }, { type: 'done', t: 1200 }]);
    acc.finish(1300);
    const md = runToMarkdown({ prompt: 'Q?', providerLabel: 'Demo', model: 'm', baseUrl: 'demo://local/v1' }, acc.snapshot(), 1300);
    expect(md).toContain('## Prompt\n\nQ?');
    expect(md).toContain('### Step 1\n\nA');
    expect(md).toContain('### Step 2\n\nB');
    expect(md).toContain('## Answer\n\nC');
  });
});

describe('rewind (self-correction)', () => {
  it('keeps the first steps, drops the rest and the answer, and numbers the continuation after them', () => {
    const acc = make();
    acc.apply([{ type: 'reasoning', text: 'A.\n\nB wrong.\n\nC.\n\n', t: 1100 }, { type: 'answer', text: 'bad answer', t: 1200 }, { type: 'done', t: 1200 }]);
    const kept = acc.snapshot().steps[0];
    acc.rewind(1, 1300);
    acc.apply([{ type: 'reasoning', text: 'B fixed.\n\nD.', t: 1400 }, { type: 'answer', text: 'good', t: 1500 }, { type: 'done', t: 1500 }]);
    acc.finish(1600);
    const s = acc.snapshot();
    expect(s.status).toBe('done');
    expect(s.steps.map((x) => [x.index, x.text])).toEqual([[0, 'A.'], [1, 'B fixed.'], [2, 'D.']]);
    expect(s.steps[0]).toBe(kept);
    expect(s.answer).toBe('good');
  });

  it('supersede keeps the flagged step, marks it corrected by the next one, and continues after it', () => {
    const acc = make();
    acc.apply([{ type: 'reasoning', text: 'A.\n\nB wrong.\n\nC.\n\n', t: 1100 }, { type: 'answer', text: 'bad answer', t: 1200 }, { type: 'done', t: 1200 }]);
    acc.supersede(1, 1300);
    expect(acc.snapshot().status).toBe('streaming');
    expect(acc.snapshot().answer).toBe('');
    acc.apply([{ type: 'reasoning', text: 'B fixed.\n\nD.', t: 1400 }, { type: 'answer', text: 'good', t: 1500 }, { type: 'done', t: 1500 }]);
    acc.finish(1600);
    const s = acc.snapshot();
    expect(s.steps.map((x) => [x.index, x.text, x.supersededBy])).toEqual([
      [0, 'A.', undefined],
      [1, 'B wrong.', 2],
      [2, 'B fixed.', undefined],
      [3, 'D.', undefined],
    ]);
    expect(s.answer).toBe('good');
  });
});
