import { create } from 'zustand';

/**
 * Hands data from one page to another without features importing each other: the runs page
 * puts a log here ("Open in capacity planner"), the planner takes it.
 */
export type PlannerHandoff = {
  name: string;
  text: string;
  runCount: number;
  /** How the planner should describe it; default "N runs from the Runs page". */
  label?: string;
  /** Planner settings the runs imply (the timeout they ran under, the simulated step time). */
  settings?: { timeoutSeconds?: number; stepTimeSeconds?: number; overheadSeconds?: number };
};

type HandoffState = { planner: PlannerHandoff | null };

export const useHandoff = create<HandoffState>()(() => ({ planner: null }));

export function sendToPlanner(handoff: PlannerHandoff): void {
  useHandoff.setState({ planner: handoff });
}

/** Returns the pending handoff once, then clears it. */
export function takePlannerHandoff(): PlannerHandoff | null {
  const pending = useHandoff.getState().planner;
  if (pending) useHandoff.setState({ planner: null });
  return pending;
}
