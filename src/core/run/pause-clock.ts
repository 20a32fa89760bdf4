/**
 * Time a run spent paused by the verification policy, so the latency target judges only the
 * time the reader was actually kept waiting by the model (a paused stream waits for the reader).
 * Pure: the caller passes the times.
 */
export type PauseLog = { readonly totalMs: number; readonly since?: number };

export const NO_PAUSES: PauseLog = { totalMs: 0 };

/** The log after observing the run paused or not at time `at` (repeated observations are fine). */
export function observePause(log: PauseLog, paused: boolean, at: number): PauseLog {
  if (paused) return log.since === undefined ? { totalMs: log.totalMs, since: at } : log;
  return log.since === undefined ? log : { totalMs: log.totalMs + Math.max(0, at - log.since) };
}

/** Paused milliseconds up to `at` (a pause still going counts up to `at`). */
export function pausedMsAt(log: PauseLog, at: number): number {
  return log.totalMs + (log.since === undefined ? 0 : Math.max(0, at - log.since));
}
