/**
 * Repetition and loops. Each step becomes a set of hashed word 3-gram shingles; a new step is
 * compared (exact Jaccard) with candidate earlier steps found through a MinHash LSH index plus
 * the last few steps. The work per step is bounded (LSH buckets keep only their most recent
 * entries), so a 10,000-step chain costs no more per step than a 10-step one.
 */

const HASHES = 32;
const BANDS = 8;
const ROWS = HASHES / BANDS;
/** Most recent steps kept per LSH bucket. */
const BUCKET_CAP = 8;
/** The last few steps are always compared directly (catches lower thresholds LSH may miss). */
const RECENT = 8;

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Fixed seeds from an LCG: deterministic, no Math.random. */
const SEEDS: number[] = (() => {
  const out: number[] = [];
  let x = 0x2545f491;
  for (let i = 0; i < HASHES; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out.push(x);
  }
  return out;
})();

/**
 * Words, numbers, LaTeX command names and single symbols: signs and operators count, so
 * "x = \\frac{\\pi}{6}" and "x = -\\frac{\\pi}{6}" (the two cases of a case split) differ.
 */
export function words(text: string): string[] {
  return text.toLowerCase().match(/\\[a-z]+|[a-z]+|\d+(?:\.\d+)?|[^\sa-z\d.,;:!?'"{}()[\]\\]/g) ?? [];
}

export function shingles(ws: readonly string[], n = 3): Set<number> {
  const out = new Set<number>();
  if (ws.length < n) {
    if (ws.length > 0) out.add(fnv1a(ws.join(' ')));
    return out;
  }
  for (let i = 0; i + n <= ws.length; i++) out.add(fnv1a(ws.slice(i, i + n).join(' ')));
  return out;
}

export function jaccard(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

function signature(set: ReadonlySet<number>): number[] {
  const sig = new Array<number>(HASHES).fill(0xffffffff);
  for (const x of set) {
    for (let i = 0; i < HASHES; i++) {
      const h = mix(x ^ SEEDS[i]);
      if (h < sig[i]) sig[i] = h;
    }
  }
  return sig;
}

export type RepeatMatch = { step: number; similarity: number };

export class RepetitionIndex {
  private readonly sets = new Map<number, Set<number>>();
  private readonly buckets = new Map<string, number[]>();
  private readonly recent: number[] = [];
  comparisons = 0;

  /**
   * Adds a step and returns the most similar earlier step at or above `threshold`
   * (earliest on ties), or null. Steps with fewer than `minWords` words are indexed but never match.
   */
  add(index: number, text: string, threshold: number, minWords: number): RepeatMatch | null {
    const ws = words(text);
    const set = shingles(ws);
    const sig = signature(set);
    const candidates = new Set<number>(this.recent);
    const keys: string[] = [];
    for (let b = 0; b < BANDS; b++) {
      const key = `${b}:${sig.slice(b * ROWS, (b + 1) * ROWS).join(',')}`;
      keys.push(key);
      const bucket = this.buckets.get(key);
      if (bucket) for (const s of bucket) candidates.add(s);
    }
    let best: RepeatMatch | null = null;
    if (ws.length >= minWords && set.size > 0) {
      for (const c of candidates) {
        const other = this.sets.get(c);
        if (!other) continue;
        this.comparisons++;
        const sim = jaccard(set, other);
        if (sim >= threshold && (!best || sim > best.similarity || (sim === best.similarity && c < best.step))) best = { step: c, similarity: sim };
      }
    }
    this.sets.set(index, set);
    for (const key of keys) {
      let bucket = this.buckets.get(key);
      if (!bucket) this.buckets.set(key, (bucket = []));
      bucket.push(index);
      if (bucket.length > BUCKET_CAP) bucket.shift();
    }
    this.recent.push(index);
    if (this.recent.length > RECENT) this.recent.shift();
    return best;
  }
}
