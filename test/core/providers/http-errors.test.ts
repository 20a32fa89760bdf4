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
    expect(describeHttpError(404, '')).toBe('HTTP 404 Not Found — model or URL not found: check the endpoint URL and the model name');
    expect(describeHttpError(429, '{"error":{"message":"Rate limit reached"}}')).toMatch(/^HTTP 429 Too Many Requests — rate limit .*: Rate limit reached$/);
    expect(describeHttpError(503, 'upstream down')).toBe('HTTP 503 Service Unavailable — the server failed or is overloaded: retry later: upstream down');
    expect(describeHttpError(400, '{"error":{"message":"bad field"}}')).toBe('HTTP 400 Bad Request: bad field');
    expect(describeHttpError(418, '')).toBe('HTTP 418');
    expect(describeHttpError(500, 'x'.repeat(1000)).length).toBeLessThan(420);
  });

  it('a 404 suggests /v1 only where the path lacks it, and says "Not Found" once', () => {
    const vllm404 = '{"detail":"Not Found"}';
    const withV1 = adapters['openai-compatible'].describeHttpError(404, vllm404, 'http://127.0.0.1:8000/v1/chat/completions');
    expect(withV1).toBe("HTTP 404 Not Found — the server has no /v1/chat/completions or no such model: check the model name (Connect lists the server's models) and that this server speaks this API");
    expect(withV1.match(/not found/gi)).toHaveLength(1);
    expect(adapters['openai-compatible'].describeHttpError(404, vllm404, 'http://127.0.0.1:8000/chat/completions')).toBe(
      'HTTP 404 Not Found — nothing at /chat/completions: the API usually lives under /v1 — add /v1 to the endpoint URL',
    );
    expect(adapters.anthropic.describeHttpError(404, '', 'https://api.anthropic.com/messages')).toMatch(/add \/v1 to the endpoint URL$/);
    // A message that says more than the status is kept.
    expect(adapters['openai-compatible'].describeHttpError(404, '{"error":{"message":"The model `qwen9` does not exist."}}', 'http://h/v1/chat/completions')).toMatch(/: The model `qwen9` does not exist\.$/);
  });

  it('uses provider-specific hints', () => {
    expect(adapters.ollama.describeHttpError(403, '')).toMatch(/OLLAMA_ORIGINS/);
    expect(adapters.anthropic.describeHttpError(529, '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}')).toBe(
      // The server's "Overloaded" only repeats the status, so it is not said twice.
      'HTTP 529 Overloaded — Anthropic is overloaded: retry later',
    );
    expect(adapters['openai-compatible'].describeHttpError(401, '{"error":{"message":"no key"}}')).toMatch(/API key: no key$/);
  });
});
