/**
 * Repetition and loops. Each step becomes a set of hashed word 3-gram shingles; a new step is
 * compared (exact Jaccard) with candidate earlier steps found through a MinHash LSH index plus
 * the last few steps. The work per step is bounded (LSH buckets keep only their most recent
 * entries), so a 10,000-step chain costs no more per step than a 10-step one.
 *
 * Hot path (`RepetitionIndex.add`, run on every streamed step), allocation-free apart from the
 * lower-cased text: words are scanned in place (offsets, no substrings); each shingle is hashed
 * straight from the characters (the same FNV-1a value as hashing the joined "w1 w2 w3"); a
 * step's shingle set is kept sorted and de-duplicated, so exact Jaccard is a merge (skipped
 * when the set sizes alone rule the threshold out, stopped once too few elements remain); the
 * MinHash signature goes into a reusable buffer; LSH buckets live in typed arrays, found by a
 * numeric hash of band and rows with the rows compared exactly (so buckets are the same as
 * keying them by "band:rows" strings). The findings are those of the plain version:
 * `words`, `shingles` and `jaccard` below are its reference definitions.
 */

import { FNV_OFFSET, FNV_PRIME, fmix32, fnv1a } from '../hash';
import { mulberry32 } from '../random';

const HASHES = 32;
const BANDS = 8;
const ROWS = HASHES / BANDS;
/** Most recent steps kept per LSH bucket. */
const BUCKET_CAP = 8;
/** The last few steps are always compared directly (catches lower thresholds LSH may miss). */
const RECENT = 8;
/** Words per shingle. */
const N = 3;



/** Fixed seeds from the seeded generator: deterministic, no Math.random. */
const SEEDS: Uint32Array = (() => {
  const next = mulberry32(0x2545f491);
  return Uint32Array.from({ length: HASHES }, () => Math.floor(next() * 4294967296) >>> 0);
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

// ---------------------------------------------------------------- fast path

/** Exactly the characters of the regex class `\s`. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Single characters that are not words on their own: `. , ; : ! ? ' " { } ( ) [ ] \`. */
function isPunct(c: number): boolean {
  switch (c) {
    case 46: // .
    case 44: // ,
    case 59: // ;
    case 58: // :
    case 33: // !
    case 63: // ?
    case 39: // '
    case 34: // "
    case 123: // {
    case 125: // }
    case 40: // (
    case 41: // )
    case 91: // [
    case 93: // ]
    case 92: // \
      return true;
    default:
      return false;
  }
}

const isLower = (c: number) => c >= 97 && c <= 122;
const isDigit = (c: number) => c >= 48 && c <= 57;

function grown<T extends Int32Array | Uint32Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  let size = a.length * 2;
  while (size < need) size *= 2;
  const b = (a instanceof Int32Array ? new Int32Array(size) : new Uint32Array(size)) as T;
  b.set(a);
  return b;
}

// Scratch buffers, reused across calls (grown on demand).
let wordStart = new Int32Array(256);
let wordEnd = new Int32Array(256);
/** The current step's shingles; after `shingleStep`, its first entries are the sorted set. */
let hashBuf = new Uint32Array(256);
/** Number of words of the text last passed to `shingleStep`. */
let stepWords = 0;
/** MinHash signature of the current step, as int32 bit patterns. */
const sigBuf = new Int32Array(HASHES);

/**
 * The words of `s` (already lower-cased) as offsets into wordStart/wordEnd, exactly as the
 * regex of `words` matches them; returns how many.
 */
function scanWords(s: string): number {
  const len = s.length;
  let n = 0;
  let p = 0;
  while (p < len) {
    const c = s.charCodeAt(p);
    let end = -1;
    if (isLower(c)) {
      end = p + 1;
      while (end < len && isLower(s.charCodeAt(end))) end++;
    } else if (isDigit(c)) {
      end = p + 1;
      while (end < len && isDigit(s.charCodeAt(end))) end++;
      if (end + 1 < len && s.charCodeAt(end) === 46 && isDigit(s.charCodeAt(end + 1))) {
        end += 2;
        while (end < len && isDigit(s.charCodeAt(end))) end++;
      }
    } else if (c === 92) {
      if (p + 1 < len && isLower(s.charCodeAt(p + 1))) {
        end = p + 2;
        while (end < len && isLower(s.charCodeAt(end))) end++;
      }
    } else if (!isSpace(c) && !isPunct(c)) end = p + 1;
    if (end < 0) {
      p++;
      continue;
    }
    if (n === wordStart.length) {
      wordStart = grown(wordStart, n + 1);
      wordEnd = grown(wordEnd, n + 1);
    }
    wordStart[n] = p;
    wordEnd[n] = end;
    n++;
    p = end;
  }
  return n;
}

/** FNV-1a of words from..to-1 joined with single spaces (as `fnv1a(ws.slice(from, to).join(' '))`). */
function hashWords(s: string, from: number, to: number): number {
  let h = FNV_OFFSET;
  for (let w = from; w < to; w++) {
    if (w > from) h = Math.imul(h ^ 32, FNV_PRIME);
    const e = wordEnd[w];
    for (let i = wordStart[w]; i < e; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  }
  return h >>> 0;
}

/**
 * Shingles a step into hashBuf: its first entries become the sorted, de-duplicated set (the
 * values of `shingles(words(text))`); returns the set's size and leaves the word count in stepWords.
 */
function shingleStep(text: string): number {
  const s = text.toLowerCase();
  const n = scanWords(s);
  stepWords = n;
  if (n === 0) return 0;
  if (n < N) {
    hashBuf[0] = hashWords(s, 0, n);
    return 1;
  }
  const m = n - N + 1;
  hashBuf = grown(hashBuf, m);
  for (let i = 0; i < m; i++) hashBuf[i] = hashWords(s, i, i + N);
  const sorted = hashBuf.subarray(0, m).sort();
  let u = 1;
  for (let i = 1; i < m; i++) if (sorted[i] !== sorted[u - 1]) sorted[u++] = sorted[i];
  return u;
}

/** A step's shingle set as `RepetitionIndex` keeps it: sorted, de-duplicated; and its word count. */
export function shingleSet(text: string): { set: Uint32Array; words: number } {
  const u = shingleStep(text);
  return { set: hashBuf.slice(0, u), words: stepWords };
}

/**
 * Exact Jaccard similarity of two sorted, de-duplicated sets a[ao, ao+na) and b[bo, bo+nb) (as
 * `jaccard` on Sets); or -1 as soon as fewer than `need` common elements remain possible.
 */
function jaccardSorted(a: Uint32Array, ao: number, na: number, b: Uint32Array, bo: number, nb: number, need = 0): number {
  if (na === 0 && nb === 0) return 1;
  const ae = ao + na;
  const be = bo + nb;
  let i = ao;
  let j = bo;
  let inter = 0;
  while (i < ae && j < be) {
    if (inter + Math.min(ae - i, be - j) < need) return -1;
    const x = a[i];
    const y = b[j];
    if (x === y) {
      inter++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return inter / (na + nb - inter);
}

/**
 * The fewest common elements for which sets of sizes na and nb (both > 0) reach `threshold`,
 * evaluated with the same floating-point division as the similarity itself (which only grows
 * with the intersection); min(na, nb) + 1 when none do, 0 when the threshold is not in (0, 1].
 */
function minIntersection(na: number, nb: number, threshold: number): number {
  if (!(threshold > 0 && threshold <= 1)) return 0;
  const total = na + nb;
  const most = Math.min(na, nb);
  let k = Math.min(most + 1, Math.max(0, Math.ceil((threshold * total) / (1 + threshold))));
  while (k > 0 && (k - 1) / (total - (k - 1)) >= threshold) k--;
  while (k <= most && k / (total - k) < threshold) k++;
  return k;
}

/** Exact Jaccard similarity of two sorted, de-duplicated Uint32Arrays. */
export function jaccardOfSorted(a: Uint32Array, b: Uint32Array): number {
  return jaccardSorted(a, 0, a.length, b, 0, b.length);
}

/**
 * MinHash signature of hashBuf[0, u) into sigBuf: per seed, the least `fmix32(x ^ seed)` (unsigned;
 * compared as int32 with the sign bit flipped, which orders the same), 0xffffffff for an empty set.
 */
function signature(u: number): void {
  const set = hashBuf;
  for (let i = 0; i < HASHES; i++) {
    const seed = SEEDS[i];
    let m = 0x7fffffff; // 0xffffffff, sign-flipped
    for (let k = 0; k < u; k++) {
      let h = set[k] ^ seed;
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
      h ^= 0x80000000;
      if (h < m) m = h;
    }
    sigBuf[i] = m ^ 0x80000000;
  }
}

/** Bucket record layout in RepetitionIndex.bk (int32 fields). */
const B_HASH = 0;
const B_BAND = 1;
const B_ROWS = 2; // ROWS fields
const B_COUNT = B_ROWS + ROWS;
const B_HEAD = B_COUNT + 1;
const B_STEPS = B_HEAD + 1; // BUCKET_CAP fields: a ring of step ids, oldest at B_HEAD
const B_STRIDE = B_STEPS + BUCKET_CAP;

function bandHash(band: number, o: number): number {
  let h = fmix32(band + 0x9e3779b9);
  for (let r = 0; r < ROWS; r++) h = fmix32(h ^ sigBuf[o + r]);
  return h | 0;
}

export type RepeatMatch = { step: number; similarity: number };

/**
 * Steps are kept under dense internal ids (the same step index added again reuses its id, and
 * its new shingle set replaces the old one). Everything lives in typed arrays: the shingle
 * sets one after another in `pool`, the LSH buckets as fixed-size records in `bk` with an
 * open-addressing table `slots` over them, so adding a step allocates almost nothing.
 */
export class RepetitionIndex {
  private readonly ids = new Map<number, number>();
  private readonly stepIndex: number[] = [];
  private setStart = new Int32Array(1024);
  private setLen = new Int32Array(1024);
  private marks = new Int32Array(1024);
  private pool = new Uint32Array(16384);
  private poolLen = 0;
  private bk = new Int32Array(1024 * B_STRIDE);
  private bucketCount = 0;
  /** Per slot: bucket id + 1 (0 = empty) and the bucket's hash; at most half the slots are used. */
  private slots = new Int32Array(2 * 2048);
  private readonly recent = new Int32Array(RECENT);
  private recentCount = 0;
  private recentHead = 0;
  private readonly found = new Int32Array(BANDS);
  private readonly candidates = new Int32Array(RECENT + BANDS * BUCKET_CAP);
  private mark = 0;
  comparisons = 0;

  /**
   * Adds a step and returns the most similar earlier step at or above `threshold`
   * (earliest on ties), or null. Steps with fewer than `minWords` words are indexed but never match.
   */
  add(index: number, text: string, threshold: number, minWords: number): RepeatMatch | null {
    const size = shingleStep(text);
    const wordCount = stepWords;
    signature(size);
    if (this.mark === 0x7ffffffe) {
      // Marks are int32: start over rather than wrap.
      this.marks.fill(0);
      this.mark = 0;
    }
    const mark = ++this.mark;
    const marks = this.marks;
    const cand = this.candidates;
    let nc = 0;
    for (let r = 0; r < this.recentCount; r++) {
      const id = this.recent[r];
      if (marks[id] !== mark) {
        marks[id] = mark;
        cand[nc++] = id;
      }
    }
    for (let b = 0; b < BANDS; b++) {
      const bid = this.bucket(b);
      this.found[b] = bid;
      const base = bid * B_STRIDE;
      // A bucket fills its ring from slot 0 and only wraps once full: slots [0, count) are in use.
      const count = this.bk[base + B_COUNT];
      for (let k = 0; k < count; k++) {
        const id = this.bk[base + B_STEPS + k];
        if (marks[id] !== mark) {
          marks[id] = mark;
          cand[nc++] = id;
        }
      }
    }
    let bestStep = 0;
    let bestSim = 0;
    let found = false;
    if (wordCount >= minWords && size > 0) {
      for (let k = 0; k < nc; k++) {
        const id = cand[k];
        this.comparisons++;
        const other = this.setLen[id];
        // Jaccard ≤ min/max of the sizes (also in floating point): skip pairs that cannot reach the threshold.
        if ((size <= other ? size / other : other / size) < threshold) continue;
        const sim = jaccardSorted(hashBuf, 0, size, this.pool, this.setStart[id], other, minIntersection(size, other, threshold));
        const step = this.stepIndex[id];
        if (sim >= threshold && (!found || sim > bestSim || (sim === bestSim && step < bestStep))) {
          found = true;
          bestStep = step;
          bestSim = sim;
        }
      }
    }
    this.store(index, size);
    return found ? { step: bestStep, similarity: bestSim } : null;
  }

  /** Records the current step (shingles in hashBuf, buckets in `found`) under `index`. */
  private store(index: number, size: number): void {
    let id = this.ids.get(index);
    if (id === undefined) {
      id = this.stepIndex.length;
      this.ids.set(index, id);
      this.stepIndex.push(index === 0 ? 0 : index); // -0 as 0, as a Set of step indices had it
      this.setStart = grown(this.setStart, id + 1);
      this.setLen = grown(this.setLen, id + 1);
      this.marks = grown(this.marks, id + 1);
    }
    const pool = (this.pool = grown(this.pool, this.poolLen + size));
    const at = this.poolLen;
    for (let k = 0; k < size; k++) pool[at + k] = hashBuf[k];
    this.setStart[id] = at;
    this.setLen[id] = size;
    this.poolLen = at + size;
    const bk = this.bk;
    for (let b = 0; b < BANDS; b++) {
      const base = this.found[b] * B_STRIDE;
      const count = bk[base + B_COUNT];
      if (count < BUCKET_CAP) {
        bk[base + B_STEPS + ((bk[base + B_HEAD] + count) % BUCKET_CAP)] = id;
        bk[base + B_COUNT] = count + 1;
      } else {
        // Full: the oldest entry makes way.
        const head = bk[base + B_HEAD];
        bk[base + B_STEPS + head] = id;
        bk[base + B_HEAD] = (head + 1) % BUCKET_CAP;
      }
    }
    if (this.recentCount < RECENT) this.recent[this.recentCount++] = id;
    else {
      this.recent[this.recentHead] = id;
      this.recentHead = (this.recentHead + 1) % RECENT;
    }
  }

  /** The bucket of band `b` of the current signature, created empty if new. */
  private bucket(b: number): number {
    const o = b * ROWS;
    const hash = bandHash(b, o);
    let mask = (this.slots.length >> 1) - 1;
    let i = hash & mask;
    for (;;) {
      const slot = this.slots[2 * i];
      if (slot === 0) break;
      if (this.slots[2 * i + 1] === hash) {
        const base = (slot - 1) * B_STRIDE;
        if (this.bk[base + B_BAND] === b && this.sameRows(base, o)) return slot - 1;
      }
      i = (i + 1) & mask;
    }
    const bid = this.bucketCount++;
    this.bk = grown(this.bk, this.bucketCount * B_STRIDE);
    const base = bid * B_STRIDE;
    this.bk[base + B_HASH] = hash;
    this.bk[base + B_BAND] = b;
    for (let r = 0; r < ROWS; r++) this.bk[base + B_ROWS + r] = sigBuf[o + r];
    // A new bucket record is all zeros from B_COUNT on (the array only ever grows, zero-filled).
    if (this.bucketCount * 2 > this.slots.length >> 1) {
      this.rehash(this.slots.length);
      mask = (this.slots.length >> 1) - 1;
      i = hash & mask;
      while (this.slots[2 * i] !== 0) i = (i + 1) & mask;
    }
    this.slots[2 * i] = bid + 1;
    this.slots[2 * i + 1] = hash;
    return bid;
  }

  private sameRows(base: number, o: number): boolean {
    for (let r = 0; r < ROWS; r++) if (this.bk[base + B_ROWS + r] !== sigBuf[o + r]) return false;
    return true;
  }

  /** Doubles the slot table; the bucket being created (the last id) is placed by the caller. */
  private rehash(size: number): void {
    const slots = new Int32Array(2 * size);
    const mask = size - 1;
    for (let bid = 0; bid < this.bucketCount - 1; bid++) {
      const hash = this.bk[bid * B_STRIDE + B_HASH];
      let i = hash & mask;
      while (slots[2 * i] !== 0) i = (i + 1) & mask;
      slots[2 * i] = bid + 1;
      slots[2 * i + 1] = hash;
    }
    this.slots = slots;
  }
}
