import { describe, expect, it } from 'vitest';
import {
  createRng,
  erlangC,
  peakArrivalRate,
  queueState,
  responseQuantile,
  serviceProfile,
  simulateQueue,
  sizeFleet,
} from '../../../src/core/capacity';

describe('erlangC', () => {
  it('matches textbook values', () => {
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 14);
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 14);
    expect(erlangC(1, 0.8)).toBeCloseTo(0.8, 14); // M/M/1: P(wait) = ρ
    expect(erlangC(10, 8)).toBeCloseTo(0.40918015079644354, 12); // exact rational arithmetic
  });
  it('is stable for large c', () => {
    expect(erlangC(1000, 950)).toBeCloseTo(0.06825341537714143, 12);
    expect(erlangC(100, 95.5)).toBeCloseTo(0.5458166200190918, 12);
    expect(erlangC(100000, 99000)).toBeGreaterThan(0);
    expect(erlangC(100000, 99000)).toBeLessThan(1);
  });
  it('returns 1 when load ≥ servers and 0 without load', () => {
    expect(erlangC(4, 4)).toBe(1);
    expect(erlangC(4, 9)).toBe(1);
    expect(erlangC(4, 0)).toBe(0);
  });
});

describe('peakArrivalRate', () => {
  it('finds the busiest 60 s window', () => {
    // 1 request/s for 10 minutes plus a burst of 120 in 30 s starting at t = 300.
    const ts = [...Array.from({ length: 600 }, (_, i) => i), ...Array.from({ length: 120 }, (_, i) => 300 + i / 4)];
    const p = peakArrivalRate(ts, 60);
    expect(p.count).toBe(180);
    expect(p.ratePerSecond).toBe(3);
    expect(p.spanSeconds).toBe(599);
  });
  it('agrees with brute force on random timestamps', () => {
    const rng = createRng(3);
    const ts = Array.from({ length: 800 }, () => rng.next() * 1000);
    let brute = 0;
    for (const a of ts) brute = Math.max(brute, ts.filter((t) => t >= a && t < a + 60).length);
    expect(peakArrivalRate(ts).count).toBe(brute);
    expect(peakArrivalRate([]).ratePerSecond).toBe(0);
  });
});

describe('response-time model', () => {
  it('reproduces the M/M/1 closed form p95 = ln 20 / (μ − λ)', () => {
    const exp = Float64Array.from({ length: 20000 }, (_, i) => -Math.log(1 - (i + 0.5) / 20000)); // Exp(1) quantiles
    const prof = serviceProfile(exp, 20000);
    const p95 = responseQuantile(0.95, queueState(1, 0.8, prof), prof);
    expect(p95 / (Math.log(20) / 0.2) - 1).toBeLessThan(0.005);
    expect(p95 / (Math.log(20) / 0.2) - 1).toBeGreaterThan(-0.005);
  });
  it('agrees with a seeded M/M/c simulation within 2 %', () => {
    const rng = createRng(5);
    const service = Array.from({ length: 20000 }, () => -Math.log(1 - rng.next()));
    const prof = serviceProfile(service);
    const lambda = (0.8 * 10) / prof.mean;
    const st = queueState(10, lambda, prof);
    const sim = simulateQueue({ servers: 10, arrivalRate: lambda, serviceTimesSeconds: service, customers: 200000, seed: 11 });
    expect(Math.abs(responseQuantile(0.95, st, prof) / sim.p95ResponseSeconds - 1)).toBeLessThan(0.02);
    expect(Math.abs(st.pWait - sim.waitedShare)).toBeLessThan(0.02);
  });
  it('stays within 3 % of simulation for lognormal service times (Allen–Cunneen)', () => {
    const rng = createRng(6);
    const service = Array.from({ length: 20000 }, () => Math.exp(0.8 * rng.normal()));
    const prof = serviceProfile(service);
    const lambda = (0.9 * 40) / prof.mean;
    const analytic = responseQuantile(0.95, queueState(40, lambda, prof), prof);
    const sim = simulateQueue({ servers: 40, arrivalRate: lambda, serviceTimesSeconds: service, customers: 200000, seed: 12 });
    expect(Math.abs(analytic / sim.p95ResponseSeconds - 1)).toBeLessThan(0.03);
  });
});

describe('sizeFleet', () => {
  const service = Array.from({ length: 5000 }, (_, i) => 10 + (i % 50)); // 10–59 s, mean 34.5 s
  it("Little's law: ceil(λ·W/K·(1+headroom))", () => {
    const plan = sizeFleet({ arrivalRate: 10, serviceTimesSeconds: Array(100).fill(20), concurrency: 8, targetP95Seconds: 60, headroom: 0.25 });
    expect(plan.littles.concurrentRequests).toBeCloseTo(250, 9); // 12.5 req/s × 20 s
    expect(plan.littles.instances).toBe(32); // 250 / 8 = 31.25
  });
  it('Erlang sizing meets the target, sits at or above Little, and the curve falls with instances', () => {
    const plan = sizeFleet({ arrivalRate: 2, serviceTimesSeconds: service, concurrency: 4, targetP95Seconds: 60, timeoutSeconds: 90, headroom: 0.2 });
    const n = plan.erlang.instances as number;
    expect(n).toBeGreaterThanOrEqual(plan.littles.instances);
    expect(plan.erlang.point?.p95ResponseSeconds).toBeLessThanOrEqual(60);
    expect(plan.erlang.point?.attainment).toBeGreaterThanOrEqual(0.95);
    const fewer = plan.curve.find((p) => p.instances === n - 1);
    expect(fewer?.p95ResponseSeconds ?? Infinity).toBeGreaterThan(60);
    for (let i = 1; i < plan.curve.length; i++) {
      expect(plan.curve[i].p95ResponseSeconds).toBeLessThanOrEqual(plan.curve[i - 1].p95ResponseSeconds * (1 + 1e-6));
      expect(plan.curve[i].attainment).toBeGreaterThanOrEqual(plan.curve[i - 1].attainment - 1e-9);
    }
    expect(plan.curve[0].utilization).toBeLessThan(1);
    expect(plan.erlang.point?.timeoutRate).toBeLessThan(0.05);
  });
  it('says no fleet can help when service time alone misses the target', () => {
    const plan = sizeFleet({ arrivalRate: 1, serviceTimesSeconds: service, concurrency: 4, targetP95Seconds: 30 });
    expect(plan.erlang.instances).toBeNull();
    expect(plan.erlang.reason).toMatch(/more instances cannot/);
    expect(plan.curve.length).toBeGreaterThan(0);
  });
  it('is deterministic', () => {
    const input = { arrivalRate: 3, serviceTimesSeconds: service, concurrency: 8, targetP95Seconds: 65 };
    expect(sizeFleet(input)).toEqual(sizeFleet(input));
  });
});
