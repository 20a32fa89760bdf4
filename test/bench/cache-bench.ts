/**
 * Similarity-cache lookup speed: exact cosine top-1 over 100,000 stored vectors.
 *
 * Builds an index of `entries` seeded random unit vectors (dimension 512, the built-in lexical
 * embedding's), then times `queries` lookups: half near-duplicates of stored entries (a
 * paraphrase-like perturbation, which must come back as the source entry), half random.
 * Reports p50/p95 lookup ms and the build time, per backend (WebAssembly SIMD, and the plain
 * JavaScript fallback used when SIMD is unavailable). Budget: p95 under 20 ms.
 *
 * `npm run bench` calls `runCacheBench()`; alone: `npx tsx test/bench/cache-bench.ts`.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSimilarityIndex, type KernelBackend } from '../../src/core/cache';
import { createRng } from '../../src/core/random';
import { percentile } from '../../src/core/capacity/stats';

export type CacheBenchOptions = {
  entries?: number;
  dim?: number;
  queries?: number;
  seed?: number;
  backends?: (KernelBackend | 'auto')[];
  /** Print a summary line per backend (default true). */
  print?: boolean;
};

export type CacheBenchResult = {
  backend: KernelBackend;
  entries: number;
  dim: number;
  queries: number;
  buildMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Near-duplicate queries that found their source entry (should be 1). */
  recall: number;
  budgetMs: number;
  withinBudget: boolean;
};

const BUDGET_MS = 20;

export function runCacheBench(options: CacheBenchOptions = {}): CacheBenchResult[] {
  const entries = options.entries ?? 100_000;
  const dim = options.dim ?? 512;
  const queries = options.queries ?? 200;
  const seed = options.seed ?? 20_251_107;
  const backends = options.backends ?? ['auto', 'js'];
  const results: CacheBenchResult[] = [];

  for (const backend of backends) {
    const rng = createRng(seed);
    // One reusable buffer: the index copies (and normalizes) each vector on add.
    const all = new Float32Array(entries * dim);
    for (let i = 0; i < all.length; i++) all[i] = rng.normal();

    const index = createSimilarityIndex<number>({ dim, capacity: entries, backend });
    const t0 = performance.now();
    for (let i = 0; i < entries; i++) index.add(`run-${i}`, all.subarray(i * dim, (i + 1) * dim), i);
    const buildMs = performance.now() - t0;

    const q = new Float32Array(dim);
    const times: number[] = [];
    let nearTotal = 0;
    let nearFound = 0;
    // Warm-up (JIT, page faults) outside the measurement.
    for (let w = 0; w < 5; w++) index.search(all.subarray(0, dim), 1, { touch: false });
    for (let k = 0; k < queries; k++) {
      const near = k % 2 === 0;
      const target = rng.int(entries);
      for (let i = 0; i < dim; i++) q[i] = near ? all[target * dim + i] + 0.3 * rng.normal() : rng.normal();
      const t = performance.now();
      const [hit] = index.search(q, 1);
      times.push(performance.now() - t);
      if (near) {
        nearTotal++;
        if (hit?.id === `run-${target}`) nearFound++;
      }
    }
    const p95Ms = percentile(times, 95);
    const r: CacheBenchResult = {
      backend: index.backend,
      entries,
      dim,
      queries,
      buildMs,
      p50Ms: percentile(times, 50),
      p95Ms,
      maxMs: Math.max(...times),
      recall: nearTotal ? nearFound / nearTotal : 1,
      budgetMs: BUDGET_MS,
      withinBudget: p95Ms < BUDGET_MS,
    };
    results.push(r);
    if (options.print !== false) {
      console.log(
        `cache lookup [${r.backend}] ${entries.toLocaleString('en')} × ${dim}: p50 ${r.p50Ms.toFixed(2)} ms, p95 ${r.p95Ms.toFixed(2)} ms, max ${r.maxMs.toFixed(2)} ms` +
          ` (budget ${BUDGET_MS} ms: ${r.withinBudget ? 'ok' : 'OVER'}); build ${r.buildMs.toFixed(0)} ms; near-duplicate recall ${(r.recall * 100).toFixed(0)} %`,
      );
    }
  }
  return results;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runCacheBench();
