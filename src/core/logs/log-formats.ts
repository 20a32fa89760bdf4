/**
 * The known log formats: one entry each (detector, known column layout, and when the raw
 * records need reshaping, an `explode` or `fromDocument`). A new format is one entry here plus a
 * sample in public/samples. Field names and units follow shared/notes/capacity-analysis.md §1.
 */
import { flatten, type FlatRecord, type Preset } from './fields';
import { RUN_EXPORT_SIGNATURE } from './run-export';
import type { Container, FormatId, MappedField, NormalizedRow, Unit } from './types';
import { durationToMs, isMissing, toNumber } from './units';

export type DetectSample = {
  /** Flattened keys of the sampled records (original spelling). */
  keys: Set<string>;
  container: Container;
};

export type ExplodeResult = { records: FlatRecord[]; skipped?: { count: number; reason: string }; notes?: string[] };

export type FormatSpec = {
  id: FormatId;
  label: string;
  kind?: 'rows' | 'buckets';
  /** 0 (not this format) … 1 (certain), from the sample's keys. */
  detect(sample: DetectSample): number;
  /** A whole JSON document in this format's layout → flat records; null when it is not one. */
  fromDocument?(doc: unknown): ExplodeResult | null;
  /** One raw record → flat records (default: flatten nested objects). */
  explode?(raw: Record<string, unknown>): ExplodeResult;
  preset: Preset;
  relativeTimestampUnit?: Unit;
  /** Fields that must come from the preset, never from a column-name guess. */
  noAlias?: MappedField[];
  /** Always shown for this format. */
  notes?: string[];
  /** Fix-ups after the generic row build (e.g. a tool's 0 placeholders on failed rows → missing). */
  adjust?(row: NormalizedRow, rec: FlatRecord): void;
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasAll = (keys: Set<string>, names: readonly string[]) => names.every((n) => keys.has(n));
const hasPrefix = (keys: Set<string>, prefix: string) => {
  for (const k of keys) if (k.startsWith(prefix)) return true;
  return false;
};

/** A failed request's 0 placeholders (tokens, latency) are not measurements: make them missing. */
function zerosOnFailureAreMissing(row: NormalizedRow): void {
  if (row.outcome === 'ok') return;
  if (row.outputTokens === 0) row.outputTokens = undefined;
  if (row.latencyMs === 0) row.latencyMs = undefined;
  if (row.ttftMs === 0) row.ttftMs = undefined;
}

// ---------------------------------------------------------------------------------------------

const runExport: FormatSpec = {
  id: 'run-export',
  label: 'Reasoning Viewer run export',
  detect: ({ keys }) => (hasAll(keys, RUN_EXPORT_SIGNATURE) ? 1 : 0),
  preset: {
    steps: { column: 'steps', unit: 'count' },
    reasoningTokens: { column: 'reasoningTokens', unit: 'count' },
    latencyMs: { column: 'latencyMs', unit: 'ms' },
    ttftMs: { column: 'ttftMs', unit: 'ms' },
    timestampMs: { column: 'startedAt', unit: 'ms', reason: 'epoch ms (run export schema)' },
    status: { column: 'status', unit: 'text' },
    error: { column: 'error', unit: 'text' },
    timedOut: { column: 'timedOut', unit: 'bool' },
    outputTokens: null,
    inputTokens: null,
    reasoningText: null,
    finishReason: null,
  },
};

const AGG_BUCKET = ['step_bucket', 'steps_bucket', 'bucket', 'bucket_lo', 'bucket_start', 'steps_lo', 'step_lo', 'reasoning_tokens_bucket', 'tokens_bucket'];
const AGG_COUNT = ['requests', 'request_count', 'num_requests', 'count', 'n'];
const aggregated: FormatSpec = {
  id: 'aggregated',
  label: 'Pre-aggregated step buckets',
  kind: 'buckets',
  detect: ({ keys }) => {
    const lower = new Set([...keys].map((k) => k.toLowerCase()));
    const bucket = AGG_BUCKET.some((k) => lower.has(k));
    const count = AGG_COUNT.some((k) => lower.has(k));
    const pct = [...lower].some((k) => /(^|_)p(50|90|95|99)(_|$)/.test(k));
    return bucket && count && pct ? 0.95 : 0;
  },
  preset: {},
  notes: ['Pre-aggregated input: one row per bucket (count, latency percentiles, timeouts); there are no per-request rows, so percentiles across buckets are approximate.'],
};

/** sglang bench_serving's own summary keys (vLLM's benchmark_serving writes none of them). */
const SGLANG_KEYS = ['total_output_tokens_retokenized', 'sharegpt_output_len', 'random_range_ratio', 'random_input_len'];
const isSglang = (keys: Set<string> | Record<string, unknown>) => {
  const has = (k: string) => (keys instanceof Set ? keys.has(k) : k in keys);
  return has('total_output_tokens_retokenized') || SGLANG_KEYS.filter(has).length >= 2;
};

/**
 * One benchmark run with per-request arrays (vLLM --save-detailed, sglang --output-details:
 * `input_lens`, `output_lens`, `ttfts`, `itls`, `errors`, …) → one record per request. The same
 * layout arrives as a whole JSON file or as one JSON Lines record per run.
 */
function perRequestArrays(doc: unknown): ExplodeResult | null {
    if (!isObject(doc) || !Array.isArray(doc.ttfts) || !(Array.isArray(doc.output_lens) || Array.isArray(doc.input_lens))) return null;
    const arr = (k: string): unknown[] | undefined => (Array.isArray(doc[k]) ? (doc[k] as unknown[]) : undefined);
    const input = arr('input_lens');
    const output = arr('output_lens');
    const ttfts = arr('ttfts');
    const itls = arr('itls');
    const errors = arr('errors');
    const e2els = arr('e2els');
    const finish = arr('finish_reasons');
    const arrivals = arr('arrival_times');
    const n = Math.max(input?.length ?? 0, output?.length ?? 0, ttfts?.length ?? 0);
    const records: FlatRecord[] = [];
    let derived = false;
    for (let i = 0; i < n; i++) {
      const err = errors?.[i];
      const failed = typeof err === 'string' ? err !== '' : !isMissing(err);
      const ttft = toNumber(ttfts?.[i]);
      let e2el: number | null = toNumber(e2els?.[i]) ?? null;
      if (e2el === null && !failed && ttft !== undefined && Array.isArray(itls?.[i])) {
        e2el = ttft + (itls![i] as unknown[]).reduce<number>((s, v) => s + (toNumber(v) ?? 0), 0);
        derived = true;
      }
      const rec: FlatRecord = {
        input_lens: input?.[i] ?? null,
        // vLLM fills a failed request with output_lens 0 and ttft 0: placeholders, not data.
        output_lens: failed && toNumber(output?.[i]) === 0 ? null : (output?.[i] ?? null),
        ttfts: failed && ttft === 0 ? null : (ttft ?? null),
        e2els: e2el,
        errors: failed ? err : null,
      };
      // Fork-only arrays become columns only when the file has them.
      if (finish) rec.finish_reasons = finish[i] ?? null;
      if (arrivals) rec.arrival_times = arrivals[i] ?? null;
      records.push(rec);
    }
    const notes = derived ? ['No per-request end-to-end latency in this file: latency = TTFT + Σ inter-token latencies (itls), which is exactly the time of the last token.'] : [];
    if (isObject(doc) && typeof doc.model_id === 'string') notes.push(`Model: ${doc.model_id}.`);
    return { records, notes };
}

const VLLM_PRESET: Preset = {
    inputTokens: { column: 'input_lens', unit: 'count' },
    outputTokens: { column: 'output_lens', unit: 'count' },
    ttftMs: { column: 'ttfts', unit: 's', reason: 'vLLM ttfts are seconds' },
    latencyMs: { column: 'e2els', unit: 's', reason: 'vLLM latencies are seconds' },
    error: { column: 'errors', unit: 'text' },
    finishReason: { column: 'finish_reasons', unit: 'text' },
    timestampMs: { column: 'arrival_times' },
    status: null,
};

/** JSON Lines with one run per line: each line's arrays become rows. */
const arraysExplode = (raw: Record<string, unknown>): ExplodeResult =>
  perRequestArrays(raw) ?? { records: [], skipped: { count: 1, reason: 'lines without per-request arrays (summary only)' } };

const vllm: FormatSpec = {
  id: 'vllm-detailed',
  label: 'vLLM benchmark_serving --save-detailed',
  detect: ({ keys }) => (hasAll(keys, ['ttfts', 'input_lens', 'output_lens']) ? 0.95 : 0),
  fromDocument: (doc) => perRequestArrays(doc),
  explode: arraysExplode,
  preset: VLLM_PRESET,
  notes: ['vLLM counts output tokens including any reasoning; it has no separate reasoning count, so the length measure is output tokens unless you map steps or reasoning tokens.'],
};

const sglang: FormatSpec = {
  id: 'sglang-bench',
  label: 'sglang bench_serving --output-details',
  detect: ({ keys }) => (hasAll(keys, ['ttfts', 'input_lens', 'output_lens']) && isSglang(keys) ? 0.97 : 0),
  fromDocument: (doc) => (isObject(doc) && isSglang(doc) ? perRequestArrays(doc) : null),
  explode: arraysExplode,
  preset: VLLM_PRESET,
  notes: ['sglang bench_serving: one row per request from each run\'s per-request arrays (--output-details); output tokens include any reasoning.'],
};

const llmperf: FormatSpec = {
  id: 'llmperf',
  label: 'llmperf individual responses',
  detect: ({ keys }) => (hasAll(keys, ['end_to_end_latency_s', 'ttft_s']) && (keys.has('number_output_tokens') || keys.has('error_code')) ? 0.95 : 0),
  preset: {
    latencyMs: { column: 'end_to_end_latency_s', unit: 's' },
    ttftMs: { column: 'ttft_s', unit: 's' },
    outputTokens: { column: 'number_output_tokens', unit: 'count' },
    inputTokens: { column: 'number_input_tokens', unit: 'count' },
    status: { column: 'error_code', unit: 'text' },
    error: { column: 'error_msg', unit: 'text' },
    reasoningText: null,
  },
  adjust: zerosOnFailureAreMissing,
  notes: ['llmperf inter_token_latency_s includes the TTFT (it is end-to-end ÷ output tokens), so it is not used as TPOT.'],
};

const GUIDELLM_STATUSES = ['successful', 'errored', 'incomplete'] as const;
const guidellm: FormatSpec = {
  id: 'guidellm',
  label: 'guidellm benchmarks report',
  detect: ({ keys }) => (keys.has('guidellm_status') ? 1 : 0),
  fromDocument(doc) {
    if (!isObject(doc) || !Array.isArray(doc.benchmarks) || !doc.benchmarks.some((b) => isObject(b) && isObject(b.requests))) return null;
    const records: FlatRecord[] = [];
    doc.benchmarks.forEach((b, index) => {
      if (!isObject(b) || !isObject(b.requests)) return;
      const requests = b.requests;
      for (const status of GUIDELLM_STATUSES) {
        const list = requests[status];
        if (!Array.isArray(list)) continue;
        for (const r of list) {
          if (!isObject(r)) continue;
          const { prompt: _p, output: _o, ...rest } = r;
          const flat = flatten(rest);
          flat.guidellm_status = status;
          flat.benchmark = index;
          records.push(flat);
        }
      }
    });
    return { records, notes: [`${doc.benchmarks.length} benchmark(s); guidellm stores at most --output-sampling requests per status, so counts may be a sample. guidellm output tokens include any reasoning.`] };
  },
  preset: {
    latencyMs: { column: 'request_latency', unit: 's', reason: 'guidellm request_latency is seconds' },
    ttftMs: { column: 'time_to_first_token_ms', unit: 'ms' },
    outputTokens: { column: 'output_tokens', unit: 'count' },
    inputTokens: { column: 'prompt_tokens', unit: 'count' },
    timestampMs: [
      { column: 'start_time', unit: 's', reason: 'Unix seconds' },
      { column: 'request_start_time', unit: 's', reason: 'Unix seconds (guidellm 0.5)' },
    ],
    status: { column: 'guidellm_status', unit: 'text' },
    error: { column: 'error', unit: 'text' },
  },
  noAlias: ['status'],
  notes: ['guidellm "incomplete" requests (cut off by the benchmark end) are counted as censored.'],
};

function metricMs(flat: FlatRecord, name: string): number | null {
  const value = toNumber(flat[`metrics.${name}.value`]);
  if (value === undefined) return null;
  const unit = String(flat[`metrics.${name}.unit`] ?? 'ms').toLowerCase();
  const u: Unit = unit === 'ns' ? 'ns' : unit === 'us' ? 'us' : unit === 's' || unit === 'sec' ? 's' : 'ms';
  return durationToMs(value, u) ?? null;
}

const aiperf: FormatSpec = {
  id: 'aiperf',
  label: 'AIPerf profile_export.jsonl',
  detect: ({ keys }) =>
    (keys.has('metadata.request_start_ns') || keys.has('metadata.x_request_id') || keys.has('metadata.timestamp_ns')) && (hasPrefix(keys, 'metrics.') || keys.has('metrics') || keys.has('error')) ? 0.95 : 0,
  explode(raw) {
    const flat = flatten(raw);
    const count = (name: string) => toNumber(flat[`metrics.${name}.value`]) ?? null;
    const err = isObject(raw.error) ? raw.error : null;
    flat.latency_ms = metricMs(flat, 'request_latency');
    // Builds before AIPerf 0.1 name the TTFT metric `ttft`.
    flat.ttft_ms = metricMs(flat, 'time_to_first_token') ?? metricMs(flat, 'ttft');
    flat.reasoning_tokens = count('reasoning_token_count');
    // output_sequence_length = output_token_count + reasoning_token_count (AIPerf docs).
    flat.output_tokens = count('output_sequence_length') ?? count('output_token_count');
    flat.input_tokens = count('input_sequence_length') ?? count('error_isl');
    flat.status = flat['metadata.was_cancelled'] === true ? 'cancelled' : err ? (err.code ?? 'error') : 'ok';
    flat.error_text = err ? [err.type, err.message].filter((s) => typeof s === 'string' && s).join(': ') || `code ${String(err.code)}` : null;
    return { records: [flat] };
  },
  preset: {
    latencyMs: { column: 'latency_ms', unit: 'ms', reason: 'converted from the record’s own unit' },
    ttftMs: { column: 'ttft_ms', unit: 'ms', reason: 'converted from the record’s own unit' },
    reasoningTokens: { column: 'reasoning_tokens', unit: 'count' },
    outputTokens: { column: 'output_tokens', unit: 'count' },
    inputTokens: { column: 'input_tokens', unit: 'count' },
    timestampMs: [
      { column: 'metadata.request_start_ns', unit: 'ns' },
      { column: 'metadata.timestamp_ns', unit: 'ns', reason: 'epoch ns (AIPerf builds before 0.1)' },
    ],
    status: { column: 'status', unit: 'text' },
    error: { column: 'error_text', unit: 'text' },
  },
  noAlias: ['status', 'error', 'timedOut'],
  notes: ['AIPerf output tokens are output_sequence_length (answer + reasoning). Cancelled requests (was_cancelled, code 499) are counted as censored.'],
};

type OtlpValue = { stringValue?: string; intValue?: string | number; doubleValue?: number; boolValue?: boolean; arrayValue?: { values?: OtlpValue[] } };

function otlpValue(v: OtlpValue | undefined): unknown {
  if (!v || typeof v !== 'object') return v;
  if ('stringValue' in v) return v.stringValue;
  if ('intValue' in v) return toNumber(v.intValue);
  if ('doubleValue' in v) return v.doubleValue;
  if ('boolValue' in v) return v.boolValue;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(otlpValue);
  return null;
}

function spanRecord(span: Record<string, unknown>): FlatRecord | null {
  const attrs: Record<string, unknown> = {};
  if (Array.isArray(span.attributes)) {
    for (const kv of span.attributes) if (isObject(kv) && typeof kv.key === 'string') attrs[kv.key] = otlpValue(kv.value as OtlpValue);
  } else if (isObject(span.attributes)) Object.assign(attrs, span.attributes);
  if (!Object.keys(attrs).some((k) => k.startsWith('gen_ai.'))) return null;
  const status = isObject(span.status) ? span.status : {};
  const code = status.code;
  const failed = code === 2 || code === 'STATUS_CODE_ERROR' || code === 'ERROR';
  const rec: FlatRecord = {
    name: span.name ?? null,
    traceId: span.traceId ?? span.trace_id ?? null,
    spanId: span.spanId ?? span.span_id ?? null,
    startTimeUnixNano: span.startTimeUnixNano ?? null,
    endTimeUnixNano: span.endTimeUnixNano ?? null,
    status: failed ? 'error' : 'ok',
    'status.message': status.message ?? null,
  };
  if ('start_time' in span) rec.start_time = span.start_time;
  if ('end_time' in span) rec.end_time = span.end_time;
  for (const [k, v] of Object.entries(attrs)) rec[k] = Array.isArray(v) && k !== 'gen_ai.response.finish_reasons' ? JSON.stringify(v) : v;
  return rec;
}

function otelExplode(raw: Record<string, unknown>): ExplodeResult {
  const spans: Record<string, unknown>[] = [];
  const resourceSpans = raw.resourceSpans ?? raw.resource_spans;
  if (Array.isArray(resourceSpans)) {
    for (const rs of resourceSpans) {
      if (!isObject(rs)) continue;
      const scopes = rs.scopeSpans ?? rs.scope_spans ?? rs.instrumentationLibrarySpans;
      if (!Array.isArray(scopes)) continue;
      for (const ss of scopes) if (isObject(ss) && Array.isArray(ss.spans)) for (const s of ss.spans) if (isObject(s)) spans.push(s);
    }
  } else spans.push(raw);
  const records: FlatRecord[] = [];
  let skipped = 0;
  for (const s of spans) {
    const rec = spanRecord(s);
    if (rec) records.push(rec);
    else skipped++;
  }
  return { records, skipped: skipped ? { count: skipped, reason: 'spans without gen_ai.* attributes (not model calls)' } : undefined };
}

const otel: FormatSpec = {
  id: 'otel-genai',
  label: 'OpenTelemetry GenAI spans',
  detect: ({ keys }) => (keys.has('resourceSpans') || keys.has('resource_spans') ? 1 : hasPrefix(keys, 'attributes') && (keys.has('startTimeUnixNano') || keys.has('spanId')) ? 0.9 : hasPrefix(keys, 'gen_ai.') || hasPrefix(keys, 'attributes.gen_ai.') ? 0.85 : 0),
  fromDocument(doc) {
    if (!isObject(doc) || !(Array.isArray(doc.resourceSpans) || Array.isArray(doc.resource_spans))) return null;
    return otelExplode(doc);
  },
  explode: otelExplode,
  preset: {
    latencyMs: [{ column: 'endTimeUnixNano', minus: 'startTimeUnixNano', unit: 'ns', reason: 'OTLP times are Unix ns' }, { derive: true }],
    timestampMs: [{ column: 'startTimeUnixNano', unit: 'ns' }, { column: 'start_time' }],
    inputTokens: [{ column: 'gen_ai.usage.input_tokens', unit: 'count' }, { column: 'gen_ai.usage.prompt_tokens', unit: 'count' }],
    outputTokens: [{ column: 'gen_ai.usage.output_tokens', unit: 'count' }, { column: 'gen_ai.usage.completion_tokens', unit: 'count' }],
    reasoningTokens: [
      { column: 'gen_ai.usage.reasoning.output_tokens', unit: 'count' },
      { column: 'gen_ai.usage.reasoning_tokens', unit: 'count' },
      { column: 'gen_ai.usage.output_tokens.reasoning', unit: 'count' },
    ],
    finishReason: { column: 'gen_ai.response.finish_reasons', unit: 'text' },
    status: { column: 'status', unit: 'text' },
    error: [{ column: 'error.type', unit: 'text' }],
    ttftMs: { column: 'gen_ai.server.time_to_first_token', unit: 's' },
  },
  noAlias: ['status', 'error', 'ttftMs', 'timedOut'],
  notes: ['OpenTelemetry GenAI spans have no time-to-first-token attribute; latency is the span duration. gen_ai.usage.output_tokens includes reasoning.'],
};

const litellm: FormatSpec = {
  id: 'litellm',
  label: 'LiteLLM spend logs / StandardLoggingPayload',
  // SpendLogs rows (request_id, spend) and the StandardLoggingPayload every callback gets (id, response_cost).
  detect: ({ keys }) =>
    hasAll(keys, ['startTime', 'endTime']) &&
    ((hasAll(keys, ['request_id', 'call_type']) && (keys.has('spend') || keys.has('api_key'))) || (keys.has('id') && keys.has('response_cost') && (keys.has('call_type') || keys.has('model'))))
      ? 0.95
      : 0,
  preset: {
    latencyMs: { column: 'endTime', minus: 'startTime' },
    ttftMs: { column: 'completionStartTime', minus: 'startTime' },
    timestampMs: { column: 'startTime' },
    inputTokens: { column: 'prompt_tokens', unit: 'count' },
    outputTokens: { column: 'completion_tokens', unit: 'count' },
    reasoningTokens: [
      { column: 'metadata.usage_object.completion_tokens_details.reasoning_tokens', unit: 'count' },
      { column: 'response.usage.completion_tokens_details.reasoning_tokens', unit: 'count' },
      { column: 'completion_tokens_details.reasoning_tokens', unit: 'count' },
    ],
    status: { column: 'status', unit: 'text' },
    error: [
      { column: 'metadata.error_information.error_message', unit: 'text' },
      { column: 'error_information.error_message', unit: 'text' },
      { column: 'error_str', unit: 'text' },
    ],
  },
  noAlias: ['latencyMs', 'ttftMs', 'error'],
  notes: [
    'LiteLLM: latency = endTime − startTime and TTFT = completionStartTime − startTime (payload response_time equals TTFT when streaming, so it is not used). completion_tokens include reasoning.',
  ],
};

const REASONING_USAGE_KEYS = ['output_reasoning', 'output_reasoning_tokens', 'reasoning_tokens', 'reasoning', 'completion_details.reasoning', 'output_details.reasoning', 'thoughts'];

/**
 * Output and reasoning tokens of one Langfuse observation's usageDetails, without counting the
 * reasoning twice. Providers differ: OpenAI's `output` excludes `output_reasoning` (input +
 * output + output_reasoning = total), Gemini's includes `completion_details.reasoning`
 * (input + output = total). Decided by `total` when it is there; else reasoning above output can
 * only be apart; else by key: Langfuse's own `output_*` buckets do not overlap, while
 * `*_details.*` keys are breakdowns of the output.
 */
export function langfuseUsage(flat: FlatRecord): { output?: number; reasoning?: number; reasoningApart?: boolean } {
  const u = (k: string) => toNumber(flat[`usageDetails.${k}`]);
  const output = u('output') ?? toNumber(flat['usage.output']) ?? toNumber(flat.completionTokens) ?? toNumber(flat.outputUsage);
  let reasoningKey: string | undefined;
  let reasoning: number | undefined;
  for (const k of REASONING_USAGE_KEYS) {
    const v = u(k);
    if (v !== undefined) {
      reasoningKey = k;
      reasoning = v;
      break;
    }
  }
  if (output === undefined || reasoning === undefined) return { output, reasoning };
  const total = u('total');
  let apart: boolean;
  if (total !== undefined) {
    // The other buckets that add up to the total besides output and reasoning (input, cache, audio…).
    let others = 0;
    for (const key in flat) {
      if (!key.startsWith('usageDetails.')) continue;
      const k = key.slice('usageDetails.'.length);
      if (k === 'total' || k === 'output' || k === reasoningKey || k.includes('.')) continue;
      if (k.startsWith('output') && REASONING_USAGE_KEYS.includes(k)) continue;
      others += toNumber(flat[key]) ?? 0;
    }
    apart = Math.abs(others + output + reasoning - total) < Math.abs(others + output - total);
  } else if (reasoning > output) apart = true;
  else apart = !reasoningKey!.includes('.');
  return { output: apart ? output + reasoning : output, reasoning, reasoningApart: apart };
}

const langfuse: FormatSpec = {
  id: 'langfuse',
  label: 'Langfuse observations export',
  detect: ({ keys }) =>
    hasAll(keys, ['traceId', 'type', 'startTime']) && (hasPrefix(keys, 'usageDetails') || hasPrefix(keys, 'usage.') || keys.has('level') || keys.has('completionStartTime')) ? 0.9 : 0,
  explode(raw) {
    if (typeof raw.type === 'string' && raw.type.toUpperCase() !== 'GENERATION') return { records: [], skipped: { count: 1, reason: 'Langfuse observations that are not GENERATIONs (spans, events)' } };
    const flat = flatten(raw);
    const usage = langfuseUsage(flat);
    flat.output_incl_reasoning = usage.output ?? null;
    flat.reasoning_tokens = usage.reasoning ?? null;
    flat.error_message = String(flat.level).toUpperCase() === 'ERROR' ? (flat.statusMessage ?? 'ERROR') : null;
    return { records: [flat] };
  },
  preset: {
    // Seconds in older exports, ms in newer ones: the unit is checked against endTime − startTime.
    latencyMs: [{ column: 'latency', unit: 's', reason: 'Langfuse latency was seconds' }, { column: 'endTime', minus: 'startTime' }],
    ttftMs: [{ column: 'timeToFirstToken', unit: 's', reason: 'Langfuse timeToFirstToken was seconds' }, { column: 'completionStartTime', minus: 'startTime' }],
    timestampMs: { column: 'startTime' },
    inputTokens: [{ column: 'usageDetails.input', unit: 'count' }, { column: 'usage.input', unit: 'count' }, { column: 'promptTokens', unit: 'count' }],
    outputTokens: { column: 'output_incl_reasoning', unit: 'count', reason: 'usageDetails output, with reasoning added only where the provider counts it apart' },
    reasoningTokens: { column: 'reasoning_tokens', unit: 'count', reason: 'usageDetails output_reasoning / completion_details.reasoning' },
    status: { column: 'level', unit: 'text' },
    error: { column: 'error_message', unit: 'text' },
  },
  noAlias: ['status', 'error'],
  notes: ['Langfuse: only GENERATION observations are requests; level ERROR is a failure (WARNING is not).'],
};

const azure: FormatSpec = {
  id: 'azure-llm-2023',
  label: 'Azure LLM inference trace',
  detect: ({ keys }) => (hasAll(keys, ['TIMESTAMP', 'ContextTokens', 'GeneratedTokens']) ? 0.95 : 0),
  preset: {
    timestampMs: { column: 'TIMESTAMP', unit: 'iso' },
    inputTokens: { column: 'ContextTokens', unit: 'count' },
    outputTokens: { column: 'GeneratedTokens', unit: 'count' },
  },
  notes: ['Azure trace: arrivals and token counts only; no latency, status or reasoning count (every row reads as ok).'],
};

const mooncake: FormatSpec = {
  id: 'mooncake',
  label: 'Mooncake trace',
  detect: ({ keys }) => (hasAll(keys, ['timestamp', 'input_length', 'output_length']) && keys.has('hash_ids') ? 0.95 : 0),
  relativeTimestampUnit: 'ms',
  preset: {
    timestampMs: { column: 'timestamp', unit: 'ms', reason: 'Mooncake timestamps are ms from the trace start' },
    inputTokens: { column: 'input_length', unit: 'count' },
    outputTokens: { column: 'output_length', unit: 'count' },
  },
  notes: ['Mooncake trace: relative arrival times and token counts only; no latency or status.'],
};

const burstgpt: FormatSpec = {
  id: 'burstgpt',
  label: 'BurstGPT trace',
  detect: ({ keys }) => (hasAll(keys, ['Request tokens', 'Response tokens']) ? 0.9 : 0),
  preset: {
    timestampMs: { column: 'Timestamp', unit: 's', reason: 'BurstGPT timestamps are seconds from the trace start' },
    inputTokens: { column: 'Request tokens', unit: 'count' },
    outputTokens: { column: 'Response tokens', unit: 'count' },
    latencyMs: { column: 'Elapsed time', unit: 's' },
  },
  adjust(row) {
    if (row.outputTokens === 0 && row.outcome === 'ok') {
      row.outcome = 'error';
      row.error = 'Response tokens = 0 (BurstGPT marks failed requests this way)';
      row.outputTokens = undefined;
    }
  },
};

const lrm: FormatSpec = {
  id: 'lrm-token-economy',
  label: 'LRMTokenEconomy completions',
  detect: ({ keys }) => (hasAll(keys, ['llm', 'prompt_id', 'reasoning_tokens', 'finish_reason']) ? 0.95 : 0),
  preset: {
    reasoningTokens: { column: 'reasoning_tokens', unit: 'count' },
    outputTokens: { column: 'completion_tokens', unit: 'count' },
    finishReason: { column: 'finish_reason', unit: 'text' },
    timestampMs: { column: 'timestamp', unit: 'iso' },
  },
  notes: ['LRMTokenEconomy: completion_tokens include reasoning; no latency (timestamps are per batch). finish_reason "length" rows are truncated at the token budget.'],
};

const generic: FormatSpec = { id: 'generic', label: 'Generic request log', detect: () => 0.01, preset: {} };

export const FORMATS: readonly FormatSpec[] = [runExport, aggregated, sglang, vllm, guidellm, llmperf, aiperf, otel, litellm, langfuse, azure, mooncake, burstgpt, lrm, generic];

export function formatById(id: FormatId): FormatSpec {
  return FORMATS.find((f) => f.id === id) ?? generic;
}

export function detectFormat(sample: DetectSample): FormatSpec {
  let best = generic;
  let bestScore = 0;
  for (const f of FORMATS) {
    const s = f.detect(sample);
    if (s > bestScore) {
      best = f;
      bestScore = s;
    }
  }
  return best;
}

/** Files that hold only aggregates: recognised so the message can point at the per-request file. */
export function aggregateOnlyMessage(keys: Set<string>, header?: readonly string[]): string | null {
  if (hasPrefix(keys, 'results_') && (keys.has('num_concurrent_requests') || keys.has('results_number_errors')))
    return 'This is an llmperf summary (*_summary.json): aggregates only, no per-request rows. Upload the matching *_individual_responses.json instead.';
  if ((keys.has('mean_ttft_ms') || keys.has('median_ttft_ms') || keys.has('mean_e2e_latency_ms')) && !keys.has('ttfts')) {
    if (isSglang(keys))
      return 'This is an sglang bench_serving summary (--output-file without --output-details): aggregates per run, no per-request rows. Re-run python -m sglang.bench_serving with --output-file and --output-details, and upload that file.';
    return 'This is a vLLM benchmark result without per-request data. Re-run benchmark_serving with --save-detailed and upload that file.';
  }
  const aiperfAggregate = (prefix: string) => ['request_latency', 'time_to_first_token', 'ttft', 'request_throughput'].some((m) => keys.has(`${prefix}${m}.avg`) || keys.has(`${prefix}${m}.p50`));
  if (aiperfAggregate('') || aiperfAggregate('records.'))
    return 'This is an AIPerf/GenAI-Perf aggregate export (profile_export_aiperf.json): aggregates only, no per-request rows. Upload profile_export.jsonl instead.';
  if (header && header[0] === 'Metric' && header.includes('p99') && header.includes('avg'))
    return 'This is an AIPerf/GenAI-Perf aggregate CSV (Metric, avg, …, p99): no per-request rows. Upload profile_export.jsonl instead.';
  return null;
}

/** A JSON document that is not a known layout: the array of records inside it, or itself. */
export function genericDocumentRecords(doc: unknown): { records: unknown[]; where: string } {
  if (Array.isArray(doc)) return { records: doc, where: 'top-level array' };
  if (isObject(doc)) {
    for (const key of ['data', 'records', 'rows', 'items', 'requests', 'results', 'observations', 'spans', 'logs', 'runs']) {
      const v = doc[key];
      if (Array.isArray(v) && v.some(isObject)) return { records: v, where: `"${key}" array` };
    }
    return { records: [doc], where: 'single object' };
  }
  return { records: [], where: 'not an object or array' };
}
