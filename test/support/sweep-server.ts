import { createServer, type IncomingMessage, type Server } from 'node:http';
import { listenLocally } from './local-server';

/**
 * A local model server on 127.0.0.1 that answers differently per reasoning setting, in each
 * provider's own wire format, for the budget-sweep tests. It reads the provider's own parameter
 * from the request body — `reasoning_effort` (OpenAI-compatible), `reasoning.effort`
 * (Responses), `think` (Ollama), `thinking.budget_tokens` (Anthropic), or, when none is given,
 * `max_tokens` / `max_output_tokens` / `options.num_predict` — maps it to a level 0–2, and
 * streams a chain of LEVEL_STEPS[level] steps whose answer is wrong at level 0 ("#### 41")
 * and right above it ("#### 42"). Every request is recorded with its parsed body.
 */
export const LEVEL_STEPS = [2, 6, 18] as const;
export type SweepServer = { url: string; requests: { path: string; body: Record<string, unknown> }[]; close: () => Promise<void> };

const CORS = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET, POST, OPTIONS' };

function levelOf(path: string, body: Record<string, unknown>): number {
  const effort = (e: unknown) => (e === 'low' || e === 'minimal' || e === false ? 0 : e === 'medium' ? 1 : e === 'high' || e === true ? 2 : null);
  if (path.endsWith('/chat/completions') && body.reasoning_effort !== undefined) return effort(body.reasoning_effort) ?? 1;
  if (path.endsWith('/responses') && (body.reasoning as { effort?: unknown } | undefined)?.effort !== undefined) return effort((body.reasoning as { effort: unknown }).effort) ?? 1;
  if (path.endsWith('/api/chat') && body.think !== undefined) return effort(body.think) ?? 1;
  if (path.endsWith('/messages')) {
    const budget = (body.thinking as { budget_tokens?: number } | undefined)?.budget_tokens ?? 0;
    return budget < 2000 ? 0 : budget < 8000 ? 1 : 2;
  }
  const max = Number(body.max_tokens ?? body.max_output_tokens ?? (body.options as { num_predict?: number } | undefined)?.num_predict ?? 0);
  return max < 300 ? 0 : max < 2000 ? 1 : 2;
}

function chain(level: number): { steps: string[]; answer: string } {
  const n = LEVEL_STEPS[level];
  const steps = Array.from({ length: n }, (_, i) => `Step ${i + 1}: ${i + 1} + ${i + 1} = ${2 * (i + 1)}.`);
  return { steps, answer: level === 0 ? 'So the result is\n\n#### 41' : 'So the result is\n\n#### 42' };
}

function frames(path: string, level: number, model: string): { type: string; body: string } {
  const { steps, answer } = chain(level);
  const reasoning = steps.map((s) => `${s}\n\n`);
  if (path.endsWith('/api/chat')) {
    const lines = [...reasoning.map((t) => ({ model, message: { role: 'assistant', content: '', thinking: t }, done: false })), { model, message: { role: 'assistant', content: answer }, done: false }, { model, message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', eval_count: 40 }];
    return { type: 'application/x-ndjson', body: lines.map((l) => JSON.stringify(l)).join('\n') + '\n' };
  }
  const sse = (event: string | null, data: unknown) => `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`;
  if (path.endsWith('/messages')) {
    let out = sse('message_start', { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model, content: [], usage: { input_tokens: 10, output_tokens: 1 } } });
    out += sse('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } });
    for (const t of reasoning) out += sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: t } });
    out += sse('content_block_stop', { type: 'content_block_stop', index: 0 });
    out += sse('content_block_start', { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } });
    out += sse('content_block_delta', { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: answer } });
    out += sse('content_block_stop', { type: 'content_block_stop', index: 1 });
    out += sse('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 40 } });
    out += sse('message_stop', { type: 'message_stop' });
    return { type: 'text/event-stream', body: out };
  }
  if (path.endsWith('/responses')) {
    let seq = 0;
    let out = sse('response.created', { type: 'response.created', sequence_number: seq++, response: { id: 'resp_1', status: 'in_progress', model } });
    out += sse('response.output_item.added', { type: 'response.output_item.added', sequence_number: seq++, output_index: 0, item: { id: 'rs_1', type: 'reasoning', summary: [] } });
    for (const t of reasoning) out += sse('response.reasoning_text.delta', { type: 'response.reasoning_text.delta', sequence_number: seq++, item_id: 'rs_1', output_index: 0, content_index: 0, delta: t });
    out += sse('response.output_item.added', { type: 'response.output_item.added', sequence_number: seq++, output_index: 1, item: { id: 'msg_1', type: 'message', status: 'in_progress', content: [], role: 'assistant' } });
    out += sse('response.output_text.delta', { type: 'response.output_text.delta', sequence_number: seq++, item_id: 'msg_1', output_index: 1, content_index: 0, delta: answer });
    out += sse('response.completed', { type: 'response.completed', sequence_number: seq, response: { id: 'resp_1', status: 'completed', model, usage: { input_tokens: 10, output_tokens: 40, output_tokens_details: { reasoning_tokens: 30 } } } });
    return { type: 'text/event-stream', body: out };
  }
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({ id: 'c1', object: 'chat.completion.chunk', model, choices: [{ index: 0, delta, finish_reason: finish }] });
  let out = '';
  for (const t of reasoning) out += sse(null, chunk({ reasoning_content: t }));
  out += sse(null, chunk({ content: answer }, 'stop'));
  return { type: 'text/event-stream', body: out + 'data: [DONE]\n\n' };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => resolve(text));
  });
}

export async function startSweepServer(): Promise<SweepServer> {
  const requests: SweepServer['requests'] = [];
  const server: Server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS).end();
      return;
    }
    if (req.method === 'GET') {
      const list = path.endsWith('/api/tags') ? { models: [{ name: 'sweep-model', model: 'sweep-model' }] } : { object: 'list', data: [{ id: 'sweep-model', object: 'model' }] };
      res.writeHead(200, { ...CORS, 'content-type': 'application/json' }).end(JSON.stringify(list));
      return;
    }
    const body = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
    requests.push({ path, body });
    const { type, body: bytes } = frames(path, levelOf(path, body), String(body.model ?? 'sweep-model'));
    res.writeHead(200, { ...CORS, 'content-type': type });
    res.end(bytes);
  });
  return { ...(await listenLocally(server)), requests };
}
