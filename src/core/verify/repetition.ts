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
 * `words`, `shingles` and `jaccard` (shingles.ts) are its reference definitions; MinHash in minhash.ts.
 */
import { BANDS, bandHash, ROWS, signature, signatureBuffer as sigBuf } from './minhash';
import { currentShingles, currentWordCount, grown, jaccardSorted, minIntersection, shingleStep } from './shingles';

export { jaccard, jaccardOfSorted, shingleSet, shingles, words } from './shingles';

/** Most recent steps kept per LSH bucket. */
const BUCKET_CAP = 8;
/** The last few steps are always compared directly (catches lower thresholds LSH may miss). */
const RECENT = 8;

/** Bucket record layout in RepetitionIndex.bk (int32 fields). */
const B_HASH = 0;
const B_BAND = 1;
const B_ROWS = 2; // ROWS fields
const B_COUNT = B_ROWS + ROWS;
const B_HEAD = B_COUNT + 1;
const B_STEPS = B_HEAD + 1; // BUCKET_CAP fields: a ring of step ids, oldest at B_HEAD
const B_STRIDE = B_STEPS + BUCKET_CAP;

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
    const hashBuf = currentShingles();
    const wordCount = currentWordCount();
    signature(hashBuf, size);
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
    const hashBuf = currentShingles();
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
