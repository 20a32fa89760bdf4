/**
 * The DuckDB query in docs/warehouse-sql.md is what users run where their logs outgrow a
 * browser, so it is run here as written (DuckDB's Node package, only the output path changed) on
 * a seeded log with a known breakpoint; its CSV goes through the planner, and the breakpoint from
 * the 5-step buckets must agree with the breakpoint from the raw rows within the bucket width, with
 * an interval that covers the raw one.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/capacity';
import { createColumnarBuilder, parseLogText } from '../../src/core/logs';
import { createPlannerAnalyzer, DEFAULT_PLANNER_SETTINGS, type PlannerAnalysis } from '../../src/core/planner';

const DOC = fileURLToPath(new URL('../../docs/warehouse-sql.md', import.meta.url));
const WIDTH = 5;

/** The SQL of the "## DuckDB" section's code block. */
function duckdbQuery(): string {
  const md = readFileSync(DOC, 'utf8');
  const section = md.slice(md.indexOf('## DuckDB'));
  const m = /```sql\n([\s\S]*?)```/.exec(section);
  if (!m) throw new Error('docs/warehouse-sql.md has no ```sql block under "## DuckDB"');
  return m[1];
}

type Req = { request_id: string; started_at: string; steps: number | null; reasoning_tokens: number | null; latency_ms: number | null; ttft_ms: number; status: string; http_status: number | null; finish_reason: string; error: string };

/**
 * 4,000 requests in the query's week: steps lognormal (median 22), 1.2 s per step + 2 s, normal
 * noise of `noise` s; a client timeout at 30.8 s (L* = (30.8 − 2) / 1.2 = 24 steps) records
 * timed-out rows at the cut, plus `background` of requests timing out whatever their length.
 * 1 % fail before reasoning (no steps).
 */
function seededLog(noise: number, background: number): Req[] {
  const rng = createRng(24);
  const t0 = Date.UTC(2026, 10, 2, 9, 0, 0);
  const out: Req[] = [];
  for (let i = 0; i < 4000; i++) {
    const started = new Date(t0 + i * 1500).toISOString().replace('T', ' ').replace('Z', '');
    if (rng.next() < 0.01) {
      out.push({ request_id: `r${i}`, started_at: started, steps: null, reasoning_tokens: null, latency_ms: 300, ttft_ms: 300, status: 'error', http_status: 500, finish_reason: '', error: 'HTTP 500' });
      continue;
    }
    const steps = Math.max(1, Math.round(Math.exp(Math.log(22) + 0.45 * rng.normal())));
    const latency = Math.max(0.5, 2 + steps * 1.2 + noise * rng.normal());
    const timedOut = latency > 30.8 || rng.next() < background;
    out.push({
      request_id: `r${i}`,
      started_at: started,
      steps,
      reasoning_tokens: steps * 40,
      latency_ms: Math.round((timedOut ? 30.8 : latency) * 1000),
      ttft_ms: 900,
      status: timedOut ? 'timeout' : 'ok',
      http_status: timedOut ? null : 200,
      finish_reason: timedOut ? '' : 'stop',
      error: '',
    });
  }
  return out;
}

function analyse(text: string): PlannerAnalysis {
  const r = parseLogText(text);
  const b = createColumnarBuilder();
  for (const row of r.rows) b.push(row);
  const a = createPlannerAnalyzer(() => performance.now());
  a.set(1, { name: 'x', rows: b.build(), buckets: r.buckets, stepsSource: r.diagnostics.stepsSource });
  return a.analyze({ ...DEFAULT_PLANNER_SETTINGS, timeoutSeconds: 30.8 });
}

const dir = mkdtempSync(join(tmpdir(), 'warehouse-sql-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('docs/warehouse-sql.md, DuckDB', () => {
  // A sharp threshold, and a noisy one with background timeouts (where the expanded buckets' onset
  // lands a bucket later than the raw rows' and the bootstrap alone would not cover the truth).
  it.each([
    { noise: 1.5, background: 0 },
    { noise: 3, background: 0.02 },
  ])('runs on a log (noise $noise s, background $background), and its buckets give the raw rows’ breakpoint within the bucket width', async ({ noise, background }) => {
    const log = seededLog(noise, background);
    const raw = join(dir, `requests-${noise}.jsonl`);
    writeFileSync(raw, log.map((r) => JSON.stringify(r)).join('\n'));
    const out = join(dir, `step-buckets-${noise}.csv`);
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    await con.run(
      `CREATE TABLE requests AS SELECT * FROM read_json('${raw}', format = 'newline_delimited', columns = {request_id: 'VARCHAR', started_at: 'TIMESTAMP', steps: 'INTEGER', reasoning_tokens: 'INTEGER', latency_ms: 'DOUBLE', ttft_ms: 'DOUBLE', status: 'VARCHAR', http_status: 'INTEGER', finish_reason: 'VARCHAR', error: 'VARCHAR'})`,
    );
    const sql = duckdbQuery();
    expect(sql).toContain("TO 'step-buckets.csv'");
    await con.run(sql.replace("TO 'step-buckets.csv'", `TO '${out}'`));
    con.closeSync();
    const csv = readFileSync(out, 'utf8');

    const fromBuckets = analyse(csv);
    expect(fromBuckets.kind).toBe('buckets');
    // Every request is in a bucket, the failed ones in the NULL (unknown steps) bucket.
    expect(fromBuckets.total).toBe(log.length);
    expect(fromBuckets.counts.timeout).toBe(log.filter((r) => r.status === 'timeout').length);
    expect(fromBuckets.noLength).toBe(log.filter((r) => r.steps === null).length);

    const fromRows = analyse(readFileSync(raw, 'utf8'));
    expect(fromRows.breakpoint?.status).toBe('found');
    expect(fromBuckets.breakpoint?.status).toBe('found');
    const truth = fromRows.breakpoint!.breakpoint!;
    const est = fromBuckets.breakpoint!.breakpoint!;
    const [lo, hi] = fromBuckets.breakpoint!.interval!;
    expect(Math.abs(est - truth)).toBeLessThanOrEqual(WIDTH);
    expect(lo).toBeLessThanOrEqual(truth);
    expect(hi).toBeGreaterThanOrEqual(truth);
    // DuckDB plus two analyses with 200-resample bootstraps: more than the default 5 s on a busy machine.
  }, 60_000);
});
