/**
 * Flat records and their columns: nested JSON objects become dotted keys, and columns are found
 * by alias. Keys are normalised (lower-case; `_ - . space ( ) [ ] /` removed). A column matches an
 * alias exactly, or by its last dotted segments (so
 * `metadata.usage.completion_tokens_details.reasoning_tokens` matches
 * `completion_tokens_details.reasoning_tokens`, but `inter_token_latency` never matches `latency`).
 */

export type FlatRecord = Record<string, unknown>;

/** Nested objects become dotted keys; arrays stay values (their length can be a step count). */
export function flatten(value: Record<string, unknown>, out: FlatRecord = {}, prefix = '', depth = 0): FlatRecord {
  for (const key in value) {
    const v = value[key];
    const name = prefix ? `${prefix}.${key}` : key;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && depth < 8) {
      const before = Object.keys(out).length;
      flatten(v as Record<string, unknown>, out, name, depth + 1);
      // An empty object is still a (missing) column.
      if (Object.keys(out).length === before) out[name] = null;
    } else out[name] = v;
  }
  return out;
}

/**
 * The record itself when it has no nested objects (most JSON Lines logs), else `flatten(value)`:
 * a million flat records need no million copies. Only for records nothing else holds on to.
 */
export function flatRecordOf(value: Record<string, unknown>): FlatRecord {
  for (const key in value) {
    const v = value[key];
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return flatten(value);
  }
  return value;
}

export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[\s_\-.()[\]/]/g, '');
}

/** Column lookup by normalised name or by normalised trailing dotted segments. */
export type ColumnIndex = { columns: string[]; find(alias: string): string | undefined };

export function indexColumns(columns: readonly string[]): ColumnIndex {
  const exact = new Map<string, string>();
  const suffix = new Map<string, string>();
  for (const column of columns) {
    const norm = normalizeKey(column);
    if (!exact.has(norm)) exact.set(norm, column);
    const parts = column.split('.');
    for (let k = parts.length - 1; k >= 1; k--) {
      const s = normalizeKey(parts.slice(k).join('.'));
      if (!suffix.has(s)) suffix.set(s, column);
    }
  }
  return {
    columns: [...columns],
    find(alias: string) {
      const a = normalizeKey(alias);
      return exact.get(a) ?? suffix.get(a);
    },
  };
}
