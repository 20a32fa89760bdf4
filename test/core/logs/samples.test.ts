import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectBreakpoint, percentile } from '../../../src/core/capacity';
import { parseLogText, validateRunExportRecord, type FormatId, type StepsSource } from '../../../src/core/logs';

const root = join(__dirname, '..', '..', '..');
const sample = (name: string) => readFileSync(join(root, 'public', 'samples', name), 'utf8');
const parse = (name: string) => parseLogText(sample(name), { fileName: name });

type Expect = { format: FormatId; container: string; rows: number; counts?: Partial<Record<string, number>>; steps: StepsSource; fields: string[] };

const EXPECTED: Record<string, Expect> = {
  'reasoning-requests.jsonl': { format: 'generic', container: 'jsonl', rows: 3000, steps: 'column', fields: ['steps', 'reasoningTokens', 'latencyMs', 'ttftMs', 'timestampMs', 'status', 'finishReason'] },
  'run-export.jsonl': { format: 'run-export', container: 'jsonl', rows: 40, counts: { ok: 32, error: 2, timeout: 3, censored: 3 }, steps: 'column', fields: ['steps', 'latencyMs', 'timedOut'] },
  'generic-requests.csv': { format: 'generic', container: 'csv', rows: 120, counts: { error: 4 }, steps: 'text', fields: ['reasoningText', 'latencyMs', 'ttftMs', 'timestampMs'] },
  'vllm-benchmark-detailed.json': { format: 'vllm-detailed', container: 'json-document', rows: 40, counts: { ok: 37, error: 2, timeout: 1 }, steps: 'none', fields: ['ttftMs', 'latencyMs', 'outputTokens'] },
  'llmperf-perplexity-70b_individual_responses.json': { format: 'llmperf', container: 'json-array', rows: 150, counts: { ok: 148, error: 2 }, steps: 'none', fields: ['latencyMs', 'ttftMs'] },
  'guidellm-benchmarks.json': { format: 'guidellm', container: 'json-document', rows: 56, counts: { ok: 52, error: 1, timeout: 1, censored: 2 }, steps: 'none', fields: ['latencyMs', 'ttftMs', 'timestampMs'] },
  'aiperf-profile_export.jsonl': { format: 'aiperf', container: 'jsonl', rows: 80, counts: { ok: 76, error: 1, timeout: 1, censored: 2 }, steps: 'tokens', fields: ['reasoningTokens', 'latencyMs', 'ttftMs', 'timestampMs'] },
  'otel-genai-spans.jsonl': { format: 'otel-genai', container: 'jsonl', rows: 37, counts: { ok: 35, error: 1, timeout: 1 }, steps: 'tokens', fields: ['reasoningTokens', 'latencyMs', 'timestampMs'] },
  'litellm-spend-logs.json': { format: 'litellm', container: 'json-array', rows: 60, counts: { ok: 57, error: 2, timeout: 1 }, steps: 'tokens', fields: ['reasoningTokens', 'latencyMs', 'ttftMs'] },
  'langfuse-observations.jsonl': { format: 'langfuse', container: 'jsonl', rows: 50, counts: { ok: 48, error: 2 }, steps: 'tokens', fields: ['reasoningTokens', 'latencyMs', 'ttftMs'] },
  'azure-llm-2023-conv.csv': { format: 'azure-llm-2023', container: 'csv', rows: 300, counts: { ok: 300 }, steps: 'none', fields: ['timestampMs', 'inputTokens', 'outputTokens'] },
  'mooncake-conversation-trace.jsonl': { format: 'mooncake', container: 'jsonl', rows: 300, counts: { ok: 300 }, steps: 'none', fields: ['timestampMs', 'inputTokens', 'outputTokens'] },
  'lrm-token-economy.csv': { format: 'lrm-token-economy', container: 'csv', rows: 260, counts: { ok: 256, truncated: 4 }, steps: 'tokens', fields: ['reasoningTokens', 'finishReason'] },
};

describe('public/samples', () => {
  for (const [name, e] of Object.entries(EXPECTED)) {
    it(`${name} is detected as ${e.format} and parsed`, () => {
      const { rows, diagnostics: d } = parse(name);
      expect(d.fatal).toBe(false);
      expect(d.format).toBe(e.format);
      expect(d.container).toBe(e.container);
      expect(d.rowsOk).toBe(e.rows);
      expect(rows).toHaveLength(e.rows);
      expect(d.malformed.count).toBe(0);
      expect(d.stepsSource).toBe(e.steps);
      for (const f of e.fields) expect(d.mapping, f).toHaveProperty(f);
      for (const [k, v] of Object.entries(e.counts ?? {})) expect(d.counts[k as keyof typeof d.counts], k).toBe(v);
      // Nothing is imputed as zero: a missing latency stays undefined.
      for (const r of rows) if (r.latencyMs !== undefined) expect(Number.isFinite(r.latencyMs)).toBe(true);
    });
  }

  it('llmperf: non-errored rows reproduce the p50/p95/p99 of the matching summary', () => {
    const summary = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'logs', 'llmperf-perplexity-70b_summary.json'), 'utf8'));
    const ok = parse('llmperf-perplexity-70b_individual_responses.json').rows.filter((r) => r.outcome === 'ok');
    for (const p of [50, 95, 99]) {
      expect(percentile(ok.map((r) => r.latencyMs! / 1000), p)).toBeCloseTo(summary[`results_end_to_end_latency_s_quantiles_p${p}`], 9);
      expect(percentile(ok.map((r) => r.ttftMs! / 1000), p)).toBeCloseTo(summary[`results_ttft_s_quantiles_p${p}`], 9);
    }
    // And the summary itself is recognised as aggregates-only.
    const s = parseLogText(JSON.stringify(summary, null, 4)).diagnostics;
    expect(s.fatal).toBe(true);
    expect(s.messages.join(' ')).toMatch(/llmperf summary .* Upload the matching \*_individual_responses.json/);
  });

  it('vLLM: failed requests keep no 0 placeholders and latency is TTFT + Σ ITL', () => {
    const doc = JSON.parse(sample('vllm-benchmark-detailed.json'));
    const { rows } = parse('vllm-benchmark-detailed.json');
    const failed = rows.filter((r) => r.outcome !== 'ok');
    expect(failed.every((r) => r.outputTokens === undefined && r.ttftMs === undefined && r.latencyMs === undefined)).toBe(true);
    const sum = doc.ttfts[0] + doc.itls[0].reduce((a: number, b: number) => a + b, 0);
    expect(rows[0].latencyMs).toBeCloseTo(sum * 1000, 9);
  });

  it('the demo log shows a timeout breakpoint around 40 steps', () => {
    const { rows, diagnostics: d } = parse('reasoning-requests.jsonl');
    expect(d.counts.timeout).toBeGreaterThan(100);
    expect(d.counts.error).toBeGreaterThan(10);
    expect(d.counts.truncated).toBeGreaterThan(10);
    expect(d.counts.censored).toBeGreaterThan(5);
    expect(rows.some((r) => r.outcome === 'ok' && r.ttftMs === undefined)).toBe(true);
    const timeoutSteps = rows.filter((r) => r.timedOut).map((r) => r.steps!);
    expect(Math.min(...timeoutSteps)).toBeGreaterThanOrEqual(35);
    const input = rows.filter((r) => r.steps !== undefined && r.outcome !== 'error').map((r) => ({ steps: r.steps!, latencyMs: r.latencyMs, timedOut: r.timedOut }));
    const result = detectBreakpoint(input, { bootstrap: 0 });
    expect(result.breakpoint).not.toBeNull();
    expect(result.breakpoint!).toBeGreaterThan(34);
    expect(result.breakpoint!).toBeLessThan(50);
  });

  it('the pre-aggregated sample is read as buckets, matching the demo log', () => {
    const { rows, buckets, diagnostics: d } = parse('aggregated-step-buckets.csv');
    expect(d.format).toBe('aggregated');
    expect(d.kind).toBe('buckets');
    expect(rows).toEqual([]);
    const demo = parse('reasoning-requests.jsonl').rows;
    expect(buckets.reduce((s, b) => s + b.count, 0)).toBe(demo.length);
    expect(buckets.reduce((s, b) => s + (b.timeouts ?? 0), 0)).toBe(demo.filter((r) => r.timedOut).length);
    expect(buckets[0]).toMatchObject({ lo: 0, hi: 5, basis: 'steps' });
    const unknown = buckets.filter((b) => Number.isNaN(b.lo));
    expect(unknown.map((b) => b.count)).toEqual([demo.filter((r) => r.steps === undefined).length]);
    const b40 = buckets.find((b) => b.lo === 40)!;
    const inBucket = demo.filter((r) => r.steps !== undefined && r.steps >= 40 && r.steps < 45 && r.outcome !== 'error');
    expect(b40.latencyP95Ms).toBeCloseTo(percentile(inBucket.map((r) => r.latencyMs!), 95), 1);
  });

  it('every run-export line validates against the documented schema', () => {
    for (const line of sample('run-export.jsonl').trim().split('\n')) expect(validateRunExportRecord(JSON.parse(line))).toEqual([]);
  });
});
