import { describe, expect, it } from 'vitest';
import { buildEmbeddingsRequest, parseEmbeddingsResponse } from '../../../src/core/cache';

describe('buildEmbeddingsRequest', () => {
  it('builds an OpenAI-compatible POST /embeddings', () => {
    const req = buildEmbeddingsRequest({ baseUrl: 'http://localhost:11434/v1/', model: 'nomic-embed-text', input: ['a', 'b'], apiKey: 'sk-x' });
    expect(req).toEqual({
      url: 'http://localhost:11434/v1/embeddings',
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: 'Bearer sk-x' },
      body: JSON.stringify({ model: 'nomic-embed-text', input: ['a', 'b'], encoding_format: 'float' }),
    });
  });
  it('omits the key when there is none; passes dimensions', () => {
    const req = buildEmbeddingsRequest({ baseUrl: 'https://api.openai.com/v1', model: 'text-embedding-3-small', input: 'hi', dimensions: 256 });
    expect(req.headers.authorization).toBeUndefined();
    expect(JSON.parse(req.body)).toEqual({ model: 'text-embedding-3-small', input: 'hi', encoding_format: 'float', dimensions: 256 });
  });
});

describe('parseEmbeddingsResponse', () => {
  it('returns vectors in input order (by index)', () => {
    const json = {
      object: 'list',
      data: [
        { object: 'embedding', index: 1, embedding: [0.3, 0.4] },
        { object: 'embedding', index: 0, embedding: [0.1, 0.2] },
      ],
      model: 'm',
      usage: { prompt_tokens: 2, total_tokens: 2 },
    };
    expect(parseEmbeddingsResponse(json)).toEqual([
      [0.1, 0.2],
      [0.3, 0.4],
    ]);
  });
  it('accepts Ollama native shapes', () => {
    expect(parseEmbeddingsResponse({ model: 'm', embeddings: [[1, 2]] })).toEqual([[1, 2]]);
    expect(parseEmbeddingsResponse({ embedding: [3, 4] })).toEqual([[3, 4]]);
  });
  it('throws with the server message or a clear reason', () => {
    expect(() => parseEmbeddingsResponse({ error: { message: 'model not found' } })).toThrow('Embeddings endpoint error: model not found');
    expect(() => parseEmbeddingsResponse({ error: 'boom' })).toThrow('boom');
    expect(() => parseEmbeddingsResponse('x')).toThrow(/not a JSON object/);
    expect(() => parseEmbeddingsResponse({ data: [{ embedding: 'AAAA' }] })).toThrow(/base64/);
    expect(() => parseEmbeddingsResponse({ data: [{ embedding: [1, 'x'] }] })).toThrow(/data\[0\]\.embedding\[1\]/);
    expect(() => parseEmbeddingsResponse({ data: [{ embedding: [] }] })).toThrow(/not a list of numbers/);
    expect(() => parseEmbeddingsResponse({})).toThrow(/no "data"/);
  });
});
