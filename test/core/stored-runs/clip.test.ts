import { describe, expect, it } from 'vitest';
import { clipRunForList, splitForTransfer } from '../../../src/core/stored-runs';
import { makeRun } from './make-run';

describe('clipRunForList', () => {
  it('returns a short run as it is', () => {
    const run = makeRun();
    expect(clipRunForList(run)).toBe(run);
  });

  it('cuts long texts and records their full lengths, keeping every step and count', () => {
    const run = makeRun({ answer: 'a'.repeat(50), steps: [{ text: 'x'.repeat(30), startedAt: 1, completedAt: 2 }, { text: 'short', startedAt: 2, completedAt: 3 }] });
    const clipped = clipRunForList(run, { step: 10, answer: 20, prompt: 100 });
    expect(clipped.answer).toHaveLength(20);
    expect(clipped.steps.map((s) => s.text)).toEqual(['x'.repeat(10), 'short']);
    expect(clipped.clipped).toEqual({ answerChars: 50, promptChars: run.prompt.length, stepChars: [30, 5] });
  });
});

describe('splitForTransfer', () => {
  const runs = Array.from({ length: 10 }, (_, i) => makeRun({ id: `r${i}` }));

  it('keeps a small list in one part', () => {
    expect(splitForTransfer(runs)).toEqual([runs]);
    expect(splitForTransfer([])).toEqual([[]]);
  });

  it('cuts a list into parts of bounded weight, in order, losing nothing', () => {
    // Each run weighs 1 + 2 steps + 1 (under 2,000 characters) = 4.
    const parts = splitForTransfer(runs, 12);
    expect(parts.map((p) => p.length)).toEqual([3, 3, 3, 1]);
    expect(parts.flat()).toEqual(runs);
  });

  it('counts text: a run with a long step weighs more', () => {
    const heavy = makeRun({ id: 'heavy', steps: [{ text: 'y'.repeat(20_000), startedAt: 1, completedAt: 2 }] });
    const parts = splitForTransfer([heavy, ...runs.slice(0, 2)], 12);
    expect(parts[0]).toEqual([heavy]);
    expect(parts.flat().map((r) => r.id)).toEqual(['heavy', 'r0', 'r1']);
  });
});
