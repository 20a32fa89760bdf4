import { NO_PAUSES, observePause, pausedMsAt, type PauseLog } from '../../core/run/pause-clock';
import { useLiveRun } from './run-store';

/**
 * How long each run of this session has been paused by the verification policy, observed at
 * every publish of the run store (paused time does not count against the latency target).
 */
const logs = new Map<string, PauseLog>();

useLiveRun.subscribe((s) => {
  for (const [id, view] of Object.entries(s.views)) {
    const before = logs.get(id) ?? NO_PAUSES;
    const after = observePause(before, view.paused, view.run.endedAt ?? s.now);
    if (after !== before) logs.set(id, after);
  }
});

export function pausedMsOf(runId: string | null | undefined, at: number): number {
  const log = runId ? logs.get(runId) : undefined;
  return log ? pausedMsAt(log, at) : 0;
}
