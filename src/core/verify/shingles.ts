/**
 * Shingling a step: its words (offsets scanned in place, no substrings), each word 3-gram
 * hashed straight from the characters (the same FNV-1a value as hashing the joined "w1 w2 w3"),
 * the set kept sorted and de-duplicated so exact Jaccard is a merge. `words`, `shingles` and
 * `jaccard` are the reference definitions the fast path reproduces. The scratch buffers are
 * reused across calls: read a step's shingles with `currentShingles()` right after `shingleStep`.
 */
import { FNV_OFFSET, FNV_PRIME, fnv1a } from '../hash';

/** Words per shingle. */
const N = 3;

/**
 * Words, numbers, LaTeX command names and single symbols: signs and operators count, so
 * "x = \\frac{\\pi}{6}" and "x = -\\frac{\\pi}{6}" (the two cases of a case split) differ.
 */
export function words(text: string): string[] {
  return text.toLowerCase().match(/\\[a-z]+|[a-z]+|\d+(?:\.\d+)?|[^\sa-z\d.,;:!?'"{}()[\]\\]/g) ?? [];
}

export function shingles(ws: readonly string[], n = 3): Set<number> {
  const out = new Set<number>();
  if (ws.length < n) {
    if (ws.length > 0) out.add(fnv1a(ws.join(' ')));
    return out;
  }
  for (let i = 0; i + n <= ws.length; i++) out.add(fnv1a(ws.slice(i, i + n).join(' ')));
  return out;
}

export function jaccard(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}


/** Exactly the characters of the regex class `\s`. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Single characters that are not words on their own: `. , ; : ! ? ' " { } ( ) [ ] \`. */
function isPunct(c: number): boolean {
  switch (c) {
    case 46: // .
    case 44: // ,
    case 59: // ;
    case 58: // :
    case 33: // !
    case 63: // ?
    case 39: // '
    case 34: // "
    case 123: // {
    case 125: // }
    case 40: // (
    case 41: // )
    case 91: // [
    case 93: // ]
    case 92: // \
      return true;
    default:
      return false;
  }
}

const isLower = (c: number) => c >= 97 && c <= 122;
const isDigit = (c: number) => c >= 48 && c <= 57;

export function grown<T extends Int32Array | Uint32Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  let size = a.length * 2;
  while (size < need) size *= 2;
  const b = (a instanceof Int32Array ? new Int32Array(size) : new Uint32Array(size)) as T;
  b.set(a);
  return b;
}

// Scratch buffers, reused across calls (grown on demand).
let wordStart = new Int32Array(256);
let wordEnd = new Int32Array(256);
/** The current step's shingles; after `shingleStep`, its first entries are the sorted set. */
let hashBuf = new Uint32Array(256);
/** Number of words of the text last passed to `shingleStep`. */
let stepWords = 0;

/**
 * The words of `s` (already lower-cased) as offsets into wordStart/wordEnd, exactly as the
 * regex of `words` matches them; returns how many.
 */
function scanWords(s: string): number {
  const len = s.length;
  let n = 0;
  let p = 0;
  while (p < len) {
    const c = s.charCodeAt(p);
    let end = -1;
    if (isLower(c)) {
      end = p + 1;
      while (end < len && isLower(s.charCodeAt(end))) end++;
    } else if (isDigit(c)) {
      end = p + 1;
      while (end < len && isDigit(s.charCodeAt(end))) end++;
      if (end + 1 < len && s.charCodeAt(end) === 46 && isDigit(s.charCodeAt(end + 1))) {
        end += 2;
        while (end < len && isDigit(s.charCodeAt(end))) end++;
      }
    } else if (c === 92) {
      if (p + 1 < len && isLower(s.charCodeAt(p + 1))) {
        end = p + 2;
        while (end < len && isLower(s.charCodeAt(end))) end++;
      }
    } else if (!isSpace(c) && !isPunct(c)) end = p + 1;
    if (end < 0) {
      p++;
      continue;
    }
    if (n === wordStart.length) {
      wordStart = grown(wordStart, n + 1);
      wordEnd = grown(wordEnd, n + 1);
    }
    wordStart[n] = p;
    wordEnd[n] = end;
    n++;
    p = end;
  }
  return n;
}

/** FNV-1a of words from..to-1 joined with single spaces (as `fnv1a(ws.slice(from, to).join(' '))`). */
function hashWords(s: string, from: number, to: number): number {
  let h = FNV_OFFSET;
  for (let w = from; w < to; w++) {
    if (w > from) h = Math.imul(h ^ 32, FNV_PRIME);
    const e = wordEnd[w];
    for (let i = wordStart[w]; i < e; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  }
  return h >>> 0;
}

/**
 * Shingles a step into hashBuf: its first entries become the sorted, de-duplicated set (the
 * values of `shingles(words(text))`); returns the set's size and leaves the word count in stepWords.
 */
export function shingleStep(text: string): number {
  const s = text.toLowerCase();
  const n = scanWords(s);
  stepWords = n;
  if (n === 0) return 0;
  if (n < N) {
    hashBuf[0] = hashWords(s, 0, n);
    return 1;
  }
  const m = n - N + 1;
  hashBuf = grown(hashBuf, m);
  for (let i = 0; i < m; i++) hashBuf[i] = hashWords(s, i, i + N);
  const sorted = hashBuf.subarray(0, m).sort();
  let u = 1;
  for (let i = 1; i < m; i++) if (sorted[i] !== sorted[u - 1]) sorted[u++] = sorted[i];
  return u;
}

/** A step's shingle set as `RepetitionIndex` keeps it: sorted, de-duplicated; and its word count. */
export function shingleSet(text: string): { set: Uint32Array; words: number } {
  const u = shingleStep(text);
  return { set: hashBuf.slice(0, u), words: stepWords };
}

/**
 * Exact Jaccard similarity of two sorted, de-duplicated sets a[ao, ao+na) and b[bo, bo+nb) (as
 * `jaccard` on Sets); or -1 as soon as fewer than `need` common elements remain possible.
 */
export function jaccardSorted(a: Uint32Array, ao: number, na: number, b: Uint32Array, bo: number, nb: number, need = 0): number {
  if (na === 0 && nb === 0) return 1;
  const ae = ao + na;
  const be = bo + nb;
  let i = ao;
  let j = bo;
  let inter = 0;
  while (i < ae && j < be) {
    if (inter + Math.min(ae - i, be - j) < need) return -1;
    const x = a[i];
    const y = b[j];
    if (x === y) {
      inter++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return inter / (na + nb - inter);
}

/**
 * The fewest common elements for which sets of sizes na and nb (both > 0) reach `threshold`,
 * evaluated with the same floating-point division as the similarity itself (which only grows
 * with the intersection); min(na, nb) + 1 when none do, 0 when the threshold is not in (0, 1].
 */
export function minIntersection(na: number, nb: number, threshold: number): number {
  if (!(threshold > 0 && threshold <= 1)) return 0;
  const total = na + nb;
  const most = Math.min(na, nb);
  let k = Math.min(most + 1, Math.max(0, Math.ceil((threshold * total) / (1 + threshold))));
  while (k > 0 && (k - 1) / (total - (k - 1)) >= threshold) k--;
  while (k <= most && k / (total - k) < threshold) k++;
  return k;
}

/** Exact Jaccard similarity of two sorted, de-duplicated Uint32Arrays. */
export function jaccardOfSorted(a: Uint32Array, b: Uint32Array): number {
  return jaccardSorted(a, 0, a.length, b, 0, b.length);
}

/**
 * MinHash signature of hashBuf[0, u) into sigBuf: per seed, the least `fmix32(x ^ seed)` (unsigned;

/** The shingle set of the step last passed to `shingleStep` (its first `size` entries). */
export function currentShingles(): Uint32Array {
  return hashBuf;
}

/** The word count of the step last passed to `shingleStep`. */
export function currentWordCount(): number {
  return stepWords;
}
