import { describe, expect, it } from 'vitest';
import {
  createOpenAiChatParser,
  createOpenAiCompatibleAdapter,
  openAiCompatibleAdapter as adapter,
  contentParts,
  pickReasoning,
} from '../../../src/core/providers/openai-compatible';
import { feedInSplits, runText, summarize } from './helpers';

const sse = (...chunks: unknown[]) => chunks.map((c) => `data: ${typeof c === 'string' ? c : JSON.stringify(c)}\n\n`).join('');
const delta = (d: Record<string, unknown>, finish: string | null = null, extra: Record<string, unknown> = {}) => ({
  id: 'c',
  object: 'chat.completion.chunk',
  choices: [{ index: 0, delta: d, finish_reason: finish }],
  ...extra,
});
const parse = (body: string) => feedInSplits(() => createOpenAiChatParser(), body);

describe('pickReasoning', () => {
  it('takes exactly one source: reasoning_details, then reasoning_content, then reasoning', () => {
    expect(pickReasoning({ reasoning: 'a', reasoning_content: 'a' })).toEqual({ text: 'a', kind: 'raw' });
    expect(pickReasoning({ reasoning: 'x', reasoning_details: [{ type: 'reasoning.text', text: 'x' }] })).toEqual({ text: 'x', kind: 'raw' });
    expect(pickReasoning({ reasoning_content: 'rc', reasoning: 'r' })).toEqual({ text: 'rc', kind: 'raw' });
    expect(pickReasoning({ reasoning_content: null, reasoning: 'r' })).toEqual({ text: 'r', kind: 'raw' });
    expect(pickReasoning({ content: 'c' })).toBeUndefined();
  });

  it('reads reasoning.summary, shows nothing for reasoning.encrypted, and falls through an empty details array', () => {
    expect(pickReasoning({ reasoning_details: [{ type: 'reasoning.summary', summary: 'S' }] })).toEqual({ text: 'S', kind: 'summary' });
    expect(pickReasoning({ reasoning: 'leak?', reasoning_details: [{ type: 'reasoning.encrypted', data: 'gAAA' }] })).toEqual({ text: '', kind: 'raw' });
    expect(pickReasoning({ reasoning_details: [], reasoning: 'r' })).toEqual({ text: 'r', kind: 'raw' });
  });
});

describe('OpenAI-compatible parser', () => {
  it('never doubles OpenRouter reasoning (reasoning + reasoning_details)', () => {
    const body = sse(
      delta({ reasoning: 'Hel', reasoning_details: [{ type: 'reasoning.text', text: 'Hel', index: 0 }] }),
      delta({ reasoning: 'lo', reasoning_details: [{ type: 'reasoning.text', text: 'lo', index: 0 }] }),
      delta({ content: 'Hi' }, 'stop'),
      '[DONE]',
    );
    expect(parse(body)).toMatchObject({ reasoning: 'Hello', answer: 'Hi', done: { finishReason: 'stop' } });
  });

  it('handles a chunk with both reasoning and content', () => {
    const s = parse(sse(delta({ reasoning: 'think.' }), delta({ reasoning: ' end', content: '\n\nAnswer' }), '[DONE]'));
    expect(s.events).toEqual([
      { type: 'reasoning', text: 'think.', kind: 'raw' },
      { type: 'reasoning', text: ' end', kind: 'raw' },
      { type: 'answer', text: 'Answer' },
      { type: 'done' },
    ]);
  });

  it('streams content live once reasoning came from a field (no undecided buffering)', () => {
    const parser = createOpenAiChatParser();
    parser.feed(sse(delta({ reasoning_content: 'r' })), 0);
    expect(parser.feed(sse(delta({ content: 'live' })), 1)).toEqual([{ type: 'answer', text: 'live', t: 1 }]);
  });

  it('drops an inline <think> block duplicated next to reasoning_content (llama.cpp deepseek-legacy)', () => {
    const body = sse(
      delta({ reasoning_content: 'Hmm.', content: '<think>Hmm.' }),
      delta({ content: '</think>\n\nYes.' }),
      delta({}, 'stop'),
      '[DONE]',
    );
    expect(parse(body)).toMatchObject({ reasoning: 'Hmm.', answer: 'Yes.' });
  });

  it('stamps events with the clock of the feed that completed them', () => {
    const parser = createOpenAiChatParser();
    expect(parser.feed('data: {"choices":[{"index":0,"delta":{"reasoning":"a"', 5)).toEqual([]);
    expect(parser.feed('}}]}\n\n', 7)).toEqual([{ type: 'reasoning', text: 'a', kind: 'raw', t: 7 }]);
    expect(parser.end(9)).toEqual([]);
  });

  it('emits usage from choices:[], from the finish chunk, from a later chunk and from x_groq', () => {
    const u = { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3, completion_tokens_details: { reasoning_tokens: 1 } };
    expect(parse(sse(delta({ content: 'a' }, 'stop', { usage: u }), '[DONE]')).usage).toEqual({ promptTokens: 1, completionTokens: 2, reasoningTokens: 1, totalTokens: 3 });
    expect(parse(sse(delta({ content: 'a' }, 'stop'), { choices: [], usage: u }, '[DONE]')).usageCount).toBe(1);
    expect(parse(sse(delta({ content: 'a' }, 'stop', { x_groq: { usage: u } }), '[DONE]')).usage).toMatchObject({ totalTokens: 3 });
    expect(parse(sse(delta({ content: 'a' }, null, { usage: null }), '[DONE]')).usageCount).toBe(0);
  });

  it('treats a clean end after finish_reason as done, and a cut body as neither done nor error', () => {
    expect(parse(sse(delta({ content: 'a' }, 'length'))).done).toEqual({ finishReason: 'length' });
    const cut = parse(sse(delta({ content: 'partial' })) + 'data: {"choi');
    expect(cut).toMatchObject({ answer: 'partial', terminalCount: 0, malformedCount: 1 });
  });

  it('turns every mid-stream error shape into one terminal error event', () => {
    const cases: [string, { message: string; code?: string }][] = [
      [sse({ error: { message: 'boom', type: 'server_error', code: null } }), { message: 'boom', code: 'server_error' }],
      [sse({ object: 'error', message: 'kv', type: 'InternalServerError', code: 500 }), { message: 'kv', code: 'InternalServerError' }],
      ['event: error\ndata: {"message":"named"}\n\n', { message: 'named' }],
      ['event: error\ndata: plain text\n\n', { message: 'plain text' }],
      ['error: {"code":500,"message":"legacy","type":"server_error"}\n\n', { message: 'legacy', code: 'server_error' }],
      [sse(delta({}, 'error')), { message: 'The provider stopped with an error.', code: 'error' }],
    ];
    for (const [body, error] of cases) {
      const s = parse(`${sse(delta({ content: 'x' }))}${body}${sse('[DONE]', delta({ content: 'after' }))}`);
      expect(s.error).toEqual(error);
      expect(s.terminalCount).toBe(1);
      expect(s.answer).toBe('x');
      expect(s.events.at(-1)?.type).toBe('error');
    }
  });

  it('counts non-JSON data lines as malformed and keeps going', () => {
    const s = parse(`${sse(delta({ content: 'a' }))}data: not json\n\ndata: {"broken"\n\n${sse(delta({ content: 'b' }), '[DONE]')}`);
    expect(s).toMatchObject({ answer: 'ab', malformedCount: 2, done: {} });
  });

  it('can be built with a think mode for templates that pre-fill <think>', () => {
    const parser = () => createOpenAiCompatibleAdapter({ think: { mode: 'open' } }).createParser();
    const s = summarize(runText(parser, sse(delta({ content: 'long reasoning' }), delta({ content: '</think>ok' }), '[DONE]')));
    expect(s).toMatchObject({ reasoning: 'long reasoning', answer: 'ok' });
  });
});

describe('typed content parts (Mistral)', () => {
  const thinking = (...texts: string[]) => ({ type: 'thinking', thinking: texts.map((text) => ({ type: 'text', text })) });
  const text = (t: string) => ({ type: 'text', text: t });

  it('reads a content array part by part, in order, skipping parts with no text to show', () => {
    expect(contentParts([thinking('a', 'b'), text('C'), { type: 'reference', reference_ids: [1] }, { type: 'thinking', thinking: [] }, { type: 'image_url', image_url: 'x' }])).toEqual([
      { kind: 'reasoning', text: 'ab' },
      { kind: 'content', text: 'C' },
    ]);
    expect(contentParts('plain')).toEqual([{ kind: 'content', text: 'plain' }]);
    expect(contentParts('')).toEqual([]);
    expect(contentParts(null)).toEqual([]);
    expect(contentParts({ type: 'text', text: 'not an array' })).toEqual([]);
  });

  it('shows thinking parts as reasoning and keeps every character of an answer that shares the chunk', () => {
    const s = parse(
      sse(
        delta({ role: 'assistant', content: '' }),
        delta({ content: [thinking('Okay, ')] }),
        delta({ content: [thinking('let me think.')] }),
        delta({ content: [thinking(' Done.'), text('The answer')] }),
        delta({ content: ' is 42.' }),
        delta({ content: '' }, 'stop', { usage: { prompt_tokens: 3, completion_tokens: 9, total_tokens: 12 } }),
        '[DONE]',
      ),
    );
    expect(s.reasoning).toBe('Okay, let me think. Done.');
    expect(s.answer).toBe('The answer is 42.');
    expect(s.reasoningKinds).toEqual(['raw']);
    expect(s.done).toEqual({ finishReason: 'stop' });
    expect(s.usage).toEqual({ promptTokens: 3, completionTokens: 9, totalTokens: 12 });
  });

  it('starts a new reasoning block (blank line) when thinking resumes after answer text', () => {
    const s = parse(sse(delta({ content: [thinking('First.')] }), delta({ content: [text('A.')] }), delta({ content: [thinking('Second.'), text(' B.')] }), '[DONE]'));
    expect(s.reasoning).toBe('First.\n\nSecond.');
    expect(s.answer).toBe('A. B.');
  });

  it('never adds thinking parts to reasoning that came from a reasoning field in the same delta', () => {
    const s = parse(sse(delta({ reasoning_content: 'R', content: [thinking('R'), text('A')] }), '[DONE]'));
    expect(s.reasoning).toBe('R');
    expect(s.answer).toBe('A');
  });

  it('leaves <think> text inside a text part to the splitter, as plain content', () => {
    const s = parse(sse(delta({ content: [text('<think>hm</think>Yes')] }), '[DONE]'));
    expect(s.reasoning).toBe('hm');
    expect(s.answer).toBe('Yes');
  });
});

describe('OpenAI-compatible requests', () => {
  const base = { baseUrl: 'http://127.0.0.1:8000/v1/', model: 'Qwen/Qwen3-8B', prompt: 'Why?' };

  it('posts to /chat/completions with streaming usage and no auth header without a key', () => {
    const req = adapter.buildRequest(base);
    expect(req.url).toBe('http://127.0.0.1:8000/v1/chat/completions');
    expect(req.method).toBe('POST');
    expect(Object.keys(req.headers).map((h) => h.toLowerCase())).not.toContain('authorization');
    expect(JSON.parse(req.body!)).toEqual({
      model: 'Qwen/Qwen3-8B',
      messages: [{ role: 'user', content: 'Why?' }],
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('adds max_tokens, reasoning_effort, history and a Bearer key (never in the URL)', () => {
    const req = adapter.buildRequest({
      ...base,
      apiKey: 'sk-secret',
      maxTokens: 500,
      reasoningEffort: 'high',
      history: [
        { role: 'user', content: 'Q1' },
        { role: 'assistant', content: 'A1' },
      ],
    });
    expect(req.headers.authorization).toBe('Bearer sk-secret');
    expect(req.url).not.toContain('sk-secret');
    const body = JSON.parse(req.body!);
    expect(body).toMatchObject({ max_tokens: 500, reasoning_effort: 'high' });
    expect(body.messages).toEqual([
      { role: 'user', content: 'Q1' },
      { role: 'assistant', content: 'A1' },
      { role: 'user', content: 'Why?' },
    ]);
    expect(req.body).not.toContain('sk-secret');
  });

  it('lists models from GET /models', () => {
    const req = adapter.listModelsRequest({ baseUrl: 'https://openrouter.ai/api/v1/', apiKey: 'k' })!;
    expect(req).toMatchObject({ url: 'https://openrouter.ai/api/v1/models', method: 'GET' });
    expect(req.headers.authorization).toBe('Bearer k');
    expect(adapter.listModelsRequest({ baseUrl: 'http://x/v1' })!.headers.authorization).toBeUndefined();
    expect(adapter.parseModelList({ object: 'list', data: [{ id: 'a' }, { id: 'b' }, { nope: 1 }] })).toEqual(['a', 'b']);
    expect(adapter.parseModelList({ error: 'x' })).toEqual([]);
    expect(adapter.parseModelList(null)).toEqual([]);
  });
});
