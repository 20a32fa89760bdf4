import { describe, expect, it } from 'vitest';
import { RepetitionIndex, jaccard, jaccardOfSorted, shingleSet, shingles, words } from '../../../src/core/verify/repetition';

const TEXTS = [
  '',
  'one',
  'two words',
  'The total is 12 + 3 = 15 apples.',
  'Wait, x = \\frac{\\pi}{6} and x = -\\frac{\\pi}{6}; 1.5.2 ... done!',
  'İstanbul has a KELVIN sign: K; ÉCOLE, ß, π r^2 \u00a0 \u2009 tabs\tand\nlines 3.14159',
  'a\\b \\ c \\\\ d "quoted" (paren) [bracket] {brace} emoji \ud83d\ude00 lone \ud83d end',
  Array.from({ length: 600 }, (_, i) => `w${i % 37} ${i}`).join(' '),
];

describe('repetition fast path', () => {
  it('shingleSet is the sorted, de-duplicated shingles(words(text))', () => {
    for (const text of TEXTS) {
      const { set, words: n } = shingleSet(text);
      expect(n).toBe(words(text).length);
      expect([...set]).toEqual([...shingles(words(text))].sort((a, b) => a - b));
    }
  });

  it('sorted-array Jaccard equals Set Jaccard', () => {
    for (const a of TEXTS)
      for (const b of TEXTS) expect(jaccardOfSorted(shingleSet(a).set, shingleSet(b).set)).toBe(jaccard(shingles(words(a)), shingles(words(b))));
  });

  it('reports the exact Jaccard similarity, earliest step on ties', () => {
    const r = new RepetitionIndex();
    const a = 'First, we compute the total number of apples in all the baskets on the table today.';
    const b = 'First, we compute the total number of pears in all the baskets on the table today.';
    expect(r.add(0, a, 0.5, 5)).toBeNull();
    expect(r.add(1, a, 0.5, 5)).toEqual({ step: 0, similarity: 1 });
    expect(r.add(2, b, 0.5, 5)).toEqual({ step: 0, similarity: jaccard(shingles(words(a)), shingles(words(b))) });
    expect(r.add(3, b, 0.5, 4)).toEqual({ step: 2, similarity: 1 });
    // Too few words never match, and a size ratio below the threshold is not a repeat.
    expect(r.add(4, 'one two three', 0, 5)).toBeNull();
    expect(r.add(5, `${a} ${a} ${a}`, 0.9, 5)).toBeNull();
  });

  it('finds an old repeat through the LSH buckets after many other steps', () => {
    const r = new RepetitionIndex();
    const loop = 'We check the running total again and again before going on with the next part.';
    r.add(0, loop, 0.9, 5);
    for (let i = 1; i < 5000; i++) expect(r.add(i, `Step ${i}: we add ${i} and ${i + 1} to get ${2 * i + 1} in all.`, 0.9, 5)?.step ?? -1).toBe(-1);
    expect(r.add(5000, loop, 0.9, 5)).toEqual({ step: 0, similarity: 1 });
  });
});
