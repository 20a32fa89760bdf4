/**
 * Pre-aggregated input: one bucket row per record ("40-49", "[40,50)", "40+" or a number, with a
 * request count and optional percentiles and failure counts). Buckets are held until the end,
 * sorted by their lower edge, and an open upper edge is closed by the next bucket's lower edge.
 */
import type { DiagnosticsCollector } from './diagnostics-collector';
import { FieldReader } from './field-reader';
import type { FlatRecord } from './fields';
import type { BucketRow, FieldMapping } from './types';
import { isMissing, toNumber } from './units';

/** "40-49", "[40,50)", "40+", "40" → [lo, hi?]. */
export function parseBucket(value: unknown): [number, number | undefined] | undefined {
  const n = toNumber(value);
  if (n !== undefined) return [n, undefined];
  if (typeof value !== 'string') return undefined;
  const m = /^\s*[[(]?\s*(-?\d+(?:\.\d+)?)\s*(?:[-–,]|\.\.)\s*(-?\d+(?:\.\d+)?)\s*([\])])?\s*$/.exec(value);
  if (m) {
    const lo = Number(m[1]);
    const hi = Number(m[2]);
    // "40-49" (inclusive integer range) → hi 50; "[40,50)" → 50.
    const exclusive = m[3] === ')' || value.includes('[');
    return [lo, exclusive ? hi : Number.isInteger(hi) ? hi + 1 : hi];
  }
  const plus = /^\s*(\d+(?:\.\d+)?)\s*\+\s*$/.exec(value);
  if (plus) return [Number(plus[1]), undefined];
  return undefined;
}

const BUCKET_VALUE_FIELDS = ['latencyP50Ms', 'latencyP95Ms', 'latencyP99Ms', 'ttftP50Ms', 'timeouts', 'errors', 'truncated', 'censored'] as const;

export class BucketCollector {
  private readonly reader: FieldReader;
  private held: BucketRow[] = [];

  /** `mapping` has bucketLo and count (the parser refuses bucket input without them). */
  constructor(
    private readonly mapping: FieldMapping,
    private readonly diagnostics: DiagnosticsCollector,
  ) {
    this.reader = new FieldReader(mapping, (field, line) => diagnostics.invalidAt(field, line));
  }

  add(rec: FlatRecord, line: number): void {
    const loSrc = this.mapping.bucketLo!;
    const loValue = rec[loSrc.column];
    // SQL puts requests whose steps are unknown in a NULL bucket: kept, with lo = NaN.
    const range: [number, number | undefined] | undefined = isMissing(loValue) ? [NaN, undefined] : parseBucket(loValue);
    const count = this.reader.read('count', rec, line);
    if (!range || count === undefined) {
      this.diagnostics.malformedAt(line, 'bucket row without a readable bucket and count');
      return;
    }
    const hi = this.reader.read('bucketHi', rec, line) ?? range[1];
    const bucket: BucketRow = { lo: range[0], basis: /token/i.test(loSrc.column) ? 'reasoningTokens' : 'steps', count };
    if (hi !== undefined) bucket.hi = hi;
    for (const f of BUCKET_VALUE_FIELDS) {
      const v = this.reader.read(f, rec, line);
      if (v !== undefined) bucket[f] = v;
    }
    this.held.push(bucket);
    this.diagnostics.bucketCount++;
    if (Number.isNaN(bucket.lo)) this.diagnostics.unbucketed += count;
  }

  /** Every bucket held so far, sorted (NaN buckets last), open upper edges closed; then empty. */
  flush(): BucketRow[] {
    const sorted = this.held.sort((a, b) => (Number.isNaN(a.lo) ? 1 : Number.isNaN(b.lo) ? -1 : a.lo - b.lo));
    for (let i = 0; i < sorted.length; i++) if (sorted[i].hi === undefined && i + 1 < sorted.length && sorted[i + 1].lo > sorted[i].lo) sorted[i].hi = sorted[i + 1].lo;
    this.held = [];
    return sorted;
  }
}
