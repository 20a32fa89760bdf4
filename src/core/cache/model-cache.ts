import type { KernelBackend } from './dot-kernel';
import { createSimilarityIndex, type SearchOptions, type SimilarityHit, type SimilarityIndex } from './similarity-index';

/**
 * One similarity index per embedding model, created on first use with the dimension of the
 * first vector seen for that model. Capacity applies per model.
 */
export interface SimilarityCache<M = unknown> {
  add(embeddingModel: string, id: string, vector: ArrayLike<number>, meta: M): string[];
  search(embeddingModel: string, vector: ArrayLike<number>, k?: number, options?: SearchOptions): SimilarityHit<M>[];
  remove(embeddingModel: string, id: string): boolean;
  touch(embeddingModel: string, id: string): boolean;
  /** The model's index, if it has one. */
  index(embeddingModel: string): SimilarityIndex<M> | undefined;
  models(): string[];
  size(embeddingModel?: string): number;
  /** Drops one model's entries, or all. */
  clear(embeddingModel?: string): void;
}

export function createSimilarityCache<M = unknown>(options: { capacity: number; backend?: KernelBackend | 'auto' }): SimilarityCache<M> {
  const indexes = new Map<string, SimilarityIndex<M>>();
  const forAdd = (model: string, dim: number) => {
    let ix = indexes.get(model);
    if (!ix) {
      ix = createSimilarityIndex<M>({ dim, capacity: options.capacity, backend: options.backend });
      indexes.set(model, ix);
    }
    return ix;
  };
  return {
    add: (model, id, vector, meta) => forAdd(model, vector.length).add(id, vector, meta),
    search: (model, vector, k, opts) => indexes.get(model)?.search(vector, k, opts) ?? [],
    remove: (model, id) => indexes.get(model)?.remove(id) ?? false,
    touch: (model, id) => indexes.get(model)?.touch(id) ?? false,
    index: (model) => indexes.get(model),
    models: () => [...indexes.keys()],
    size(model) {
      if (model !== undefined) return indexes.get(model)?.size ?? 0;
      let n = 0;
      for (const ix of indexes.values()) n += ix.size;
      return n;
    },
    clear(model) {
      if (model === undefined) indexes.clear();
      else indexes.delete(model);
    },
  };
}
