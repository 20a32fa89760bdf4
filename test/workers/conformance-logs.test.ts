/**
 * Every real log in ../shared/conformance/logs, written by other projects' tools, through the
 * planner's own path (the log-parse handler, then the analysis) and checked against that folder's
 * expected.json, which was computed from the files, not from this app. The files are read in
 * place, never copied into the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFORMANCE_LOGS, loadExpected, serviceClose, type RejectExpectation, type RowsExpectation } from '../support/conformance-logs';
import { parseLogBlobs } from '../../src/workers/log-parse-handler';
import { createPlannerAnalyzer, DEFAULT_PLANNER_SETTINGS, type PlannerAnalysis } from '../../src/core/planner';
import type { LogDiagnostics } from '../../src/core/logs';

const DIR = CONFORMANCE_LOGS;

const expected = loadExpected();

async function run(name: string): Promise<{ d: LogDiagnostics; a: PlannerAnalysis }> {
  const file = new File([readFileSync(`${DIR}${name}`)], name);
  const r = await parseLogBlobs([file]);
  const d = r.files[0].diagnostics;
  const analyzer = createPlannerAnalyzer(() => performance.now());
  analyzer.set(1, { name, rows: r.rows, buckets: r.buckets, stepsSource: d.stepsSource });
  return { d, a: analyzer.analyze(DEFAULT_PLANNER_SETTINGS) };
}

/** The "Format:" line as the file report shows it. */
const formatLine = (d: LogDiagnostics) => `Format: ${d.formatLabel} (${d.container ?? 'unknown container'})`;

/** Every problem with one expectation, in words (empty when it holds). */
function check(e: RowsExpectation | RejectExpectation, d: LogDiagnostics, a: PlannerAnalysis): string[] {
  const problems: string[] = [];
  if (e.expect === 'reject') {
    if (!d.fatal) problems.push(`expected a refusal, got ${d.rowsOk} rows (${formatLine(d)})`);
    const text = d.messages.join(' ');
    for (const re of e.reject.message) if (!new RegExp(re, 'i').test(text)) problems.push(`refusal does not match /${re}/i: ${text}`);
    return problems;
  }
  if (d.fatal) return [`expected rows, got a refusal: ${d.messages.join(' ')}`];
  if (!new RegExp(e.format, 'i').test(formatLine(d))) problems.push(`${formatLine(d)} does not match /${e.format}/i`);
  const rows = d.rowsOk;
  if (typeof e.rows === 'number' ? rows !== e.rows : rows < e.rows.min) problems.push(`rows ${rows}, expected ${JSON.stringify(e.rows)}`);
  const seen = { ok: d.counts.ok, failed: d.counts.error, censored: d.counts.censored };
  for (const [k, v] of Object.entries(e.outcomes ?? {})) if (seen[k as keyof typeof seen] !== v) problems.push(`${k} ${seen[k as keyof typeof seen]}, expected ${v}`);
  if (e.distribution) {
    // A reasoning length: the step or reasoning-token distribution, not the output-token stand-in.
    if (a.basis === 'outputTokens') problems.push('the length is output tokens, expected a reasoning length');
    if (a.distribution.n < (e.distributionMin ?? 1)) problems.push(`distribution n ${a.distribution.n}, expected ≥ ${e.distributionMin}`);
  }
  if (e.serviceMeanS === null) {
    if (a.fleet.plan) problems.push(`expected no service time, got mean service ${a.fleet.plan.meanServiceSeconds} s`);
  } else if (e.serviceMeanS !== undefined) {
    const got = a.fleet.plan?.meanServiceSeconds;
    if (got === undefined) problems.push(`expected mean service ${e.serviceMeanS} s, got none (${a.fleet.reason})`);
    else if (!serviceClose(got, e.serviceMeanS)) problems.push(`mean service ${got} s, expected ${e.serviceMeanS} s`);
  }
  if (e.peak60s !== undefined && a.fleet.peak?.count !== e.peak60s) problems.push(`busiest 60 s held ${a.fleet.peak?.count}, expected ${e.peak60s}`);
  return problems;
}

describe('conformance logs: every real tool output reads as its users expect', () => {
  it('covers every file in the folder', () => {
    const names = Object.keys(expected);
    expect(names.length).toBe(18);
    for (const n of names) expect(existsSync(`${DIR}${n}`), n).toBe(true);
  });

  for (const [name, e] of Object.entries(expected)) {
    it(name, async () => {
      const { d, a } = await run(name);
      if ('anyOf' in e) {
        const all = e.anyOf.map((alt) => check(alt, d, a));
        expect(all.some((p) => p.length === 0), all.map((p) => p.join('; ')).join(' | OR | ')).toBe(true);
      } else expect(check(e, d, a)).toEqual([]);
    });
  }

  it('reads the guidellm YAML exactly like its JSON', async () => {
    const json = await run('guidellm-0.3_benchmarks_stripped.json');
    const yaml = await run('guidellm-0.3_benchmarks_stripped.yaml');
    expect(yaml.d.container).toBe('yaml');
    expect(yaml.d.format).toBe('guidellm');
    expect(yaml.d.counts).toEqual(json.d.counts);
    expect(yaml.a.fleet.plan?.meanServiceSeconds).toBe(json.a.fleet.plan?.meanServiceSeconds);
    expect(yaml.a.latencySummary).toEqual(json.a.latencySummary);
  });
});
