import { describe, expect, it } from 'vitest';
import { bucketResolvedInterval, bucketWidthAt } from '../../../src/core/capacity';

const fiveSteps = Array.from({ length: 12 }, (_, i) => ({ lo: i * 5, hi: i * 5 + 5 }));

describe('breakpoint interval from buckets includes the bucket width', () => {
  it('widens a bootstrap interval that sits inside one bucket by a bucket at each end', () => {
    // 5-step buckets, estimate 26.8 with a bootstrap interval 26.5–27: the onset can be anywhere
    // from the bucket below to the bucket above, so 23.8 (the raw rows' answer) must be inside.
    const [lo, hi] = bucketResolvedInterval([26.5, 27], 26.8, fiveSteps);
    expect([lo, hi]).toEqual([21.5, 32]);
    expect(lo).toBeLessThanOrEqual(23.8);
  });

  it('uses the width of the bucket at each end, clipped to the buckets, and covers the estimate without an interval', () => {
    const uneven = [
      { lo: 0, hi: 10 },
      { lo: 10, hi: 12 },
      { lo: 12, hi: 40 },
    ];
    expect(bucketWidthAt(uneven, 11)).toBe(2);
    expect(bucketResolvedInterval([11, 13], 12, uneven)).toEqual([9, 40]);
    expect(bucketResolvedInterval(null, 3, uneven)).toEqual([0, 13]);
  });
});
