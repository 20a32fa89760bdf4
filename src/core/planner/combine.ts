/**
 * The row feed's first stage: every loaded file's columns as one set of columns (no copy for a
 * single file), the outcome counts, and the index sets the later stages read.
 */
import { percentileSorted, sortFloat64, timeoutFromData, type DataTimeout } from '../capacity';
import type { Outcome } from '../logs';
import type { PlannerSettings, LengthBasis } from './settings';
import type { DatasetPart, LatencySummary } from './types';

export const OUTCOME_CODE: Record<Outcome, number> = { ok: 0, error: 1, timeout: 2, truncated: 3, censored: 4 };

export type Combined = {
  n: number;
  length: Float64Array;
  steps: Float64Array;
  latency: Float64Array;
  ttft: Float64Array;
  timestamp: Float64Array;
  /** Outcome codes (OUTCOME_CODE); 2 = timed out. */
  outcome: Uint8Array;
  /** Indices of the analysed set. */
  analysed: Uint32Array;
  /** Indices of ok, truncated and timed-out rows with a latency (length or not). */
  withLatency: Uint32Array;
  counts: Record<Outcome, number>;
  noLength: number;
  analysedCounts: { ok: number; truncated: number; timeout: number };
  slowReclassified: number;
};

export function emptyCounts(): Record<Outcome, number> {
  return { ok: 0, error: 0, timeout: 0, truncated: 0, censored: 0 };
}

function lengthOf(p: DatasetPart, basis: LengthBasis, steps: Float64Array): Float64Array {
  return basis === 'steps' ? steps : basis === 'reasoningTokens' ? p.rows.reasoningTokens : p.rows.outputTokens;
}

function hasAny(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i])) return true;
  return false;
}

/** The chosen length measure, or output tokens when no part has the chosen one but some have output tokens. */
export function basisFor(parts: readonly DatasetPart[], requested: LengthBasis): LengthBasis {
  if (requested === 'outputTokens') return requested;
  const has = (b: LengthBasis) =>
    parts.some((p) => (b === 'steps' ? p.stepsSource === 'tokens' ? hasAny(p.rows.reasoningTokens) : hasAny(p.rows.steps) : b === 'reasoningTokens' ? hasAny(p.rows.reasoningTokens) : hasAny(p.rows.outputTokens)));
  if (has(requested) || !has('outputTokens')) return requested;
  return 'outputTokens';
}

/** The timeout the log's own timed-out rows cluster at (before any reclassification by the settings). */
export function dataTimeout(parts: readonly DatasetPart[]): DataTimeout | null {
  const lat: number[] = [];
  for (const p of parts) for (let i = 0; i < p.rows.length; i++) if (p.rows.outcome[i] === OUTCOME_CODE.timeout && Number.isFinite(p.rows.latencyMs[i])) lat.push(p.rows.latencyMs[i]);
  return timeoutFromData(lat);
}

export function combine(parts: readonly DatasetPart[], s: PlannerSettings, basis: LengthBasis, timeoutSeconds: number): Combined {
  let n = 0;
  for (const p of parts) n += p.rows.length;
  const counts = emptyCounts();
  const timeoutMs = timeoutSeconds * 1000;
  const tps = s.tokensPerStep > 0 ? s.tokensPerStep : 50;
  let slow = 0;
  const stepsOf = (p: DatasetPart): Float64Array => {
    if (p.stepsSource !== 'tokens') return p.rows.steps;
    const rt = p.rows.reasoningTokens;
    const out = new Float64Array(rt.length);
    for (let i = 0; i < rt.length; i++) out[i] = Number.isNaN(rt[i]) ? NaN : Math.ceil(rt[i] / tps);
    return out;
  };
  const outcomeOf = (p: DatasetPart): Uint8Array => {
    if (!s.slowIsTimeout) return p.rows.outcome;
    const out = p.rows.outcome.slice();
    const lat = p.rows.latencyMs;
    for (let i = 0; i < out.length; i++) {
      if ((out[i] === OUTCOME_CODE.ok || out[i] === OUTCOME_CODE.truncated) && lat[i] >= timeoutMs) {
        out[i] = OUTCOME_CODE.timeout;
        slow++;
      }
    }
    return out;
  };
  let steps: Float64Array;
  let length: Float64Array;
  let latency: Float64Array;
  let ttft: Float64Array;
  let timestamp: Float64Array;
  let outcome: Uint8Array;
  if (parts.length === 1) {
    // One file: use its columns as they are (no copy of a million rows).
    const p = parts[0];
    steps = stepsOf(p);
    length = lengthOf(p, basis, steps);
    latency = p.rows.latencyMs;
    ttft = p.rows.ttftMs;
    timestamp = p.rows.timestampMs;
    outcome = outcomeOf(p);
  } else {
    steps = new Float64Array(n);
    length = basis === 'steps' ? steps : new Float64Array(n);
    latency = new Float64Array(n);
    ttft = new Float64Array(n);
    timestamp = new Float64Array(n);
    outcome = new Uint8Array(n);
    let o = 0;
    for (const p of parts) {
      const st = stepsOf(p);
      steps.set(st, o);
      if (basis !== 'steps') length.set(lengthOf(p, basis, st), o);
      latency.set(p.rows.latencyMs, o);
      ttft.set(p.rows.ttftMs, o);
      timestamp.set(p.rows.timestampMs, o);
      outcome.set(outcomeOf(p), o);
      o += p.rows.length;
    }
  }
  const idx = new Uint32Array(n);
  const lat = new Uint32Array(n);
  let m = 0;
  let nl = 0;
  let noLength = 0;
  const analysedCounts = { ok: 0, truncated: 0, timeout: 0 };
  for (let i = 0; i < n; i++) {
    const oc = outcome[i];
    if (oc === 0) counts.ok++;
    else if (oc === 1) counts.error++;
    else if (oc === 2) counts.timeout++;
    else if (oc === 3) counts.truncated++;
    else counts.censored++;
    if ((oc === 0 || oc === 2 || oc === 3) && Number.isFinite(latency[i]) && latency[i] >= 0) lat[nl++] = i;
    if (!Number.isFinite(length[i])) {
      noLength++;
      continue;
    }
    if (oc === 0 || oc === 2 || oc === 3) {
      idx[m++] = i;
      if (oc === 0) analysedCounts.ok++;
      else if (oc === 2) analysedCounts.timeout++;
      else analysedCounts.truncated++;
    }
  }
  // Mostly full (the usual case): views, not a second copy of a million indices at the peak.
  const fit = (a: Uint32Array, k: number) => (k >= 0.75 * n ? a.subarray(0, k) : a.slice(0, k));
  return { n, length, steps, latency, ttft, timestamp, outcome, analysed: fit(idx, m), withLatency: fit(lat, nl), counts, noLength, analysedCounts, slowReclassified: slow };
}

export function ttftMedian(c: Combined): number | null {
  const vals = new Float64Array(c.withLatency.length);
  let n = 0;
  for (let j = 0; j < c.withLatency.length; j++) {
    const v = c.ttft[c.withLatency[j]];
    if (Number.isFinite(v)) vals[n++] = v;
  }
  if (n === 0) return null;
  return percentileSorted(sortFloat64(vals.subarray(0, n)), 50);
}

/** Latency percentiles and the timeout rate over every request with a latency (no length needed). */
export function summarizeLatency(c: Combined, sortedServiceSeconds: Float64Array, medianTtftMs: number | null): LatencySummary | null {
  const n = sortedServiceSeconds.length;
  if (n === 0) return null;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sortedServiceSeconds[i];
  return {
    n,
    p50Ms: percentileSorted(sortedServiceSeconds, 50) * 1000,
    p95Ms: percentileSorted(sortedServiceSeconds, 95) * 1000,
    p99Ms: percentileSorted(sortedServiceSeconds, 99) * 1000,
    meanMs: (sum / n) * 1000,
    medianTtftMs,
    timeouts: c.counts.timeout,
    of: c.n,
  };
}
