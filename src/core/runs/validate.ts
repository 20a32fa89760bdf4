import type { RunRecord } from './types';

/**
 * Structural check of one stored or imported run record (JSONL line, IndexedDB value).
 * Pure: no clock, no I/O. Unknown extra fields are kept (forward compatible); optional
 * fields given as `null` (what JSON makes of NaN/Infinity) are treated as absent and removed.
 */

const PROVIDERS = ['demo', 'openai-compatible', 'anthropic', 'ollama', 'openai-responses'] as const;
const STATUSES = ['running', 'done', 'error', 'stopped', 'interrupted'] as const;
const STEP_MODES = ['paragraph', 'line', 'marker', 'tokens'] as const;
const REASONING_KINDS = ['raw', 'summary', 'redacted'] as const;
const TOKEN_SOURCES = ['server', 'estimate'] as const;
const TIERS = ['short', 'medium', 'complex'] as const;
const SEVERITIES = ['error', 'warning', 'note'] as const;

export const RUN_STATUSES: readonly RunRecord['status'][] = STATUSES;

class Invalid extends Error {}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 37)}...` : s;
};

function fail(path: string, want: string, got: unknown): never {
  throw new Invalid(`${path} must be ${want} (got ${show(got)})`);
}

function object(o: Obj, key: string, path: string): Obj {
  const v = o[key];
  if (!isObj(v)) fail(path + key, 'an object', v);
  return v;
}
function string(o: Obj, key: string, path: string, nonEmpty = false): void {
  const v = o[key];
  if (typeof v !== 'string' || (nonEmpty && v === '')) fail(path + key, nonEmpty ? 'a non-empty string' : 'a string', v);
}
function number(o: Obj, key: string, path: string): void {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path + key, 'a finite number', v);
}
function boolean(o: Obj, key: string, path: string): void {
  if (typeof o[key] !== 'boolean') fail(path + key, 'true or false', o[key]);
}
function oneOf(o: Obj, key: string, path: string, allowed: readonly string[]): void {
  const v = o[key];
  if (typeof v !== 'string' || !allowed.includes(v)) fail(path + key, `one of ${allowed.join(', ')}`, v);
}
function array(o: Obj, key: string, path: string): unknown[] {
  const v = o[key];
  if (!Array.isArray(v)) fail(path + key, 'an array', v);
  return v;
}
/** Runs `check` when the optional field is present; removes it when it is null. */
function optional(o: Obj, key: string, check: () => void): void {
  if (!(key in o) || o[key] === undefined) return;
  if (o[key] === null) {
    delete o[key];
    return;
  }
  check();
}

function checkRecord(r: Obj): void {
  if (r.schema !== 1) fail('schema', '1', r.schema);
  string(r, 'id', '', true);
  string(r, 'prompt', '');
  oneOf(r, 'provider', '', PROVIDERS);
  string(r, 'baseUrl', '');
  string(r, 'model', '');
  const s = object(r, 'settings', '');
  oneOf(s, 'stepMode', 'settings.', STEP_MODES);
  for (const k of ['maxTokens', 'thinkingBudget', 'tokensPerStep', 'verifyInterval', 'checkpointEvery']) optional(s, k, () => number(s, k, 'settings.'));
  for (const k of ['reasoningEffort', 'policy', 'deliveryPattern']) optional(s, k, () => string(s, k, 'settings.'));
  oneOf(r, 'status', '', STATUSES);
  optional(r, 'error', () => string(r, 'error', ''));
  number(r, 'startedAt', '');
  for (const k of ['endedAt', 'ttftMs', 'latencyMs', 'consistencyScore']) optional(r, k, () => number(r, k, ''));
  boolean(r, 'timedOut', '');
  boolean(r, 'stopped', '');
  array(r, 'steps', '').forEach((step, i) => {
    const p = `steps[${i}].`;
    if (!isObj(step)) fail(`steps[${i}]`, 'an object', step);
    string(step, 'text', p);
    number(step, 'startedAt', p);
    number(step, 'completedAt', p);
  });
  oneOf(r, 'reasoningKind', '', REASONING_KINDS);
  string(r, 'answer', '');
  optional(r, 'usage', () => {
    const u = object(r, 'usage', '');
    for (const k of ['promptTokens', 'completionTokens', 'reasoningTokens', 'totalTokens']) optional(u, k, () => number(u, k, 'usage.'));
  });
  number(r, 'reasoningTokens', '');
  oneOf(r, 'reasoningTokensSource', '', TOKEN_SOURCES);
  oneOf(r, 'tier', '', TIERS);
  array(r, 'findings', '').forEach((f, i) => {
    const p = `findings[${i}].`;
    if (!isObj(f)) fail(`findings[${i}]`, 'an object', f);
    number(f, 'step', p);
    string(f, 'kind', p, true);
    oneOf(f, 'severity', p, SEVERITIES);
    string(f, 'message', p);
  });
  array(r, 'checkpoints', '').forEach((c, i) => {
    const p = `checkpoints[${i}].`;
    if (!isObj(c)) fail(`checkpoints[${i}]`, 'an object', c);
    number(c, 'number', p);
    number(c, 'stepCount', p);
    number(c, 'elapsedMs', p);
    const summary = array(c, 'summary', p);
    summary.forEach((line, j) => {
      if (typeof line !== 'string') fail(`${p}summary[${j}]`, 'a string', line);
    });
    optional(c, 'modelSummary', () => string(c, 'modelSummary', p));
    optional(c, 'modelSummaryStatus', () => string(c, 'modelSummaryStatus', p));
  });
  optional(r, 'cache', () => {
    const c = object(r, 'cache', '');
    if (c.hit !== true) fail('cache.hit', 'true', c.hit);
    number(c, 'similarity', 'cache.');
    string(c, 'sourceRunId', 'cache.', true);
  });
  optional(r, 'batchId', () => string(r, 'batchId', ''));
  optional(r, 'reference', () => string(r, 'reference', ''));
  optional(r, 'simulated', () => {
    const m = object(r, 'simulated', '');
    for (const k of ['perStepMs', 'overheadMs', 'jitter', 'timeoutMs']) number(m, k, 'simulated.');
    optional(m, 'realLatencyMs', () => number(m, 'realLatencyMs', 'simulated.'));
  });
  optional(r, 'sweep', () => {
    const w = object(r, 'sweep', '');
    string(w, 'id', 'sweep.', true);
    string(w, 'label', 'sweep.');
    number(w, 'index', 'sweep.');
  });
}

export type Validation = { ok: true; record: RunRecord } | { ok: false; message: string };

/**
 * Checks that `value` is a RunRecord. On success the same object is returned (nulls in optional
 * fields removed, so pass a fresh copy if the caller's object must stay untouched).
 */
export function validateRunRecord(value: unknown): Validation {
  if (!isObj(value)) return { ok: false, message: `a run must be a JSON object (got ${show(value)})` };
  try {
    checkRecord(value);
    return { ok: true, record: value as RunRecord };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, message: e.message };
    throw e;
  }
}
