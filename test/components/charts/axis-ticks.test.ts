import { describe, expect, it } from 'vitest';
import { extent, linearTicks, logTicks } from '../../../src/components/charts/axis-ticks';

describe('axis ticks chosen up front', () => {
  it('linear: round steps of 1, 2 or 5 × 10ⁿ, inside the range', () => {
    expect(linearTicks(0, 47)).toEqual([0, 10, 20, 30, 40]);
    expect(linearTicks(0, 60)).toEqual([0, 20, 40, 60]);
    expect(linearTicks(0, 0.9)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(linearTicks(3, 17, 5, true)).toEqual([5, 10, 15]);
    // Whole fleet sizes only, even where the round step would be a half.
    expect(linearTicks(1, 3, 5, true)).toEqual([1, 2, 3]);
    expect(linearTicks(4, 4)).toEqual([4]);
    expect(linearTicks(NaN, 4)).toEqual([]);
  });

  it('log: powers of ten, with 2× and 5× over two decades or fewer', () => {
    expect(logTicks(3, 480)).toEqual([10, 100]);
    expect(logTicks(1, 20000)).toEqual([1, 10, 100, 1000, 10000]);
    expect(logTicks(2, 60)).toEqual([2, 5, 10, 20, 50]);
    // Within one decade with no round value inside: linear round ticks instead.
    expect(logTicks(3, 4.5)).toEqual([3, 3.5, 4, 4.5]);
    expect(logTicks(0, 10)).toEqual([]);
  });

  it('extent over finite values', () => {
    expect(extent([{ x: 3 }, { x: NaN }, { x: -1 }, { x: 8 }], (r) => r.x)).toEqual([-1, 8]);
    expect(extent([] as { x: number }[], (r) => r.x).every(Number.isNaN)).toBe(true);
  });
});
