/**
 * The client timeout, read from the log itself. A client that gives up after T seconds records
 * its timed-out requests at (about) T: their latencies pile up at one value, a little above T by
 * the client's own overhead. When most timed-out rows sit within a narrow band, that band is the
 * timeout the log was written under, and it beats a default in the settings (a log cut at 90 s
 * must not be drawn against a 60 s line).
 *
 * Rule: at least `minRows` (3) timed-out rows with a latency; the densest window of relative width
 * `tolerance` (2 %, at least 50 ms) holds at least `minShare` (half) of them. The timeout is that
 * window's median. Timed-out rows spread over many latencies (a server-side deadline that
 * includes queueing, mixed clients) give null: no single timeout can be read.
 */
import { percentileSorted } from './stats';

export type DataTimeout = {
  /** The timeout the timed-out rows cluster at, ms. */
  timeoutMs: number;
  /** Timed-out rows inside the cluster, and all timed-out rows with a latency. */
  clustered: number;
  of: number;
};

export type DataTimeoutOptions = { minRows?: number; minShare?: number; tolerance?: number; minWidthMs?: number };

export function timeoutFromData(timedOutLatenciesMs: ArrayLike<number>, options: DataTimeoutOptions = {}): DataTimeout | null {
  const minRows = options.minRows ?? 3;
  const minShare = options.minShare ?? 0.5;
  const tolerance = options.tolerance ?? 0.02;
  const minWidth = options.minWidthMs ?? 50;
  const v: number[] = [];
  for (let i = 0; i < timedOutLatenciesMs.length; i++) {
    const x = timedOutLatenciesMs[i];
    if (Number.isFinite(x) && x > 0) v.push(x);
  }
  const n = v.length;
  if (n < minRows) return null;
  v.sort((a, b) => a - b);
  // Two pointers: for each start, the furthest value within the window.
  let best = 0;
  let bestStart = 0;
  let j = 0;
  for (let i = 0; i < n; i++) {
    const limit = v[i] + Math.max(minWidth, v[i] * tolerance);
    if (j < i) j = i;
    while (j + 1 < n && v[j + 1] <= limit) j++;
    if (j - i + 1 > best) {
      best = j - i + 1;
      bestStart = i;
    }
  }
  if (best < minRows || best < minShare * n) return null;
  return { timeoutMs: percentileSorted(v.slice(bestStart, bestStart + best), 50), clustered: best, of: n };
}
