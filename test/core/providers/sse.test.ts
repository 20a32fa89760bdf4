import { describe, expect, it } from 'vitest';
import { createLineReader, createSseReader } from '../../../src/core/providers/sse';

describe('createSseReader', () => {
  it('yields {event, data} and counts keep-alive comments without treating them as data or errors', () => {
    const sse = createSseReader();
    const got = [
      ...sse.feed(': keep-alive\n\n: OPENROUTER PROCESSING\n\nevent: ping\ndata: {"type": "ping"}\n\ndata: {"a":1}\n\n:\n\n'),
      ...sse.end(),
    ];
    expect(got).toEqual([{ event: 'ping', data: '{"type": "ping"}' }, { data: '{"a":1}' }]);
    expect(sse.commentCount).toBe(3);
    expect(sse.invalidLineCount).toBe(0);
  });

  it('dispatches a last event that lacks its blank line (or even its newline) at end()', () => {
    for (const tail of ['data: [DONE]\n', 'data: [DONE]', 'data: [DONE]\r']) {
      const sse = createSseReader();
      expect(sse.feed(`data: x\n\n${tail}`)).toEqual([{ data: 'x' }]);
      expect(sse.end()).toEqual([{ data: '[DONE]' }]);
      expect(sse.end()).toEqual([]);
    }
  });

  it('handles CRLF and CR line endings, also when \\r and \\n arrive in different chunks', () => {
    const sse = createSseReader();
    const got = [...sse.feed('event: a\r'), ...sse.feed('\ndata: 1\r'), ...sse.feed('\n\r'), ...sse.feed('\ndata: 2\r\r'), ...sse.end()];
    expect(got).toEqual([{ event: 'a', data: '1' }, { data: '2' }]);
  });

  it('joins multi-line data with \\n', () => {
    const sse = createSseReader();
    expect(sse.feed('data: {"a":\ndata: 1}\n\n')).toEqual([{ data: '{"a":\n1}' }]);
  });

  it("recovers llama.cpp's old non-standard `error:` field as an error event", () => {
    const sse = createSseReader();
    expect(sse.feed('data: {"x":1}\n\nerror: {"code":500,"message":"boom"}\n\n')).toEqual([
      { data: '{"x":1}' },
      { event: 'error', data: '{"code":500,"message":"boom"}' },
    ]);
    expect(sse.invalidLineCount).toBe(0);
  });

  it('delivers a bare single-line JSON body as data, and counts other garbage lines', () => {
    const sse = createSseReader();
    expect([...sse.feed('{"error":{"message":"bad"}}\n<html>oops</html>\nfoo: bar\n\n'), ...sse.end()]).toEqual([
      { data: '{"error":{"message":"bad"}}' },
    ]);
    expect(sse.invalidLineCount).toBe(2);
  });
});

describe('createLineReader', () => {
  it('splits NDJSON lines cut anywhere, with LF or CRLF, skipping blank lines', () => {
    const lines = createLineReader();
    const got = [...lines.feed('{"a"'), ...lines.feed(':1}\r'), ...lines.feed('\n\n{"b":2}\r\n{"c"'), ...lines.feed(':3}'), ...lines.end()];
    expect(got).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
  });
});
