/**
 * Reading one mapped field of a flat record in the parser's units: durations in ms, timestamps
 * in epoch ms, counts (an array counts its elements). A missing value stays undefined; a present
 * value that cannot be read is undefined too, and reported as unreadable (left empty, not zero).
 */
import { FIELD_KIND, type FlatRecord } from './fields';
import type { FieldMapping, MappedField } from './types';
import { durationToMs, isMissing, timestampToMs, toNumber } from './units';

export class FieldReader {
  constructor(
    private readonly mapping: FieldMapping,
    private readonly onUnreadable: (field: MappedField, line: number) => void,
  ) {}

  /** A mapped numeric field → ms / count / epoch ms; undefined when missing or unreadable. */
  read(field: MappedField, rec: FlatRecord, line: number): number | undefined {
    const src = this.mapping[field];
    if (!src) return undefined;
    const v = rec[src.column];
    if (isMissing(v)) return undefined;
    const kind = FIELD_KIND[field];
    let out: number | undefined;
    if (kind === 'count') {
      out = Array.isArray(v) ? v.length : toNumber(v);
      if (out !== undefined && out < 0) out = undefined;
    } else if (kind === 'timestamp') {
      out = timestampToMs(v, src.unit);
    } else if (src.minus) {
      const b = rec[src.minus];
      if (isMissing(b)) return undefined;
      const ta = timestampToMs(v, src.unit);
      const tb = timestampToMs(b, src.unit);
      out = ta !== undefined && tb !== undefined && ta >= tb ? ta - tb : undefined;
    } else {
      const n = toNumber(v);
      out = n === undefined || n < 0 ? undefined : durationToMs(n, src.unit);
    }
    if (out === undefined) this.onUnreadable(field, line);
    return out;
  }

  /** The mapped column's value as it stands in the record. */
  raw(field: MappedField, rec: FlatRecord): unknown {
    const src = this.mapping[field];
    return src ? rec[src.column] : undefined;
  }
}
