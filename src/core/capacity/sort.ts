/**
 * Ascending sort of doubles in linear time: a counting sort for integers over a narrow range, else
 * an LSD radix sort on the IEEE-754 bits (16-bit digits, passes where every key shares the digit
 * are skipped). The built-in Float64Array sort takes
 * ~0.2–0.4 s on a million values on this kind of machine; this takes a few tens of ms, and the
 * planner sorts a million lengths and latencies many times per analysis.
 *
 * The order is the built-in one (-Infinity < … < -0 < +0 < … < +Infinity); NaN must not be present
 * (the callers drop it first). Small inputs and already sorted ones keep the built-in path.
 */

/** Below this the built-in sort is as fast and allocates nothing extra. */
const RADIX_MIN = 2048;
const DIGITS = 4;
const BUCKETS = 1 << 16;
const counts = new Uint32Array(DIGITS * BUCKETS);
let scratch = new Uint32Array(0);

/** In the built-in order, where -0 comes before +0. */
function isSorted(values: Float64Array): boolean {
  for (let i = 1; i < values.length; i++) {
    const a = values[i - 1];
    const b = values[i];
    if (a > b || (a === 0 && b === 0 && 1 / a > 1 / b)) return false;
  }
  return true;
}

/**
 * Integers over a narrow range (step and token counts, whole-millisecond latencies) sort by
 * counting in two passes, faster still than the radix passes. False (and nothing written) when the
 * values are not all such integers, or a -0 is among them (counting would turn it into +0).
 */
function countingSort(values: Float64Array): boolean {
  const n = values.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isInteger(v) || (v === 0 && 1 / v < 0)) return false;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const range = max - min + 1;
  if (range > Math.max(4 * n, BUCKETS)) return false;
  const tally = new Uint32Array(range);
  for (let i = 0; i < n; i++) tally[values[i] - min]++;
  let at = 0;
  for (let k = 0; k < range; k++) for (let c = tally[k]; c > 0; c--) values[at++] = min + k;
  return true;
}

/**
 * The values `keep` accepts, ascending: `values` itself when it is already a sorted Float64Array
 * that `keep` accepts whole (no copy: the planner hands over a million sorted lengths), else a
 * sorted copy. The result must not be written to.
 */
export function sortedKept(values: ArrayLike<number>, keep: (v: number) => boolean): Float64Array {
  if (values instanceof Float64Array) {
    let whole = true;
    for (let i = 0; i < values.length && whole; i++) whole = keep(values[i]) && (i === 0 || values[i - 1] < values[i] || (values[i - 1] === values[i] && !(values[i] === 0 && 1 / values[i - 1] > 1 / values[i])));
    if (whole) return values;
  }
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) if (keep(values[i])) out[n++] = values[i];
  return sortFloat64(out.subarray(0, n));
}

/** Sorts `values` in place (no NaN) and returns it. */
export function sortFloat64(values: Float64Array): Float64Array {
  const n = values.length;
  if (n < RADIX_MIN) return values.sort();
  if (isSorted(values)) return values;
  if (countingSort(values)) return values;
  // Keys are made in place (the values' own words), so one scratch buffer is all the sort needs;
  // it is kept for the next sort, not left to the collector (the planner sorts a million values
  // a dozen times per analysis).
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  // Orderable keys: positive → flip the sign bit; negative → flip every bit (little-endian: [lo, hi]).
  for (let i = 0; i < 2 * n; i += 2) {
    const hi = words[i + 1];
    if (hi & 0x80000000) {
      words[i] = ~words[i] >>> 0;
      words[i + 1] = ~hi >>> 0;
    } else words[i + 1] = (hi | 0x80000000) >>> 0;
  }
  counts.fill(0);
  for (let i = 0; i < 2 * n; i += 2) {
    const lo = words[i];
    const hi = words[i + 1];
    counts[lo & 0xffff]++;
    counts[BUCKETS + (lo >>> 16)]++;
    counts[2 * BUCKETS + (hi & 0xffff)]++;
    counts[3 * BUCKETS + (hi >>> 16)]++;
  }
  if (scratch.length < 2 * n) scratch = new Uint32Array(2 * n);
  let from: Uint32Array = words;
  let to: Uint32Array = scratch.subarray(0, 2 * n);
  for (let d = 0; d < DIGITS; d++) {
    const base = d * BUCKETS;
    // A digit every key shares does not reorder anything.
    let used = 0;
    for (let b = 0; b < BUCKETS && used < 2; b++) if (counts[base + b] > 0) used++;
    if (used < 2) continue;
    let sum = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = counts[base + b];
      counts[base + b] = sum;
      sum += c;
    }
    const word = d < 2 ? 0 : 1;
    const shift = d % 2 === 0 ? 0 : 16;
    for (let i = 0; i < 2 * n; i += 2) {
      const digit = (from[i + word] >>> shift) & 0xffff;
      const at = 2 * counts[base + digit]++;
      to[at] = from[i];
      to[at + 1] = from[i + 1];
    }
    const t = from;
    from = to;
    to = t;
  }
  if (from !== words) words.set(from);
  for (let i = 0; i < 2 * n; i += 2) {
    const hi = words[i + 1];
    if (hi & 0x80000000) words[i + 1] = (hi & 0x7fffffff) >>> 0;
    else {
      words[i] = ~words[i] >>> 0;
      words[i + 1] = ~hi >>> 0;
    }
  }
  return values;
}
