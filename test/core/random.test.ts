import { describe, expect, it } from 'vitest';
import { binomial, createRng, multinomialCounts, mulberry32, sampleIndices } from '../../src/core/random';

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

describe('binomial and multinomialCounts', () => {
  it('draws Binomial(n, p) with its mean and variance, exact (inversion) and approximate (normal) branches', () => {
    for (const [n, p] of [
      [40, 0.1],
      [7, 0.9],
      [100_000, 0.3],
      [1_000_000, 0.002],
    ] as const) {
      const rng = createRng(17);
      const draws = Array.from({ length: 20_000 }, () => binomial(rng, n, p));
      const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
      const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / (draws.length - 1);
      expect(draws.every((x) => Number.isInteger(x) && x >= 0 && x <= n)).toBe(true);
      expect(Math.abs(mean - n * p)).toBeLessThan(4 * Math.sqrt((n * p * (1 - p)) / draws.length) + 1e-9);
      expect(variance / (n * p * (1 - p))).toBeGreaterThan(0.95);
      expect(variance / (n * p * (1 - p))).toBeLessThan(1.05);
    }
  });

  it('matches the exact pmf of a small binomial (chi-square over 11 cells)', () => {
    const rng = createRng(5);
    const n = 10;
    const p = 0.3;
    const seen = new Array<number>(n + 1).fill(0);
    const N = 50_000;
    for (let i = 0; i < N; i++) seen[binomial(rng, n, p)]++;
    let chi = 0;
    let c = 1;
    for (let x = 0; x <= n; x++) {
      const expected = N * c * p ** x * (1 - p) ** (n - x);
      chi += (seen[x] - expected) ** 2 / expected;
      c = (c * (n - x)) / (x + 1);
    }
    expect(chi).toBeLessThan(29.6); // χ²₁₀ at 0.001
  });

  it('splits exactly n over the cells, empty cells getting nothing, each cell with mean n·count/total', () => {
    const rng = createRng(9);
    const counts = [5, 0, 20, 75];
    const out = new Float64Array(4);
    const sums = [0, 0, 0, 0];
    for (let i = 0; i < 5000; i++) {
      multinomialCounts(rng, 1000, counts, out);
      expect(out[0] + out[1] + out[2] + out[3]).toBe(1000);
      expect(out[1]).toBe(0);
      for (let c = 0; c < 4; c++) sums[c] += out[c];
    }
    expect(sums.map((s) => s / 5000 / 10)).toEqual([expect.closeTo(5, 0), 0, expect.closeTo(20, 0), expect.closeTo(75, 0)]);
  });
});
