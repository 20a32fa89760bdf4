import { runMetrics, type RunSnapshot } from '../../core/run/accumulator';
import { formatDuration } from '../../core/number-format';
import type { RunRecord } from '../../core/stored-runs/types';

/** Whole seconds, at least 1, the way chat apps say it ("Thought for 12 s"); minutes above 60 s. */
export function thoughtDuration(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  return seconds < 60 ? `${seconds} s` : formatDuration(seconds * 1000);
}

/** How long a stored run thought: from its request to the close of its last step. */
export function recordThinkingMs(record: Pick<RunRecord, 'startedAt' | 'steps'>): number | undefined {
  const last = record.steps[record.steps.length - 1];
  return last ? Math.max(0, last.completedAt - record.startedAt) : undefined;
}

export type ThinkingLabel = {
  /** "Thinking… 3.2 s", "Thought for 12 s", or empty before any reasoning arrived. */
  text: string;
  /** True while the model is still reasoning (the block stays open and counts). */
  thinking: boolean;
};

/**
 * The thinking block's title. A replay from the cache took a fraction of a second, so it says
 * how long the original run thought and, beside it, how long the replay took — the same figure
 * as the Elapsed metric.
 */
export function thinkingLabel(run: RunSnapshot, now: number, originalThinkingMs?: number): ThinkingLabel {
  const m = runMetrics(run, Math.max(now, run.lastEventAt ?? 0));
  const live = run.status === 'streaming' || run.status === 'connecting';
  if (m.thoughtForMs !== undefined) {
    const text =
      originalThinkingMs !== undefined
        ? `Thought for ${thoughtDuration(originalThinkingMs)} (original run) · replayed in ${formatDuration(m.elapsedMs)}`
        : `Thought for ${thoughtDuration(m.thoughtForMs)}`;
    return { text, thinking: false };
  }
  if (live && run.reasoningStartedAt !== undefined) return { text: `Thinking… ${formatDuration(m.elapsedMs)}`, thinking: true };
  if (live) return { text: 'Thinking…', thinking: true };
  return { text: '', thinking: false };
}
