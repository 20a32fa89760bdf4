import { describe, expect, it } from 'vitest';
import { createLogParser, parseLogText, type LogParseOptions, type NormalizedRow } from '../../../src/core/logs';

const msg = (d: { messages: string[] }, re: RegExp) => d.messages.find((m) => re.test(m));

function feedChunks(text: string, size: number, options: LogParseOptions = {}) {
  const p = createLogParser(options);
  const rows: NormalizedRow[] = [];
  for (let i = 0; i < text.length; i += size) rows.push(...p.feed(text.slice(i, i + size)).rows);
  rows.push(...p.end().rows);
  return { rows, diagnostics: p.diagnostics() };
}

describe('log parser: generic JSONL and CSV', () => {
  const jsonl = [
    '{"steps": 12, "reasoning_tokens": 500, "latency_ms": 15000, "ttft_ms": 800, "timestamp": 1795165200000, "status": "ok"}',
    '{"steps": 50, "reasoning_tokens": 2100, "latency_ms": 60000, "ttft_ms": null, "timestamp": 1795165201000, "status": "timeout"}',
    '{"steps": null, "latency_ms": 120, "timestamp": 1795165202000, "status": "error", "error": "HTTP 429"}',
  ].join('\n');

  it('maps fields by name, converts units and keeps missing values undefined', () => {
    const { rows, diagnostics: d } = parseLogText(jsonl);
    expect(d.format).toBe('generic');
    expect(d.container).toBe('jsonl');
    expect(d.stepsSource).toBe('column');
    expect(d.mapping.latencyMs).toMatchObject({ column: 'latency_ms', unit: 'ms', origin: 'alias' });
    expect(rows).toEqual([
      { steps: 12, reasoningTokens: 500, latencyMs: 15000, ttftMs: 800, timestampMs: 1795165200000, outcome: 'ok', timedOut: false },
      { steps: 50, reasoningTokens: 2100, latencyMs: 60000, timestampMs: 1795165201000, outcome: 'timeout', timedOut: true },
      { latencyMs: 120, timestampMs: 1795165202000, outcome: 'error', timedOut: false, error: 'HTTP 429' },
    ]);
    expect(d.counts).toEqual({ ok: 1, error: 1, timeout: 1, truncated: 0, censored: 0 });
    expect(d.rowsOk).toBe(3);
  });

  it('gives the same rows however the text is chunked', () => {
    const whole = parseLogText(jsonl).rows;
    for (const size of [1, 7, 64]) expect(feedChunks(jsonl, size).rows).toEqual(whole);
    const csv = 'steps,latency,status\n3,12.5,ok\n"4",13,"timeout"\n';
    const csvWhole = parseLogText(csv).rows;
    for (const size of [1, 5]) expect(feedChunks(csv, size).rows).toEqual(csvWhole);
  });

  it('reads CSV with seconds, TSV, semicolons and a BOM', () => {
    const csv = '\uFEFFsteps,latency,ttft,status\n10,14.2,0.8,success\n20,25.0,0.9,failed\n';
    const { rows, diagnostics: d } = parseLogText(csv);
    expect(d.container).toBe('csv');
    expect(d.mapping.latencyMs).toMatchObject({ unit: 's' });
    expect(d.mapping.ttftMs).toMatchObject({ unit: 's' });
    expect(rows[0]).toMatchObject({ steps: 10, latencyMs: 14200, ttftMs: 800, outcome: 'ok' });
    expect(rows[1].outcome).toBe('error');
    expect(msg(d, /byte-order mark/)).toBeTruthy();

    const tsv = parseLogText('steps\tlatency_ms\n5\t9000\n', { fileName: 'x.tsv' });
    expect(tsv.diagnostics.container).toBe('tsv');
    expect(tsv.rows).toEqual([{ steps: 5, latencyMs: 9000, outcome: 'ok', timedOut: false }]);
    const semi = parseLogText('steps;latency_ms;status\n5;9000;ok\n6;9500;ok\n');
    expect(semi.diagnostics.container).toBe('dsv');
    expect(semi.rows).toHaveLength(2);
  });

  it('keeps quoted CSV fields with newlines and counts steps from reasoning text like the viewer', () => {
    const csv = 'id,reasoning,latency_ms\r\n1,"First step.\n\nSecond, with ""quotes"".\n\nThird.",9000\r\n2,"Only one.",4000\r\n3,,5000\r\n';
    const { rows, diagnostics: d } = parseLogText(csv);
    expect(d.stepsSource).toBe('text');
    expect(rows.map((r) => r.steps)).toEqual([3, 1, undefined]);
    expect(msg(d, /1 record had line breaks inside quoted fields/)).toBeTruthy();
  });

  it('derives steps from reasoning tokens ÷ tokens per step, and says so', () => {
    const { rows, diagnostics: d } = parseLogText('{"reasoning_tokens": 101}\n{"reasoning_tokens": 0}\n{"reasoning_tokens": null, "latency_ms": 5}\n', { tokensPerStep: 50 });
    expect(d.stepsSource).toBe('tokens');
    expect(rows.map((r) => r.steps)).toEqual([3, 0, undefined]);
    expect(msg(d, /÷ 50 tokens per step/)).toBeTruthy();
  });

  it('applies mapping overrides (column and unit) on re-parse', () => {
    const text = 'a,b,c\n1,2,x\n3,4,y\n';
    const first = parseLogText(text);
    expect(first.diagnostics.fatal).toBe(true);
    expect(msg(first.diagnostics, /No column matched a known field.*Columns seen: a, b, c/)).toBeTruthy();
    const again = parseLogText(text, { mapping: { steps: { column: 'a', unit: 'count' }, latencyMs: { column: 'b', unit: 's' } } });
    expect(again.diagnostics.fatal).toBe(false);
    expect(again.diagnostics.mapping.latencyMs).toMatchObject({ column: 'b', unit: 's', origin: 'override' });
    expect(again.rows.map((r) => [r.steps, r.latencyMs])).toEqual([
      [1, 2000],
      [3, 4000],
    ]);
    // null leaves a detected field unmapped.
    const off = parseLogText('steps,latency_ms\n1,2\n', { mapping: { latencyMs: null } });
    expect(off.rows[0].latencyMs).toBeUndefined();
  });

  it('derives latency from end − start timestamps and applies timeoutMs / maxTokens', () => {
    const text = 'startTime,endTime,output_tokens\n2026-01-01T00:00:00Z,2026-01-01T00:00:30Z,100\n2026-01-01T00:01:00Z,2026-01-01T00:03:00Z,4096\n';
    const { rows, diagnostics: d } = parseLogText(text, { timeoutMs: 120_000, maxTokens: 4096 });
    expect(d.mapping.latencyMs).toMatchObject({ column: 'endTime', minus: 'startTime', origin: 'derived', unit: 'iso' });
    expect(rows.map((r) => [r.latencyMs, r.outcome])).toEqual([
      [30_000, 'ok'],
      [120_000, 'timeout'],
    ]);
  });
});

describe('log parser: bad input', () => {
  it('empty file and whitespace-only file', () => {
    const empty = parseLogText('');
    expect(empty.diagnostics.fatal).toBe(true);
    expect(empty.diagnostics.messages).toContain('The file is empty.');
    const blank = parseLogText('  \n\n\t\n');
    expect(msg(blank.diagnostics, /only whitespace/)).toBeTruthy();
  });

  it('binary garbage is refused with a reason', () => {
    let garbage = '';
    for (let i = 0; i < 4000; i++) garbage += String.fromCharCode((i * 7919) % 256);
    const { rows, diagnostics: d } = parseLogText(garbage);
    expect(rows).toEqual([]);
    expect(d.fatal).toBe(true);
    expect(msg(d, /not a text log: .*% of the first/)).toBeTruthy();
    // Undecodable UTF-8 (what a zip or xlsx decodes to) is caught too.
    expect(parseLogText('PK\u0003\u0004' + '\uFFFD'.repeat(200)).diagnostics.fatal).toBe(true);
  });

  it('a wrong format (HTML, prose) says what it saw', () => {
    expect(msg(parseLogText('<!doctype html><html><body>hi</body></html>').diagnostics, /HTML or XML/)).toBeTruthy();
    const prose = parseLogText('Meeting notes\nWe discussed the roadmap\nAction items follow\n');
    expect(prose.diagnostics.fatal).toBe(true);
    expect(msg(prose.diagnostics, /No column matched a known field/)).toBeTruthy();
  });

  it('half the lines malformed: every valid row kept, bad lines counted with line numbers', () => {
    const lines: string[] = [];
    for (let i = 0; i < 40; i++) lines.push(i % 2 ? `{"steps": ${i}, "latency_ms": ${1000 + i}` : `{"steps": ${i}, "latency_ms": ${1000 + i}}`);
    lines.push('[1, 2, 3]');
    const { rows, diagnostics: d } = parseLogText(lines.join('\n'));
    expect(rows).toHaveLength(20);
    expect(rows.map((r) => r.steps)).toEqual(Array.from({ length: 20 }, (_, i) => 2 * i));
    expect(d.malformed.count).toBe(21);
    expect(d.malformed.firstLines).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
    expect(msg(d, /21 records of 41 could not be read \(lines 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, …\).*not valid JSON ×20; not a JSON object ×1/)).toBeTruthy();
  });

  it('CSV rows with the wrong number of fields and an unterminated quote are reported', () => {
    const csv = 'steps,latency_ms\n1,100\n2,200,extra\n3\n4,400\n5,"500\n';
    const { rows, diagnostics: d } = parseLogText(csv);
    expect(rows.map((r) => r.steps)).toEqual([1, 4]);
    expect(d.malformed.firstLines).toEqual([3, 4, 6]);
    expect(msg(d, /wrong number of fields \(header has 2\) ×2/)).toBeTruthy();
    expect(msg(d, /ends inside a quoted field that starts on line 6/)).toBeTruthy();
  });

  it('one 50 MB line is skipped with a message; memory stays bounded; the rest is read', () => {
    const p = createLogParser({ maxLineChars: 8 * 1024 * 1024 });
    const rows: NormalizedRow[] = [];
    rows.push(...p.feed('{"steps": 1, "latency_ms": 1000}\n{"steps": 2, "junk": "').rows);
    const mb = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 50; i++) rows.push(...p.feed(mb).rows);
    rows.push(...p.feed('"}\n{"steps": 3, "latency_ms": 3000}\n').rows);
    rows.push(...p.end().rows);
    const d = p.diagnostics();
    expect(rows.map((r) => r.steps)).toEqual([1, 3]);
    expect(d.oversized).toEqual({ count: 1, firstLines: [2] });
    expect(msg(d, /1 line longer than 8 MB was skipped \(line 2\)/)).toBeTruthy();
  });

  it('a huge first line still streams as JSON Lines', () => {
    const big = `{"steps": 1, "pad": "${'y'.repeat(200_000)}"}`;
    const { rows, diagnostics: d } = parseLogText(`${big}\n{"steps": 2, "latency_ms": 5}\n`, { maxLineChars: 100_000 });
    expect(d.container).toBe('jsonl');
    expect(rows.map((r) => r.steps)).toEqual([2]);
    expect(d.oversized.firstLines).toEqual([1]);
  });

  it('unreadable values are left empty and reported, never zero', () => {
    const { rows, diagnostics: d } = parseLogText('steps,latency_ms\n5,abc\n6,-3\n7,100\n');
    expect(rows.map((r) => r.latencyMs)).toEqual([undefined, undefined, 100]);
    expect(msg(d, /latencyMs \(column "latency_ms"\): 2 values could not be read \(lines 2, 3\) and were left empty, not zero/)).toBeTruthy();
  });

  it('a header with no rows, and a numeric first line', () => {
    expect(msg(parseLogText('steps,latency_ms\n').diagnostics, /header line but no data rows/)).toBeTruthy();
    const noHeader = parseLogText('1,2\n3,4\n', { mapping: { steps: { column: 'column_1', unit: 'count' } } });
    expect(noHeader.rows.map((r) => r.steps)).toEqual([1, 3]);
    expect(msg(noHeader.diagnostics, /looks like data, not a header/)).toBeTruthy();
  });

  it('whole-JSON documents: cap, invalid JSON with a line number, truncated arrays', () => {
    const doc = JSON.stringify({ ttfts: [0.1], input_lens: [10], output_lens: [20], itls: [[0.01]], errors: [''] }, null, 2);
    const capped = parseLogText(doc, { maxDocumentChars: 50 });
    expect(capped.diagnostics.fatal).toBe(true);
    expect(msg(capped.diagnostics, /one JSON document .* has to be read whole; documents up to/)).toBeTruthy();
    const broken = parseLogText('{\n  "data": [\n    {"steps": 1},\n    {"steps": 2,,}\n  ]\n}');
    expect(broken.diagnostics.fatal).toBe(true);
    expect(msg(broken.diagnostics, /not valid JSON \(error near line 4\)/)).toBeTruthy();
    const cut = parseLogText('[\n{"steps": 1, "latency_ms": 5},\n{"steps": 2, "latency_ms": 6},\n{"steps": 3, "lat');
    expect(cut.rows.map((r) => r.steps)).toEqual([1, 2]);
    expect(msg(cut.diagnostics, /ends inside a record that starts on line 4/)).toBeTruthy();
  });

  it('a wrapper document {data: [...]} is read from its array', () => {
    const { rows, diagnostics: d } = parseLogText(JSON.stringify({ data: [{ steps: 4, latency_ms: 10 }], meta: { page: 1 } }, null, 1));
    expect(d.container).toBe('json-document');
    expect(rows).toEqual([{ steps: 4, latencyMs: 10, outcome: 'ok', timedOut: false }]);
  });
});

describe('log parser: more layouts from inline text', () => {
  it('LiteLLM spend logs as CSV, with the metadata JSON in a cell', () => {
    const meta = JSON.stringify({ usage_object: { completion_tokens_details: { reasoning_tokens: 640 } } }).replace(/"/g, '""');
    const csv = `request_id,call_type,api_key,spend,startTime,endTime,completionStartTime,prompt_tokens,completion_tokens,status,metadata\nr1,acompletion,k,0.01,2026-11-20 09:00:00.000,2026-11-20 09:00:12.500,2026-11-20 09:00:01.250,100,900,success,"${meta}"\n`;
    const { rows, diagnostics: d } = parseLogText(csv);
    expect(d.format).toBe('litellm');
    expect(d.mapping.reasoningTokens?.column).toBe('metadata.usage_object.completion_tokens_details.reasoning_tokens');
    expect(rows).toEqual([{ reasoningTokens: 640, outputTokens: 900, inputTokens: 100, latencyMs: 12500, ttftMs: 1250, timestampMs: Date.UTC(2026, 10, 20, 9), steps: 13, outcome: 'ok', timedOut: false }]);
  });

  it('BurstGPT: Response tokens = 0 marks a failure, and the 0 is not kept', () => {
    const { rows, diagnostics: d } = parseLogText('Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\n5,ChatGPT,472,18,490,Conversation log\n6,ChatGPT,300,0,300,Conversation log\n');
    expect(d.format).toBe('burstgpt');
    expect(rows.map((r) => [r.outcome, r.outputTokens, r.timestampMs])).toEqual([
      ['ok', 18, 5000],
      ['error', undefined, 6000],
    ]);
  });

  it('pre-aggregated buckets with range labels and seconds', () => {
    const { buckets, diagnostics: d } = parseLogText('bucket,count,p50_s,p95_s,timeouts\n0-9,120,8.5,12.0,0\n10-19,80,15.0,24.5,2\n20+,30,31.0,58.0,11\n');
    expect(d.format).toBe('aggregated');
    expect(buckets).toEqual([
      { lo: 0, hi: 10, basis: 'steps', count: 120, latencyP50Ms: 8500, latencyP95Ms: 12000, timeouts: 0 },
      { lo: 10, hi: 20, basis: 'steps', count: 80, latencyP50Ms: 15000, latencyP95Ms: 24500, timeouts: 2 },
      { lo: 20, basis: 'steps', count: 30, latencyP50Ms: 31000, latencyP95Ms: 58000, timeouts: 11 },
    ]);
  });

  it('flat OpenTelemetry spans with an attributes object, and aggregate-only exports are refused', () => {
    const span = { name: 'chat o3', spanId: 'a1', startTimeUnixNano: '1795165200000000000', endTimeUnixNano: '1795165212000000000', attributes: { 'gen_ai.usage.output_tokens': 900, 'gen_ai.usage.reasoning_tokens': 700 }, status: { code: 2 } };
    const { rows, diagnostics: d } = parseLogText(JSON.stringify(span) + '\n');
    expect(d.format).toBe('otel-genai');
    expect(rows[0]).toMatchObject({ latencyMs: 12000, reasoningTokens: 700, outcome: 'error' });
    expect(parseLogText('Metric,avg,min,max,p99,p95,p90,p75,p50,p25\nRequest Latency (ms),1,1,1,1,1,1,1,1,1\n').diagnostics.messages.join(' ')).toMatch(/aggregate CSV/);
  });

  it('ClickHouse \\N cells are missing values', () => {
    const { rows } = parseLogText('steps,latency_ms\n\\N,100\n3,\\N\n');
    expect(rows.map((r) => [r.steps, r.latencyMs])).toEqual([
      [undefined, 100],
      [3, undefined],
    ]);
  });
});
