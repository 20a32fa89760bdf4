import { describe, expect, it } from 'vitest';
import { createPublishCadence } from '../../../src/features/live-viewer/publish-cadence';

describe('publish cadence', () => {
  it('publishes every frame while renders are cheap', () => {
    const cadence = createPublishCadence({ factor: 3 });
    cadence.record(1000, 2);
    // 3 × 2 ms after the last start has passed by the next frame.
    expect(cadence.waitMs(1016)).toBe(0);
  });

  it('spaces publishes by three times their cost, so rendering takes at most a third of the thread', () => {
    const cadence = createPublishCadence({ factor: 3, smoothing: 1 });
    cadence.record(1000, 30);
    expect(cadence.waitMs(1016)).toBe(1000 + 90 - 1016);
    expect(cadence.waitMs(1090)).toBe(0);
  });

  it('never waits longer than its cap, and one slow frame moves the estimate only part of the way', () => {
    const cadence = createPublishCadence({ factor: 3, maxWaitMs: 200, smoothing: 0.3 });
    cadence.record(0, 10);
    cadence.record(100, 500);
    // 10 + 0.3 × (500 − 10) = 157 ms typical; 3 × 157 = 471, capped at 200.
    expect(cadence.typicalCostMs).toBeCloseTo(157, 6);
    expect(cadence.waitMs(100)).toBe(200);
  });
});
