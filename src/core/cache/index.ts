/**
 * Similarity cache core: vectors, the built-in lexical embedding, the in-memory index and the
 * `/v1/embeddings` wire format. Pure (no I/O, clock or randomness).
 */
export { cosineSimilarity, l2Norm, normalize } from './cosine';
export { embedLexical, normalizeForEmbedding, extractNumbers, numbersMatch, LEXICAL_DIM, LEXICAL_EMBEDDING_MODEL } from './lexical';
export type { LexicalOptions } from './lexical';
export { createSimilarityIndex } from './similarity-index';
export type { SimilarityIndex, SimilarityIndexOptions, SimilarityHit, SearchOptions } from './similarity-index';
export { createSimilarityCache } from './model-cache';
export type { SimilarityCache } from './model-cache';
export { cacheKey, parseCacheKey, KEY_SEPARATOR } from './keys';
export { buildEmbeddingsRequest, parseEmbeddingsResponse } from './embeddings-api';
export type { EmbeddingsRequestConfig } from './embeddings-api';
export type { KernelBackend } from './dot-kernel';
