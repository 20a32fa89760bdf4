/**
 * Values and units: reading numbers, booleans and timestamps out of log cells, and guessing the
 * unit of a time column. The heuristics, in order (the first that applies wins):
 *
 * 1. The format's known layout (e.g. vLLM `ttfts` are seconds, Langfuse `latency` is seconds,
 *    AIPerf records carry their own `unit`).
 * 2. The column name: a last word `ns` / `nanos` / `UnixNano` → ns; `us` / `micros` → µs;
 *    `ms` / `Ms` / `millis` → ms; `s` / `sec` / `secs` / `seconds` → s; also a trailing "(ms)".
 * 3. The magnitude of the sampled values (median of the absolute values):
 *    - durations: ≥ 1e8 → ns (more than a day in ms is implausible); ≥ 1,000 → ms; otherwise s.
 *      For TTFT the ms threshold is 20 (a first token under 20 ms, or over 20 s, is rare), so
 *      TTFT `250` reads as 250 ms and latency `250` as 250 s.
 *    - timestamps: > 1e17 → epoch ns; > 1e14 → epoch µs; > 1e11 → epoch ms; > 1e8 → epoch s;
 *      smaller numbers are relative times, in seconds unless the name says otherwise.
 *    - strings that parse as dates → `iso` (no zone means UTC).
 * Every guess carries a reason string that the mapping panel shows next to the unit.
 */
import type { Unit } from './types';

/** Cells that mean "no value" (`\N` is ClickHouse's and MySQL's CSV NULL). */
const MISSING = new Set(['', 'null', 'none', 'nan', 'na', 'n/a', 'nil', 'undefined', '-', '—', '\\n']);

/** A finite number, or undefined for anything missing or unreadable. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') {
    const s = value.trim();
    if (s === '' || MISSING.has(s.toLowerCase())) return undefined;
    const n = Number(s);
    return Number.isFinite(n) ? n : undefined;
  }
  if (typeof value === 'bigint') return Number(value);
  return undefined;
}

/** True when the value is absent (null, undefined, empty or a "null"-like string). */
export function isMissing(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return MISSING.has(value.trim().toLowerCase());
  if (typeof value === 'number') return Number.isNaN(value);
  return false;
}

export function toBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined;
  if (typeof value === 'string') {
    const s = value.trim().toLowerCase();
    if (s === 'true' || s === '1' || s === 'yes' || s === 'y' || s === 't') return true;
    if (s === 'false' || s === '0' || s === 'no' || s === 'n' || s === 'f') return false;
  }
  return undefined;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|UTC|[+-]\d{2}(?::?\d{2})?)?$/;

/** The last calendar day read by the fast path (`YYYY-MM-DD`) and its epoch ms: a log's rows share a day. */
let dayText = '';
let dayMs = NaN;

/** Two ASCII digits at `at` as a number, or -1. */
function digits2(s: string, at: number): number {
  const a = s.charCodeAt(at) - 48;
  const b = s.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The form `Date.prototype.toISOString` writes — `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS.sssZ`,
 * most timestamped logs' — read by character codes, with the day's epoch reused from the previous
 * call: the same value as the general path below (a million rows in tens of ms instead of ~0.4 s).
 * NaN when the text is not exactly in that form.
 */
function canonicalIsoMs(s: string): number {
  const len = s.length;
  if ((len !== 24 && len !== 20) || s.charCodeAt(len - 1) !== 90 /* Z */) return NaN;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 /* T */ || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return NaN;
  const h = digits2(s, 11);
  const mi = digits2(s, 14);
  const sec = digits2(s, 17);
  if (h < 0 || mi < 0 || sec < 0) return NaN;
  let frac = 0;
  if (len === 24) {
    if (s.charCodeAt(19) !== 46 /* . */) return NaN;
    const f1 = digits2(s, 20);
    const f3 = s.charCodeAt(22) - 48;
    if (f1 < 0 || f3 < 0 || f3 > 9) return NaN;
    frac = f1 * 10 + f3;
  }
  if (!s.startsWith(dayText) || dayText === '') {
    const y1 = digits2(s, 0);
    const y2 = digits2(s, 2);
    const mo = digits2(s, 5);
    const d = digits2(s, 8);
    if (y1 < 0 || y2 < 0 || mo < 0 || d < 0) return NaN;
    dayText = s.slice(0, 10);
    dayMs = Date.UTC(y1 * 100 + y2, mo - 1, d);
  }
  return dayMs + h * 3_600_000 + mi * 60_000 + sec * 1000 + frac;
}

/** Epoch ms of a date-time string; ISO 8601 or `YYYY-MM-DD HH:MM:SS.fffffff`; no zone → UTC. */
export function parseDateTime(text: string): number | undefined {
  const fast = canonicalIsoMs(text);
  if (Number.isFinite(fast)) return fast;
  const s = text.trim();
  const m = ISO.exec(s);
  if (m) {
    const frac = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
    let ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)) + frac;
    const zone = m[8];
    if (zone && zone !== 'Z' && zone !== 'z' && zone !== 'UTC') {
      const sign = zone[0] === '-' ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0);
      ms -= sign * offset * 60000;
    }
    return Number.isFinite(ms) ? ms : undefined;
  }
  if (!/\d{4}/.test(s)) return undefined;
  const parsed = Date.parse(s);
  return Number.isFinite(parsed) ? parsed : undefined;
}

const TO_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, ms: 1, s: 1000 };

/** A duration in `unit` → ms; undefined for non-time units. */
export function durationToMs(value: number, unit: Unit): number | undefined {
  const f = TO_MS[unit];
  return f === undefined ? undefined : value * f;
}

/** A timestamp cell → ms (epoch or relative). `iso` parses strings; numeric units scale. */
export function timestampToMs(value: unknown, unit: Unit): number | undefined {
  if (unit === 'iso') {
    if (typeof value === 'string') return parseDateTime(value);
    const n = toNumber(value);
    return n; // a number in an iso column: assume already ms
  }
  const n = toNumber(value);
  if (n === undefined) {
    // A date string in a numeric column still reads.
    return typeof value === 'string' ? parseDateTime(value) : undefined;
  }
  return durationToMs(n, unit);
}

/** The last word of a column name ("metrics.request_latency.value" → "value"). */
function lastSegment(column: string): string {
  const dot = column.lastIndexOf('.');
  return dot >= 0 ? column.slice(dot + 1) : column;
}

/** A time unit stated by the column name, if any. */
export function unitFromName(column: string): Exclude<Unit, 'iso' | 'count' | 'text' | 'bool'> | undefined {
  const paren = /\((ns|us|µs|ms|s|sec|secs|seconds|milliseconds)\)\s*$/i.exec(column);
  if (paren) {
    const u = paren[1].toLowerCase();
    return u === 'ns' ? 'ns' : u === 'us' || u === 'µs' ? 'us' : u === 'ms' || u === 'milliseconds' ? 'ms' : 's';
  }
  const seg = lastSegment(column);
  if (/(?:^|[_\-\s])ns$|nanos?(?:econds?)?$|UnixNano$|Nanos?$/i.test(seg)) return 'ns';
  if (/(?:^|[_\-\s])(?:us|µs)$|micros?(?:econds?)?$/i.test(seg)) return 'us';
  if (/(?:^|[_\-\s])(?:ms|msec|msecs)$|[a-z0-9]Ms$|millis(?:econds?)?$/.test(seg) || /(?:^|[_\-\s])ms$/i.test(seg)) return 'ms';
  if (/(?:^|[_\-\s])(?:s|sec|secs|seconds?)$|[a-z0-9](?:Sec|Secs|Seconds?)$/.test(seg) || /(?:^|[_\-\s])(?:sec|secs|seconds?)$/i.test(seg)) return 's';
  return undefined;
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export type UnitGuess = { unit: Unit; reason: string };

const fmt = (n: number) => (Math.abs(n) >= 1000 ? Math.round(n).toLocaleString('en-US') : String(Number(n.toPrecision(4))));

/** Unit of a duration column (latency, TTFT, a percentile). */
export function guessDurationUnit(column: string, samples: unknown[], kind: 'latency' | 'ttft'): UnitGuess {
  const named = unitFromName(column);
  if (named) return { unit: named, reason: `name says ${named}` };
  const nums: number[] = [];
  for (const v of samples) {
    const n = toNumber(v);
    if (n !== undefined) nums.push(Math.abs(n));
  }
  if (nums.length === 0) return { unit: kind === 'ttft' ? 'ms' : 'ms', reason: 'no values in the sample; assumed ms' };
  const med = median(nums);
  const msAt = kind === 'ttft' ? 20 : 1000;
  if (med >= 1e8) return { unit: 'ns', reason: `median ${fmt(med)} ≥ 1e8, so ns` };
  if (med >= msAt) return { unit: 'ms', reason: `median ${fmt(med)} ≥ ${fmt(msAt)}, so ms` };
  return { unit: 's', reason: `median ${fmt(med)} < ${fmt(msAt)} and no ms in the name, so s` };
}

/** Unit of a timestamp column. */
export function guessTimestampUnit(column: string, samples: unknown[], relativeDefault: Unit = 's'): UnitGuess {
  let strings = 0;
  let dates = 0;
  const nums: number[] = [];
  for (const v of samples) {
    if (isMissing(v)) continue;
    const n = toNumber(v);
    if (n !== undefined) nums.push(Math.abs(n));
    else if (typeof v === 'string') {
      strings++;
      if (parseDateTime(v) !== undefined) dates++;
    }
  }
  if (dates > 0 && dates >= nums.length) return { unit: 'iso', reason: 'date-time text' };
  const named = unitFromName(column);
  if (named) return { unit: named, reason: `name says ${named}` };
  if (nums.length === 0) return { unit: strings ? 'iso' : 'ms', reason: strings ? 'text (not all values parse as dates)' : 'no values in the sample' };
  const med = median(nums);
  if (med > 1e17) return { unit: 'ns', reason: `median ${med.toExponential(2)} > 1e17, so epoch ns` };
  if (med > 1e14) return { unit: 'us', reason: `median ${med.toExponential(2)} > 1e14, so epoch µs` };
  if (med > 1e11) return { unit: 'ms', reason: `median ${med.toExponential(2)} > 1e11, so epoch ms` };
  if (med > 1e8) return { unit: 's', reason: `median ${med.toExponential(2)} > 1e8, so epoch s` };
  return { unit: relativeDefault, reason: `small values: relative time in ${relativeDefault}` };
}
