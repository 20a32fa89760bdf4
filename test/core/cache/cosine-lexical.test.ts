import { describe, expect, it } from 'vitest';
import { cosineSimilarity, embedLexical, extractNumbers, LEXICAL_DIM, LEXICAL_EMBEDDING_MODEL, normalize, normalizeForEmbedding, numbersMatch } from '../../../src/core/cache';

describe('cosineSimilarity', () => {
  it('hand-computed cases', () => {
    expect(cosineSimilarity([1, 0], [0, 1])).toBe(0);
    expect(cosineSimilarity([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 15);
    expect(cosineSimilarity([1, 2, 3], [-1, -2, -3])).toBeCloseTo(-1, 15);
    // (3·4 + 4·3) / (5 · 5) = 24/25
    expect(cosineSimilarity([3, 4], [4, 3])).toBeCloseTo(0.96, 15);
  });
  it('is 0 for zero vectors and empty vectors', () => {
    expect(cosineSimilarity([0, 0, 0], [1, 2, 3])).toBe(0);
    expect(cosineSimilarity([1, 2, 3], [0, 0, 0])).toBe(0);
    expect(cosineSimilarity([], [])).toBe(0);
  });
  it('accepts Float32Array and mixed inputs, and stays in [-1, 1]', () => {
    const a = Float32Array.from([0.1, 0.2, 0.3]);
    expect(cosineSimilarity(a, [0.1, 0.2, 0.3])).toBeCloseTo(1, 7);
    expect(cosineSimilarity(a, a)).toBeLessThanOrEqual(1);
    expect(cosineSimilarity(a, new Float64Array([0.3, 0.2, 0.1]))).toBeCloseTo(10 / 14, 6);
  });
  it('throws on a length mismatch', () => {
    expect(() => cosineSimilarity([1, 2], [1, 2, 3])).toThrow(RangeError);
  });
  it('normalize gives unit length, zero stays zero', () => {
    const n = normalize([3, 4]);
    expect(Array.from(n)).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    expect(Array.from(normalize([0, 0]))).toEqual([0, 0]);
  });
});

describe('embedLexical (hashed character 3–5-grams)', () => {
  it('is a unit-length Float32Array of the default dimension, deterministic', () => {
    const v = embedLexical('What is 17 × 24?');
    expect(v).toBeInstanceOf(Float32Array);
    expect(v.length).toBe(LEXICAL_DIM);
    let ss = 0;
    for (const x of v) ss += x * x;
    expect(ss).toBeCloseTo(1, 5);
    expect(Array.from(embedLexical('What is 17 × 24?'))).toEqual(Array.from(v));
    expect(LEXICAL_EMBEDDING_MODEL).toContain(String(LEXICAL_DIM));
  });

  it('normalizes case, punctuation, spacing and width', () => {
    expect(normalizeForEmbedding('  What IS 17×24 ?? ')).toBe('what is 17 × 24');
    expect(normalizeForEmbedding('ＡＢＣ, 3.5 and 1,000; 2*3 − 1 x y')).toBe('abc 3.5 and 1,000 2 × 3 - 1 x y');
    expect(cosineSimilarity(embedLexical('What is 17 × 24?'), embedLexical('what is 17 x 24'))).toBeCloseTo(1, 6);
    expect(cosineSimilarity(embedLexical('What is 17 × 24?'), embedLexical('What is 17*24'))).toBeCloseTo(1, 6);
    expect(cosineSimilarity(embedLexical('Hello, world!'), embedLexical('hello world'))).toBeCloseTo(1, 6);
  });

  it('matches wording: light edits stay close, unrelated prompts are near 0', () => {
    const base = embedLexical('A train leaves at 3 pm going 60 mph. When does it arrive 150 miles away?');
    const edited = embedLexical('A train leaves at 4 pm going 60 mph. When does it arrive 150 miles away?');
    const other = embedLexical('Write a haiku about autumn leaves in Kyoto');
    expect(cosineSimilarity(base, edited)).toBeGreaterThan(0.9);
    expect(Math.abs(cosineSimilarity(base, other))).toBeLessThan(0.25);
  });

  it('keeps operators: 17 + 24 is not 17 × 24', () => {
    expect(cosineSimilarity(embedLexical('What is 17 + 24?'), embedLexical('What is 17 × 24?'))).toBeLessThan(0.8);
  });

  it('numbersMatch guards against replaying a chain for different numbers', () => {
    expect(extractNumbers('Add 1,000 and 3.5, then 2.')).toEqual(['1,000', '3.5', '2']);
    expect(numbersMatch('What is 17 × 24?', 'what is 17 x 24')).toBe(true);
    expect(numbersMatch('What is 17 × 24?', 'What is 17 × 25?')).toBe(false);
    expect(numbersMatch('What is 17 × 24?', 'What is 24 × 17?')).toBe(false);
    expect(numbersMatch('no numbers', 'none here')).toBe(true);
  });

  it('does not match meaning (documented limit)', () => {
    const a = embedLexical('What is 17 × 24?');
    const b = embedLexical('How much is seventeen times twenty-four?');
    expect(cosineSimilarity(a, b)).toBeLessThan(0.5);
  });

  it('handles empty, very short and non-Latin text, and other dimensions', () => {
    expect(Array.from(embedLexical('')).every((x) => x === 0)).toBe(true);
    expect(Array.from(embedLexical('?!')).every((x) => x === 0)).toBe(true);
    const one = embedLexical('a');
    expect(one.some((x) => x !== 0)).toBe(true);
    const zh = embedLexical('一个火车下午三点出发');
    expect(cosineSimilarity(zh, embedLexical('一个火车下午四点出发'))).toBeGreaterThan(0.5);
    expect(embedLexical('abc', { dim: 1000 }).length).toBe(1000);
    expect(() => embedLexical('abc', { dim: 0 })).toThrow(RangeError);
  });
});
