/**
 * The alias table: which column names mean which field (most specific first), the start/end
 * pairs a duration is derived from, and what kind of value each field holds.
 */
import type { BucketField, MappedField, RowField, Unit } from './types';

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

