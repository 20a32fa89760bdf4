import { describe, expect, it } from 'vitest';
import { NO_PAUSES, observePause, pausedMsAt } from '../../../src/core/run/pause-clock';

describe('the pause clock', () => {
  it('adds up paused intervals, counting a pause in progress up to now', () => {
    let log = NO_PAUSES;
    log = observePause(log, false, 0);
    log = observePause(log, true, 1000);
    log = observePause(log, true, 1500); // observed again while paused: still from 1000
    expect(pausedMsAt(log, 4000)).toBe(3000);
    log = observePause(log, false, 5000);
    expect(pausedMsAt(log, 9000)).toBe(4000);
    log = observePause(log, true, 10_000);
    log = observePause(log, false, 10_250);
    expect(pausedMsAt(log, 20_000)).toBe(4250);
  });

  it('returns the same log when nothing changed (no re-renders for nothing)', () => {
    const log = observePause(NO_PAUSES, true, 5);
    expect(observePause(log, true, 50)).toBe(log);
    expect(observePause(NO_PAUSES, false, 50)).toBe(NO_PAUSES);
  });
});
