/**
 * Plausibility of parsed values. A log can carry values no request ever had: an exporter's
 * placeholder (int64 max, 9.2e18), 1e20 from a unit mix-up, a negative duration. Left in, one such
 * value drives the analysis (a mean service time of 10¹⁵ s asks the fleet search for 10¹⁵ servers).
 * Such a value is read as missing — the row itself is kept and still counted by outcome — and the
 * file's report says how many rows were affected, in which field, and why.
 *
 * Bounds (inclusive), chosen far beyond anything real so that no genuine value is touched:
 * - durations (latency, time to first token): 0 … 7 days;
 * - counts (steps, reasoning / output / input tokens): 0 … 100 million per request;
 * - timestamps: ±10¹³ ms (year 2286 as epoch ms; relative times are far smaller).
 * Pure: mutates only the arrays it is given.
 */
import type { ColumnarRows, NumericField } from './columnar';
import type { BucketRow } from './types';

export const MAX_PLAUSIBLE_DURATION_MS = 7 * 24 * 3600 * 1000;
export const MAX_PLAUSIBLE_COUNT = 100_000_000;
export const MAX_PLAUSIBLE_TIMESTAMP_MS = 1e13;

type Bound = { min: number; max: number; label: string; kind: 'duration' | 'count' | 'time' };

export const PLAUSIBLE: Record<NumericField, Bound> = {
  latencyMs: { min: 0, max: MAX_PLAUSIBLE_DURATION_MS, label: 'latency', kind: 'duration' },
  ttftMs: { min: 0, max: MAX_PLAUSIBLE_DURATION_MS, label: 'time to first token', kind: 'duration' },
  steps: { min: 0, max: MAX_PLAUSIBLE_COUNT, label: 'steps', kind: 'count' },
  reasoningTokens: { min: 0, max: MAX_PLAUSIBLE_COUNT, label: 'reasoning tokens', kind: 'count' },
  outputTokens: { min: 0, max: MAX_PLAUSIBLE_COUNT, label: 'output tokens', kind: 'count' },
  inputTokens: { min: 0, max: MAX_PLAUSIBLE_COUNT, label: 'input tokens', kind: 'count' },
  timestampMs: { min: -MAX_PLAUSIBLE_TIMESTAMP_MS, max: MAX_PLAUSIBLE_TIMESTAMP_MS, label: 'timestamp', kind: 'time' },
};

/** One field's implausible values: how many, the most extreme one, and which side of the bound. */
export type ImplausibleField = { field: NumericField | 'bucketLatency' | 'bucketTtft'; count: number; too: 'large' | 'negative'; extreme: number };

export type PlausibilityReport = {
  /** Rows (or bucket rows) with at least one value read as missing. */
  rows: number;
  fields: ImplausibleField[];
};

const isOut = (v: number, b: Bound) => v < b.min || v > b.max || v === Infinity || v === -Infinity;

function note(fields: Map<string, ImplausibleField>, field: ImplausibleField['field'], v: number, min: number): void {
  const too = v < min ? 'negative' : 'large';
  const key = `${field}|${too}`;
  const f = fields.get(key);
  if (!f) fields.set(key, { field, count: 1, too, extreme: v });
  else {
    f.count++;
    if (too === 'large' ? v > f.extreme : v < f.extreme) f.extreme = v;
  }
}

/** Reads implausible values of rows [from, to) as missing (NaN), in place. */
export function dropImplausibleRows(rows: ColumnarRows, from = 0, to = rows.length): PlausibilityReport {
  const fields = new Map<string, ImplausibleField>();
  const hit = new Uint8Array(Math.max(0, to - from));
  for (const name of Object.keys(PLAUSIBLE) as NumericField[]) {
    const b = PLAUSIBLE[name];
    const col = rows[name];
    for (let i = from; i < to; i++) {
      const v = col[i];
      // NaN (missing) compares false everywhere and passes.
      if (isOut(v, b)) {
        note(fields, name, v, b.min);
        col[i] = NaN;
        hit[i - from] = 1;
      }
    }
  }
  let n = 0;
  for (let i = 0; i < hit.length; i++) n += hit[i];
  return { rows: n, fields: [...fields.values()] };
}

/** The same for pre-aggregated buckets: implausible latency and TTFT percentiles become unknown. */
export function dropImplausibleBuckets(buckets: BucketRow[]): PlausibilityReport {
  const fields = new Map<string, ImplausibleField>();
  const b = PLAUSIBLE.latencyMs;
  let n = 0;
  for (const bucket of buckets) {
    let hit = false;
    for (const key of ['latencyP50Ms', 'latencyP95Ms', 'latencyP99Ms', 'ttftP50Ms'] as const) {
      const v = bucket[key];
      if (v !== undefined && isOut(v, b)) {
        note(fields, key === 'ttftP50Ms' ? 'bucketTtft' : 'bucketLatency', v, b.min);
        delete bucket[key];
        hit = true;
      }
    }
    if (hit) n++;
  }
  return { rows: n, fields: [...fields.values()] };
}

const LABELS: Record<ImplausibleField['field'], string> = {
  ...(Object.fromEntries(Object.entries(PLAUSIBLE).map(([k, v]) => [k, v.label])) as Record<NumericField, string>),
  bucketLatency: 'bucket latency percentile',
  bucketTtft: 'bucket time-to-first-token percentile',
};

const fmt = (v: number) => (Math.abs(v) >= 1e6 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(2) : v.toLocaleString('en-US', { maximumFractionDigits: 3 }));

function why(f: ImplausibleField): string {
  if (f.too === 'negative') return `negative (lowest ${fmt(f.extreme)})`;
  const kind = f.field === 'bucketLatency' || f.field === 'bucketTtft' ? 'duration' : PLAUSIBLE[f.field].kind;
  const placeholder = Math.abs(f.extreme) >= 9e18 ? ' — the size of an exporter\'s placeholder such as int64 max' : '';
  if (kind === 'duration') return `over 7 days (largest ${fmt(f.extreme / 1000)} s${placeholder})`;
  if (kind === 'count') return `over ${MAX_PLAUSIBLE_COUNT.toLocaleString('en-US')} (largest ${fmt(f.extreme)}${placeholder})`;
  return `beyond the year 2286 as epoch milliseconds (largest ${fmt(f.extreme)}${placeholder})`;
}

/** The report in words, for the file's messages; empty when nothing was implausible. */
export function plausibilityMessages(report: PlausibilityReport, unit: 'row' | 'bucket row' = 'row'): string[] {
  if (report.rows === 0) return [];
  const parts = report.fields.map((f) => `${f.count.toLocaleString('en-US')} ${LABELS[f.field]} value${f.count === 1 ? '' : 's'} ${why(f)}`);
  const rows = `${report.rows.toLocaleString('en-US')} ${unit}${report.rows === 1 ? '' : 's'}`;
  return [`Implausible values in ${rows} read as missing: ${parts.join('; ')}. No request takes that long or that many tokens, so these are not measurements; the rows themselves are kept and counted.`];
}
