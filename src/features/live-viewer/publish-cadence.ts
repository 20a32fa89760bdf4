/**
 * How soon the next publish may follow the last one: rendering may take at most a share of the
 * main thread, so the wait is a multiple of what recent publishes cost (render, commit, the
 * layout they force), never more than `maxWaitMs`. A cheap render publishes every frame; one that
 * costs 30 ms (a fast stream adding dozens of steps a frame on a slow machine) publishes about
 * every 90 ms, and the stream's own work gets the rest of the thread.
 */
export type PublishCadence = {
  /** A publish started at `startedAt` and took `costMs`. */
  record(startedAt: number, costMs: number): void;
  /** Milliseconds to wait from `now` before the next publish (0: the next frame). */
  waitMs(now: number): number;
  readonly typicalCostMs: number;
};

export function createPublishCadence({ factor = 3, maxWaitMs = 200, smoothing = 0.3 } = {}): PublishCadence {
  let typical = 0;
  let lastStart = Number.NEGATIVE_INFINITY;
  return {
    record(startedAt, costMs) {
      // Smoothed, so one slow frame (a garbage collection) does not stall the next ones.
      typical = typical === 0 ? costMs : typical + smoothing * (costMs - typical);
      lastStart = startedAt;
    },
    waitMs(now) {
      const due = lastStart + Math.min(maxWaitMs, factor * typical);
      return Math.max(0, due - now);
    },
    get typicalCostMs() {
      return typical;
    },
  };
}
