import { describe, expect, it } from 'vitest';
import { sortedKept, sortFloat64 } from '../../../src/core/capacity/sort';
import { mulberry32 } from '../../../src/core/random';

/** The oracle: the built-in typed-array sort, compared bit for bit (so -0 and +0 are told apart). */
function expectSameAsBuiltIn(values: Float64Array) {
  const expected = values.slice().sort();
  const got = sortFloat64(values.slice());
  const a = new Uint32Array(got.buffer, got.byteOffset, got.length * 2);
  const b = new Uint32Array(expected.buffer, expected.byteOffset, expected.length * 2);
  let firstDifference = -1;
  for (let i = 0; i < b.length && firstDifference < 0; i++) if (a[i] !== b[i]) firstDifference = i >> 1;
  expect(firstDifference).toBe(-1);
}

describe('sortFloat64', () => {
  const rnd = mulberry32(11);
  it('orders a large mix of signs, fractions, zeros and infinities as the built-in sort does', () => {
    const v = new Float64Array(50_000);
    for (let i = 0; i < v.length; i++) {
      const u = rnd();
      v[i] = u < 0.05 ? 0 : u < 0.1 ? -0 : u < 0.12 ? Infinity : u < 0.14 ? -Infinity : (rnd() - 0.4) * 10 ** Math.floor(rnd() * 12 - 4);
    }
    expectSameAsBuiltIn(v);
  });

  it('orders integer latencies (digits shared by every key are skipped) and tiny values', () => {
    const ints = Float64Array.from({ length: 30_000 }, () => Math.floor(rnd() * 60_000));
    expectSameAsBuiltIn(ints);
    const tiny = Float64Array.from({ length: 10_000 }, () => rnd() * 1e-300);
    expectSameAsBuiltIn(tiny);
  });

  it('sorts integers over a narrow range by counting (negatives included), and falls back for a -0 among them', () => {
    expectSameAsBuiltIn(Float64Array.from({ length: 20_000 }, () => Math.floor(rnd() * 300) - 40));
    const withNegativeZero = Float64Array.from({ length: 20_000 }, () => Math.floor(rnd() * 5) - 2);
    withNegativeZero[123] = -0;
    withNegativeZero[7] = 0;
    expectSameAsBuiltIn(withNegativeZero);
    // A wide range of integers is not counted (the tally would be huge) but still sorted.
    expectSameAsBuiltIn(Float64Array.from({ length: 5000 }, () => Math.floor(rnd() * 2 ** 40)));
  });

  it('sorts a subarray view in place without touching the rest of the buffer', () => {
    const whole = Float64Array.from({ length: 12_000 }, (_, i) => (i * 7919) % 10_007);
    const before = whole.slice();
    const view = whole.subarray(1000, 11_000);
    const expected = view.slice().sort();
    sortFloat64(view);
    expect(Array.from(view)).toEqual(Array.from(expected));
    expect(Array.from(whole.subarray(0, 1000))).toEqual(Array.from(before.subarray(0, 1000)));
    expect(Array.from(whole.subarray(11_000))).toEqual(Array.from(before.subarray(11_000)));
  });

  it('keeps sorted input, small input and a +0 before -0 in the built-in order', () => {
    expectSameAsBuiltIn(Float64Array.from({ length: 5000 }, (_, i) => i / 3));
    expectSameAsBuiltIn(Float64Array.from([3, -1, 2, 0, -0]));
    const zeros = new Float64Array(5000);
    for (let i = 0; i < zeros.length; i++) zeros[i] = i % 2 ? -0 : 0;
    expectSameAsBuiltIn(zeros);
  });
});

describe('sortedKept', () => {
  it('hands back a sorted array that needs no filtering as it is, and sorts a filtered copy otherwise', () => {
    const sorted = Float64Array.from([1, 2, 2, 5, 9]);
    expect(sortedKept(sorted, Number.isFinite)).toBe(sorted);
    const mixed = [5, NaN, 1, Infinity, 3];
    const out = sortedKept(mixed, Number.isFinite);
    expect(Array.from(out)).toEqual([1, 3, 5]);
    expect(mixed).toEqual([5, NaN, 1, Infinity, 3]);
    const unsorted = Float64Array.from([3, 1, 2]);
    expect(Array.from(sortedKept(unsorted, () => true))).toEqual([1, 2, 3]);
    expect(Array.from(unsorted)).toEqual([3, 1, 2]);
    // +0 before -0 is not the built-in order: copied and sorted.
    const zeros = Float64Array.from([0, -0]);
    expect(sortedKept(zeros, () => true)).not.toBe(zeros);
  });
});
