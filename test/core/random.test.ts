import { describe, expect, it } from 'vitest';
import { createRng, mulberry32, sampleIndices } from '../../src/core/random';

describe('the seeded generator', () => {
  it('is mulberry32: the first outputs for seed 1 match the C reference', () => {
    // Computed with the C definition (z = a += 0x6D2B79F5; z = (z ^ z >> 15) * (z | 1);
    // z ^= z + (z ^ z >> 7) * (z | 61); z ^ z >> 14) in 32-bit unsigned arithmetic.
    const next = mulberry32(1);
    const first = [next(), next(), next()].map((x) => Math.round(x * 4294967296));
    expect(first).toEqual([2693262067, 11749833, 2265367787]);
  });

  it('repeats for a seed and differs between seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('draws integers in range and normals with mean 0, sd 1', () => {
    const rng = createRng(7);
    const ints = Array.from({ length: 10_000 }, () => rng.int(6));
    expect(Math.min(...ints)).toBe(0);
    expect(Math.max(...ints)).toBe(5);
    const zs = Array.from({ length: 20_000 }, () => rng.normal());
    const mean = zs.reduce((s, z) => s + z, 0) / zs.length;
    const sd = Math.sqrt(zs.reduce((s, z) => s + (z - mean) ** 2, 0) / zs.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
  });

  it('samples k distinct indices in ascending order', () => {
    const idx = Array.from(sampleIndices(1000, 50, 3));
    expect(idx).toHaveLength(50);
    expect(new Set(idx).size).toBe(50);
    expect(idx).toEqual([...idx].sort((x, y) => x - y));
    expect(idx.every((i) => i >= 0 && i < 1000)).toBe(true);
    expect(Array.from(sampleIndices(5, 10, 3))).toEqual([0, 1, 2, 3, 4]);
  });
});
