/**
 * The one seeded random source of the project. Nothing here touches Math.random: the same seed
 * always yields the same stream, so every analysis (bootstrap, sampling), the demo's delta
 * sizes and the verifier's MinHash seeds are reproducible.
 */

export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
};

/** mulberry32: a small, fast 32-bit generator; good enough for resampling and sampling. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  let spare: number | null = null;
  return {
    next,
    int: (n) => Math.min(n - 1, Math.floor(next() * n)),
    normal: () => {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}

/**
 * k distinct indices out of [0, n), in ascending order, chosen uniformly by a seeded
 * partial Fisher–Yates shuffle. Deterministic for a given (n, k, seed).
 */
export function sampleIndices(n: number, k: number, seed: number): Uint32Array {
  if (k >= n) return Uint32Array.from({ length: n }, (_, i) => i);
  const rng = createRng(seed);
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  return idx.slice(0, k).sort();
}

/** Below this mean (of the rarer outcome) a binomial is drawn exactly by inversion; above, by the normal approximation. */
const BINOMIAL_EXACT_MEAN = 30;

/**
 * One Binomial(n, p) draw. Exact (CDF inversion, O(mean) steps) while n·min(p, 1 − p) < 30;
 * above that the continuity-corrected normal approximation, rounded and clamped to [0, n]
 * (its error in any probability is then below ~1 %, far under a bootstrap's own noise).
 */
export function binomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(rng, n, 1 - p);
  const mean = n * p;
  if (mean < BINOMIAL_EXACT_MEAN) {
    // Inversion: walk the pmf from 0 until it passes a uniform.
    const q = 1 - p;
    let pmf = Math.pow(q, n);
    let cdf = pmf;
    const u = rng.next();
    let x = 0;
    while (u > cdf && x < n) {
      pmf *= ((n - x) / (x + 1)) * (p / q);
      x++;
      cdf += pmf;
      if (pmf === 0 && cdf < u) break;
    }
    return x;
  }
  const x = Math.round(mean + Math.sqrt(mean * (1 - p)) * rng.normal());
  return Math.max(0, Math.min(n, x));
}

/**
 * A multinomial draw of `n` items over cells with the given counts (probabilities count / total),
 * by conditional binomials: O(cells), whatever n. Writes into `out` and returns it.
 */
export function multinomialCounts(rng: Rng, n: number, counts: ArrayLike<number>, out: Float64Array): Float64Array {
  let total = 0;
  for (let c = 0; c < counts.length; c++) total += counts[c];
  let left = n;
  let mass = total;
  for (let c = 0; c < counts.length; c++) {
    // Integer counts keep `mass` exact, so the last non-empty cell gets p = 1 and takes what is left.
    const x = left > 0 && mass > 0 ? binomial(rng, left, counts[c] / mass) : 0;
    out[c] = x;
    left -= x;
    mass -= counts[c];
  }
  return out;
}
