/**
 * Field detection: resolving a mapping with units from a sample of flat records (flat-columns.ts
 * flattens them and finds columns by alias; field-aliases.ts is the alias table).
 *
 * For each field the aliases are tried in order and the first that matches a column wins. A
 * candidate is only taken if the sample's values fit (numbers for counts and times, text for
 * reasoning text, true/false for a timed-out flag). The latency and TTFT units are then checked
 * against the data (unit-check.ts).
 */
import { BUCKET_ALIASES, DERIVED_PAIRS, FIELD_KIND, ROW_ALIASES, type FieldKind } from './field-aliases';
import { indexColumns, type FlatRecord } from './flat-columns';
import type { BucketField, FieldMapping, MappedField, MappingOverrides, ResolvedSource, RowField, Unit } from './types';
import { checkDurationUnits, type UnitCheck } from './unit-check';
import { guessDurationUnit, guessTimestampUnit, isMissing, parseDateTime, toBool, toNumber, type UnitGuess } from './units';

export { flatten, indexColumns, normalizeKey, type ColumnIndex, type FlatRecord } from './flat-columns';
export { BUCKET_ALIASES, BUCKET_FIELDS, DERIVED_PAIRS, FIELD_KIND, ROW_ALIASES, ROW_FIELDS, unitsForField, type FieldKind } from './field-aliases';
export { checkDurationUnits, IMPLAUSIBLE_MEDIAN_MS, type UnitCheck } from './unit-check';

/** Does the sample's data fit the field? (At least half the present values are readable.) */
export function valuesFit(kind: FieldKind, values: unknown[]): boolean {
  let present = 0;
  let good = 0;
  for (const v of values) {
    if (isMissing(v)) continue;
    present++;
    switch (kind) {
      case 'count':
        if (Array.isArray(v) || toNumber(v) !== undefined || (typeof v === 'string' && /^\s*\[?\s*\d/.test(v))) good++;
        break;
      case 'duration':
      case 'ttft':
        if (toNumber(v) !== undefined) good++;
        break;
      case 'timestamp':
        if (toNumber(v) !== undefined || (typeof v === 'string' && parseDateTime(v) !== undefined)) good++;
        break;
      case 'text':
        if (typeof v === 'string') good++;
        break;
      case 'bool':
        if (toBool(v) !== undefined) good++;
        break;
      case 'status':
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || Array.isArray(v) || typeof v === 'object') good++;
        break;
    }
  }
  // A column that is empty in the whole sample is still acceptable (it may fill in later),
  // except for the flag, whose name ("timeout") is too often a setting.
  if (present === 0) return kind !== 'bool';
  return good * 2 >= present;
}

export function guessUnit(field: MappedField, column: string, values: unknown[], relativeDefault?: Unit): UnitGuess {
  const kind = FIELD_KIND[field];
  switch (kind) {
    case 'duration':
      return guessDurationUnit(column, values, 'latency');
    case 'ttft':
      return guessDurationUnit(column, values, 'ttft');
    case 'timestamp':
      return guessTimestampUnit(column, values, relativeDefault);
    case 'count':
      return { unit: 'count', reason: 'count' };
    case 'bool':
      return { unit: 'bool', reason: 'true/false' };
    default:
      return { unit: 'text', reason: 'text' };
  }
}

/** A mapping preset from a format: column and optionally a fixed unit (else guessed). */
export type PresetEntry = { column: string; unit?: Unit; minus?: string; reason?: string } | { derive: true } | null;
export type Preset = Partial<Record<MappedField, PresetEntry | PresetEntry[]>>;

export type ResolveInput = {
  fields: readonly MappedField[];
  columns: readonly string[];
  sample: readonly FlatRecord[];
  preset: Preset;
  overrides?: MappingOverrides;
  /** Unit for small relative timestamps (Mooncake: ms). */
  relativeTimestampUnit?: Unit;
  /** Fields the format says must not be guessed from aliases. */
  noAlias?: readonly MappedField[];
};

function valuesOf(sample: readonly FlatRecord[], column: string): unknown[] {
  const out: unknown[] = [];
  for (const r of sample) out.push(r[column]);
  return out;
}

function diffValues(sample: readonly FlatRecord[], end: string, start: string, unit: Unit): { ok: number; present: number } {
  let ok = 0;
  let present = 0;
  for (const r of sample) {
    if (isMissing(r[end]) || isMissing(r[start])) continue;
    present++;
    const a = unit === 'iso' ? parseDateTime(String(r[end])) : toNumber(r[end]);
    const b = unit === 'iso' ? parseDateTime(String(r[start])) : toNumber(r[start]);
    if (a !== undefined && b !== undefined && a >= b) ok++;
  }
  return { ok, present };
}

/** Resolves every field: override → format preset → alias → derived (end − start). */
export function resolveMapping(input: ResolveInput): FieldMapping {
  return resolveMappingChecked(input).mapping;
}

/** resolveMapping plus the unit checks, with their messages. */
export function resolveMappingChecked(input: ResolveInput): { mapping: FieldMapping; checks: UnitCheck[] } {
  const index = indexColumns(input.columns);
  const mapping: FieldMapping = {};
  const used = new Set<string>();
  const relative = input.relativeTimestampUnit ?? 's';

  const withUnit = (field: MappedField, column: string, fixed: Unit | undefined, origin: ResolvedSource['origin'], reason?: string): ResolvedSource => {
    if (fixed) return { column, unit: fixed, origin, unitReason: reason ?? (origin === 'override' ? 'your choice' : 'known for this format') };
    const g = guessUnit(field, column, valuesOf(input.sample, column), relative);
    return { column, unit: g.unit, origin, unitReason: g.reason };
  };

  const derive = (field: MappedField): ResolvedSource | undefined => {
    for (const pair of DERIVED_PAIRS) {
      if (pair.field !== field) continue;
      const end = index.find(pair.end);
      const start = index.find(pair.start);
      if (!end || !start) continue;
      const g = guessTimestampUnit(start, valuesOf(input.sample, start), relative);
      const { ok, present } = diffValues(input.sample, end, start, g.unit);
      if (present > 0 && ok * 2 < present) continue;
      return { column: end, minus: start, unit: g.unit, origin: 'derived', unitReason: `${end} − ${start}; ${g.reason}` };
    }
    return undefined;
  };

  for (const field of input.fields) {
    const override = input.overrides?.[field];
    if (override === null) continue;
    if (override) {
      // A column picked by hand without a unit gets one from its name and values, never a default.
      if (override.unit) mapping[field] = { column: override.column, unit: override.unit, ...(override.minus ? { minus: override.minus } : {}), origin: 'override', unitReason: 'your choice' };
      else {
        const g = guessUnit(field, override.column, valuesOf(input.sample, override.column), relative);
        mapping[field] = { column: override.column, unit: g.unit, ...(override.minus ? { minus: override.minus } : {}), origin: 'override', unitReason: `your column; unit from its ${/^name says/.test(g.reason) ? 'name' : 'values'}: ${g.reason}` };
      }
      used.add(override.column);
      continue;
    }
    const presetRaw = input.preset[field];
    if (presetRaw === null) continue;
    let resolved: ResolvedSource | undefined;
    const entries = presetRaw === undefined ? [] : Array.isArray(presetRaw) ? presetRaw : [presetRaw];
    for (const entry of entries) {
      if (!entry) continue;
      if ('derive' in entry) {
        resolved = derive(field);
      } else {
        const column = input.columns.includes(entry.column) ? entry.column : index.find(entry.column);
        if (!column) continue;
        if (entry.minus) {
          const minus = input.columns.includes(entry.minus) ? entry.minus : index.find(entry.minus);
          if (!minus) continue;
          const g = entry.unit ? { unit: entry.unit, reason: entry.reason ?? 'known for this format' } : guessTimestampUnit(minus, valuesOf(input.sample, minus), relative);
          resolved = { column, minus, unit: g.unit, origin: 'format', unitReason: `${column} − ${minus}; ${g.reason}` };
        } else resolved = withUnit(field, column, entry.unit, 'format', entry.reason);
      }
      if (resolved) break;
    }
    if (!resolved && !input.noAlias?.includes(field)) {
      const aliases = field in ROW_ALIASES ? ROW_ALIASES[field as RowField] : BUCKET_ALIASES[field as BucketField];
      for (const alias of aliases) {
        const column = index.find(alias);
        if (!column || used.has(column)) continue;
        if (!valuesFit(FIELD_KIND[field], valuesOf(input.sample, column))) continue;
        resolved = withUnit(field, column, undefined, 'alias');
        break;
      }
      if (!resolved && (field === 'latencyMs' || field === 'ttftMs')) resolved = derive(field);
    }
    if (resolved) {
      mapping[field] = resolved;
      if (!resolved.minus) used.add(resolved.column);
    }
  }
  const checks = checkDurationUnits(mapping, input.sample, (f) => derive(f));
  return { mapping, checks };
}
