/**
 * The breakpoint from pre-aggregated buckets is only known to the bucket width. The planner
 * expands each bucket into rows spread over its width, and the bootstrap then resamples those
 * rows as if their lengths were measured: its interval reflects sampling noise only, not where in
 * its bucket each request really sat (a 5-step bucket can move the onset by up to 5 steps). So the
 * interval is widened by the width of the bucket each end falls in, clipped to the buckets' range.
 */

export type BucketEdges = readonly { lo: number; hi: number }[];

/** Width of the bucket that holds x (the nearest one when x is outside them all). */
export function bucketWidthAt(buckets: BucketEdges, x: number): number {
  if (buckets.length === 0) return 0;
  let best = buckets[0];
  let bestGap = Infinity;
  for (const b of buckets) {
    const gap = x < b.lo ? b.lo - x : x >= b.hi ? x - b.hi : 0;
    if (gap < bestGap) {
      bestGap = gap;
      best = b;
    }
  }
  return best.hi - best.lo;
}

/** [lo, hi] (or the point itself without an interval) widened by the bucket width at each end. */
export function bucketResolvedInterval(interval: readonly [number, number] | null, breakpoint: number, buckets: BucketEdges): [number, number] {
  const lo = Math.min(interval?.[0] ?? breakpoint, breakpoint);
  const hi = Math.max(interval?.[1] ?? breakpoint, breakpoint);
  const min = buckets.length ? Math.min(...buckets.map((b) => b.lo)) : -Infinity;
  const max = buckets.length ? Math.max(...buckets.map((b) => b.hi)) : Infinity;
  return [Math.max(min, lo - bucketWidthAt(buckets, lo)), Math.min(max, hi + bucketWidthAt(buckets, hi))];
}
