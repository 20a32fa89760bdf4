/**
 * Cache entries are kept per embedding model: similarities between vectors of different models
 * mean nothing. The persistent key is `${embeddingModel}::${id}` (id: usually the run id).
 */
export const KEY_SEPARATOR = '::';

export function cacheKey(embeddingModel: string, id: string): string {
  return `${embeddingModel}${KEY_SEPARATOR}${id}`;
}

/** Splits at the last separator (model ids such as `hf.co/x::y` may contain it; run ids do not). */
export function parseCacheKey(key: string): { embeddingModel: string; id: string } | null {
  const at = key.lastIndexOf(KEY_SEPARATOR);
  if (at < 0) return null;
  return { embeddingModel: key.slice(0, at), id: key.slice(at + KEY_SEPARATOR.length) };
}
