import { describe, expect, it } from 'vitest';
import { BANDS, HASHES, ROWS, signature, signatureBuffer } from '../../../src/core/verify/minhash';
import { currentShingles, currentWordCount, shingles, shingleStep, words } from '../../../src/core/verify/shingles';

describe('shingleStep', () => {
  it('gives the sorted distinct shingles of the reference definition and the word count', () => {
    const text = 'Then x = -\\frac{\\pi}{6}, so x = -\\frac{\\pi}{6} again.';
    const size = shingleStep(text);
    const reference = [...shingles(words(text))].sort((a, b) => a - b);
    expect([...currentShingles().subarray(0, size)]).toEqual(reference);
    expect(currentWordCount()).toBe(words(text).length);
  });
});

describe('signature', () => {
  it("is, per seed, the least hash over the set: independent of order, and the minimum of the single elements' signatures", () => {
    expect(HASHES).toBe(BANDS * ROWS);
    const set = Uint32Array.from([5, 99, 123456, 4000000000]);
    signature(set, set.length);
    const first = [...signatureBuffer];
    signature(Uint32Array.from([4000000000, 5, 123456, 99]), 4);
    expect([...signatureBuffer]).toEqual(first);
    signature(Uint32Array.from([7]), 1);
    const one = [...signatureBuffer];
    expect(new Set(one.map((v) => v >>> 0)).size).toBe(HASHES);
    // The least of the set is at most each single element's value.
    signature(Uint32Array.from([7, 8]), 2);
    const two = [...signatureBuffer].map((v) => v >>> 0);
    signature(Uint32Array.from([8]), 1);
    const eight = [...signatureBuffer].map((v) => v >>> 0);
    for (let i = 0; i < HASHES; i++) expect(two[i]).toBe(Math.min(one[i] >>> 0, eight[i]));
  });
});
