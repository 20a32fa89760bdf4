import { MAX_RUN_TEXT_CHARS } from '../providers/limits';
import { TIER_IDS } from '../run/tiers';
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
const SEVERITIES = ['error', 'warning', 'note'] as const;

export const RUN_STATUSES: readonly RunRecord['status'][] = STATUSES;

/**
 * Per-field caps for imported records, so one hostile line cannot freeze the page or poison
 * the store: far above anything a real run has, far below what a browser chokes on.
 */
export const RUN_LIMITS = {
  /** Nesting of any value in the record (the schema itself is 4 deep). */
  depth: 32,
  /** id, model, batchId, kinds, settings strings. */
  shortText: 1000,
  baseUrl: 4096,
  prompt: 2 << 20,
  /** Steps plus answer: the live viewer's cap on a run's text. */
  runText: MAX_RUN_TEXT_CHARS,
  steps: 100_000,
  findings: 100_000,
  checkpoints: 10_000,
  summaryLines: 1000,
  /** Any other string (messages, summaries, unknown extra fields). */
  otherText: 1 << 20,
} as const;

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
function string(o: Obj, key: string, path: string, nonEmpty = false, max: number = RUN_LIMITS.otherText): void {
  const v = o[key];
  if (typeof v !== 'string' || (nonEmpty && v === '')) fail(path + key, nonEmpty ? 'a non-empty string' : 'a string', v);
  if (v.length > max) throw new Invalid(`${path}${key} is ${count(v.length)} characters long, more than the ${count(max)} a run may have`);
}
const count = (n: number) => n.toLocaleString('en-US');
function atMost(items: unknown[], max: number, what: string): void {
  if (items.length > max) throw new Invalid(`${what} has ${count(items.length)} entries, more than the ${count(max)} a run may have`);
}

/** The capped list of objects at `o[key]`, each checked by `check` with its own path (`steps[3].`). */
function objects(o: Obj, key: string, max: number, check: (item: Obj, path: string) => void): void {
  const items = array(o, key, '');
  atMost(items, max, key);
  items.forEach((item, i) => {
    if (!isObj(item)) fail(`${key}[${i}]`, 'an object', item);
    check(item, `${key}[${i}].`);
  });
}

/** Rejects values nested deeper than the cap, without recursion (a deep value would overflow the stack). */
function checkDepth(root: unknown): void {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > RUN_LIMITS.depth) throw new Invalid(`the record is nested more than ${RUN_LIMITS.depth} levels deep`);
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
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
  checkDepth(r);
  if (r.schema !== 1) fail('schema', '1', r.schema);
  string(r, 'id', '', true, RUN_LIMITS.shortText);
  string(r, 'prompt', '', false, RUN_LIMITS.prompt);
  oneOf(r, 'provider', '', PROVIDERS);
  string(r, 'baseUrl', '', false, RUN_LIMITS.baseUrl);
  string(r, 'model', '', false, RUN_LIMITS.shortText);
  const s = object(r, 'settings', '');
  oneOf(s, 'stepMode', 'settings.', STEP_MODES);
  for (const k of ['maxTokens', 'thinkingBudget', 'tokensPerStep', 'verifyInterval', 'checkpointEvery']) optional(s, k, () => number(s, k, 'settings.'));
  for (const k of ['reasoningEffort', 'policy', 'deliveryPattern']) optional(s, k, () => string(s, k, 'settings.', false, RUN_LIMITS.shortText));
  oneOf(r, 'status', '', STATUSES);
  optional(r, 'error', () => string(r, 'error', ''));
  number(r, 'startedAt', '');
  for (const k of ['endedAt', 'ttftMs', 'latencyMs', 'consistencyScore']) optional(r, k, () => number(r, k, ''));
  boolean(r, 'timedOut', '');
  boolean(r, 'stopped', '');
  let text = 0;
  objects(r, 'steps', RUN_LIMITS.steps, (step, p) => {
    string(step, 'text', p, false, RUN_LIMITS.runText);
    text += (step.text as string).length;
    number(step, 'startedAt', p);
    number(step, 'completedAt', p);
    optional(step, 'supersededBy', () => number(step, 'supersededBy', p));
  });
  oneOf(r, 'reasoningKind', '', REASONING_KINDS);
  string(r, 'answer', '', false, RUN_LIMITS.runText);
  text += (r.answer as string).length;
  if (text > RUN_LIMITS.runText) throw new Invalid(`the steps and answer hold ${count(text)} characters, more than the ${count(RUN_LIMITS.runText)} a run may have`);
  optional(r, 'usage', () => {
    const u = object(r, 'usage', '');
    for (const k of ['promptTokens', 'completionTokens', 'reasoningTokens', 'totalTokens']) optional(u, k, () => number(u, k, 'usage.'));
  });
  number(r, 'reasoningTokens', '');
  oneOf(r, 'reasoningTokensSource', '', TOKEN_SOURCES);
  oneOf(r, 'tier', '', TIER_IDS);
  objects(r, 'findings', RUN_LIMITS.findings, (f, p) => {
    number(f, 'step', p);
    string(f, 'kind', p, true, RUN_LIMITS.shortText);
    oneOf(f, 'severity', p, SEVERITIES);
    string(f, 'message', p);
    optional(f, 'evidence', () => {
      const e = f.evidence;
      if (!isObj(e)) fail(`${p}evidence`, 'an object', e);
      for (const key of ['expression', 'stated', 'exact']) string(e, key, `${p}evidence.`, false, RUN_LIMITS.shortText);
    });
  });
  objects(r, 'checkpoints', RUN_LIMITS.checkpoints, (c, p) => {
    number(c, 'number', p);
    number(c, 'stepCount', p);
    number(c, 'elapsedMs', p);
    const summary = array(c, 'summary', p);
    atMost(summary, RUN_LIMITS.summaryLines, `${p}summary`);
    summary.forEach((line, j) => {
      if (typeof line !== 'string') fail(`${p}summary[${j}]`, 'a string', line);
      if (line.length > RUN_LIMITS.otherText) throw new Invalid(`${p}summary[${j}] is longer than ${count(RUN_LIMITS.otherText)} characters`);
    });
    optional(c, 'modelSummary', () => string(c, 'modelSummary', p));
    optional(c, 'modelSummaryStatus', () => string(c, 'modelSummaryStatus', p));
  });
  optional(r, 'cache', () => {
    const c = object(r, 'cache', '');
    if (c.hit !== true) fail('cache.hit', 'true', c.hit);
    number(c, 'similarity', 'cache.');
    string(c, 'sourceRunId', 'cache.', true, RUN_LIMITS.shortText);
  });
  optional(r, 'batchId', () => string(r, 'batchId', '', false, RUN_LIMITS.shortText));
  optional(r, 'reference', () => string(r, 'reference', '', false, RUN_LIMITS.shortText));
  optional(r, 'simulated', () => {
    const m = object(r, 'simulated', '');
    for (const k of ['perStepMs', 'overheadMs', 'jitter', 'timeoutMs']) number(m, k, 'simulated.');
    optional(m, 'realLatencyMs', () => number(m, 'realLatencyMs', 'simulated.'));
  });
  optional(r, 'demo', () => {
    const d = object(r, 'demo', '');
    oneOf(d, 'source', 'demo.', ['chain', 'scenario']);
    optional(d, 'scenario', () => string(d, 'scenario', 'demo.', true, RUN_LIMITS.shortText));
    string(d, 'title', 'demo.', false, RUN_LIMITS.shortText);
    string(d, 'question', 'demo.');
    boolean(d, 'ownQuestion', 'demo.');
  });
  optional(r, 'sweep', () => {
    const w = object(r, 'sweep', '');
    string(w, 'id', 'sweep.', true, RUN_LIMITS.shortText);
    string(w, 'label', 'sweep.', false, RUN_LIMITS.shortText);
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
