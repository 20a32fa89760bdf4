/**
 * The app's own run export: the file the runs feature writes for the capacity planner, and the
 * first format the log parser recognises.
 *
 * File: JSON Lines (UTF-8, `\n` between records, no header), one `RunExportRecord` per line,
 * usually named `reasoning-runs-<date>.jsonl`. Write it with `toRunExportLine`.
 *
 * | field | type | meaning |
 * |---|---|---|
 * | `id` | string | run id |
 * | `prompt` | string | the prompt as sent |
 * | `provider` | string | endpoint kind (`openai-compatible`, `anthropic`, `ollama`, `responses`, `demo`) |
 * | `model` | string | model name |
 * | `status` | `'done' \| 'error' \| 'stopped' \| 'interrupted'` | how the run ended; `stopped` = the user pressed stop, `interrupted` = the page closed mid-run |
 * | `startedAt` | number | epoch milliseconds when the request was sent |
 * | `ttftMs` | number \| null | ms from send to the first reasoning or answer token; null when none arrived |
 * | `latencyMs` | number \| null | ms from send to the end of the stream (or to the stop / error); null if unknown |
 * | `steps` | number | completed reasoning steps (as the viewer split them) |
 * | `reasoningTokens` | number \| null | reasoning tokens (server-reported, else the viewer's estimate); null if unknown |
 * | `timedOut` | boolean | the step or stall timeout fired |
 * | `error` | string, optional | the error message when status is `error` |
 * | `stepTexts` | string[], optional | the step texts, when the user chose to include them |
 *
 * Unknown values are `null` (or the key is left out), never 0. The parser maps these rows to
 * outcomes as: timedOut → `timeout`; `error` → `error`; `stopped` / `interrupted` → `censored`
 * (the length is a lower bound); `done` → `ok`.
 */

export const RUN_EXPORT_STATUSES = ['done', 'error', 'stopped', 'interrupted'] as const;
export type RunExportStatus = (typeof RUN_EXPORT_STATUSES)[number];

export type RunExportRecord = {
  id: string;
  prompt: string;
  provider: string;
  model: string;
  status: RunExportStatus;
  startedAt: number;
  ttftMs: number | null;
  latencyMs: number | null;
  steps: number;
  reasoningTokens: number | null;
  timedOut: boolean;
  error?: string;
  stepTexts?: string[];
};

/** Keys whose presence together identifies a run export (the detector's signature). */
export const RUN_EXPORT_SIGNATURE = ['id', 'prompt', 'provider', 'model', 'status', 'startedAt', 'steps', 'timedOut'] as const;

/** One JSONL line (with its trailing newline) for a record; keys in the documented order. */
export function toRunExportLine(record: RunExportRecord): string {
  const ordered: Record<string, unknown> = {
    id: record.id,
    prompt: record.prompt,
    provider: record.provider,
    model: record.model,
    status: record.status,
    startedAt: record.startedAt,
    ttftMs: record.ttftMs,
    latencyMs: record.latencyMs,
    steps: record.steps,
    reasoningTokens: record.reasoningTokens,
    timedOut: record.timedOut,
  };
  if (record.error !== undefined) ordered.error = record.error;
  if (record.stepTexts !== undefined) ordered.stepTexts = record.stepTexts;
  return JSON.stringify(ordered) + '\n';
}

/** Checks a parsed value against the schema; returns the problems (empty when valid). */
export function validateRunExportRecord(value: unknown): string[] {
  const problems: string[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['not an object'];
  const r = value as Record<string, unknown>;
  for (const key of ['id', 'prompt', 'provider', 'model'] as const) if (typeof r[key] !== 'string') problems.push(`${key} must be a string`);
  if (!RUN_EXPORT_STATUSES.includes(r.status as RunExportStatus)) problems.push(`status must be one of ${RUN_EXPORT_STATUSES.join(', ')}`);
  if (typeof r.startedAt !== 'number' || !Number.isFinite(r.startedAt)) problems.push('startedAt must be epoch ms');
  for (const key of ['ttftMs', 'latencyMs', 'reasoningTokens'] as const) {
    const v = r[key];
    if (v !== null && v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) problems.push(`${key} must be a non-negative number or null`);
  }
  if (typeof r.steps !== 'number' || !Number.isInteger(r.steps) || r.steps < 0) problems.push('steps must be a non-negative integer');
  if (typeof r.timedOut !== 'boolean') problems.push('timedOut must be a boolean');
  if (r.error !== undefined && typeof r.error !== 'string') problems.push('error must be a string');
  if (r.stepTexts !== undefined && (!Array.isArray(r.stepTexts) || r.stepTexts.some((s) => typeof s !== 'string'))) problems.push('stepTexts must be an array of strings');
  return problems;
}
