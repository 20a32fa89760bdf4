import { describe, expect, it } from 'vitest';
import { MAX_FLEET_SERVERS, erlangC, sizeFleet } from '../../../src/core/capacity/queueing';

describe('the capped fleet search', () => {
  it('stops at once when even a stable queue needs more servers than the cap, and says so', () => {
    // One service time of 1e17 s among ordinary ones: mean ≈ 1e14 s, offered load ≈ 1e14 erlangs.
    const service = Array.from({ length: 1000 }, (_, i) => (i === 0 ? 1e17 : 2));
    const t = performance.now();
    const plan = sizeFleet({ arrivalRate: 1, serviceTimesSeconds: service, concurrency: 8, targetP95Seconds: 30 });
    expect(performance.now() - t).toBeLessThan(1000);
    expect(plan.erlang.instances).toBeNull();
    expect(plan.curve).toEqual([]);
    expect(plan.capped?.maxInstances).toBe(10000);
    expect(plan.capped?.message).toMatch(/more than 10,000 instances just to keep up/);
    expect(plan.erlang.reason).toBe(plan.capped?.message);
    expect(plan.offeredLoad).toBeCloseTo(1e14, -12);
  });

  it('never evaluates more than MAX_FLEET_SERVERS servers, whatever the concurrency and the asked cap', () => {
    // 50 000 erlangs at 100 per instance: 501 instances are the minimum stable fleet, within the cap.
    const plan = sizeFleet({ arrivalRate: 5000, serviceTimesSeconds: [10, 10, 10], concurrency: 100, targetP95Seconds: 12, maxInstances: 1e12 });
    expect(plan.erlang.instances).not.toBeNull();
    for (const p of plan.curve) expect(p.instances * 100).toBeLessThanOrEqual(MAX_FLEET_SERVERS);
    // The same load at concurrency 1 needs ≥ 50 001 servers per the closed form: still searchable.
    const ok = sizeFleet({ arrivalRate: 5000, serviceTimesSeconds: [10, 10, 10], concurrency: 1, targetP95Seconds: 12, maxInstances: 1e12 });
    expect(ok.erlang.instances).toBeGreaterThan(50000);
    // Concurrency so large that one instance is over the servers cap: nothing is searched, and it says so.
    const t = performance.now();
    const huge = sizeFleet({ arrivalRate: 1, serviceTimesSeconds: [10], concurrency: 1e9, targetP95Seconds: 12 });
    expect(performance.now() - t).toBeLessThan(1000);
    expect(huge.capped?.message).toBe("A concurrency of 1,000,000,000 per instance is beyond the fleet search's cap of 1,000,000 servers, so no fleet was searched.");
    expect(huge.curve).toEqual([]);
  });

  it('says when the target is not met within the cap', () => {
    // A service p95 of 10 s meets a 10.5 s target only with almost no queueing; cap the search low.
    const plan = sizeFleet({ arrivalRate: 100, serviceTimesSeconds: Array.from({ length: 100 }, () => 10), concurrency: 1, targetP95Seconds: 10.000001, maxInstances: 1001 });
    expect(plan.erlang.instances).toBeNull();
    expect(plan.capped?.message).toMatch(/Target not met within 1,001 instances \(the search cap\)/);
  });

  it('Erlang C: M/M/1 has P(wait) = ρ; far beyond the load it is 0 without running to c', () => {
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 12);
    // M/M/2 closed form: C = 2ρ²/(1 + ρ) with ρ = a/2.
    expect(erlangC(2, 1.2)).toBeCloseTo((2 * 0.6 ** 2) / 1.6, 12);
    const t = performance.now();
    expect(erlangC(1e12, 3)).toBe(0);
    expect(performance.now() - t).toBeLessThan(100);
  });
});
