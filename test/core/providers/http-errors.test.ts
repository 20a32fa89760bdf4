import { describe, expect, it } from 'vitest';
import { describeHttpError, extractErrorMessage } from '../../../src/core/providers/http-errors';
import { adapters } from '../../../src/core/providers';

describe('describeHttpError', () => {
  it('reads the OpenAI, Anthropic, Ollama, vLLM and plain-text shapes', () => {
    expect(extractErrorMessage('{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}')).toEqual({
      message: 'Incorrect API key provided',
      code: 'invalid_request_error',
    });
    expect(extractErrorMessage('{"type":"error","error":{"type":"not_found_error","message":"model: claude-x"},"request_id":"req_1"}').message).toBe('model: claude-x');
    expect(extractErrorMessage('{"error":"model \\"qwen9\\" not found, try pulling it first"}').message).toBe('model "qwen9" not found, try pulling it first');
    expect(extractErrorMessage('{"detail":"Not Found"}').message).toBe('Not Found');
    expect(extractErrorMessage('{"object":"error","message":"max_tokens too large","type":"BadRequestError","code":400}').message).toBe('max_tokens too large');
    expect(extractErrorMessage('Bad gateway\n').message).toBe('Bad gateway');
    expect(extractErrorMessage('<html><head><title>502</title><style>x{}</style></head><body><h1>502 Bad Gateway</h1></body></html>').message).toBe('502 502 Bad Gateway');
    expect(extractErrorMessage('')).toEqual({});
  });

  it('words each status with a hint and the server message', () => {
    expect(describeHttpError(401, '{"error":{"message":"Incorrect API key provided"}}')).toBe('HTTP 401 Unauthorized — check the API key: Incorrect API key provided');
    expect(describeHttpError(404, '')).toMatch(/^HTTP 404 Not Found — model or URL not found: check the base URL .*\/v1/);
    expect(describeHttpError(429, '{"error":{"message":"Rate limit reached"}}')).toMatch(/^HTTP 429 Too Many Requests — rate limit .*: Rate limit reached$/);
    expect(describeHttpError(503, 'upstream down')).toBe('HTTP 503 Service Unavailable — the server failed or is overloaded: retry later: upstream down');
    expect(describeHttpError(400, '{"error":{"message":"bad field"}}')).toBe('HTTP 400 Bad Request: bad field');
    expect(describeHttpError(418, '')).toBe('HTTP 418');
    expect(describeHttpError(500, 'x'.repeat(1000)).length).toBeLessThan(420);
  });

  it('uses provider-specific hints', () => {
    expect(adapters.ollama.describeHttpError(403, '')).toMatch(/OLLAMA_ORIGINS/);
    expect(adapters.anthropic.describeHttpError(529, '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}')).toBe(
      'HTTP 529 Overloaded — Anthropic is overloaded: retry later: Overloaded',
    );
    expect(adapters['openai-compatible'].describeHttpError(401, '{"error":{"message":"no key"}}')).toMatch(/API key: no key$/);
  });
});
