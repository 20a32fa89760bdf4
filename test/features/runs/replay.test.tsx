import { describe, expect, it } from 'vitest';
import { formatClock, replayDuration, replayFrame } from '../../../src/features/runs/replay';
import { makeRun } from '../../core/stored-runs/make-run';

const T = 1_700_000_000_000;

describe('replayFrame', () => {
  const run = makeRun({
    startedAt: T,
    endedAt: T + 4000,
    steps: [
      { text: 'abcdefghij', startedAt: T + 300, completedAt: T + 1000 },
      { text: '0123456789', startedAt: T + 1000, completedAt: T + 2000 },
    ],
    answer: '**408**',
    checkpoints: [{ number: 1, stepCount: 2, elapsedMs: 2000, summary: ['s'] }],
  });

  it('follows the stored timestamps: partial step, steps at completion, checkpoints, then the answer', () => {
    expect(replayDuration(run)).toBe(4000);
    expect(replayFrame(run, 0)).toMatchObject({ steps: 0, partial: undefined, answer: '', checkpoints: 0, finished: false });
    expect(replayFrame(run, 650)).toMatchObject({ steps: 0, partial: { index: 0, text: 'abcde' } });
    expect(replayFrame(run, 1500)).toMatchObject({ steps: 1, partial: { index: 1, text: '01234' }, checkpoints: 0 });
    expect(replayFrame(run, 2000)).toMatchObject({ steps: 2, checkpoints: 1, answer: '' });
    expect(replayFrame(run, 3000).answer).toBe('**4');
    expect(replayFrame(run, 4000)).toEqual({ steps: 2, answer: '**408**', checkpoints: 1, finished: true });
    expect(replayFrame(run, Infinity).finished).toBe(true);
  });

  it('replays an interrupted run (no end) up to its last step', () => {
    const open = makeRun({ ...run, endedAt: undefined, latencyMs: undefined, status: 'interrupted', answer: '' });
    expect(replayDuration(open)).toBe(2000);
    expect(replayFrame(open, 2000).finished).toBe(true);
  });

  it('formats the clock', () => {
    expect(formatClock(0)).toBe('0:00.0');
    expect(formatClock(62_340)).toBe('1:02.3');
  });
});
