import type { RunRecord } from '../../core/stored-runs/types';

/**
 * What a replay shows `elapsedMs` after the run's start, from the stored timestamps: steps
 * appear when they completed (the step in progress is revealed in proportion to its time),
 * checkpoints at their elapsed time, the answer between the end of the reasoning and the end
 * of the run. Pure; out-of-order or missing timestamps are clamped, never thrown on.
 */
export type ReplayFrame = {
  /** Completed steps shown. */
  steps: number;
  /** The step in progress and how much of its text is shown. */
  partial?: { index: number; text: string };
  answer: string;
  checkpoints: number;
  finished: boolean;
};

const rel = (run: RunRecord, t: number) => (Number.isFinite(t) ? Math.max(0, t - run.startedAt) : 0);

/** When the reasoning ended, relative to the start (ms). */
function reasoningEnd(run: RunRecord): number {
  const last = run.steps[run.steps.length - 1];
  return last ? rel(run, last.completedAt) : 0;
}

/** Length of the replay in ms (the run's latency, or its last timestamp when it never ended). */
export function replayDuration(run: RunRecord): number {
  const end = run.endedAt !== undefined ? rel(run, run.endedAt) : 0;
  const checkpoint = run.checkpoints.reduce((m, c) => Math.max(m, c.elapsedMs), 0);
  return Math.max(end, reasoningEnd(run), checkpoint);
}

export function replayFrame(run: RunRecord, elapsedMs: number): ReplayFrame {
  const duration = replayDuration(run);
  if (elapsedMs >= duration) {
    return { steps: run.steps.length, answer: run.answer, checkpoints: run.checkpoints.length, finished: true };
  }
  let steps = 0;
  while (steps < run.steps.length && rel(run, run.steps[steps].completedAt) <= elapsedMs) steps++;
  let partial: ReplayFrame['partial'];
  if (steps < run.steps.length) {
    const s = run.steps[steps];
    const start = rel(run, s.startedAt);
    const end = rel(run, s.completedAt);
    if (elapsedMs >= start && end > start) {
      const shown = Math.floor(((elapsedMs - start) / (end - start)) * s.text.length);
      if (shown > 0) partial = { index: steps, text: s.text.slice(0, shown) };
    }
  }
  let answer = '';
  if (steps === run.steps.length && run.answer) {
    const start = reasoningEnd(run);
    const span = duration - start;
    const fraction = span > 0 ? (elapsedMs - start) / span : 1;
    answer = run.answer.slice(0, Math.max(0, Math.floor(fraction * run.answer.length)));
  }
  const checkpoints = run.checkpoints.filter((c) => c.elapsedMs <= elapsedMs).length;
  return { steps, partial, answer, checkpoints, finished: false };
}

/** "1:02.3" style clock for the replay. */
export function formatClock(ms: number): string {
  const total = Math.max(0, ms) / 1000;
  const minutes = Math.floor(total / 60);
  const seconds = total - minutes * 60;
  return `${minutes}:${seconds.toFixed(1).padStart(4, '0')}`;
}
