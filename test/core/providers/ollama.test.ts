import { describe, expect, it } from 'vitest';
import { createOllamaParser, ollamaAdapter as adapter, ollamaThink } from '../../../src/core/providers/ollama';
import { feedInSplits, runText, summarize } from './helpers';

const line = (o: Record<string, unknown>) => `${JSON.stringify(o)}\n`;
const msg = (m: Record<string, unknown>, extra: Record<string, unknown> = {}) => line({ model: 'm', message: { role: 'assistant', content: '', ...m }, done: false, ...extra });
const parse = (body: string) => feedInSplits(() => createOllamaParser(), body);

describe('Ollama parser', () => {
  it('maps thinking/content and the done line to usage + done', () => {
    const s = parse(
      msg({ thinking: 'Think' }) +
        msg({ content: 'Answer' }) +
        line({ model: 'm', message: { role: 'assistant', content: '' }, done: true, done_reason: 'length', prompt_eval_count: 3, eval_count: 4 }),
    );
    expect(s.events).toEqual([
      { type: 'reasoning', text: 'Think', kind: 'raw' },
      { type: 'answer', text: 'Answer' },
      { type: 'usage', usage: { promptTokens: 3, completionTokens: 4, totalTokens: 7 } },
      { type: 'done', finishReason: 'length' },
    ]);
  });

  it('splits inline <think> tags in content (Go-escaped on the wire)', () => {
    const body = '{"message":{"content":"\\u003cthink\\u003e\\nr\\n\\u003c/think\\u003e\\n\\na \\u0026 b"},"done":false}\n{"message":{"content":""},"done":true}\n';
    expect(parse(body)).toMatchObject({ reasoning: 'r', answer: 'a & b', done: {} });
  });

  it('reads a last line without a trailing newline, errors, and malformed lines', () => {
    expect(summarize(runText(() => createOllamaParser(), msg({ content: 'x' }) + '{"message":{"content":"y"},"done":true}'))).toMatchObject({ answer: 'xy', done: {} });
    const s = parse(`${msg({ thinking: 't' })}not json\n${line({ error: 'out of memory' })}${msg({ content: 'after' })}`);
    expect(s).toMatchObject({ reasoning: 't', answer: '', error: { message: 'out of memory' }, malformedCount: 1, terminalCount: 1 });
  });
});

describe('Ollama requests', () => {
  it('posts NDJSON chat to the server root, with num_predict and think', () => {
    const req = adapter.buildRequest({ baseUrl: 'http://127.0.0.1:11434/', model: 'qwen3:8b', prompt: 'Hi', maxTokens: 256, reasoningEffort: 'high' });
    expect(req.url).toBe('http://127.0.0.1:11434/api/chat');
    expect(req.headers.authorization).toBeUndefined();
    expect(JSON.parse(req.body!)).toEqual({ model: 'qwen3:8b', messages: [{ role: 'user', content: 'Hi' }], stream: true, think: 'high', options: { num_predict: 256 } });
    expect(adapter.buildRequest({ baseUrl: 'http://h:11434/v1', model: 'm', prompt: 'p' }).url).toBe('http://h:11434/api/chat');
  });

  it('maps reasoning effort to think (unset → omitted, server default)', () => {
    expect(ollamaThink(undefined)).toBeUndefined();
    expect(ollamaThink('none')).toBe(false);
    expect(ollamaThink('minimal')).toBe('low');
    expect(ollamaThink('medium')).toBe('medium');
    expect(ollamaThink('max')).toBe('high');
    expect(JSON.parse(adapter.buildRequest({ baseUrl: 'http://h', model: 'm', prompt: 'p' }).body!)).not.toHaveProperty('think');
    expect(JSON.parse(adapter.buildRequest({ baseUrl: 'http://h', model: 'm', prompt: 'p', reasoningEffort: 'none' }).body!).think).toBe(false);
  });

  it('sends a Bearer key only when given, and lists models from /api/tags', () => {
    const req = adapter.buildRequest({ baseUrl: 'https://ollama.example', model: 'm', prompt: 'p', apiKey: 'secret' });
    expect(req.headers.authorization).toBe('Bearer secret');
    expect(req.url).not.toContain('secret');
    expect(adapter.listModelsRequest({ baseUrl: 'http://127.0.0.1:11434' })).toEqual({ url: 'http://127.0.0.1:11434/api/tags', method: 'GET', headers: {} });
    expect(adapter.parseModelList({ models: [{ name: 'qwen3:8b', model: 'qwen3:8b' }, { model: 'gpt-oss:20b' }] })).toEqual(['qwen3:8b', 'gpt-oss:20b']);
  });
});
