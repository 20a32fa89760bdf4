/**
 * Cosine similarity of two vectors of the same length (plain arrays or typed arrays such as
 * Float32Array), accumulated in double precision and clamped to [−1, 1]. 0 when either vector
 * is all zeros (no direction, so no similarity). Throws a RangeError on a length mismatch.
 */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`cosineSimilarity: vectors differ in length (${a.length} vs ${b.length})`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  if (na === 0 || nb === 0) return 0;
  const c = dot / (Math.sqrt(na) * Math.sqrt(nb));
  return c > 1 ? 1 : c < -1 ? -1 : c;
}

/** Euclidean (L2) norm. */
export function l2Norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/** A unit-length Float32Array copy of `v` (all zeros stays all zeros). */
export function normalize(v: ArrayLike<number>): Float32Array {
  const out = new Float32Array(v.length);
  const n = l2Norm(v);
  if (n > 0) for (let i = 0; i < v.length; i++) out[i] = v[i] / n;
  return out;
}
