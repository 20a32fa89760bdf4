import { getAdapter } from '../core/providers';
import type { ProviderId } from '../core/providers/types';
import { createDemoFetch } from './demo-fetch';

/**
 * Lists an endpoint's models (/v1/models, Ollama /api/tags). Throws an Error with a
 * readable message; the picker then falls back to free text.
 */
export async function fetchModels(provider: ProviderId, baseUrl: string, apiKey: string, signal?: AbortSignal): Promise<string[]> {
  const adapter = getAdapter(provider === 'demo' ? 'openai-compatible' : provider);
  const request = adapter.listModelsRequest({ baseUrl, apiKey: apiKey || undefined });
  if (!request) return [];
  const fetchImpl = provider === 'demo' ? createDemoFetch({ tokensPerSecond: () => 1 }) : fetch;
  let response: Response;
  try {
    response = await fetchImpl(request.url, { method: request.method, headers: request.headers, signal });
  } catch {
    throw new Error(`Could not list models at ${baseUrl} (server unreachable or blocked by CORS). Type the model name.`);
  }
  if (!response.ok) throw new Error(`${adapter.describeHttpError(response.status, await response.text().catch(() => ''), request.url)} Type the model name.`);
  const json: unknown = await response.json().catch(() => null);
  return adapter.parseModelList(json);
}
