import { describe, expect, it } from 'vitest';
import { createResponsesParser, openAiResponsesAdapter as adapter } from '../../../src/core/providers/openai-responses';
import { feedInSplits } from './helpers';

const ev = (type: string, data: Record<string, unknown>) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
const parse = (body: string) => feedInSplits(createResponsesParser, body);
const summary = (i: number, delta: string, item = 'rs_1') => ev('response.reasoning_summary_text.delta', { item_id: item, output_index: 0, summary_index: i, delta });

describe('Responses parser', () => {
  it('joins summary parts with a blank line and marks them as summaries', () => {
    const s = parse(summary(0, '**A**') + summary(0, ' one') + summary(1, '**B**') + summary(0, 'x', 'rs_2') + ev('response.output_text.delta', { delta: 'Ans' }));
    expect(s.reasoning).toBe('**A** one\n\n**B**\n\nx');
    expect(s.reasoningKinds).toEqual(['summary']);
    expect(s.answer).toBe('Ans');
    expect(s.terminalCount).toBe(0); // no [DONE] in this API; no completed event → no done
  });

  it('ends with usage + done on response.completed and done with the reason on response.incomplete', () => {
    const usage = { input_tokens: 5, output_tokens: 9, output_tokens_details: { reasoning_tokens: 7 }, total_tokens: 14 };
    expect(parse(ev('response.completed', { response: { status: 'completed', usage } })).events).toEqual([
      { type: 'usage', usage: { promptTokens: 5, completionTokens: 9, reasoningTokens: 7, totalTokens: 14 } },
      { type: 'done', finishReason: 'completed' },
    ]);
    expect(parse(ev('response.incomplete', { response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } } })).done).toEqual({
      finishReason: 'max_output_tokens',
    });
  });

  it('reports response.failed and event: error as errors', () => {
    expect(parse(ev('response.failed', { response: { status: 'failed', error: { code: 'server_error', message: 'bad' } } })).error).toEqual({ message: 'bad', code: 'server_error' });
    expect(parse(ev('response.failed', { response: { status: 'failed', error: null } })).error).toEqual({ message: 'The response failed.' });
    expect(parse(ev('error', { code: 'ERR_X', message: 'Something went wrong', param: null })).error).toEqual({ message: 'Something went wrong', code: 'ERR_X' });
  });
});

describe('Responses requests', () => {
  it('posts input, reasoning summary auto, effort and max_output_tokens', () => {
    const req = adapter.buildRequest({ baseUrl: 'https://api.openai.com/v1/', model: 'o4-mini', prompt: 'Q', maxTokens: 2000, reasoningEffort: 'low' });
    expect(req.url).toBe('https://api.openai.com/v1/responses');
    expect(req.headers.authorization).toBeUndefined();
    expect(JSON.parse(req.body!)).toEqual({ model: 'o4-mini', input: 'Q', stream: true, reasoning: { summary: 'auto', effort: 'low' }, max_output_tokens: 2000 });
  });

  it('sends history as input messages, maps max to high, and keeps the key out of the URL', () => {
    const req = adapter.buildRequest({
      baseUrl: 'https://api.openai.com/v1',
      model: 'o4-mini',
      prompt: 'Q2',
      apiKey: 'sk-1',
      reasoningEffort: 'max',
      history: [{ role: 'user', content: 'Q1' }, { role: 'assistant', content: 'A1' }],
    });
    expect(req.headers.authorization).toBe('Bearer sk-1');
    expect(req.url).not.toContain('sk-1');
    const body = JSON.parse(req.body!);
    expect(body.reasoning).toEqual({ summary: 'auto', effort: 'high' });
    expect(body.input).toEqual([{ role: 'user', content: 'Q1' }, { role: 'assistant', content: 'A1' }, { role: 'user', content: 'Q2' }]);
    expect(adapter.reasoningNote).toMatch(/summary/i);
  });
});
