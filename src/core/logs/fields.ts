/**
 * Field detection: flattening JSON records, the alias table (which column names mean which
 * field), and resolving a mapping with units from a sample of records.
 *
 * Matching: keys are normalised (lower-case; `_ - . space ( ) [ ] /` removed). For each field the
 * aliases are tried in order and the first that matches a column wins. A column matches an alias
 * exactly, or by its last dotted segments (so `metadata.usage.completion_tokens_details.reasoning_tokens`
 * matches `completion_tokens_details.reasoning_tokens`, but `inter_token_latency` never matches
 * `latency`). A candidate is only taken if the sample's values fit (numbers for counts and times,
 * text for reasoning text, true/false for a timed-out flag).
 */
import type { BucketField, FieldMapping, MappedField, MappingOverrides, ResolvedSource, RowField, Unit } from './types';
import { MAX_PLAUSIBLE_DURATION_MS } from './plausibility';
import { guessDurationUnit, guessTimestampUnit, isMissing, median, parseDateTime, timestampToMs, toBool, toNumber, type UnitGuess } from './units';

export type FlatRecord = Record<string, unknown>;

/** Nested objects become dotted keys; arrays stay values (their length can be a step count). */
export function flatten(value: Record<string, unknown>, out: FlatRecord = {}, prefix = '', depth = 0): FlatRecord {
  for (const key in value) {
    const v = value[key];
    const name = prefix ? `${prefix}.${key}` : key;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && depth < 8) {
      const before = Object.keys(out).length;
      flatten(v as Record<string, unknown>, out, name, depth + 1);
      // An empty object is still a (missing) column.
      if (Object.keys(out).length === before) out[name] = null;
    } else out[name] = v;
  }
  return out;
}

export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[\s_\-.()[\]/]/g, '');
}

/** Column lookup by normalised name or by normalised trailing dotted segments. */
export type ColumnIndex = { columns: string[]; find(alias: string): string | undefined };

export function indexColumns(columns: readonly string[]): ColumnIndex {
  const exact = new Map<string, string>();
  const suffix = new Map<string, string>();
  for (const column of columns) {
    const norm = normalizeKey(column);
    if (!exact.has(norm)) exact.set(norm, column);
    const parts = column.split('.');
    for (let k = parts.length - 1; k >= 1; k--) {
      const s = normalizeKey(parts.slice(k).join('.'));
      if (!suffix.has(s)) suffix.set(s, column);
    }
  }
  return {
    columns: [...columns],
    find(alias: string) {
      const a = normalizeKey(alias);
      return exact.get(a) ?? suffix.get(a);
    },
  };
}

/** Aliases per row field, most specific first. */
export const ROW_ALIASES: Record<RowField, readonly string[]> = {
  steps: ['steps', 'num_steps', 'n_steps', 'step_count', 'steps_count', 'reasoning_steps', 'num_reasoning_steps', 'stepTexts'],
  reasoningText: ['reasoning_content', 'reasoning_text', 'reasoningText', 'reasoning', 'thinking', 'thinking_text', 'thoughts', 'chain_of_thought', 'cot'],
  reasoningTokens: [
    'reasoning_tokens',
    'reasoningTokens',
    'reasoning_token_count',
    'num_reasoning_tokens',
    'completion_tokens_details.reasoning_tokens',
    'output_tokens_details.reasoning_tokens',
    'output_reasoning_tokens',
    'gen_ai.usage.reasoning.output_tokens',
    'gen_ai.usage.reasoning_tokens',
    'gen_ai.usage.output_tokens.reasoning',
    'thoughtsTokenCount',
    'thinking_tokens',
  ],
  outputTokens: [
    'number_output_tokens',
    'completion_tokens',
    'output_tokens',
    'output_token_count',
    'num_output_tokens',
    'output_lens',
    'output_length',
    'GeneratedTokens',
    'Response tokens',
    'num_decode_tokens',
    'gen_ai.usage.output_tokens',
    'gen_ai.usage.completion_tokens',
    'output_sequence_length',
    'completionTokens',
    'generated_tokens',
  ],
  inputTokens: [
    'number_input_tokens',
    'prompt_tokens',
    'input_tokens',
    'input_token_count',
    'input_sequence_length',
    'input_lens',
    'input_length',
    'ContextTokens',
    'Request tokens',
    'num_prefill_tokens',
    'gen_ai.usage.input_tokens',
    'gen_ai.usage.prompt_tokens',
    'promptTokens',
  ],
  latencyMs: [
    'latency_ms',
    'latencyMs',
    'end_to_end_latency_s',
    'e2e_latency_s',
    'e2e_latency_ms',
    'e2el_ms',
    'e2el',
    'e2els',
    'request_latency_ms',
    'request_latency',
    'total_latency_ms',
    'latency_s',
    'latency',
    'delay_ms',
    'duration_ms',
    'duration_s',
    'duration',
    'Elapsed time',
    'elapsed_ms',
    'elapsed_s',
    'elapsed',
    'total_time',
    'total_time_s',
    'total_time_ms',
  ],
  ttftMs: ['ttft_ms', 'ttftMs', 'ttft_s', 'ttft', 'ttfts', 'time_to_first_token_ms', 'time_to_first_token', 'timeToFirstToken', 'first_token_latency', 'first_token_ms', 'gen_ai.server.time_to_first_token'],
  timestampMs: [
    'timestamp_ms',
    'timestamp_ns',
    'timestamp',
    'ts',
    'startedAt',
    'start_time',
    'startTime',
    'request_start_ns',
    'request_created_at',
    'api_receive_ts',
    'arrived_at',
    'arrival_time',
    'arrival_times',
    'created_at',
    'createdAt',
  ],
  status: ['status', 'outcome', 'state', 'result', 'level', 'response_status', 'status_code', 'http_status', 'error_code'],
  error: ['error', 'error_msg', 'error_message', 'errorMessage', 'error_str', 'error_information.error_message', 'errors', 'statusMessage', 'exception', 'error.type'],
  finishReason: ['finish_reason', 'finishReason', 'stop_reason', 'finish_reasons', 'gen_ai.response.finish_reasons', 'completion_reason'],
  timedOut: ['timed_out', 'timedOut', 'is_timeout', 'was_timeout', 'timeout'],
};

/** Aliases for pre-aggregated bucket rows. */
export const BUCKET_ALIASES: Record<BucketField, readonly string[]> = {
  bucketLo: ['step_bucket', 'steps_bucket', 'bucket_lo', 'bucket_start', 'steps_lo', 'step_lo', 'bucket', 'reasoning_tokens_bucket', 'tokens_bucket', 'lo'],
  bucketHi: ['bucket_hi', 'bucket_end', 'steps_hi', 'step_hi', 'hi'],
  count: ['requests', 'request_count', 'num_requests', 'count', 'n', 'total'],
  latencyP50Ms: ['latency_p50_ms', 'p50_latency_ms', 'latency_p50_s', 'latency_p50', 'p50_latency', 'p50_ms', 'p50_s', 'p50_latency_s', 'latency_median_ms', 'median_latency_ms', 'p50'],
  latencyP95Ms: ['latency_p95_ms', 'p95_latency_ms', 'latency_p95_s', 'latency_p95', 'p95_latency', 'p95_ms', 'p95_s', 'p95_latency_s', 'p95'],
  latencyP99Ms: ['latency_p99_ms', 'p99_latency_ms', 'latency_p99_s', 'latency_p99', 'p99_latency', 'p99_ms', 'p99_s', 'p99_latency_s', 'p99'],
  ttftP50Ms: ['ttft_p50_ms', 'p50_ttft_ms', 'ttft_p50_s', 'ttft_p50'],
  timeouts: ['timeouts', 'timeout_count', 'timed_out', 'n_timeouts', 'num_timeouts'],
  errors: ['errors', 'error_count', 'failed', 'failures', 'n_errors'],
  truncated: ['truncated', 'truncated_count', 'n_truncated'],
  censored: ['censored', 'cancelled', 'canceled', 'stopped', 'n_censored'],
};

/** Start/end pairs from which a latency or TTFT is derived when no column holds it. */
export const DERIVED_PAIRS: { field: 'latencyMs' | 'ttftMs'; end: string; start: string }[] = [
  { field: 'latencyMs', end: 'endTimeUnixNano', start: 'startTimeUnixNano' },
  { field: 'latencyMs', end: 'request_end_ns', start: 'request_start_ns' },
  { field: 'latencyMs', end: 'endTime', start: 'startTime' },
  { field: 'latencyMs', end: 'end_time', start: 'start_time' },
  { field: 'latencyMs', end: 'request_end_time', start: 'request_start_time' },
  { field: 'latencyMs', end: 'endedAt', start: 'startedAt' },
  { field: 'latencyMs', end: 'response_created_at', start: 'request_created_at' },
  { field: 'latencyMs', end: 'completed_at', start: 'created_at' },
  { field: 'ttftMs', end: 'completionStartTime', start: 'startTime' },
  { field: 'ttftMs', end: 'first_token_time', start: 'start_time' },
];

/** The fields of a raw request row and of a bucket row, in the order the mapping panel lists them. */
export const ROW_FIELDS = Object.keys(ROW_ALIASES) as RowField[];
export const BUCKET_FIELDS = Object.keys(BUCKET_ALIASES) as BucketField[];

export type FieldKind = 'count' | 'duration' | 'ttft' | 'timestamp' | 'text' | 'bool' | 'status';

/** The units a user may pick for a field in the override panel (first = the usual one). */
export function unitsForField(field: MappedField): Unit[] {
  switch (FIELD_KIND[field]) {
    case 'duration':
    case 'ttft':
      return ['ms', 's', 'us', 'ns'];
    case 'timestamp':
      return ['iso', 'ms', 's', 'us', 'ns'];
    case 'count':
      return ['count'];
    case 'bool':
      return ['bool'];
    default:
      return ['text'];
  }
}

export const FIELD_KIND: Record<MappedField, FieldKind> = {
  steps: 'count',
  reasoningText: 'text',
  reasoningTokens: 'count',
  outputTokens: 'count',
  inputTokens: 'count',
  latencyMs: 'duration',
  ttftMs: 'ttft',
  timestampMs: 'timestamp',
  status: 'status',
  error: 'status',
  finishReason: 'status',
  timedOut: 'bool',
  bucketLo: 'count',
  bucketHi: 'count',
  count: 'count',
  latencyP50Ms: 'duration',
  latencyP95Ms: 'duration',
  latencyP99Ms: 'duration',
  ttftP50Ms: 'ttft',
  timeouts: 'count',
  errors: 'count',
  truncated: 'count',
  censored: 'count',
};

/** Does the sample's data fit the field? (At least half the present values are readable.) */
export function valuesFit(kind: FieldKind, values: unknown[]): boolean {
  let present = 0;
  let good = 0;
  for (const v of values) {
    if (isMissing(v)) continue;
    present++;
    switch (kind) {
      case 'count':
        if (Array.isArray(v) || toNumber(v) !== undefined || (typeof v === 'string' && /^\s*\[?\s*\d/.test(v))) good++;
        break;
      case 'duration':
      case 'ttft':
        if (toNumber(v) !== undefined) good++;
        break;
      case 'timestamp':
        if (toNumber(v) !== undefined || (typeof v === 'string' && parseDateTime(v) !== undefined)) good++;
        break;
      case 'text':
        if (typeof v === 'string') good++;
        break;
      case 'bool':
        if (toBool(v) !== undefined) good++;
        break;
      case 'status':
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || Array.isArray(v) || typeof v === 'object') good++;
        break;
    }
  }
  // A column that is empty in the whole sample is still acceptable (it may fill in later),
  // except for the flag, whose name ("timeout") is too often a setting.
  if (present === 0) return kind !== 'bool';
  return good * 2 >= present;
}

export function guessUnit(field: MappedField, column: string, values: unknown[], relativeDefault?: Unit): UnitGuess {
  const kind = FIELD_KIND[field];
  switch (kind) {
    case 'duration':
      return guessDurationUnit(column, values, 'latency');
    case 'ttft':
      return guessDurationUnit(column, values, 'ttft');
    case 'timestamp':
      return guessTimestampUnit(column, values, relativeDefault);
    case 'count':
      return { unit: 'count', reason: 'count' };
    case 'bool':
      return { unit: 'bool', reason: 'true/false' };
    default:
      return { unit: 'text', reason: 'text' };
  }
}

/** A mapping preset from a format: column and optionally a fixed unit (else guessed). */
export type PresetEntry = { column: string; unit?: Unit; minus?: string; reason?: string } | { derive: true } | null;
export type Preset = Partial<Record<MappedField, PresetEntry | PresetEntry[]>>;

export type ResolveInput = {
  fields: readonly MappedField[];
  columns: readonly string[];
  sample: readonly FlatRecord[];
  preset: Preset;
  overrides?: MappingOverrides;
  /** Unit for small relative timestamps (Mooncake: ms). */
  relativeTimestampUnit?: Unit;
  /** Fields the format says must not be guessed from aliases. */
  noAlias?: readonly MappedField[];
};

function valuesOf(sample: readonly FlatRecord[], column: string): unknown[] {
  const out: unknown[] = [];
  for (const r of sample) out.push(r[column]);
  return out;
}

function diffValues(sample: readonly FlatRecord[], end: string, start: string, unit: Unit): { ok: number; present: number } {
  let ok = 0;
  let present = 0;
  for (const r of sample) {
    if (isMissing(r[end]) || isMissing(r[start])) continue;
    present++;
    const a = unit === 'iso' ? parseDateTime(String(r[end])) : toNumber(r[end]);
    const b = unit === 'iso' ? parseDateTime(String(r[start])) : toNumber(r[start]);
    if (a !== undefined && b !== undefined && a >= b) ok++;
  }
  return { ok, present };
}

/** Resolves every field: override → format preset → alias → derived (end − start). */
export function resolveMapping(input: ResolveInput): FieldMapping {
  return resolveMappingChecked(input).mapping;
}

/** Scale of one unit of a duration in ms. */
const MS_PER_NS = 1e-6;
const MS_PER: Partial<Record<Unit, number>> = { ns: MS_PER_NS, us: 1e-3, ms: 1, s: 1000 };
/** A duration column whose median reads as more than this is in an implausible unit. */
export const IMPLAUSIBLE_MEDIAN_MS = 86_400_000;
/**
 * A raw value too large for a duration even in nanoseconds (int64-max placeholders, 1e20) says
 * nothing about the column's unit: plausibility.ts reads it as missing, so the unit check skips it.
 */
const PLACEHOLDER_RAW_VALUE = MAX_PLAUSIBLE_DURATION_MS / MS_PER_NS;

export type UnitCheck = { field: 'latencyMs' | 'ttftMs'; message: string };

/**
 * Checks the unit of a latency or TTFT column instead of trusting it:
 * - against end − start timestamps in the same records, when the file has them: the unit whose
 *   scale makes the column agree with end − start (within a factor of 2; units are 1000× apart)
 *   wins over the name, the magnitude or the format's documented unit. When no unit makes them
 *   agree the column is dropped in favour of end − start, with a message;
 * - otherwise by plausibility: a median over a day is not a request latency, so the column is
 *   left unmapped with a message (pick its unit by hand) rather than charted.
 * A unit the user picked is only reported, never changed.
 */
export function checkDurationUnits(mapping: FieldMapping, input: ResolveInput, derive: (field: 'latencyMs' | 'ttftMs') => ResolvedSource | undefined): UnitCheck[] {
  const out: UnitCheck[] = [];
  for (const field of ['latencyMs', 'ttftMs'] as const) {
    const src = mapping[field];
    if (!src || src.minus || src.origin === 'derived') continue;
    const scale = MS_PER[src.unit];
    if (scale === undefined) continue;
    const pair = derive(field);
    const values: number[] = [];
    const ratios: number[] = [];
    for (const r of input.sample) {
      const v = toNumber(r[src.column]);
      if (v === undefined || v < 0 || v > PLACEHOLDER_RAW_VALUE) continue;
      values.push(v);
      if (!pair?.minus) continue;
      const a = timestampToMs(r[pair.column], pair.unit);
      const b = timestampToMs(r[pair.minus], pair.unit);
      // Below 1 ms the timestamps' own rounding dominates.
      if (a !== undefined && b !== undefined && a - b >= 1 && v > 0) ratios.push(v / (a - b));
    }
    const label = field === 'latencyMs' ? 'Latency' : 'Time to first token';
    if (ratios.length > 0) {
      const m = median(ratios);
      let best: Unit | undefined;
      let bestErr = Infinity;
      for (const [u, f] of Object.entries(MS_PER) as [Unit, number][]) {
        const err = Math.abs(Math.log10(m * f));
        if (err < bestErr) {
          bestErr = err;
          best = u;
        }
      }
      const agrees = bestErr <= Math.log10(2);
      if (src.origin === 'override') {
        if (!agrees || best !== src.unit) out.push({ field, message: `${label} ("${src.column}") in ${src.unit}, your choice, disagrees with ${pair!.column} − ${pair!.minus} (median ratio ${m.toPrecision(3)}); check the unit.` });
        continue;
      }
      if (agrees && best && best !== src.unit) {
        mapping[field] = { ...src, unit: best, unitReason: `checked against ${pair!.column} − ${pair!.minus}: a value of ${fmtValue(median(values))} matches ${best}, not ${src.unit}` };
        out.push({ field, message: `${label} column "${src.column}" is in ${best}, not ${src.unit} as ${src.origin === 'format' ? 'the format used to write it' : 'its name or size suggested'}: checked against ${pair!.column} − ${pair!.minus} in the same records.` });
      } else if (agrees) {
        mapping[field] = { ...src, unitReason: `${src.unitReason ? `${src.unitReason}; ` : ''}agrees with ${pair!.column} − ${pair!.minus}` };
      } else {
        mapping[field] = pair;
        out.push({ field, message: `${label} column "${src.column}" agrees with no time unit against ${pair!.column} − ${pair!.minus} (median ratio ${m.toPrecision(3)}), so it is not used: ${label.toLowerCase()} is ${pair!.column} − ${pair!.minus}.` });
      }
      continue;
    }
    if (values.length > 0 && src.origin !== 'override' && median(values) * scale > IMPLAUSIBLE_MEDIAN_MS) {
      delete mapping[field];
      out.push({
        field,
        message: `${label} column "${src.column}" read as ${src.unit} has a median of ${fmtValue((median(values) * scale) / 86_400_000)} days, an implausible unit; it is not charted. Pick its unit in the field mapping.`,
      });
    }
  }
  return out;
}

const fmtValue = (n: number) => (Math.abs(n) >= 1000 ? Math.round(n).toLocaleString('en-US') : String(Number(n.toPrecision(4))));

/** resolveMapping plus the unit checks, with their messages. */
export function resolveMappingChecked(input: ResolveInput): { mapping: FieldMapping; checks: UnitCheck[] } {
  const index = indexColumns(input.columns);
  const mapping: FieldMapping = {};
  const used = new Set<string>();
  const relative = input.relativeTimestampUnit ?? 's';

  const withUnit = (field: MappedField, column: string, fixed: Unit | undefined, origin: ResolvedSource['origin'], reason?: string): ResolvedSource => {
    if (fixed) return { column, unit: fixed, origin, unitReason: reason ?? (origin === 'override' ? 'your choice' : 'known for this format') };
    const g = guessUnit(field, column, valuesOf(input.sample, column), relative);
    return { column, unit: g.unit, origin, unitReason: g.reason };
  };

  const derive = (field: MappedField): ResolvedSource | undefined => {
    for (const pair of DERIVED_PAIRS) {
      if (pair.field !== field) continue;
      const end = index.find(pair.end);
      const start = index.find(pair.start);
      if (!end || !start) continue;
      const g = guessTimestampUnit(start, valuesOf(input.sample, start), relative);
      const { ok, present } = diffValues(input.sample, end, start, g.unit);
      if (present > 0 && ok * 2 < present) continue;
      return { column: end, minus: start, unit: g.unit, origin: 'derived', unitReason: `${end} − ${start}; ${g.reason}` };
    }
    return undefined;
  };

  for (const field of input.fields) {
    const override = input.overrides?.[field];
    if (override === null) continue;
    if (override) {
      // A column picked by hand without a unit gets one from its name and values, never a default.
      if (override.unit) mapping[field] = { column: override.column, unit: override.unit, ...(override.minus ? { minus: override.minus } : {}), origin: 'override', unitReason: 'your choice' };
      else {
        const g = guessUnit(field, override.column, valuesOf(input.sample, override.column), relative);
        mapping[field] = { column: override.column, unit: g.unit, ...(override.minus ? { minus: override.minus } : {}), origin: 'override', unitReason: `your column; unit from its ${/^name says/.test(g.reason) ? 'name' : 'values'}: ${g.reason}` };
      }
      used.add(override.column);
      continue;
    }
    const presetRaw = input.preset[field];
    if (presetRaw === null) continue;
    let resolved: ResolvedSource | undefined;
    const entries = presetRaw === undefined ? [] : Array.isArray(presetRaw) ? presetRaw : [presetRaw];
    for (const entry of entries) {
      if (!entry) continue;
      if ('derive' in entry) {
        resolved = derive(field);
      } else {
        const column = input.columns.includes(entry.column) ? entry.column : index.find(entry.column);
        if (!column) continue;
        if (entry.minus) {
          const minus = input.columns.includes(entry.minus) ? entry.minus : index.find(entry.minus);
          if (!minus) continue;
          const g = entry.unit ? { unit: entry.unit, reason: entry.reason ?? 'known for this format' } : guessTimestampUnit(minus, valuesOf(input.sample, minus), relative);
          resolved = { column, minus, unit: g.unit, origin: 'format', unitReason: `${column} − ${minus}; ${g.reason}` };
        } else resolved = withUnit(field, column, entry.unit, 'format', entry.reason);
      }
      if (resolved) break;
    }
    if (!resolved && !input.noAlias?.includes(field)) {
      const aliases = field in ROW_ALIASES ? ROW_ALIASES[field as RowField] : BUCKET_ALIASES[field as BucketField];
      for (const alias of aliases) {
        const column = index.find(alias);
        if (!column || used.has(column)) continue;
        if (!valuesFit(FIELD_KIND[field], valuesOf(input.sample, column))) continue;
        resolved = withUnit(field, column, undefined, 'alias');
        break;
      }
      if (!resolved && (field === 'latencyMs' || field === 'ttftMs')) resolved = derive(field);
    }
    if (resolved) {
      mapping[field] = resolved;
      if (!resolved.minus) used.add(resolved.column);
    }
  }
  const checks = checkDurationUnits(mapping, input, (f) => derive(f));
  return { mapping, checks };
}
