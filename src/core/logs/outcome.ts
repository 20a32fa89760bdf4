/**
 * Outcome of one request from its status, error, finish-reason and timed-out columns.
 * Precedence when several apply: timeout > censored > error > truncated > ok (a failure whose
 * message says "timed out" is a timeout; a cancelled request is censored even if logged as an
 * error; an error beats the finish reason). See `Outcome` in types.ts for what each means.
 *
 * Numbers are read as HTTP-like codes: 408 / 504 / 524 → timeout; 499 (client closed the request)
 * → censored; other ≥ 400 and negative codes (llmperf's -100) → error; 1xx–3xx → ok.
 * Text: a known word (below), else `/time.?out|deadline/` → timeout, `/cancel|abort|interrupt/` →
 * censored, `/fail|error|exception/` → error; text opening with an HTTP code ("504 Gateway
 * Timeout") reads as that code. A status value the user mapped (`statusMap`, exact trimmed text)
 * takes the user's outcome instead. Anything else is reported as `unknownStatus`; the parser counts
 * such rows as failed until the value is mapped, never as ok.
 */
import type { Outcome } from './types';
import { isMissing, toBool, toNumber } from './units';

const WORDS: Record<string, Outcome> = {};
const add = (outcome: Outcome, words: string) => words.split(' ').forEach((w) => (WORDS[w] = outcome));
add('ok', 'ok success successful succeeded done completed complete finished stop stopsequence end_turn eos tool_calls function_call default debug info warning unset status_code_ok status_code_unset true pass passed');
add('error', 'error errored failure failed fail exception status_code_error false');
add('timeout', 'timeout timed_out timedout time_out deadline_exceeded deadline');
add('censored', 'stopped interrupted cancelled canceled aborted abort incomplete running content_filter filtered blocked safety recitation prohibited_content blocklist spii');
add('truncated', 'truncated length max_tokens max_output_tokens model_length');

const TIMEOUT_TEXT = /time.?out|timed.?out|deadline/i;
const CANCEL_TEXT = /cancel|abort|interrupt/i;
const ERROR_TEXT = /fail|error|exception/i;

export type ClassifyInput = {
  status?: unknown;
  error?: unknown;
  finishReason?: unknown;
  timedOut?: unknown;
};

export type Classified = { outcome: Outcome; error?: string; unknownStatus?: string };

const RANK: Record<Outcome, number> = { ok: 0, truncated: 1, error: 2, censored: 3, timeout: 4 };
const worse = (a: Outcome, b: Outcome): Outcome => (RANK[b] > RANK[a] ? b : a);

function fromCode(code: number): Outcome {
  if (code === 408 || code === 504 || code === 524) return 'timeout';
  if (code === 499) return 'censored';
  if (code >= 400 || code < 0) return 'error';
  return 'ok';
}

/** fromText is pure and a log repeats a handful of status words a million times: remember them. */
const TEXT_MEMO_SIZE = 512;
const textMemo = new Map<string, Outcome | 'unknown'>();

function fromText(text: string, fallback: Outcome | 'unknown'): Outcome | 'unknown' {
  if (text.length > 80) return readText(text, fallback);
  const key = `${fallback}:${text}`;
  let known = textMemo.get(key);
  if (known === undefined) {
    if (textMemo.size >= TEXT_MEMO_SIZE) textMemo.clear();
    known = readText(text, fallback);
    textMemo.set(key, known);
  }
  return known;
}

function readText(text: string, fallback: Outcome | 'unknown'): Outcome | 'unknown' {
  const word = text.trim().toLowerCase().replace(/[\s-]+/g, '_');
  const known = WORDS[word];
  if (known) return known;
  const code = toNumber(text) ?? leadingCode(text);
  if (code !== undefined) return fromCode(code);
  if (TIMEOUT_TEXT.test(text)) return 'timeout';
  if (CANCEL_TEXT.test(text)) return 'censored';
  if (ERROR_TEXT.test(text)) return 'error';
  return fallback;
}

/** "504 Gateway Timeout" → 504; only a three-digit HTTP-like code followed by words. */
function leadingCode(text: string): number | undefined {
  const m = /^\s*([1-5]\d\d)\b\s+[A-Za-z]/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** The key a status value is listed and mapped under. */
export function statusKey(value: unknown): string | undefined {
  const v = firstOf(value);
  if (isMissing(v)) return undefined;
  if (typeof v === 'string') return v.trim().slice(0, 80);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function firstOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.find((v) => !isMissing(v));
  if (typeof value === 'string' && value.startsWith('[')) {
    // A JSON-encoded list in a CSV cell, e.g. finish_reasons.
    const m = /"([^"]+)"/.exec(value);
    return m ? m[1] : undefined;
  }
  return value;
}

export function classifyOutcome(input: ClassifyInput, statusMap?: Readonly<Record<string, Outcome>>): Classified {
  let outcome: Outcome = 'ok';
  let error: string | undefined;
  let unknownStatus: string | undefined;

  if (toBool(input.timedOut) === true) outcome = 'timeout';

  const status = firstOf(input.status);
  const key = statusMap ? statusKey(status) : undefined;
  const mapped = key !== undefined ? statusMap?.[key] : undefined;
  if (mapped) {
    outcome = worse(outcome, mapped);
    if (mapped !== 'ok') error = `status ${key}`;
  } else if (!isMissing(status)) {
    if (typeof status === 'number') {
      const o = fromCode(status);
      outcome = worse(outcome, o);
      if (o !== 'ok') error = `code ${status}`;
    } else if (typeof status === 'boolean') {
      // A "success" flag style column.
      if (!status) outcome = worse(outcome, 'error');
    } else if (typeof status === 'string') {
      const o = fromText(status, 'unknown');
      if (o === 'unknown') unknownStatus = status.trim().slice(0, 80);
      else {
        outcome = worse(outcome, o);
        if (o === 'error' && toNumber(status) !== undefined) error = `code ${status.trim()}`;
      }
    }
  }

  const err = input.error;
  if (!isMissing(err) && err !== false) {
    let text: string | undefined;
    if (typeof err === 'string') text = err.trim();
    else if (typeof err === 'number') {
      outcome = worse(outcome, fromCode(err));
      text = `code ${err}`;
    } else if (err === true) text = 'error';
    else if (typeof err === 'object') text = JSON.stringify(err).slice(0, 300);
    if (text) {
      error = text.slice(0, 300);
      if (typeof err !== 'number') {
        const o = fromText(text, 'error');
        // A message such as "ok" or "success" in an error column is no error.
        outcome = worse(outcome, o === 'unknown' ? 'error' : o === 'ok' ? 'ok' : o);
      }
    }
  }

  const finish = firstOf(input.finishReason);
  if (typeof finish === 'string' && finish.trim() !== '') {
    const o = fromText(finish, 'ok');
    if (o !== 'unknown') outcome = worse(outcome, o);
  }

  if (outcome === 'ok') error = undefined;
  return { outcome, error, unknownStatus };
}
