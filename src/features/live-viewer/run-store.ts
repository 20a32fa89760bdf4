import { create } from 'zustand';
import type { RunSnapshot } from '../../core/run/accumulator';
import type { ProviderId } from '../../core/providers/types';

export type RunContext = {
  id: string;
  prompt: string;
  provider: ProviderId;
  providerLabel: string;
  model: string;
  baseUrl: string;
  /** Shown when the reasoning is a provider's summary or redacted rather than the raw chain. */
  reasoningNote?: string;
};

type LiveRunState = {
  context: RunContext | null;
  run: RunSnapshot | null;
  /** Ticks once a second while a run is live, so clocks and "no new step" warnings update. */
  now: number;
};

export const useLiveRun = create<LiveRunState>()(() => ({ context: null, run: null, now: 0 }));

export const selectRun = (s: LiveRunState) => s.run;
export const selectContext = (s: LiveRunState) => s.context;
export const selectStatus = (s: LiveRunState) => s.run?.status ?? 'idle';
export const selectSteps = (s: LiveRunState) => s.run?.steps;
export const selectTail = (s: LiveRunState) => s.run?.tail ?? '';
export const selectAnswer = (s: LiveRunState) => s.run?.answer ?? '';
