import { bearerHeaders, jsonPost, trimBaseUrl } from '../providers/common';
import { isObject } from '../providers/sse';
import type { HttpRequest } from '../providers/types';

/**
 * OpenAI-compatible `/v1/embeddings` (OpenAI, vLLM, llama.cpp, LM Studio, Ollama's /v1).
 * `baseUrl` is the API root including `/v1`, as for chat (`http://localhost:11434/v1`).
 * Pure: the caller (lib) does the fetch.
 */
export type EmbeddingsRequestConfig = {
  baseUrl: string;
  model: string;
  input: string | string[];
  apiKey?: string;
  /** Matryoshka models (text-embedding-3-*) can return fewer dimensions. */
  dimensions?: number;
};

export function buildEmbeddingsRequest(config: EmbeddingsRequestConfig): HttpRequest & { method: 'POST'; body: string } {
  const body: Record<string, unknown> = { model: config.model, input: config.input, encoding_format: 'float' };
  if (config.dimensions !== undefined) body.dimensions = config.dimensions;
  return jsonPost(`${trimBaseUrl(config.baseUrl)}/embeddings`, body, { accept: 'application/json', ...bearerHeaders(config.apiKey) });
}

function vectorOf(v: unknown, where: string): number[] {
  if (!Array.isArray(v) || v.length === 0) throw new Error(`Embeddings response: ${where} is not a list of numbers`);
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== 'number' || !Number.isFinite(v[i])) throw new Error(`Embeddings response: ${where}[${i}] is not a finite number`);
  }
  return v as number[];
}

/**
 * Vectors in input order. Accepts the OpenAI shape `{ data: [{ embedding, index }] }` (sorted by
 * `index`) and, leniently, Ollama's native `{ embeddings: [[…]] }` and `{ embedding: […] }`.
 * Throws an Error with the server's message for `{ error }` bodies and for anything malformed.
 */
export function parseEmbeddingsResponse(json: unknown): number[][] {
  if (!isObject(json)) throw new Error('Embeddings response: not a JSON object');
  if (json.error !== undefined && json.error !== null) {
    const e = json.error;
    const message = typeof e === 'string' ? e : isObject(e) && typeof e.message === 'string' ? e.message : 'unknown error';
    throw new Error(`Embeddings endpoint error: ${message}`);
  }
  if (Array.isArray(json.data)) {
    const items = json.data.map((item, i) => {
      if (!isObject(item)) throw new Error(`Embeddings response: data[${i}] is not an object`);
      if (typeof item.embedding === 'string') throw new Error('Embeddings response: base64 embeddings are not supported (request encoding_format "float")');
      return { index: typeof item.index === 'number' ? item.index : i, vector: vectorOf(item.embedding, `data[${i}].embedding`) };
    });
    return items.sort((a, b) => a.index - b.index).map((x) => x.vector);
  }
  if (Array.isArray(json.embeddings)) return json.embeddings.map((v, i) => vectorOf(v, `embeddings[${i}]`));
  if (Array.isArray(json.embedding)) return [vectorOf(json.embedding, 'embedding')];
  throw new Error('Embeddings response: no "data" list');
}
