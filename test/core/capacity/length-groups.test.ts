import { describe, expect, it } from 'vitest';
import { aggregate, hingeGrid } from '../../../src/core/capacity/length-groups';

describe('aggregate', () => {
  it('groups rows by distinct length with their count and timeouts, and says which group each row is in', () => {
    const { agg, index } = aggregate([3, 1, 3, 2], [1, 0, 0, 1]);
    expect([...agg.x]).toEqual([1, 2, 3]);
    expect([...agg.n]).toEqual([1, 1, 2]);
    expect([...agg.k]).toEqual([0, 1, 1]);
    expect([...index]).toEqual([2, 0, 2, 1]);
  });

  it('merges neighbouring lengths into about n / maxGroups rows each, represented by their mean length', () => {
    const { agg, index } = aggregate([4, 1, 3, 2], [1, 0, 1, 0], 2);
    expect([...agg.x]).toEqual([1.5, 3.5]);
    expect([...agg.n]).toEqual([2, 2]);
    expect([...agg.k]).toEqual([0, 2]);
    expect([...index]).toEqual([1, 0, 1, 0]);
  });
});

describe('hingeGrid', () => {
  it('takes the distinct 5…95 % quantiles below the longest length', () => {
    const sorted = Float64Array.from({ length: 41 }, (_, i) => i);
    // Type-7 quantiles of 0…40 at 5 %, 50 %, 95 %: 0.4·p.
    expect(hingeGrid(sorted, 3)).toEqual([2, 20, 38]);
    expect(hingeGrid(Float64Array.from([5, 5, 5]), 10)).toEqual([]);
  });
});
