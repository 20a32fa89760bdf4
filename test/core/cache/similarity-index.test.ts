import { describe, expect, it } from 'vitest';
import { cosineSimilarity, createSimilarityCache, createSimilarityIndex, embedLexical, parseCacheKey, cacheKey } from '../../../src/core/cache';
import { createRng } from '../../../src/core/random';

const randomVectors = (n: number, dim: number, seed: number) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => Float32Array.from({ length: dim }, () => rng.normal()));
};

describe.each(['auto', 'js'] as const)('createSimilarityIndex (backend %s)', (backend) => {
  it('uses SIMD WebAssembly when asked for auto in Node', () => {
    const ix = createSimilarityIndex({ dim: 8, capacity: 4, backend });
    expect(ix.backend).toBe(backend === 'js' ? 'js' : 'wasm-simd');
  });

  it('finds the exact vector and ranks by cosine, matching a brute-force scan', () => {
    const dim = 37; // not a multiple of 16: exercises the padding
    const vs = randomVectors(300, dim, 7);
    const ix = createSimilarityIndex<{ n: number }>({ dim, capacity: 500, backend });
    vs.forEach((v, i) => ix.add(`id${i}`, v, { n: i }));
    expect(ix.size).toBe(300);
    const [hit] = ix.search(vs[123]);
    expect(hit.id).toBe('id123');
    expect(hit.meta).toEqual({ n: 123 });
    expect(hit.similarity).toBeCloseTo(1, 6);

    const q = randomVectors(1, dim, 99)[0];
    const brute = vs.map((v, i) => ({ id: `id${i}`, s: cosineSimilarity(q, v) })).sort((a, b) => b.s - a.s);
    const top = ix.search(q, 5, { touch: false });
    expect(top.map((h) => h.id)).toEqual(brute.slice(0, 5).map((b) => b.id));
    top.forEach((h, i) => expect(h.similarity).toBeCloseTo(brute[i].s, 6));
  });

  it('scales the stored vector (cosine, not dot) and handles zero vectors', () => {
    const ix = createSimilarityIndex({ dim: 3, capacity: 4, backend });
    ix.add('a', [10, 0, 0], null);
    ix.add('z', [0, 0, 0], null);
    expect(ix.search([0.5, 0.5, 0], 2).map((h) => [h.id, +h.similarity.toFixed(6)])).toEqual([
      ['a', +Math.SQRT1_2.toFixed(6)],
      ['z', 0],
    ]);
    expect(ix.search([0, 0, 0], 1)[0].similarity).toBe(0);
  });

  it('minSimilarity filters hits', () => {
    const ix = createSimilarityIndex({ dim: 2, capacity: 4, backend });
    ix.add('x', [1, 0], null);
    ix.add('y', [0, 1], null);
    expect(ix.search([1, 0.1], 2, { minSimilarity: 0.9 }).map((h) => h.id)).toEqual(['x']);
    expect(ix.search([-1, -1], 1, { minSimilarity: 0.5 })).toEqual([]);
    expect(ix.search([1, 0], 1, { minSimilarity: 1 })).toHaveLength(1); // identical vector clears a threshold of 1
  });

  it('evicts the least recently used at capacity; a hit or touch refreshes', () => {
    const ix = createSimilarityIndex({ dim: 2, capacity: 3, backend });
    expect(ix.add('a', [1, 0], 'A')).toEqual([]);
    ix.add('b', [0, 1], 'B');
    ix.add('c', [1, 1], 'C');
    expect(ix.ids()).toEqual(['c', 'b', 'a']);
    ix.search([1, 0.01]); // hits 'a' → most recent
    expect(ix.ids()).toEqual(['a', 'c', 'b']);
    expect(ix.add('d', [-1, 0], 'D')).toEqual(['b']);
    expect(ix.has('b')).toBe(false);
    expect(ix.touch('c')).toBe(true);
    expect(ix.add('e', [0, -1], 'E')).toEqual(['a']);
    expect(ix.ids()).toEqual(['e', 'c', 'd']);
    expect(ix.size).toBe(3);
    // Search still right after the row moves.
    expect(ix.search([0, -1])[0]).toMatchObject({ id: 'e', meta: 'E' });
    expect(ix.search([1, 1])[0]).toMatchObject({ id: 'c', meta: 'C' });
    expect(ix.search([-1, 0])[0]).toMatchObject({ id: 'd', meta: 'D' });
  });

  it('touch: false leaves the order alone; re-adding an id replaces it in place', () => {
    const ix = createSimilarityIndex({ dim: 2, capacity: 3, backend });
    ix.add('a', [1, 0], 1);
    ix.add('b', [0, 1], 2);
    ix.search([1, 0], 1, { touch: false });
    expect(ix.ids()).toEqual(['b', 'a']);
    expect(ix.add('a', [0, 1], 3)).toEqual([]);
    expect(ix.size).toBe(2);
    expect(ix.get('a')).toBe(3);
    expect(ix.ids()).toEqual(['a', 'b']);
    expect(ix.search([1, 0], 2).every((h) => h.similarity < 0.01)).toBe(true);
  });

  it('remove keeps the rest searchable and the LRU list intact', () => {
    const dim = 16;
    const vs = randomVectors(50, dim, 3);
    const ix = createSimilarityIndex({ dim, capacity: 50, backend });
    vs.forEach((v, i) => ix.add(String(i), v, i));
    for (const i of [0, 49, 25, 10, 11]) expect(ix.remove(String(i))).toBe(true);
    expect(ix.remove('25')).toBe(false);
    expect(ix.size).toBe(45);
    for (let i = 0; i < 50; i++) {
      const hit = ix.search(vs[i], 1, { touch: false })[0];
      if ([0, 49, 25, 10, 11].includes(i)) expect(hit.id).not.toBe(String(i));
      else expect(hit.id).toBe(String(i));
    }
    const order = ix.ids();
    expect(order).toHaveLength(45);
    expect(order[0]).toBe('48');
    expect(order[order.length - 1]).toBe('1');
    ix.clear();
    expect(ix.size).toBe(0);
    expect(ix.search(vs[1])).toEqual([]);
  });

  it('grows past its initial allocation', () => {
    const dim = 8;
    const vs = randomVectors(3000, dim, 11);
    const ix = createSimilarityIndex({ dim, capacity: 2500, backend });
    vs.forEach((v, i) => ix.add(String(i), v, i));
    expect(ix.size).toBe(2500);
    expect(ix.search(vs[2999])[0].id).toBe('2999');
    expect(ix.search(vs[600])[0].id).toBe('600');
    expect(ix.has('499')).toBe(false);
  });

  it('rejects wrong dimensions and non-finite values', () => {
    const ix = createSimilarityIndex({ dim: 3, capacity: 2, backend });
    expect(() => ix.add('a', [1, 2], null)).toThrow(RangeError);
    expect(() => ix.add('a', [1, NaN, 2], null)).toThrow(RangeError);
    expect(() => ix.search([1, 2])).toThrow(RangeError);
    expect(() => createSimilarityIndex({ dim: 0, capacity: 1 })).toThrow(RangeError);
  });
});

describe('createSimilarityCache (one index per embedding model)', () => {
  it('keeps models apart, each with its own dimension', () => {
    const cache = createSimilarityCache<string>({ capacity: 10 });
    cache.add('lexical', 'r1', embedLexical('What is 17 × 24?'), 'r1');
    cache.add('nomic', 'r1', [1, 0, 0], 'r1');
    cache.add('nomic', 'r2', [0, 1, 0], 'r2');
    expect(cache.models()).toEqual(['lexical', 'nomic']);
    expect(cache.size()).toBe(3);
    expect(cache.size('nomic')).toBe(2);
    expect(cache.search('lexical', embedLexical('what is 17 x 24'), 1)[0].id).toBe('r1');
    expect(cache.search('nomic', [0, 0.9, 0.1], 1)[0].id).toBe('r2');
    expect(cache.search('unknown', [1], 1)).toEqual([]);
    cache.clear('nomic');
    expect(cache.size()).toBe(1);
  });

  it('cache keys include the model id', () => {
    expect(cacheKey('nomic-embed-text', 'run-1')).toBe('nomic-embed-text::run-1');
    expect(parseCacheKey('hf.co/a::b::run-1')).toEqual({ embeddingModel: 'hf.co/a::b', id: 'run-1' });
    expect(parseCacheKey('nope')).toBeNull();
  });
});
