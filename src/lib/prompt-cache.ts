import { parseCacheKey } from '../core/cache/keys';
import { buildEmbeddingsRequest, createSimilarityCache, embedLexical, LEXICAL_EMBEDDING_MODEL, numbersMatch, parseEmbeddingsResponse } from '../core/cache';
import type { RunRecord } from '../core/stored-runs/types';
import { embeddingsKey, type Settings } from './settings';
import { clearCache, loadCacheEntries, putCacheEntry, touchCacheEntry } from '../storage';

/**
 * The similarity cache (warm start): finished chains keyed by their prompt's embedding, per
 * embedding model, in IndexedDB, with an in-memory index for lookups. The built-in embedding
 * is lexical (hashed character n-grams): it matches wording, not meaning.
 */
type Meta = { runId: string; prompt: string; key: string };
const cache = createSimilarityCache<Meta>({ capacity: 100_000 });
const loaded = new Map<string, Promise<void>>();

export type Embedded = { vector: Float32Array | number[]; model: string; note?: string };

async function embed(prompt: string, settings: Pick<Settings, 'cacheEmbedding' | 'keys'>, fetchImpl: typeof fetch = fetch): Promise<Embedded> {
  const e = settings.cacheEmbedding;
  if (e.kind === 'endpoint') {
    try {
      const request = buildEmbeddingsRequest({ baseUrl: e.baseUrl, model: e.model, input: [prompt], apiKey: embeddingsKey(settings) });
      const response = await fetchImpl(request.url, { method: request.method, headers: request.headers, body: request.body, signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const [vector] = parseEmbeddingsResponse(await response.json());
      if (!vector?.length) throw new Error('no embedding in the reply');
      return { vector, model: `endpoint:${e.baseUrl}#${e.model}` };
    } catch (error) {
      return {
        vector: embedLexical(prompt),
        model: LEXICAL_EMBEDDING_MODEL,
        note: `The embeddings endpoint failed (${error instanceof Error ? error.message : String(error)}); used the built-in embedding instead.`,
      };
    }
  }
  return { vector: embedLexical(prompt), model: LEXICAL_EMBEDDING_MODEL };
}

function ensureLoaded(model: string): Promise<void> {
  let p = loaded.get(model);
  if (!p) {
    p = loadCacheEntries(model)
      .then((entries) => {
        for (const e of entries.sort((a, b) => a.lastUsedAt - b.lastUsedAt)) cache.add(model, e.key, e.vector, { runId: e.runId, prompt: e.prompt, key: e.key });
      })
      .catch(() => {});
    loaded.set(model, p);
  }
  return p;
}

export type CacheHit = { runId: string; prompt: string; similarity: number; model: string };

/**
 * The best cached chain at or above the threshold whose numbers match the prompt's
 * (lexically, "17 × 24" and "17 × 25" look alike; they must not share an answer).
 */
export async function lookupCache(prompt: string, settings: Settings, fetchImpl?: typeof fetch): Promise<{ hit: CacheHit | null; note?: string }> {
  if (!settings.cacheEnabled) return { hit: null };
  const { vector, model, note } = await embed(prompt, settings, fetchImpl);
  await ensureLoaded(model);
  const hits = cache.search(model, vector, 5);
  const best = hits.find((h) => h.similarity >= settings.cacheThreshold && numbersMatch(prompt, h.meta.prompt));
  if (!best) return { hit: null, note };
  cache.touch(model, best.id);
  void touchCacheEntry(best.meta.key).catch(() => {});
  return { hit: { runId: best.meta.runId, prompt: best.meta.prompt, similarity: best.similarity, model }, note };
}

/** Adds a finished run's chain to the cache (done runs only, never cache replays). */
export async function rememberRun(record: RunRecord, settings: Settings, fetchImpl?: typeof fetch): Promise<void> {
  if (!settings.cacheEnabled || record.status !== 'done' || record.cache || !record.steps.length) return;
  const { vector, model } = await embed(record.prompt, settings, fetchImpl);
  await ensureLoaded(model);
  const floats = vector instanceof Float32Array ? vector : Float32Array.from(vector);
  const { key } = await putCacheEntry({ embeddingModel: model, vector: floats, prompt: record.prompt, runId: record.id });
  cache.add(model, key, floats, { runId: record.id, prompt: record.prompt, key });
}

export async function clearPromptCache(): Promise<void> {
  cache.clear();
  loaded.clear();
  await clearCache();
}

export function cachedPromptCount(): number {
  return cache.size();
}

/** Forgets entries whose runs were replaced or deleted (already removed from IndexedDB). */
export function forgetCacheKeys(keys: readonly string[]): void {
  for (const key of keys) {
    const parsed = parseCacheKey(key);
    if (parsed) cache.remove(parsed.embeddingModel, key);
  }
}
