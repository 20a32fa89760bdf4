/**
 * npx tsx scripts/make-sample-log.ts — writes the synthetic sample logs in public/samples.
 *
 * Deterministic (seeded PRNG): running it twice gives byte-identical files. The real public
 * slices (Azure, Mooncake, llmperf leaderboard, LRMTokenEconomy) are copied, not generated; see
 * public/samples/README.md.
 *
 * The demo log (reasoning-requests.jsonl, 3,000 rows) models a reasoning deployment behind a
 * gateway with a 60 s client timeout:
 *   steps ~ lognormal(median 18, σ 0.6), clamped to 1…160
 *   tokens per step ~ N(42, 8) per request; reasoning_tokens = steps × that
 *   ttft ~ lognormal(median 900 ms, σ 0.35)
 *   time per step ~ N(1.3 s, 0.12 s) per request; answer ~ N(2.5 s, 0.8 s)
 *   latency = ttft + steps × step time + answer → above 60 s the gateway times out, which starts
 *   around 40 steps (L* ≈ (60 − 0.9 − 2.5) / 1.3 ≈ 43), so the planner's breakpoint shows.
 * Timed-out rows keep the server-side step and token counts (the model finished; the client gave
 * up at 60 s) and their latency_ms is the 60 s cut. Also: ~1.2 % errors (429/500/stream reset,
 * no steps), ~0.5 % cancelled by the user (partial steps, a lower bound), a low-budget tier
 * (max 1,024 reasoning tokens) whose long chains are truncated (finish_reason "length"), and 2 %
 * of rows without a recorded TTFT (null, not 0). Arrivals are Poisson with a burst at 2 h.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng, percentile, type Rng } from '../src/core/capacity';
import { toRunExportLine, type RunExportRecord } from '../src/core/logs/run-export';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'public', 'samples');
mkdirSync(out, { recursive: true });

const T0 = Date.UTC(2026, 10, 20, 9, 0, 0);
const TIMEOUT_MS = 60_000;

const round = (x: number, digits = 0) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
const lognormal = (rng: Rng, median: number, sigma: number) => median * Math.exp(sigma * rng.normal());
const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.int(items.length)];
const hex = (rng: Rng, n: number) => Array.from({ length: n }, () => '0123456789abcdef'[rng.int(16)]).join('');
const uuid = (rng: Rng) => `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-${'89ab'[rng.int(4)]}${hex(rng, 3)}-${hex(rng, 12)}`;
/** ISO without zone, microseconds, as Python's datetime.isoformat() prints UTC times. */
const isoNaive = (ms: number) => new Date(ms).toISOString().replace('Z', '000');
const isoZ = (ms: number) => new Date(ms).toISOString();

function write(name: string, text: string): void {
  writeFileSync(join(out, name), text);
  console.log(`${name}: ${text.length.toLocaleString('en-US')} chars`);
}

// ---------------------------------------------------------------------------------------------
// Demo log

type DemoRow = {
  request_id: string;
  timestamp: number;
  model: string;
  steps: number | null;
  reasoning_tokens: number | null;
  output_tokens: number | null;
  input_tokens: number;
  ttft_ms: number | null;
  latency_ms: number | null;
  status: 'ok' | 'error' | 'timeout' | 'cancelled';
  finish_reason: 'stop' | 'length' | null;
  error: string | null;
};

function makeDemo(n: number, seed: number): DemoRow[] {
  const rng = createRng(seed);
  const rows: DemoRow[] = [];
  let t = 0; // seconds from T0
  for (let i = 0; i < n; i++) {
    const burst = 1 + 2 * Math.exp(-(((t - 7200) / 900) ** 2));
    t += -Math.log(1 - rng.next()) / (0.28 * burst);
    const id = `req_${hex(rng, 12)}`;
    const lowBudget = rng.next() < 0.04;
    const model = lowBudget ? 'r1-distill-32b-low' : 'r1-distill-32b';
    const input = Math.max(40, Math.round(lognormal(rng, 420, 0.7)));
    const base: DemoRow = { request_id: id, timestamp: T0 + Math.round(t * 1000), model, steps: null, reasoning_tokens: null, output_tokens: null, input_tokens: input, ttft_ms: null, latency_ms: null, status: 'ok', finish_reason: null, error: null };
    const u = rng.next();
    if (u < 0.012) {
      const kind = pick(rng, ['HTTP 429: rate limit exceeded, retry after 2s', 'HTTP 500: upstream model server error', 'HTTP 503: no healthy upstream', 'stream reset by peer (HTTP/2 RST_STREAM)'] as const);
      rows.push({ ...base, status: 'error', error: kind, latency_ms: kind.startsWith('stream') ? round(lognormal(rng, 9000, 0.6)) : round(lognormal(rng, 180, 0.5)) });
      continue;
    }
    let steps = Math.min(160, Math.max(1, Math.round(lognormal(rng, 18, 0.6))));
    const tokensPerStep = Math.max(15, 42 + 8 * rng.normal());
    let reasoning = Math.round(steps * tokensPerStep * (1 + 0.05 * rng.normal()));
    const ttft = lognormal(rng, 900, 0.35);
    const stepTime = Math.max(0.8, 1.3 + 0.12 * rng.normal()) * 1000;
    const answerTokens = Math.max(20, Math.round(lognormal(rng, 180, 0.5)));
    const answer = Math.max(400, 2500 + 800 * rng.normal());
    let finish: DemoRow['finish_reason'] = 'stop';
    if (lowBudget && reasoning > 1024) {
      // The budget cut the chain: reasoning stops at 1,024 tokens; the rest is the cap's share.
      steps = Math.max(1, Math.floor(1024 / tokensPerStep));
      reasoning = 1024;
      finish = 'length';
    }
    const latency = ttft + steps * stepTime + (finish === 'length' ? 0 : answer);
    const row: DemoRow = {
      ...base,
      steps,
      reasoning_tokens: reasoning,
      output_tokens: reasoning + (finish === 'length' ? 0 : answerTokens),
      ttft_ms: rng.next() < 0.02 ? null : round(ttft),
      latency_ms: round(latency),
      finish_reason: finish,
    };
    if (u > 0.995) {
      // The user cancelled part-way: what was logged is a lower bound.
      const frac = 0.2 + 0.6 * rng.next();
      row.status = 'cancelled';
      row.steps = Math.max(0, Math.floor(steps * frac));
      row.reasoning_tokens = Math.round(reasoning * frac);
      row.output_tokens = row.reasoning_tokens;
      row.latency_ms = round(ttft + row.steps * stepTime);
      row.finish_reason = null;
    } else if (latency > TIMEOUT_MS) {
      row.status = 'timeout';
      row.latency_ms = TIMEOUT_MS + rng.int(40);
      row.finish_reason = null;
      row.error = 'gateway timeout after 60 s';
    }
    rows.push(row);
  }
  return rows;
}

const demo = makeDemo(3000, 20261127);
write('reasoning-requests.jsonl', demo.map((r) => JSON.stringify(r)).join('\n') + '\n');

// ---------------------------------------------------------------------------------------------
// Pre-aggregated buckets of the demo log, exactly as docs/warehouse-sql.md computes them.

function outcomeOf(r: DemoRow): 'ok' | 'error' | 'timeout' | 'truncated' | 'censored' {
  if (r.status === 'timeout') return 'timeout';
  if (r.status === 'cancelled') return 'censored';
  if (r.status === 'error') return 'error';
  if (r.finish_reason === 'length') return 'truncated';
  return 'ok';
}

{
  const width = 5;
  const groups = new Map<number | null, DemoRow[]>();
  for (const r of demo) {
    const b = r.steps === null ? null : Math.floor(r.steps / width) * width;
    const list = groups.get(b) ?? [];
    list.push(r);
    groups.set(b, list);
  }
  const keys = [...groups.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a - b));
  const lines = ['step_bucket,bucket_hi,requests,ok,errors,timeouts,truncated,censored,latency_p50_ms,latency_p95_ms,latency_p99_ms,ttft_p50_ms'];
  const q = (xs: number[], p: number) => (xs.length ? String(round(percentile(xs, p), 1)) : '');
  for (const k of keys) {
    const rows = groups.get(k)!;
    const count = (o: string) => rows.filter((r) => outcomeOf(r) === o).length;
    // Latency percentiles over every request that was not an error (timeouts count at their cut).
    const lat = rows.filter((r) => outcomeOf(r) !== 'error' && r.latency_ms !== null).map((r) => r.latency_ms!);
    const ttft = rows.filter((r) => r.ttft_ms !== null).map((r) => r.ttft_ms!);
    lines.push([k ?? '', k === null ? '' : k + width, rows.length, count('ok'), count('error'), count('timeout'), count('truncated'), count('censored'), q(lat, 50), q(lat, 95), q(lat, 99), q(ttft, 50)].join(','));
  }
  write('aggregated-step-buckets.csv', lines.join('\n') + '\n');
}

// ---------------------------------------------------------------------------------------------
// Run export (this app's own format)

const PARAGRAPHS = [
  'First, restate the problem: we need the total number of pallets.',
  'There are 17 rows with 24 pallets in each row, so 17 × 24 = 408.',
  'Check the units: pallets per row times rows gives pallets.',
  'Wait, the question says two rows are reserved, so only 15 rows count.',
  'Then 15 × 24 = 360 pallets are available.',
  'Let me verify by another route: 408 − 2 × 24 = 408 − 48 = 360. Consistent.',
  'Consider the edge case where a row is only half full.',
  'The problem says every row is full, so that case does not arise.',
  'Now convert to trucks: each truck holds 40 pallets, and 360 / 40 = 9.',
  'So 9 trucks are needed; no remainder, so no partial truck.',
  'Summarise the reasoning before answering.',
];

function reasoningText(rng: Rng, steps: number): string {
  const parts: string[] = [];
  for (let i = 0; i < steps; i++) parts.push(PARAGRAPHS[(i + rng.int(3)) % PARAGRAPHS.length]);
  return parts.join('\n\n');
}

{
  const rng = createRng(7);
  const lines: string[] = [];
  const prompts = ['How many trucks for 17 rows of 24 pallets, 2 rows reserved?', 'Is 391 prime?', 'A train leaves at 14:05 and travels 210 km at 84 km/h. When does it arrive?', 'Sum of the first 50 odd numbers?'];
  let t = T0 + 3 * 3600 * 1000;
  for (let i = 0; i < 40; i++) {
    t += 20_000 + rng.int(90_000);
    const steps = Math.max(1, Math.round(lognormal(rng, 12, 0.5)));
    const status: RunExportRecord['status'] = i === 7 || i === 23 ? 'stopped' : i === 31 ? 'interrupted' : i === 12 || i === 36 ? 'error' : 'done';
    const timedOut = i === 18 || i === 27 || i === 34;
    const ttft = status === 'error' && i === 12 ? null : round(lognormal(rng, 700, 0.3));
    const partial = status === 'stopped' || status === 'interrupted' ? Math.max(1, Math.floor(steps / 2)) : status === 'error' ? 0 : steps;
    const record: RunExportRecord = {
      id: `run_${hex(rng, 10)}`,
      prompt: prompts[i % prompts.length],
      provider: i % 5 === 0 ? 'openai-compatible' : 'demo',
      model: i % 5 === 0 ? 'deepseek-r1' : 'demo-reasoner',
      status,
      startedAt: t,
      ttftMs: ttft,
      latencyMs: status === 'interrupted' ? null : round((ttft ?? 300) + partial * lognormal(rng, 1100, 0.15)),
      steps: partial,
      reasoningTokens: status === 'interrupted' ? null : partial * (35 + rng.int(15)),
      timedOut,
    };
    if (status === 'error') record.error = i === 12 ? 'HTTP 401: invalid API key' : 'The stream ended without a done event (connection reset).';
    if (timedOut) record.error = undefined;
    if (i % 4 === 0 && partial > 0) record.stepTexts = reasoningText(rng, partial).split('\n\n');
    lines.push(toRunExportLine(record));
  }
  write('run-export.jsonl', lines.join(''));
}

// ---------------------------------------------------------------------------------------------
// Generic CSV with a reasoning-text column (quoted, multi-paragraph), seconds, CRLF records

{
  const rng = createRng(11);
  const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['request_id,timestamp,model,reasoning,latency,ttft,status,error'];
  let t = T0;
  for (let i = 0; i < 120; i++) {
    t += 5000 + rng.int(40_000);
    const steps = Math.max(1, Math.round(lognormal(rng, 9, 0.5)));
    const ttft = lognormal(rng, 0.8, 0.3);
    const latency = ttft + steps * lognormal(rng, 1.2, 0.1) + 2;
    let status = 'success';
    let error = '';
    let text = reasoningText(rng, steps).replace('Wait, the question', 'Wait, "the question"');
    if (i % 37 === 5) {
      status = 'failed';
      error = 'upstream 502: bad gateway';
      text = '';
    } else if (latency > 30) {
      status = 'timeout';
    }
    lines.push([`g-${1000 + i}`, isoZ(t), 'qwq-32b', csvCell(text), status === 'failed' ? '' : latency.toFixed(3), status === 'failed' ? '' : ttft.toFixed(3), status, csvCell(error)].join(','));
  }
  write('generic-requests.csv', lines.join('\r\n') + '\r\n');
}

// ---------------------------------------------------------------------------------------------
// vLLM benchmark_serving --save-detailed (one JSON object on one line, as json.dump writes it)

{
  const rng = createRng(21);
  const n = 40;
  const input_lens: number[] = [];
  const output_lens: number[] = [];
  const ttfts: number[] = [];
  const itls: number[][] = [];
  const generated_texts: string[] = [];
  const errors: string[] = [];
  for (let i = 0; i < n; i++) {
    input_lens.push(200 + rng.int(800));
    if (i === 9 || i === 26 || i === 33) {
      output_lens.push(0);
      ttfts.push(0);
      itls.push([]);
      generated_texts.push('');
      errors.push(i === 26 ? 'TimeoutError' : i === 9 ? 'Bad Request: prompt too long' : 'ClientPayloadError: Response payload is not completed');
      continue;
    }
    const out = 150 + rng.int(700);
    output_lens.push(out);
    ttfts.push(round(lognormal(rng, 0.12, 0.3), 6));
    const gaps: number[] = [];
    for (let k = 0; k < out - 1; k++) gaps.push(round(lognormal(rng, 0.028, 0.15), 5));
    itls.push(gaps);
    generated_texts.push('<think>\nLet me work through this step by step.\n\nFirst, ...\n</think>\n\nThe answer is 42.');
    errors.push('');
  }
  const completed = n - 3;
  const doc = {
    date: '20261120-091500',
    backend: 'vllm',
    model_id: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-32B',
    tokenizer_id: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-32B',
    num_prompts: n,
    request_rate: 4.0,
    burstiness: 1.0,
    max_concurrency: null,
    duration: 21.73,
    completed,
    total_input_tokens: input_lens.reduce((a, b) => a + b, 0),
    total_output_tokens: output_lens.reduce((a, b) => a + b, 0),
    request_throughput: round(completed / 21.73, 4),
    'request_goodput:': null,
    output_throughput: round(output_lens.reduce((a, b) => a + b, 0) / 21.73, 3),
    total_token_throughput: round((input_lens.reduce((a, b) => a + b, 0) + output_lens.reduce((a, b) => a + b, 0)) / 21.73, 3),
    input_lens,
    output_lens,
    ttfts,
    itls,
    generated_texts,
    errors,
    mean_ttft_ms: round((ttfts.filter((x) => x > 0).reduce((a, b) => a + b, 0) / completed) * 1000, 3),
    median_ttft_ms: round(percentile(ttfts.filter((x) => x > 0), 50) * 1000, 3),
    p99_ttft_ms: round(percentile(ttfts.filter((x) => x > 0), 99) * 1000, 3),
  };
  write('vllm-benchmark-detailed.json', JSON.stringify(doc));
}

// ---------------------------------------------------------------------------------------------
// guidellm benchmarks.json (two benchmarks of a sweep)

{
  const rng = createRng(31);
  const benchmarks = [0, 1].map((b) => {
    let t = T0 / 1000 + 3600 + b * 60;
    const successful: unknown[] = [];
    const errored: unknown[] = [];
    const incomplete: unknown[] = [];
    for (let i = 0; i < 28; i++) {
      t += b === 0 ? 2.4 : 0.5 + rng.next();
      const prompt = 256 + rng.int(3);
      const out = 128 + rng.int(900);
      const ttft = lognormal(rng, b === 0 ? 0.04 : 0.09, 0.3);
      const tpot = lognormal(rng, b === 0 ? 0.021 : 0.029, 0.08);
      const start = t;
      const first = start + ttft;
      const last = first + tpot * (out - 1);
      const req: Record<string, unknown> = {
        type_: 'generative_text_response',
        request_id: uuid(rng),
        request_type: 'chat_completions',
        scheduler_info: { requested: true, completed: true, errored: false, canceled: false, request_start: start, request_end: last + 0.001 },
        prompt: 'Solve: …',
        output: '<think>…</think> …',
        prompt_tokens: prompt,
        output_tokens: out,
        start_time: round(start, 6),
        end_time: round(last + 0.001, 6),
        first_token_time: round(first, 6),
        last_token_time: round(last, 6),
        request_latency: round(last + 0.001 - start, 6),
        time_to_first_token_ms: round(ttft * 1000, 4),
        time_per_output_token_ms: round(((last - first) / out) * 1000, 4),
        inter_token_latency_ms: round(tpot * 1000, 4),
        tokens_per_second: round((prompt + out) / (last - start), 3),
        output_tokens_per_second: round(out / (last - start), 3),
      };
      if (i === 11 && b === 1) {
        errored.push({ ...req, output_tokens: 0, output: '', error: 'ClientResponseError: 503, message=Service Unavailable', scheduler_info: { ...(req.scheduler_info as object), errored: true } });
      } else if (i === 20 && b === 1) {
        errored.push({ ...req, output_tokens: 17, error: 'TimeoutError: request exceeded 300 s', scheduler_info: { ...(req.scheduler_info as object), errored: true } });
      } else if (i === 27) {
        incomplete.push({ ...req, output_tokens: Math.floor(out / 3), last_token_time: null, end_time: null, request_latency: null, scheduler_info: { ...(req.scheduler_info as object), completed: false, canceled: true } });
      } else successful.push(req);
    }
    return {
      type_: 'generative_benchmark',
      id_: uuid(rng),
      run_id: 'd2a4c1f0-5b1e-4c9a-9c61-0f3b8e2a7d55',
      args: { strategy: b === 0 ? { type_: 'synchronous' } : { type_: 'constant', rate: 2.0 }, max_duration: 60.0 },
      run_stats: { requests_made: { successful: successful.length, errored: errored.length, incomplete: incomplete.length, total: 28 }, termination_reason: 'max_seconds_reached' },
      worker: { backend_type: 'openai_http', backend_target: 'http://vllm:8000', backend_model: 'Qwen/QwQ-32B', backend_info: { max_output_tokens: 16384, timeout: 300 } },
      metrics: { request_latency: { successful: { mean: null, count: successful.length } } },
      start_time: T0 / 1000 + 3600 + b * 60,
      end_time: t,
      duration: t - (T0 / 1000 + 3600 + b * 60),
      request_totals: { successful: successful.length, errored: errored.length, incomplete: incomplete.length, total: 28 },
      requests: { successful, errored, incomplete, total: null },
    };
  });
  write('guidellm-benchmarks.json', JSON.stringify({ benchmarks }, null, 2) + '\n');
}

// ---------------------------------------------------------------------------------------------
// AIPerf profile_export.jsonl

{
  const rng = createRng(41);
  const lines: string[] = [];
  let t = (T0 + 4 * 3600_000) * 1e6; // ns
  for (let i = 0; i < 80; i++) {
    t += Math.round(lognormal(rng, 0.25, 0.5) * 1e9);
    const isl = 500 + rng.int(100);
    const meta: Record<string, unknown> = {
      session_num: i,
      x_request_id: uuid(rng),
      x_correlation_id: uuid(rng),
      conversation_id: uuid(rng),
      turn_index: 0,
      request_start_ns: t,
      request_ack_ns: null,
      request_end_ns: null,
      worker_id: `worker_${hex(rng, 8)}`,
      record_processor_id: `record_processor_${hex(rng, 8)}`,
      benchmark_phase: 'profiling',
      was_cancelled: false,
      cancellation_time_ns: null,
    };
    if (i === 13 || i === 52) {
      const after = lognormal(rng, 2, 0.3);
      meta.was_cancelled = true;
      meta.cancellation_time_ns = t + Math.round(after * 1e9);
      meta.request_end_ns = meta.cancellation_time_ns;
      lines.push(JSON.stringify({ metadata: meta, metrics: { error_isl: { value: isl, unit: 'tokens' } }, error: { code: 499, type: 'RequestCancellationError', message: `Request was cancelled after ${after.toFixed(3)} seconds` } }));
      continue;
    }
    if (i === 40) {
      meta.request_end_ns = t + 600 * 1e9;
      lines.push(JSON.stringify({ metadata: meta, metrics: { error_isl: { value: isl, unit: 'tokens' } }, error: { code: null, type: 'TimeoutError', message: 'Request timed out after 600.0 seconds' } }));
      continue;
    }
    if (i === 66) {
      meta.request_end_ns = t + 35_000_000;
      lines.push(JSON.stringify({ metadata: meta, metrics: { error_isl: { value: isl, unit: 'tokens' } }, error: { code: 500, type: 'InternalServerError', message: 'Server encountered an internal error' } }));
      continue;
    }
    const reasoning = Math.round(lognormal(rng, 700, 0.7));
    const answer = 80 + rng.int(200);
    const ttft = lognormal(rng, 180, 0.3);
    const itl = lognormal(rng, 9.5, 0.1);
    const latency = ttft + itl * (reasoning + answer - 1);
    meta.request_ack_ns = t + Math.round(lognormal(rng, 40, 0.2) * 1e6);
    meta.request_end_ns = t + Math.round(latency * 1e6);
    lines.push(
      JSON.stringify({
        metadata: meta,
        metrics: {
          input_sequence_length: { value: isl, unit: 'tokens' },
          time_to_first_token: { value: round(ttft, 6), unit: 'ms' },
          time_to_second_token: { value: round(itl, 6), unit: 'ms' },
          request_latency: { value: round(latency, 6), unit: 'ms' },
          reasoning_token_count: { value: reasoning, unit: 'tokens' },
          output_token_count: { value: answer, unit: 'tokens' },
          output_sequence_length: { value: reasoning + answer, unit: 'tokens' },
          inter_token_latency: { value: round(itl, 6), unit: 'ms' },
          output_token_throughput_per_user: { value: round(1000 / itl, 6), unit: 'tokens/sec/user' },
        },
        error: null,
      }),
    );
  }
  write('aiperf-profile_export.jsonl', lines.join('\n') + '\n');
}

// ---------------------------------------------------------------------------------------------
// OpenTelemetry: OTLP/JSON trace export lines (collector file exporter), GenAI semconv

{
  const rng = createRng(51);
  const lines: string[] = [];
  let t = BigInt(T0 + 5 * 3600_000) * 1_000_000n;
  const str = (key: string, v: string) => ({ key, value: { stringValue: v } });
  const int = (key: string, v: number) => ({ key, value: { intValue: String(v) } });
  for (let i = 0; i < 24; i++) {
    t += BigInt(Math.round(lognormal(rng, 3, 0.6) * 1e9));
    const traceId = hex(rng, 32);
    const serverSpan = hex(rng, 16);
    const spans: unknown[] = [];
    const perBatch = 1 + rng.int(2);
    let spanStart = t + 2_000_000n;
    for (let k = 0; k < perBatch; k++) {
      const reasoning = Math.round(lognormal(rng, 900, 0.8));
      const out = reasoning + 60 + rng.int(300);
      const durMs = lognormal(rng, 600, 0.3) + out * lognormal(rng, 14, 0.1);
      const failed = (i === 6 && k === 0) || (i === 17 && k === 0);
      const timeout = i === 17;
      const dur = BigInt(Math.round((failed ? (timeout ? 120_000 : 350) : durMs) * 1e6));
      const attributes: { key: string; value: unknown }[] = [
        str('gen_ai.operation.name', 'chat'),
        str('gen_ai.system', 'openai'),
        str('gen_ai.request.model', 'o4-mini'),
        int('gen_ai.request.max_tokens', 16384),
        str('server.address', 'api.openai.com'),
      ];
      if (!failed) {
        attributes.push(
          str('gen_ai.response.model', 'o4-mini-2025-04-16'),
          str('gen_ai.response.id', `chatcmpl-${hex(rng, 24)}`),
          { key: 'gen_ai.response.finish_reasons', value: { arrayValue: { values: [{ stringValue: 'stop' }] } } },
          int('gen_ai.usage.input_tokens', 300 + rng.int(900)),
          int('gen_ai.usage.output_tokens', out),
          int('gen_ai.usage.reasoning.output_tokens', reasoning),
        );
      } else attributes.push(str('error.type', timeout ? 'timeout' : '429'));
      spans.push({
        traceId,
        spanId: hex(rng, 16),
        parentSpanId: serverSpan,
        name: 'chat o4-mini',
        kind: 3,
        startTimeUnixNano: String(spanStart),
        endTimeUnixNano: String(spanStart + dur),
        attributes,
        status: failed ? { code: 2, message: timeout ? 'Request timed out.' : 'Error code: 429 - Rate limit reached' } : {},
      });
      spanStart += dur + 1_000_000n;
    }
    spans.unshift({
      traceId,
      spanId: serverSpan,
      name: 'POST /v1/solve',
      kind: 2,
      startTimeUnixNano: String(t),
      endTimeUnixNano: String(spanStart + 3_000_000n),
      attributes: [str('http.request.method', 'POST'), str('url.path', '/v1/solve'), int('http.response.status_code', 200)],
      status: {},
    });
    lines.push(
      JSON.stringify({
        resourceSpans: [
          {
            resource: { attributes: [str('service.name', 'solver-api'), str('deployment.environment.name', 'prod')] },
            scopeSpans: [{ scope: { name: 'opentelemetry.instrumentation.openai_v2', version: '2.1b0' }, spans }],
          },
        ],
      }),
    );
  }
  write('otel-genai-spans.jsonl', lines.join('\n') + '\n');
}

// ---------------------------------------------------------------------------------------------
// LiteLLM spend logs (GET /spend/logs returns a JSON array of LiteLLM_SpendLogs rows)

{
  const rng = createRng(61);
  const rows: unknown[] = [];
  let t = T0 + 6 * 3600_000;
  for (let i = 0; i < 60; i++) {
    t += Math.round(lognormal(rng, 8000, 0.7));
    const prompt = 120 + rng.int(1500);
    const failed = i === 14 || i === 41 || i === 55;
    const reasoning = failed ? 0 : Math.round(lognormal(rng, 1200, 0.8));
    const completion = failed ? 0 : reasoning + 100 + rng.int(400);
    const ttft = lognormal(rng, 1.6, 0.4) * 1000;
    const dur = failed ? (i === 41 ? 600_000 : lognormal(rng, 400, 0.4)) : ttft + completion * lognormal(rng, 11, 0.1);
    const start = t;
    const end = start + Math.round(dur);
    const metadata: Record<string, unknown> = {
      user_api_key: hex(rng, 64),
      user_api_key_alias: 'solver-prod',
      user_api_key_team_id: 'team-reasoning',
      spend_logs_metadata: null,
      requester_ip_address: '',
      additional_usage_values: {},
    };
    if (!failed) {
      metadata.usage_object = { completion_tokens: completion, prompt_tokens: prompt, total_tokens: prompt + completion, completion_tokens_details: { reasoning_tokens: reasoning, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 }, prompt_tokens_details: { cached_tokens: 0 } };
    } else {
      metadata.error_information = i === 41
        ? { error_code: '408', error_class: 'Timeout', llm_provider: 'deepseek', error_message: 'litellm.Timeout: Connection timed out after 600.0 seconds.' }
        : { error_code: '429', error_class: 'RateLimitError', llm_provider: 'deepseek', error_message: 'litellm.RateLimitError: DeepseekException - Rate limit reached' };
    }
    rows.push({
      request_id: `chatcmpl-${uuid(rng)}`,
      call_type: 'acompletion',
      api_key: hex(rng, 64),
      spend: failed ? 0 : round(prompt * 0.55e-6 + completion * 2.19e-6, 8),
      total_tokens: prompt + completion,
      prompt_tokens: prompt,
      completion_tokens: completion,
      startTime: isoNaive(start),
      endTime: isoNaive(end),
      completionStartTime: failed ? isoNaive(end) : isoNaive(start + Math.round(ttft)),
      model: 'deepseek/deepseek-reasoner',
      model_id: hex(rng, 64),
      model_group: 'deepseek-reasoner',
      custom_llm_provider: 'deepseek',
      api_base: 'https://api.deepseek.com/beta',
      user: '',
      metadata,
      cache_hit: 'False',
      cache_key: 'Cache OFF',
      request_tags: [],
      team_id: 'team-reasoning',
      end_user: '',
      requester_ip_address: '',
      messages: {},
      response: {},
      session_id: uuid(rng),
      status: failed ? 'failure' : 'success',
      proxy_server_request: {},
    });
  }
  write('litellm-spend-logs.json', JSON.stringify(rows, null, 2) + '\n');
}

// ---------------------------------------------------------------------------------------------
// Langfuse observations export (JSONL; GENERATIONs plus the SPANs/EVENTs around them)

{
  const rng = createRng(71);
  const lines: string[] = [];
  let t = T0 + 7 * 3600_000;
  for (let i = 0; i < 50; i++) {
    t += Math.round(lognormal(rng, 20_000, 0.6));
    const traceId = hex(rng, 32);
    const spanId = uuid(rng);
    const input = 200 + rng.int(1200);
    const reasoning = Math.round(lognormal(rng, 1500, 0.7));
    const output = 80 + rng.int(400);
    const ttft = lognormal(rng, 2.2, 0.4);
    const failed = i === 9 || i === 30;
    const latency = failed ? lognormal(rng, 0.5, 0.3) : ttft + (reasoning + output) * lognormal(rng, 0.012, 0.1);
    const start = t + 5;
    const common = { traceId, projectId: 'cm4reasoning01', environment: 'production', version: null, promptId: null, promptName: null, promptVersion: null, metadata: {} };
    lines.push(JSON.stringify({ id: spanId, type: 'SPAN', name: 'solve', startTime: isoZ(t), endTime: isoZ(t + Math.round(latency * 1000) + 20), parentObservationId: null, level: 'DEFAULT', statusMessage: null, ...common }));
    lines.push(
      JSON.stringify({
        id: uuid(rng),
        type: 'GENERATION',
        name: 'OpenAI-generation',
        startTime: isoZ(start),
        endTime: isoZ(start + Math.round(latency * 1000)),
        completionStartTime: failed ? null : isoZ(start + Math.round(ttft * 1000)),
        model: 'o3-mini',
        modelParameters: { reasoning_effort: 'medium', max_completion_tokens: 25000 },
        input: null,
        output: null,
        usageDetails: failed ? {} : { input, output, output_reasoning_tokens: reasoning, total: input + output + reasoning },
        costDetails: failed ? {} : { input: round(input * 1.1e-6, 8), output: round((output + reasoning) * 4.4e-6, 8) },
        level: failed ? 'ERROR' : i === 22 ? 'WARNING' : 'DEFAULT',
        statusMessage: failed ? (i === 9 ? 'Error code: 429 - Rate limit reached for o3-mini' : 'Error code: 500 - The server had an error') : i === 22 ? 'Retried once after a connection reset' : null,
        parentObservationId: spanId,
        latency: round(latency, 3),
        timeToFirstToken: failed ? null : round(ttft, 3),
        ...common,
      }),
    );
    if (i % 10 === 3) lines.push(JSON.stringify({ id: uuid(rng), type: 'EVENT', name: 'cache-miss', startTime: isoZ(start - 2), endTime: null, parentObservationId: spanId, level: 'DEBUG', statusMessage: null, ...common }));
  }
  write('langfuse-observations.jsonl', lines.join('\n') + '\n');
}
