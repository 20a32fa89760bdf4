/**
 * Types shared by the log parser (pure core): normalized rows, pre-aggregated bucket rows, the
 * field mapping shown in the UI, and the per-file diagnostics.
 */

/**
 * How a request ended. Every row has exactly one; nothing is dropped or imputed.
 * - `ok`: finished normally.
 * - `error`: failed (HTTP ≥ 400, an error message, status failure/error, Langfuse level ERROR…).
 * - `timeout`: hit a time limit (a timed-out flag, HTTP 408/504/524, a message or status matching
 *   time-out / deadline, or latency ≥ `options.timeoutMs`).
 * - `truncated`: stopped by the token budget (finish reason `length` / `max_tokens`, or output ≥
 *   `options.maxTokens`); its length is the cap, not the natural length.
 * - `censored`: ended early for a reason that is neither a failure, a time limit nor the budget:
 *   stopped or cancelled by the user or client (status stopped / interrupted / cancelled, HTTP 499,
 *   AIPerf `was_cancelled`, guidellm `incomplete`) or cut by a content filter. Its length is a lower
 *   bound (right-censored), so the planner must not treat it as a finished request.
 */
export type Outcome = 'ok' | 'error' | 'timeout' | 'truncated' | 'censored';
export const OUTCOMES: readonly Outcome[] = ['ok', 'error', 'timeout', 'truncated', 'censored'];

/** One request. A value the log does not have stays undefined, never 0. */
export type NormalizedRow = {
  steps?: number;
  reasoningTokens?: number;
  outputTokens?: number;
  inputTokens?: number;
  latencyMs?: number;
  ttftMs?: number;
  /** Epoch ms, or ms from the start of the trace when the log only has relative times. */
  timestampMs?: number;
  outcome: Outcome;
  /** Same as outcome === 'timeout'; kept as its own flag for the breakpoint analysis. */
  timedOut: boolean;
  error?: string;
};

/** One row of a pre-aggregated distribution (see docs/warehouse-sql.md). */
export type BucketRow = {
  /**
   * Inclusive lower edge of the bucket (steps, or reasoning tokens when `basis` says so).
   * NaN for the bucket of requests whose length is unknown (SQL's NULL bucket).
   */
  lo: number;
  /** Exclusive upper edge, when known. */
  hi?: number;
  basis: 'steps' | 'reasoningTokens';
  /** Requests in the bucket (all outcomes). */
  count: number;
  latencyP50Ms?: number;
  latencyP95Ms?: number;
  latencyP99Ms?: number;
  ttftP50Ms?: number;
  timeouts?: number;
  errors?: number;
  truncated?: number;
  censored?: number;
};

/** Fields of a raw request row the mapping can point at. */
export type RowField =
  | 'steps'
  | 'reasoningText'
  | 'reasoningTokens'
  | 'outputTokens'
  | 'inputTokens'
  | 'latencyMs'
  | 'ttftMs'
  | 'timestampMs'
  | 'status'
  | 'error'
  | 'finishReason'
  | 'timedOut';

/** Fields of a pre-aggregated bucket row. */
export type BucketField =
  | 'bucketLo'
  | 'bucketHi'
  | 'count'
  | 'latencyP50Ms'
  | 'latencyP95Ms'
  | 'latencyP99Ms'
  | 'ttftP50Ms'
  | 'timeouts'
  | 'errors'
  | 'truncated'
  | 'censored';

export type MappedField = RowField | BucketField;

/**
 * Unit of a source column.
 * - durations and numeric times: `ns` `us` `ms` `s` (for a timestamp: epoch or relative, in that unit)
 * - `iso`: a date-time string (ISO 8601 or `YYYY-MM-DD HH:MM:SS[.fff]`; no zone means UTC)
 * - `count`: tokens, steps, requests
 * - `text`: free text (reasoning text, status, error, finish reason)
 * - `bool`: true/false, 1/0, yes/no
 */
export type Unit = 'ns' | 'us' | 'ms' | 's' | 'iso' | 'count' | 'text' | 'bool';

/** Where a field comes from: a column (a flattened JSON key such as `usage.reasoning_tokens`). */
export type FieldSource = {
  column: string;
  unit: Unit;
  /** For durations only: the value is `column − minus`, both read as timestamps in `unit`. */
  minus?: string;
};

export type ResolvedSource = FieldSource & {
  /** `format`: the detected format's known layout; `alias`: a known column name; `derived`: end − start; `override`: the user's choice. */
  origin: 'format' | 'alias' | 'derived' | 'override';
  /** Why this unit, in words (e.g. "name ends in _s", "median 2,300 ≥ 1,000 so ms"). */
  unitReason?: string;
};

export type FieldMapping = Partial<Record<MappedField, ResolvedSource>>;

/**
 * A user override per field: a source, or null to leave the field unmapped. Without a unit the
 * unit is inferred from the column's name and values, as for a detected column.
 */
export type FieldOverride = { column: string; unit?: Unit; minus?: string };
export type MappingOverrides = Partial<Record<MappedField, FieldOverride | null>>;

/** One distinct value of the status column, how it was classified, and by whom. */
export type StatusValue = {
  value: string;
  count: number;
  /** null: the app does not know the value (its rows count as failed until it is mapped). */
  outcome: Outcome | null;
  /** How the app reads the value on its own (null: it does not know it). */
  builtIn: Outcome | null;
  source: 'auto' | 'yours';
};

export type StepsSource = 'column' | 'text' | 'tokens' | 'none';

export type Container = 'jsonl' | 'json-array' | 'json-document' | 'yaml' | 'csv' | 'tsv' | 'dsv';

export type FormatId =
  | 'run-export'
  | 'aggregated'
  | 'vllm-detailed'
  | 'sglang-bench'
  | 'llmperf'
  | 'guidellm'
  | 'aiperf'
  | 'otel-genai'
  | 'litellm'
  | 'langfuse'
  | 'azure-llm-2023'
  | 'mooncake'
  | 'burstgpt'
  | 'lrm-token-economy'
  | 'generic';

export type LogParseOptions = {
  /** Skip detection and read the file as this format (its container is still sniffed). */
  format?: FormatId;
  /** Per-field overrides; re-parse with these after the user edits the mapping. */
  mapping?: MappingOverrides;
  /** Steps from reasoning tokens: ceil(tokens / tokensPerStep). Default DEFAULT_TOKENS_PER_STEP (50). */
  tokensPerStep?: number;
  /** A row whose latency is ≥ this is a timeout even if the log says ok. */
  timeoutMs?: number;
  /** A row whose output (or reasoning) tokens are ≥ this is truncated even if the log says ok. */
  maxTokens?: number;
  /** Longest line / CSV record / JSON array element kept; longer ones are skipped. Default 8 MiB of text. */
  maxLineChars?: number;
  /** Largest whole-JSON document (vLLM, guidellm, OTLP, `{data:[…]}`) accepted. Default 200 MiB of text. */
  maxDocumentChars?: number;
  /** How much text is looked at before deciding the container. Default 64 KiB. */
  sniffChars?: number;
  /** How many records are sampled to pick the format, mapping and units. Default 500. */
  sampleRecords?: number;
  /** The file name, a hint only (`.tsv` → tab, `.yaml` → YAML). */
  fileName?: string;
  /** The user's outcome for status values (exact text, trimmed); wins over the built-in words. */
  outcomeMap?: Record<string, Outcome>;
  /**
   * A YAML parser (text → plain value). Injected so the core stays free of the dependency; the
   * log-parse worker passes the `yaml` package's. Without it a YAML file is refused with a message.
   */
  parseYaml?: (text: string) => unknown;
};

export type LineList = { count: number; firstLines: number[] };

export type LogDiagnostics = {
  format: FormatId | null;
  formatLabel: string;
  container: Container | null;
  /** Raw request rows, or pre-aggregated buckets. */
  kind: 'rows' | 'buckets';
  /** Source columns seen in the sample (flattened JSON keys), for the override pickers. */
  columns: string[];
  mapping: FieldMapping;
  stepsSource: StepsSource;
  tokensPerStep: number;
  /** Records turned into normalized rows (any outcome). */
  rowsOk: number;
  /** Bucket rows read (pre-aggregated input only). */
  buckets: number;
  counts: Record<Outcome, number>;
  /** Records that could not be read (bad JSON, wrong number of CSV fields, not an object). */
  malformed: LineList;
  /** Lines / records over maxLineChars, skipped. */
  oversized: LineList;
  /** Readable records that are not requests (e.g. non-GenAI spans), by reason. */
  skipped: { count: number; reasons: Record<string, number> };
  /** Physical lines seen. */
  lines: number;
  /** Characters seen. */
  chars: number;
  /** The parser gave up on this file (empty, binary, not a log, document too large). */
  fatal: boolean;
  /** Distinct values of the mapped status column (at most MAX_STATUS_VALUES), most frequent first. */
  statusValues: StatusValue[];
  /** Distinct status values beyond the ones listed. */
  statusValuesMore: number;
  messages: string[];
};
