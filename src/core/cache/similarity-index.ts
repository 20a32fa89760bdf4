import { createDotKernel, type DotKernel, type KernelBackend } from './dot-kernel';

/**
 * In-memory nearest-neighbour index for the similarity cache: exact (brute-force) cosine search
 * with LRU eviction at a fixed capacity.
 *
 * Layout: vectors are L2-normalized on the way in (so cosine = dot product) and kept in one
 * contiguous Float32Array, rows packed 0..size-1 (removal moves the last row into the hole),
 * each row zero-padded to a multiple of 16 floats. A lookup is one pass over that array
 * (WebAssembly SIMD, else a 4-accumulator JS loop) followed by a top-k pick; the k winners'
 * similarities are then recomputed in double precision. LRU order is an intrusive doubly
 * linked list over row numbers: add, touch, remove and evict are O(1) (plus one row copy).
 *
 * One index holds one embedding model's vectors (similarities across models mean nothing);
 * `createSimilarityCache` keeps one per model.
 */

export type SimilarityHit<M = unknown> = { id: string; similarity: number; meta: M };

export type SearchOptions = {
  /** Only hits at or above this similarity are returned (default: no floor). */
  minSimilarity?: number;
  /** Mark the returned hits as recently used (default true). */
  touch?: boolean;
};

export type SimilarityIndexOptions = {
  dim: number;
  capacity: number;
  /** 'auto' (default) uses WebAssembly SIMD when available; 'js' forces the plain loop. */
  backend?: KernelBackend | 'auto';
};

export interface SimilarityIndex<M = unknown> {
  readonly dim: number;
  readonly capacity: number;
  readonly size: number;
  readonly backend: KernelBackend;
  /**
   * Adds or replaces `id` and marks it most recently used. Returns the ids evicted to make room
   * (least recently used first), so a persistent copy can drop them too.
   */
  add(id: string, vector: ArrayLike<number>, meta: M): string[];
  /** The k most similar entries, most similar first. */
  search(vector: ArrayLike<number>, k?: number, options?: SearchOptions): SimilarityHit<M>[];
  remove(id: string): boolean;
  has(id: string): boolean;
  get(id: string): M | undefined;
  /** Marks `id` most recently used; false when absent. */
  touch(id: string): boolean;
  /** Ids from most to least recently used. */
  ids(): string[];
  clear(): void;
}

function checkVector(v: ArrayLike<number>, dim: number, what: string): number {
  if (v.length !== dim) throw new RangeError(`${what}: expected a vector of ${dim} numbers, got ${v.length}`);
  let ss = 0;
  for (let i = 0; i < dim; i++) {
    const x = v[i];
    if (!Number.isFinite(x)) throw new RangeError(`${what}: vector has a non-finite value at ${i}`);
    ss += x * x;
  }
  return Math.sqrt(ss);
}

export function createSimilarityIndex<M = unknown>(options: SimilarityIndexOptions): SimilarityIndex<M> {
  const { dim, capacity } = options;
  if (!(Number.isInteger(dim) && dim > 0)) throw new RangeError(`createSimilarityIndex: dim must be a positive integer (got ${dim})`);
  if (!(Number.isInteger(capacity) && capacity > 0)) throw new RangeError(`createSimilarityIndex: capacity must be a positive integer (got ${capacity})`);

  const kernel: DotKernel = createDotKernel(dim, capacity, options.backend ?? 'auto');
  const stride = kernel.stride;
  const slotOf = new Map<string, number>();
  const idAt: string[] = [];
  const metaAt: M[] = [];
  const prev = new Int32Array(capacity);
  const next = new Int32Array(capacity);
  let head = -1; // most recently used
  let tail = -1; // least recently used
  let size = 0;

  const unlink = (s: number) => {
    const p = prev[s];
    const n = next[s];
    if (p >= 0) next[p] = n;
    else head = n;
    if (n >= 0) prev[n] = p;
    else tail = p;
  };
  const pushFront = (s: number) => {
    prev[s] = -1;
    next[s] = head;
    if (head >= 0) prev[head] = s;
    head = s;
    if (tail < 0) tail = s;
  };
  const touchSlot = (s: number) => {
    if (head === s) return;
    unlink(s);
    pushFront(s);
  };

  const writeRow = (s: number, v: ArrayLike<number>, norm: number) => {
    const rows = kernel.rows;
    const o = s * stride;
    const inv = norm > 0 ? 1 / norm : 0;
    for (let i = 0; i < dim; i++) rows[o + i] = v[i] * inv;
    // Padding (dim..stride) stays zero: rows are zeroed when freed.
  };

  /** Removes the row at slot s, moving the last row into its place. */
  const removeSlot = (s: number) => {
    unlink(s);
    slotOf.delete(idAt[s]);
    const last = size - 1;
    const rows = kernel.rows;
    if (s !== last) {
      rows.copyWithin(s * stride, last * stride, (last + 1) * stride);
      const id = idAt[last];
      idAt[s] = id;
      metaAt[s] = metaAt[last];
      slotOf.set(id, s);
      // Re-point the LRU links from `last` to `s`.
      const p = prev[last];
      const n = next[last];
      prev[s] = p;
      next[s] = n;
      if (p >= 0) next[p] = s;
      else head = s;
      if (n >= 0) prev[n] = s;
      else tail = s;
    }
    rows.fill(0, last * stride, (last + 1) * stride);
    idAt.length = last;
    metaAt.length = last;
    size = last;
  };

  const index: SimilarityIndex<M> = {
    dim,
    capacity,
    backend: kernel.backend,
    get size() {
      return size;
    },
    add(id, vector, meta) {
      const norm = checkVector(vector, dim, 'add');
      const existing = slotOf.get(id);
      if (existing !== undefined) {
        writeRow(existing, vector, norm);
        metaAt[existing] = meta;
        touchSlot(existing);
        return [];
      }
      const evicted: string[] = [];
      while (size >= capacity) {
        evicted.push(idAt[tail]);
        removeSlot(tail);
      }
      kernel.reserve(size + 1);
      const s = size++;
      idAt[s] = id;
      metaAt[s] = meta;
      slotOf.set(id, s);
      writeRow(s, vector, norm);
      pushFront(s);
      return evicted;
    },
    search(vector, k = 1, opts = {}) {
      const norm = checkVector(vector, dim, 'search');
      const want = Math.min(Math.max(0, Math.floor(k)), size);
      if (want === 0) return [];
      const q = kernel.query;
      const inv = norm > 0 ? 1 / norm : 0;
      for (let i = 0; i < dim; i++) q[i] = vector[i] * inv;
      kernel.scan(size);
      const scores = kernel.scores;
      const floor = opts.minSimilarity ?? -Infinity;
      // Candidate floor slightly below the requested one: float32 scores can sit a hair under
      // the double-precision value that is checked afterwards.
      const candFloor = floor - 1e-5;
      const best: number[] = [];
      const bestScore: number[] = [];
      if (want === 1) {
        let b = -1;
        let bs = -Infinity;
        for (let s = 0; s < size; s++) {
          const v = scores[s];
          if (v > bs) {
            bs = v;
            b = s;
          }
        }
        if (b >= 0 && bs >= candFloor) {
          best.push(b);
          bestScore.push(bs);
        }
      } else {
        let worst = candFloor;
        for (let s = 0; s < size; s++) {
          const v = scores[s];
          if (v < worst || (v === worst && best.length === want)) continue;
          let i = best.length;
          while (i > 0 && bestScore[i - 1] < v) i--;
          best.splice(i, 0, s);
          bestScore.splice(i, 0, v);
          if (best.length > want) {
            best.pop();
            bestScore.pop();
          }
          if (best.length === want) worst = bestScore[want - 1];
        }
      }
      const rows = kernel.rows;
      const hits: SimilarityHit<M>[] = [];
      for (const s of best) {
        let d = 0;
        const o = s * stride;
        for (let i = 0; i < dim; i++) d += rows[o + i] * q[i];
        const sim = d > 1 ? 1 : d < -1 ? -1 : d;
        if (sim >= floor) hits.push({ id: idAt[s], similarity: sim, meta: metaAt[s] });
      }
      hits.sort((a, b) => b.similarity - a.similarity);
      if (opts.touch !== false) for (let i = hits.length - 1; i >= 0; i--) touchSlot(slotOf.get(hits[i].id) as number);
      return hits;
    },
    remove(id) {
      const s = slotOf.get(id);
      if (s === undefined) return false;
      removeSlot(s);
      return true;
    },
    has: (id) => slotOf.has(id),
    get(id) {
      const s = slotOf.get(id);
      return s === undefined ? undefined : metaAt[s];
    },
    touch(id) {
      const s = slotOf.get(id);
      if (s === undefined) return false;
      touchSlot(s);
      return true;
    },
    ids() {
      const out: string[] = [];
      for (let s = head; s >= 0; s = next[s]) out.push(idAt[s]);
      return out;
    },
    clear() {
      kernel.rows.fill(0, 0, size * stride);
      slotOf.clear();
      idAt.length = 0;
      metaAt.length = 0;
      head = tail = -1;
      size = 0;
    },
  };
  return index;
}
