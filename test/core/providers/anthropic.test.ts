import { describe, expect, it } from 'vitest';
import { anthropicAdapter as adapter, anthropicThinking, createAnthropicParser } from '../../../src/core/providers/anthropic';
import { feedInSplits } from './helpers';

const ev = (type: string, data: Record<string, unknown>) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
const parse = (body: string) => feedInSplits(createAnthropicParser, body);

describe('Anthropic parser', () => {
  it('maps thinking_delta → raw reasoning, text_delta → answer, ignores signature/ping, ends on message_stop', () => {
    const s = parse(
      ev('message_start', { message: { usage: { input_tokens: 10, cache_read_input_tokens: 5, output_tokens: 1 } } }) +
        ev('content_block_start', { index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } }) +
        'event: ping\ndata: {"type": "ping"}\n\n' +
        ev('content_block_delta', { index: 0, delta: { type: 'thinking_delta', thinking: 'Hmm' } }) +
        ev('content_block_delta', { index: 0, delta: { type: 'signature_delta', signature: 'sig' } }) +
        ev('content_block_start', { index: 1, content_block: { type: 'text', text: '' } }) +
        ev('content_block_delta', { index: 1, delta: { type: 'text_delta', text: 'Yes' } }) +
        ev('message_delta', { delta: { stop_reason: 'max_tokens' }, usage: { output_tokens: 40, output_tokens_details: { thinking_tokens: 30 } } }) +
        'event: message_stop\ndata: {"type":"message_stop"      }\n\n',
    );
    expect(s.events).toEqual([
      { type: 'usage', usage: { promptTokens: 15, completionTokens: 1, totalTokens: 16 } },
      { type: 'reasoning', text: 'Hmm', kind: 'raw' },
      { type: 'answer', text: 'Yes' },
      { type: 'usage', usage: { promptTokens: 15, completionTokens: 40, reasoningTokens: 30, totalTokens: 55 } },
      { type: 'done', finishReason: 'max_tokens' },
    ]);
  });

  it('separates consecutive thinking blocks with a blank line and marks redacted ones', () => {
    const s = parse(
      ev('content_block_start', { index: 0, content_block: { type: 'redacted_thinking', data: 'xyz' } }) +
        ev('content_block_start', { index: 1, content_block: { type: 'thinking', thinking: '' } }) +
        ev('content_block_delta', { index: 1, delta: { type: 'thinking_delta', thinking: 'a' } }) +
        ev('content_block_delta', { index: 1, delta: { type: 'thinking_delta', thinking: 'b' } }),
    );
    expect(s.events).toEqual([
      { type: 'reasoning', text: '[redacted thinking]', kind: 'redacted' },
      { type: 'reasoning', text: '\n\na', kind: 'raw' },
      { type: 'reasoning', text: 'b', kind: 'raw' },
    ]);
    expect(s.terminalCount).toBe(0); // no message_stop: cut stream, no done
  });

  it('turns a mid-stream error event into a terminal error', () => {
    const s = parse(
      ev('content_block_delta', { index: 0, delta: { type: 'thinking_delta', thinking: 'x' } }) +
        'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n' +
        ev('message_stop', {}),
    );
    expect(s.error).toEqual({ message: 'Overloaded', code: 'overloaded_error' });
    expect(s.terminalCount).toBe(1);
  });
});

describe('Anthropic requests', () => {
  const base = { baseUrl: 'https://api.anthropic.com/v1/', model: 'claude-sonnet-4-5', prompt: 'Hi' };

  it('sends the browser headers, the key only when given, and never in the URL', () => {
    const without = adapter.buildRequest(base);
    expect(without.url).toBe('https://api.anthropic.com/v1/messages');
    expect(without.headers).toEqual({
      'content-type': 'application/json',
      'anthropic-version': '2023-06-01',
      'anthropic-dangerous-direct-browser-access': 'true',
    });
    const withKey = adapter.buildRequest({ ...base, apiKey: 'sk-ant-secret' });
    expect(withKey.headers['x-api-key']).toBe('sk-ant-secret');
    expect(withKey.url).not.toContain('sk-ant-secret');
    expect(withKey.body).not.toContain('sk-ant-secret');
  });

  it('builds a streaming body with thinking enabled by default', () => {
    expect(JSON.parse(adapter.buildRequest(base).body!)).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 16000,
      stream: true,
      thinking: { type: 'enabled', budget_tokens: 8192 },
      messages: [{ role: 'user', content: 'Hi' }],
    });
  });

  it('clamps the budget to ≥ 1024 with room left for the answer and disables thinking for effort none', () => {
    expect(anthropicThinking({ maxTokens: 4000, thinkingBudget: 10000 })).toEqual({ max_tokens: 4000, thinking: { type: 'enabled', budget_tokens: 3000 } });
    expect(anthropicThinking({ maxTokens: 20000, thinkingBudget: 30000 })).toEqual({ max_tokens: 20000, thinking: { type: 'enabled', budget_tokens: 18976 } });
    expect(anthropicThinking({ maxTokens: 4000, thinkingBudget: 10 })).toEqual({ max_tokens: 4000, thinking: { type: 'enabled', budget_tokens: 1024 } });
    expect(anthropicThinking({ maxTokens: 500 })).toEqual({ max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 1024 } });
    expect(anthropicThinking({ reasoningEffort: 'high' }).thinking).toEqual({ type: 'enabled', budget_tokens: 14976 });
    expect(anthropicThinking({ maxTokens: 1500 })).toEqual({ max_tokens: 1500, thinking: { type: 'enabled', budget_tokens: 1125 } });
    expect(anthropicThinking({ reasoningEffort: 'max', maxTokens: 64000 }).thinking).toEqual({ type: 'enabled', budget_tokens: 32000 });
    expect(anthropicThinking({ reasoningEffort: 'none', maxTokens: 500, thinkingBudget: 5000 })).toEqual({ max_tokens: 500, thinking: { type: 'disabled' } });
  });

  it('lists models with the same headers', () => {
    const req = adapter.listModelsRequest({ baseUrl: 'https://api.anthropic.com/v1', apiKey: 'k' })!;
    expect(req).toMatchObject({ url: 'https://api.anthropic.com/v1/models', method: 'GET' });
    expect(req.headers).toMatchObject({ 'x-api-key': 'k', 'anthropic-version': '2023-06-01', 'anthropic-dangerous-direct-browser-access': 'true' });
    expect(adapter.parseModelList({ data: [{ type: 'model', id: 'claude-opus-4-1' }], has_more: false })).toEqual(['claude-opus-4-1']);
  });
});
