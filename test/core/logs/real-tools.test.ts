/**
 * One test per cause behind the conformance files: units checked rather than assumed, reasoning
 * tokens where the tools put them (without double counting), status values that can be mapped,
 * YAML, aggregate-only files refused with the right advice, and per-request arrays in JSON Lines.
 * Inputs are written here with known answers (not taken from the app's output).
 */
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { classifyOutcome, parseLogText } from '../../../src/core/logs';
import { langfuseUsage } from '../../../src/core/logs/log-formats';

const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n');
const msg = (d: { messages: string[] }, re: RegExp) => d.messages.find((m) => re.test(m));

describe('units are checked, not assumed', () => {
  const obs = (latency: number, start: string, end: string) => ({ id: start, traceId: 't', type: 'GENERATION', startTime: start, endTime: end, latency, level: 'DEFAULT', usageDetails: { input: 10, output: 5, total: 15 } });

  it('reads a Langfuse latency in ms when end − start says so (1707 for a 1.707 s call)', () => {
    const text = JSON.stringify({ trace: { id: 't' }, observations: [obs(1707, '2025-12-04T14:51:24.423Z', '2025-12-04T14:51:26.130Z'), obs(2050, '2025-12-04T14:51:27.422Z', '2025-12-04T14:51:29.472Z')] });
    const { rows, diagnostics: d } = parseLogText(text);
    expect(d.format).toBe('langfuse');
    expect(d.mapping.latencyMs).toMatchObject({ column: 'latency', unit: 'ms' });
    expect(rows.map((r) => r.latencyMs)).toEqual([1707, 2050]);
    expect(msg(d, /"latency" is in ms, not s/)).toBeTruthy();
    // No observation has a reasoning count: no steps, said so, rather than "steps from reasoning tokens".
    expect(d.stepsSource).toBe('none');
    expect(msg(d, /No steps: the "reasoning_tokens" column is empty in every row/)).toBeTruthy();
  });

  it('keeps seconds for the older Langfuse export whose end − start agrees with seconds', () => {
    const text = JSON.stringify({ observations: [obs(3.23, '2025-10-30T08:45:43.214Z', '2025-10-30T08:45:46.444Z')] });
    const { rows, diagnostics: d } = parseLogText(text);
    expect(d.mapping.latencyMs?.unit).toBe('s');
    expect(rows[0].latencyMs).toBeCloseTo(3230, 6);
  });

  it('cross-checks a generic latency column against end − start timestamps and fixes its unit', () => {
    // latency_s really holds ms: the name says s, the timestamps say ms.
    const text = jsonl([
      { latency_s: 2500, start_time: 1795165200.0, end_time: 1795165202.5 },
      { latency_s: 4000, start_time: 1795165210.0, end_time: 1795165214.0 },
    ]);
    const { rows, diagnostics: d } = parseLogText(text);
    expect(d.mapping.latencyMs).toMatchObject({ column: 'latency_s', unit: 'ms' });
    expect(rows.map((r) => r.latencyMs)).toEqual([2500, 4000]);
  });

  it('drops a latency column no unit can reconcile with end − start, and uses end − start instead', () => {
    const text = jsonl([
      { latency: 37, start_time: 1795165200.0, end_time: 1795165202.5 },
      { latency: 59, start_time: 1795165210.0, end_time: 1795165214.0 },
    ]);
    const { rows, diagnostics: d } = parseLogText(text);
    expect(d.mapping.latencyMs).toMatchObject({ column: 'end_time', minus: 'start_time' });
    expect(rows.map((r) => r.latencyMs)).toEqual([2500, 4000]);
    expect(msg(d, /agrees with no time unit/)).toBeTruthy();
  });

  it('flags an implausible unit (a median over a day) instead of charting it', () => {
    const text = jsonl([{ duration_s: 250000, status: 'ok' }, { duration_s: 300000, status: 'ok' }]);
    const { rows, diagnostics: d } = parseLogText(text);
    expect(d.mapping.latencyMs).toBeUndefined();
    expect(rows.every((r) => r.latencyMs === undefined)).toBe(true);
    expect(msg(d, /implausible unit/)).toBeTruthy();
  });

  it('infers the unit of a column mapped by hand from its name and values, never a default', () => {
    const text = 'req,total_time_s,wall\n1,12.5,9000\n2,20,12000\n';
    const byName = parseLogText(text, { mapping: { latencyMs: { column: 'total_time_s' } } });
    expect(byName.diagnostics.mapping.latencyMs).toMatchObject({ column: 'total_time_s', unit: 's', origin: 'override' });
    expect(byName.rows.map((r) => r.latencyMs)).toEqual([12500, 20000]);
    const byValue = parseLogText(text, { mapping: { latencyMs: { column: 'wall' } } });
    expect(byValue.diagnostics.mapping.latencyMs).toMatchObject({ column: 'wall', unit: 'ms' });
    expect(byValue.diagnostics.mapping.latencyMs?.unitReason).toMatch(/median 10,500/);
    // A unit the user picks is kept as picked.
    const picked = parseLogText(text, { mapping: { latencyMs: { column: 'wall', unit: 's' } } });
    expect(picked.rows[0].latencyMs).toBe(9_000_000);
  });
});

describe('reasoning tokens where the tools put them', () => {
  it('Langfuse: OpenAI output excludes output_reasoning (total = input + output + reasoning)', () => {
    expect(langfuseUsage({ 'usageDetails.input': 179, 'usageDetails.output': 35, 'usageDetails.output_reasoning': 64, 'usageDetails.total': 278 })).toEqual({ output: 99, reasoning: 64, reasoningApart: true });
  });

  it('Langfuse: Gemini output already includes completion_details.reasoning (total = input + output)', () => {
    expect(langfuseUsage({ 'usageDetails.input': 6, 'usageDetails.output': 2055, 'usageDetails.completion_details.reasoning': 1104, 'usageDetails.total': 2061 })).toEqual({
      output: 2055,
      reasoning: 1104,
      reasoningApart: false,
    });
  });

  it('Langfuse without a total: reasoning above output must be apart; a *_details key is a breakdown', () => {
    expect(langfuseUsage({ 'usageDetails.output': 10, 'usageDetails.output_reasoning': 300 }).output).toBe(310);
    expect(langfuseUsage({ 'usageDetails.output': 500, 'usageDetails.completion_details.reasoning': 300 }).output).toBe(500);
  });

  it('Langfuse rows carry the reasoning count, so steps come from reasoning tokens', () => {
    const text = JSON.stringify({
      observations: [{ id: 'a', traceId: 't', type: 'GENERATION', startTime: '2025-08-01T13:22:00.147Z', endTime: '2025-08-01T13:22:12.179Z', latency: 12.032, usageDetails: { input: 6, output: 2055, 'completion_details.reasoning': 1104, total: 2061 } }],
    });
    const { rows, diagnostics: d } = parseLogText(text);
    expect(rows[0]).toMatchObject({ reasoningTokens: 1104, outputTokens: 2055, steps: Math.ceil(1104 / 50) });
    expect(d.stepsSource).toBe('tokens');
  });

  it('AIPerf reasoning_token_count, and the per-record ttft of builds before 0.1', () => {
    const rec = {
      metadata: { x_request_id: 'r1', timestamp_ns: 1759522419154569000 },
      metrics: { ttft: { value: 730.5, unit: 'ms' }, request_latency: { value: 8.8776, unit: 's' }, reasoning_token_count: { value: 247, unit: 'tokens' }, output_sequence_length: { value: 247, unit: 'tokens' } },
      error: null,
    };
    const { rows, diagnostics: d } = parseLogText(jsonl([rec]));
    expect(d.format).toBe('aiperf');
    expect(rows[0]).toMatchObject({ ttftMs: 730.5, reasoningTokens: 247, outcome: 'ok' });
    expect(rows[0].latencyMs).toBeCloseTo(8877.6, 6);
    expect(rows[0].timestampMs).toBeCloseTo(1759522419154.569, 2);
  });

  it('OpenAI-style usage.completion_tokens_details.reasoning_tokens in a generic log', () => {
    const text = jsonl([
      { latency_ms: 4200, usage: { completion_tokens: 900, completion_tokens_details: { reasoning_tokens: 640 } } },
      { latency_ms: 5200, usage: { completion_tokens: 1200, completion_tokens_details: { reasoning_tokens: 1000 } } },
    ]);
    const { rows, diagnostics: d } = parseLogText(text);
    expect(d.mapping.reasoningTokens?.column).toBe('usage.completion_tokens_details.reasoning_tokens');
    expect(rows.map((r) => [r.reasoningTokens, r.outputTokens])).toEqual([
      [640, 900],
      [1000, 1200],
    ]);
  });
});

describe('outcome values can be mapped', () => {
  const text = 'latency_ms,status\n1000,OK\n2000,ERR\n3000,FAIL\n4000,504\n5000,ERR\n';

  it('lists every distinct value; unknown ones are never counted as ok', () => {
    const { rows, diagnostics: d } = parseLogText(text);
    expect(d.statusValues).toEqual([
      { value: 'ERR', count: 2, outcome: null, builtIn: null, source: 'auto' },
      { value: '504', count: 1, outcome: 'timeout', builtIn: 'timeout', source: 'auto' },
      { value: 'FAIL', count: 1, outcome: 'error', builtIn: 'error', source: 'auto' },
      { value: 'OK', count: 1, outcome: 'ok', builtIn: 'ok', source: 'auto' },
    ]);
    expect(rows.map((r) => r.outcome)).toEqual(['ok', 'error', 'error', 'timeout', 'error']);
    expect(d.counts.ok).toBe(1);
    expect(msg(d, /not recognised, counted as failed until you map them.*"ERR" ×2/)).toBeTruthy();
  });

  it("applies the user's mapping, which wins over the built-in words", () => {
    const { rows, diagnostics: d } = parseLogText(text, { outcomeMap: { ERR: 'timeout', FAIL: 'censored' } });
    expect(rows.map((r) => r.outcome)).toEqual(['ok', 'timeout', 'censored', 'timeout', 'timeout']);
    expect(d.statusValues.find((v) => v.value === 'ERR')).toEqual({ value: 'ERR', count: 2, outcome: 'timeout', builtIn: null, source: 'yours' });
    expect(msg(d, /not recognised/)).toBeUndefined();
  });

  it('reads a status that opens with an HTTP code ("504 Gateway Timeout")', () => {
    expect(classifyOutcome({ status: '504 Gateway Timeout' }).outcome).toBe('timeout');
    expect(classifyOutcome({ status: '200 OK' }).outcome).toBe('ok');
    expect(classifyOutcome({ status: 'ERR' }, { ERR: 'truncated' }).outcome).toBe('truncated');
  });
});

describe('formats', () => {
  const guidellmDoc = {
    benchmarks: [{ requests: { successful: [{ request_id: 'a', prompt_tokens: 10, output_tokens: 128, start_time: 1749157168.18, request_latency: 0.689, time_to_first_token_ms: 21.3 }], errored: [], incomplete: [] } }],
  };
  const yamlText = '---\nbenchmarks:\n- requests:\n    successful:\n    - request_id: a\n      prompt_tokens: 10\n      output_tokens: 128\n      start_time: 1749157168.18\n      request_latency: 0.689\n      time_to_first_token_ms: 21.3\n    errored: []\n    incomplete: []\n';

  it('reads guidellm benchmarks.yaml like its JSON when given a YAML parser', () => {
    const j = parseLogText(JSON.stringify(guidellmDoc));
    const y = parseLogText(yamlText, { fileName: 'benchmarks.yaml', parseYaml });
    expect(y.diagnostics.container).toBe('yaml');
    expect(y.diagnostics.format).toBe('guidellm');
    expect(y.rows).toEqual(j.rows);
    expect(y.rows[0]).toMatchObject({ latencyMs: 689, ttftMs: 21.3, outputTokens: 128, outcome: 'ok' });
  });

  it('without a YAML parser says plainly which file to upload instead', () => {
    const y = parseLogText(yamlText);
    expect(y.diagnostics.fatal).toBe(true);
    expect(y.diagnostics.messages[0]).toMatch(/YAML.*benchmarks\.json/);
  });

  it('refuses AIPerf aggregate JSON in the records.* layout instead of reading one request', () => {
    const doc = { records: { request_latency: { tag: 'request_latency', unit: 'ms', avg: 9059.6, p50: 9097.3, count: 89 }, ttft: { tag: 'ttft', unit: 'ms', avg: 2343.2, p50: 2369.3 } } };
    const { rows, diagnostics: d } = parseLogText(JSON.stringify(doc, null, 2));
    expect(rows).toEqual([]);
    expect(d.fatal).toBe(true);
    expect(d.messages[0]).toMatch(/aggregate.*profile_export\.jsonl/);
  });

  it("detects LiteLLM's StandardLoggingPayload (id, response_cost, startTime/endTime)", () => {
    const payload = {
      id: 'chatcmpl-1',
      call_type: 'acompletion',
      status: 'success',
      startTime: 1742855151.0,
      endTime: 1742855153.5,
      completionStartTime: 1742855151.4,
      response_cost: 0.000225,
      prompt_tokens: 10,
      completion_tokens: 900,
      response: { usage: { completion_tokens: 900, completion_tokens_details: { reasoning_tokens: 700 } } },
      error_str: null,
    };
    const { rows, diagnostics: d } = parseLogText(JSON.stringify(payload, null, 2));
    expect(d.format).toBe('litellm');
    expect(rows[0]).toMatchObject({ latencyMs: 2500, ttftMs: 400, reasoningTokens: 700, outputTokens: 900, outcome: 'ok' });
  });

  it("gives an sglang bench_serving summary sglang's advice, not vLLM's", () => {
    const line = { backend: 'sglang', dataset_name: 'random', request_rate: 1, total_output_tokens_retokenized: 160192, mean_e2e_latency_ms: 7840.6, median_ttft_ms: 85.7, random_input_len: 1024, completed: 300 };
    const { diagnostics: d } = parseLogText(jsonl([line, { ...line, request_rate: 2 }]));
    expect(d.fatal).toBe(true);
    expect(d.messages[0]).toMatch(/sglang/);
    expect(d.messages[0]).toMatch(/--output-details/);
    expect(d.messages[0]).not.toMatch(/save-detailed/);
  });

  it('turns sglang lines with per-request arrays (--output-details) into one row per request', () => {
    const run = (rate: number, ttfts: number[]) => ({
      backend: 'sglang',
      request_rate: rate,
      total_output_tokens_retokenized: 10,
      random_input_len: 1024,
      input_lens: ttfts.map(() => 1024),
      output_lens: ttfts.map((_, i) => 10 + i),
      ttfts,
      itls: ttfts.map(() => [0.5, 0.5]),
      errors: ttfts.map(() => ''),
    });
    const { rows, diagnostics: d } = parseLogText(jsonl([run(1, [0.1, 0.2]), run(2, [0.3, 0.4, 0.5])]));
    expect(d.format).toBe('sglang-bench');
    expect(rows).toHaveLength(5);
    expect(rows.map((r) => r.ttftMs)).toEqual([100, 200, 300, 400, 500]);
    // No per-request e2e in the file: TTFT + Σ itls.
    expect(rows[0].latencyMs).toBeCloseTo(1100, 6);
    expect(rows.map((r) => r.outputTokens)).toEqual([10, 11, 10, 11, 12]);
  });
});
