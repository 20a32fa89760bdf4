/**
 * MinHash signatures of shingle sets and their LSH band hashes: 32 seeded hashes in 8 bands of
 * 4 rows. The signature goes into one reusable buffer, `signatureBuffer`.
 */
import { fmix32 } from '../hash';
import { mulberry32 } from '../random';

export const HASHES = 32;
export const BANDS = 8;
export const ROWS = HASHES / BANDS;

/** Fixed seeds from the seeded generator: deterministic, no Math.random. */
const SEEDS: Uint32Array = (() => {
  const next = mulberry32(0x2545f491);
  return Uint32Array.from({ length: HASHES }, () => Math.floor(next() * 4294967296) >>> 0);
})();

/** MinHash signature of the current step, as int32 bit patterns. */
export const signatureBuffer = new Int32Array(HASHES);

/**
 * MinHash signature of set[0, u) into signatureBuffer: per seed, the least `fmix32(x ^ seed)` (unsigned;
 * compared as int32 with the sign bit flipped, which orders the same), 0xffffffff for an empty set.
 */
export function signature(set: Uint32Array, u: number): void {
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
    signatureBuffer[i] = m ^ 0x80000000;
  }
}


export function bandHash(band: number, o: number): number {
  let h = fmix32(band + 0x9e3779b9);
  for (let r = 0; r < ROWS; r++) h = fmix32(h ^ signatureBuffer[o + r]);
  return h | 0;
}
