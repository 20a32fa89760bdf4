/**
 * Fleet sizing: peak arrival rate, Little's law, Erlang C and a p95-response model.
 *
 * Method for the p95 response time (documented assumptions):
 * - Each instance serves `concurrency` requests at once; each slot is one server, so the fleet is
 *   an M/G/c queue with c = instances × concurrency, Poisson arrivals at the design rate
 *   λ' = peak × (1 + headroom), and service times drawn from the log's empirical latencies
 *   (assumed independent of how many slots are busy: per-request latency measured at the
 *   concurrency you plan to run).
 * - P(wait) is Erlang C(c, a), a = λ'·E[S]. Given a wait, the wait is exponential with rate
 *   θ = (c/E[S] − λ')·2/(1 + cs²) — exact for M/M/c (cs² = 1); for other service laws the mean
 *   wait is scaled by the Allen–Cunneen factor (1 + cs²)/2.
 * - The wait is independent of the request's own service time, so
 *   P(R ≤ t) = mean over service quantiles sᵢ ≤ t of (1 − C·e^{−θ(t − sᵢ)}), and the p95 is found
 *   by bisection. `attainment` is P(R ≤ target); `timeoutRate` is P(R > timeout).
 */
import { createRng } from '../random';

/**
 * Most servers (instances × concurrency) the fleet search evaluates. Erlang C costs one step per
 * server, and a search evaluates ~70 fleet sizes, so this bounds a plan to ~10⁸ steps (well under
 * a second) whatever the data says; a load needing more is reported, not searched.
 */
export const MAX_FLEET_SERVERS = 1_000_000;
import { sortFloat64 } from './sort';
import { percentileSorted, sortedCopy } from './stats';

/** The values that pass `keep`, sorted ascending (typed throughout: no million-element plain array). */
function sortedWhere(values: ArrayLike<number>, keep: (v: number) => boolean): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) if (keep(values[i])) out[n++] = values[i];
  return sortFloat64(out.subarray(0, n));
}

/**
 * Erlang C: probability that an arrival waits in an M/M/c queue with `servers` servers and
 * offered load `offeredLoad` = λ/μ erlangs. Uses the Erlang B recurrence, stable for large c.
 * Returns 1 when offeredLoad ≥ servers (unstable queue) and 0 for no load.
 */
export function erlangC(servers: number, offeredLoad: number): number {
  const c = Math.floor(servers);
  const a = offeredLoad;
  if (!(c >= 1) || a >= c) return 1;
  if (!(a > 0)) return 0;
  let b = 1;
  for (let k = 1; k <= c; k++) {
    b = (a * b) / (k + a * b);
    // Far beyond the load, B underflows to 0 and stays there: C is 0 too.
    if (b === 0) return 0;
  }
  return (c * b) / (c - a * (1 - b));
}

export type PeakArrival = {
  /** Arrivals per second in the busiest window (count / windowSeconds). */
  ratePerSecond: number;
  count: number;
  windowStartSeconds: number;
  windowSeconds: number;
  /** Last − first timestamp; when shorter than the window the rate understates a sustained peak. */
  spanSeconds: number;
};

/**
 * Busiest `windowSeconds` window (half-open [t, t + w)) of arrival timestamps in seconds.
 * Sort + two pointers: O(n log n). The busiest window can always start at an arrival.
 */
export function peakArrivalRate(timestampsSeconds: ArrayLike<number>, windowSeconds = 60): PeakArrival {
  const t = sortedWhere(timestampsSeconds, Number.isFinite);
  const n = t.length;
  if (n === 0 || !(windowSeconds > 0)) return { ratePerSecond: 0, count: 0, windowStartSeconds: NaN, windowSeconds, spanSeconds: 0 };
  let best = 0;
  let bestStart = t[0];
  let j = 0;
  for (let i = 0; i < n; i++) {
    if (j < i) j = i;
    while (j < n && t[j] < t[i] + windowSeconds) j++;
    if (j - i > best) {
      best = j - i;
      bestStart = t[i];
    }
  }
  return { ratePerSecond: best / windowSeconds, count: best, windowStartSeconds: bestStart, windowSeconds, spanSeconds: t[n - 1] - t[0] };
}

/** Service-time distribution reduced to what the response model needs. */
export type ServiceProfile = {
  mean: number;
  /** Squared coefficient of variation Var(S)/E[S]². */
  cv2: number;
  /** Equally weighted quantiles of S (midpoint probabilities), ascending. */
  quantiles: Float64Array;
};

export function serviceProfile(serviceTimesSeconds: ArrayLike<number>, points = 1000): ServiceProfile {
  const s = sortedWhere(serviceTimesSeconds, (v) => Number.isFinite(v) && v >= 0);
  const n = s.length;
  if (n === 0) return { mean: NaN, cv2: NaN, quantiles: new Float64Array(0) };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += s[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (s[i] - mean) ** 2;
  const cv2 = mean > 0 ? ss / n / (mean * mean) : 0;
  const m = Math.min(points, n);
  const quantiles = n <= points ? s.slice() : Float64Array.from({ length: m }, (_, i) => percentileSorted(s, (100 * (i + 0.5)) / m));
  return { mean, cv2, quantiles };
}

export type QueueState = {
  servers: number;
  utilization: number;
  /** Erlang C probability of waiting. */
  pWait: number;
  /** Rate of the exponential wait given a wait (1/s). */
  waitRate: number;
};

export function queueState(servers: number, arrivalRate: number, profile: ServiceProfile): QueueState {
  const a = arrivalRate * profile.mean;
  const pWait = erlangC(servers, a);
  const scv = Number.isFinite(profile.cv2) ? profile.cv2 : 1;
  const waitRate = a < servers ? ((servers / profile.mean - arrivalRate) * 2) / (1 + scv) : 0;
  return { servers, utilization: a / servers, pWait, waitRate };
}

/** P(response ≤ t) under the model above. */
export function responseCdf(t: number, state: QueueState, profile: ServiceProfile): number {
  const q = profile.quantiles;
  const m = q.length;
  if (m === 0 || t < 0) return 0;
  if (state.utilization >= 1) return 0;
  let acc = 0;
  for (let i = 0; i < m && q[i] <= t; i++) acc += 1 - state.pWait * Math.exp(-state.waitRate * (t - q[i]));
  return acc / m;
}

/** The p-quantile (0–1) of response time, by bisection on responseCdf. Infinity for an unstable queue. */
export function responseQuantile(p: number, state: QueueState, profile: ServiceProfile): number {
  const q = profile.quantiles;
  if (q.length === 0) return NaN;
  if (state.utilization >= 1) return Infinity;
  let lo = 0;
  let hi = q[q.length - 1] + (state.pWait > 0 ? Math.max(0, Math.log(state.pWait / (1 - p))) / state.waitRate : 0) + 1e-9;
  while (responseCdf(hi, state, profile) < p) hi *= 2;
  for (let it = 0; it < 100 && hi - lo > 1e-9 * Math.max(1, hi); it++) {
    const mid = (lo + hi) / 2;
    if (responseCdf(mid, state, profile) >= p) hi = mid;
    else lo = mid;
  }
  return hi;
}

export type FleetInput = {
  /** Peak arrival rate, requests per second (from `peakArrivalRate` or entered). */
  arrivalRate: number;
  /** Empirical per-request service times (end-to-end latency at the planned concurrency), seconds. */
  serviceTimesSeconds: ArrayLike<number>;
  /** Concurrent requests per instance (K). */
  concurrency: number;
  targetP95Seconds: number;
  timeoutSeconds?: number;
  /** Extra capacity as a fraction: 0.2 sizes for 1.2 × peak. Default 0. */
  headroom?: number;
  /** Search cap for instances; default 10 000, and never more than MAX_FLEET_SERVERS ÷ concurrency. */
  maxInstances?: number;
  /** Points on the instances → p95 curve; default 40. */
  curvePoints?: number;
  /** Service quantiles used by the response model; default 1000. */
  servicePoints?: number;
};

export type FleetPoint = {
  instances: number;
  utilization: number;
  pWait: number;
  p95ResponseSeconds: number;
  /** Share of requests answered within the target. */
  attainment: number;
  /** Share answered after the timeout (null without a timeout). */
  timeoutRate: number | null;
};

export type FleetPlan = {
  designArrivalRate: number;
  meanServiceSeconds: number;
  serviceCv2: number;
  serviceP95Seconds: number;
  /** Offered load a = λ'·E[S] in erlangs (= busy slots on average). */
  offeredLoad: number;
  /** Little's law: L = λ'·W with W = E[S]; instances = ceil(L / K). (Headroom is inside λ'.) */
  littles: { concurrentRequests: number; instances: number };
  /** Smallest fleet whose modelled p95 meets the target, null when no fleet size can (reason says why). */
  erlang: { instances: number | null; reason?: string; point: FleetPoint | null };
  /** Minimum stable fleet size upwards. */
  curve: FleetPoint[];
  /** Set when the search stopped at its cap: the cap and why it was hit. */
  capped?: { maxInstances: number; message: string };
  method: string;
};

export const FLEET_METHOD =
  "M/G/c with c = instances × concurrency: Erlang C wait probability, exponential wait tail (Allen–Cunneen-scaled), wait independent of the empirical service time; Little's law for the average-load floor.";

/** Instances needed for a peak rate, concurrency, target p95 and headroom (see the module comment). */
export function sizeFleet(input: FleetInput): FleetPlan {
  const K = Math.max(1, Math.floor(input.concurrency));
  const lambda = input.arrivalRate * (1 + (input.headroom ?? 0));
  const profile = serviceProfile(input.serviceTimesSeconds, input.servicePoints ?? 1000);
  const maxInstances = Math.max(1, Math.min(Math.floor(input.maxInstances ?? 10000), Math.floor(MAX_FLEET_SERVERS / K)));
  const target = input.targetP95Seconds;
  const a = lambda * profile.mean;
  const serviceP95 = percentileSorted(profile.quantiles, 95);

  const point = (instances: number): FleetPoint => {
    const st = queueState(instances * K, lambda, profile);
    return {
      instances,
      utilization: st.utilization,
      pWait: st.pWait,
      p95ResponseSeconds: responseQuantile(0.95, st, profile),
      attainment: responseCdf(target, st, profile),
      timeoutRate: input.timeoutSeconds === undefined ? null : 1 - responseCdf(input.timeoutSeconds, st, profile),
    };
  };

  const plan: FleetPlan = {
    designArrivalRate: lambda,
    meanServiceSeconds: profile.mean,
    serviceCv2: profile.cv2,
    serviceP95Seconds: serviceP95,
    offeredLoad: a,
    littles: { concurrentRequests: a, instances: Number.isFinite(a) ? Math.max(1, Math.ceil(a / K - 1e-12)) : NaN },
    erlang: { instances: null, point: null },
    curve: [],
    method: FLEET_METHOD,
  };
  if (profile.quantiles.length === 0 || !(lambda > 0)) {
    plan.erlang.reason = profile.quantiles.length === 0 ? 'No service times.' : 'No arrivals.';
    return plan;
  }
  const minStable = Math.floor(a / K) + 1;
  if (K > MAX_FLEET_SERVERS) {
    const message = `A concurrency of ${K.toLocaleString('en-US')} per instance is beyond the fleet search's cap of ${MAX_FLEET_SERVERS.toLocaleString('en-US')} servers, so no fleet was searched.`;
    plan.erlang.reason = message;
    plan.capped = { maxInstances: 0, message };
    return plan;
  }
  if (!(minStable <= maxInstances)) {
    // Even a stable queue is beyond the cap: no fleet size below it can be evaluated meaningfully.
    const message = `The load needs more than ${maxInstances.toLocaleString('en-US')} instances just to keep up (offered load ${a.toPrecision(3)} erlangs at ${K} per instance), so the fleet search stopped at that cap. Check the latencies and the peak rate: a value this large usually means a unit or a placeholder in the log.`;
    plan.erlang.reason = message;
    plan.capped = { maxInstances, message };
    return plan;
  }
  // With no queueing at all the p95 is the service p95 with P(R ≤ target) = F_S(target).
  const noQueue: QueueState = { servers: Infinity, utilization: 0, pWait: 0, waitRate: 1 };
  let found: number | null = null;
  if (responseCdf(target, noQueue, profile) < 0.95) {
    plan.erlang.reason = `Service time alone has p95 ${serviceP95.toFixed(2)} s > target ${target} s: more instances cannot meet it; shorten reasoning or raise the target.`;
  } else {
    // p95 falls as instances grow: exponential search then bisection.
    const ok = (n: number) => point(n).p95ResponseSeconds <= target;
    let hi = minStable;
    while (hi <= maxInstances && !ok(hi)) hi = hi * 2;
    if (hi > maxInstances && !ok(maxInstances)) {
      plan.erlang.reason = `Target not met within ${maxInstances.toLocaleString('en-US')} instances (the search cap).`;
      plan.capped = { maxInstances, message: plan.erlang.reason };
    } else {
      hi = Math.min(hi, maxInstances);
      let lo = Math.max(minStable, Math.floor(hi / 2));
      if (ok(lo)) lo = minStable;
      while (lo < hi) {
        const mid = Math.floor((lo + hi) / 2);
        if (ok(mid)) hi = mid;
        else lo = mid + 1;
      }
      found = hi;
      plan.erlang = { instances: found, point: point(found) };
    }
  }
  const top = Math.max(found ?? minStable, plan.littles.instances);
  const curveEnd = Math.min(Math.max(minStable, maxInstances), Math.ceil(top * 1.25) + 3);
  const count = Math.min(input.curvePoints ?? 40, curveEnd - minStable + 1);
  const stride = Math.max(1, Math.ceil((curveEnd - minStable + 1) / count));
  const xs = new Set<number>();
  for (let n = minStable; n <= curveEnd; n += stride) xs.add(n);
  if (found !== null) xs.add(found);
  plan.curve = [...xs].sort((x, y) => x - y).map(point);
  return plan;
}

export type SimulationResult = {
  /** Response times (wait + service) of the measured customers, in arrival order. */
  responseSeconds: Float64Array;
  /** Share of measured customers who waited for a server. */
  waitedShare: number;
  p95ResponseSeconds: number;
};

/**
 * Seeded discrete-event simulation of an FCFS M/G/c queue: Poisson arrivals at `arrivalRate`,
 * service times resampled from `serviceTimesSeconds`, `servers` identical servers (a min-heap of
 * free times). The first `warmup` share of customers is discarded. A cross-check for the
 * closed-form model above; deterministic for a given seed.
 */
export function simulateQueue(input: {
  servers: number;
  arrivalRate: number;
  serviceTimesSeconds: ArrayLike<number>;
  customers: number;
  seed?: number;
  warmup?: number;
}): SimulationResult {
  const c = Math.max(1, Math.floor(input.servers));
  const rng = createRng(input.seed ?? 1);
  const service = input.serviceTimesSeconds;
  const m = service.length;
  const heap = new Float64Array(c); // all servers free at t = 0
  const skip = Math.floor(input.customers * (input.warmup ?? 0.1));
  const out = new Float64Array(Math.max(0, input.customers - skip));
  let waited = 0;
  let t = 0;
  for (let i = 0; i < input.customers; i++) {
    t += -Math.log(1 - rng.next()) / input.arrivalRate;
    const free = heap[0];
    const start = Math.max(t, free);
    const end = start + (m ? service[rng.int(m)] : 0);
    // Replace the root with `end` and sift down.
    let j = 0;
    for (;;) {
      const l = 2 * j + 1;
      if (l >= c) break;
      const r = l + 1;
      const child = r < c && heap[r] < heap[l] ? r : l;
      if (heap[child] >= end) break;
      heap[j] = heap[child];
      j = child;
    }
    heap[j] = end;
    if (i >= skip) {
      out[i - skip] = end - t;
      if (start > t) waited++;
    }
  }
  return {
    responseSeconds: out,
    waitedShare: out.length ? waited / out.length : NaN,
    p95ResponseSeconds: percentileSorted(sortedCopy(out), 95),
  };
}
