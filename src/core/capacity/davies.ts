/**
 * Davies' (1987) upper bound on the p-value of a test whose nuisance parameter (the hinge) is not
 * identified under the null, so χ²₁ at the best hinge is too liberal. As R's
 * segmented::davies.test: with r(h) = sign(b̂)·√LR(h) over the searched grid, M = max r(h),
 * V = Σ|r(h_k) − r(h_{k−1})|, p ≤ Φ(−M) + V·e^{−M²/2}/√(8π) (one-sided: rising).
 */
import { normalCdf } from './stats';

/** `signedRoots` are r(h) over the grid, in grid order. */
export function daviesUpperBound(signedRoots: readonly number[]): { statistic: number; pValue: number } {
  let M = -Infinity;
  let V = 0;
  for (let i = 0; i < signedRoots.length; i++) {
    M = Math.max(M, signedRoots[i]);
    if (i > 0) V += Math.abs(signedRoots[i] - signedRoots[i - 1]);
  }
  const pValue = M > 0 ? Math.min(1, normalCdf(-M) + (V * Math.exp(-0.5 * M * M)) / Math.sqrt(8 * Math.PI)) : 1;
  return { statistic: M, pValue };
}
