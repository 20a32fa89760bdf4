import { create } from 'zustand';
import { stopRun } from '../../features/live-viewer/run-controller';
import { STAGES } from './stages';

type TourState = {
  active: boolean;
  stage: number;
  /** Paused: the current stage finishes but the tour does not move on by itself. */
  paused: boolean;
  /** The current stage is still running. */
  busy: boolean;
  error?: string;
  /** When the finished stage gives way to the next (epoch ms), for the countdown; unset while running or paused. */
  advanceAt?: number;
  presentation: boolean;
};

export const useTour = create<TourState>()(() => ({ active: false, stage: 0, paused: false, busy: false, presentation: false }));

/**
 * How long a finished stage stays on screen before the tour moves on: long enough to read its
 * caption aloud at a presenter's pace (about 2.5 words a second) and say a sentence more.
 */
export function dwellMs(caption: string): number {
  const words = caption.split(/\s+/).filter(Boolean).length;
  return Math.min(20_000, Math.max(8_000, Math.round(words * 400 + 4_000)));
}

let controller: AbortController | null = null;
/** Whether presentation mode was on before the tour turned it on, so ending the tour restores it. */
let presentingBeforeTour = false;

function go(hash: string) {
  if (window.location.hash !== hash && !(hash === '#/' && (window.location.hash === '' || window.location.hash === '#'))) window.location.assign(hash);
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      reject(new DOMException('aborted', 'AbortError'));
    });
  });
}

async function play(index: number) {
  controller?.abort();
  const mine = new AbortController();
  controller = mine;
  useTour.setState({ stage: index, busy: true, error: undefined, advanceAt: undefined });
  try {
    await STAGES[index].run({ signal: mine.signal, go, wait: (ms) => wait(ms, mine.signal) });
    if (mine.signal.aborted) return;
    const last = index + 1 >= STAGES.length;
    const dwell = dwellMs(STAGES[index].caption);
    useTour.setState({ busy: false, advanceAt: last || useTour.getState().paused ? undefined : Date.now() + dwell });
    await wait(dwell, mine.signal);
    // Move on unless paused; a paused tour waits for Next or Resume.
    if (!useTour.getState().paused && !last) void play(index + 1);
  } catch (error) {
    if (mine.signal.aborted) return;
    useTour.setState({ busy: false, error: error instanceof Error ? error.message : String(error) });
  }
}

export function startTour(): void {
  presentingBeforeTour = useTour.getState().presentation;
  useTour.setState({ active: true, paused: false, presentation: true });
  void play(0);
}

export function pauseTour(): void {
  useTour.setState({ paused: true, advanceAt: undefined });
}

export function resumeTour(): void {
  const { stage, busy } = useTour.getState();
  useTour.setState({ paused: false });
  if (!busy && stage + 1 < STAGES.length) void play(stage + 1);
}

/** Steps to the next or previous stage and holds there (the presenter has taken over). */
export function stepTour(direction: 1 | -1): void {
  const { stage } = useTour.getState();
  const next = Math.min(STAGES.length - 1, Math.max(0, stage + direction));
  if (next === stage) return;
  stopRun();
  useTour.setState({ paused: true });
  void play(next);
}

export function exitTour(): void {
  controller?.abort();
  controller = null;
  stopRun();
  useTour.setState({ active: false, busy: false, paused: false, presentation: presentingBeforeTour, advanceAt: undefined });
}

export function setPresentation(on: boolean): void {
  useTour.setState({ presentation: on });
}
