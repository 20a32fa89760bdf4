import { create } from 'zustand';
import type { RunView } from '../../lib/run-engine';

export type Toast = { id: string; runId: string; text: string };

type LiveRunState = {
  /** Runs of this session by id (the live one and background ones), newest first in `order`. */
  views: Record<string, RunView>;
  order: string[];
  viewedId: string | null;
  /** Clock reading at the last publish, so timers and "no new step" warnings update. */
  now: number;
  toasts: Toast[];
  /** A step to bring into view (next/previous warning); the nonce re-triggers the same step. */
  focusStep?: { index: number; nonce: number };
  /** The reader's own choice to open or close a run's thinking block; absent = automatic. */
  thinkingOpen: Record<string, boolean>;
  /** Compare mode: the two runs shown side by side (they are not the viewed run). */
  compare?: { leftId: string; rightId: string };
};

export const useLiveRun = create<LiveRunState>()(() => ({ views: {}, order: [], viewedId: null, now: 0, toasts: [], thinkingOpen: {} }));

export const selectView = (s: LiveRunState): RunView | null => (s.viewedId ? (s.views[s.viewedId] ?? null) : null);
export const selectRun = (s: LiveRunState) => selectView(s)?.run ?? null;
export const selectContext = (s: LiveRunState) => selectView(s)?.context ?? null;
export const selectStatus = (s: LiveRunState) => selectView(s)?.run.status ?? 'idle';
export const selectSteps = (s: LiveRunState) => selectView(s)?.run.steps;
export const selectTail = (s: LiveRunState) => selectView(s)?.run.tail ?? '';
export const selectAnswer = (s: LiveRunState) => selectView(s)?.run.answer ?? '';

/** Records the reader's choice for a run's thinking block (it then stays as they left it). */
export function setThinkingOpen(runId: string, open: boolean): void {
  useLiveRun.setState((s) => (s.thinkingOpen[runId] === open ? s : { thinkingOpen: { ...s.thinkingOpen, [runId]: open } }));
}

/** Brings a step into view in the steps list (it stops following the newest). */
export function focusOnStep(index: number): void {
  useLiveRun.setState((s) => ({ focusStep: { index, nonce: (s.focusStep?.nonce ?? 0) + 1 } }));
}
