/**
 * The unit check of a resolved latency / TTFT mapping: a unit is verified against the data (end −
 * start timestamps in the same records, else plausibility), not taken from a column's name.
 */
import type { FlatRecord } from './flat-columns';
import { MAX_PLAUSIBLE_DURATION_MS } from './plausibility';
import type { FieldMapping, ResolvedSource, Unit } from './types';
import { median, timestampToMs, toNumber } from './units';

/** Scale of one unit of a duration in ms. */
const MS_PER_NS = 1e-6;
const MS_PER: Partial<Record<Unit, number>> = { ns: MS_PER_NS, us: 1e-3, ms: 1, s: 1000 };
/** A duration column whose median reads as more than this is in an implausible unit. */
export const IMPLAUSIBLE_MEDIAN_MS = 86_400_000;
/**
 * A raw value too large for a duration even in nanoseconds (int64-max placeholders, 1e20) says
 * nothing about the column's unit: plausibility.ts reads it as missing, so the unit check skips it.
 */
const PLACEHOLDER_RAW_VALUE = MAX_PLAUSIBLE_DURATION_MS / MS_PER_NS;

export type UnitCheck = { field: 'latencyMs' | 'ttftMs'; message: string };

/**
 * Checks the unit of a latency or TTFT column instead of trusting it:
 * - against end − start timestamps in the same records, when the file has them: the unit whose
 *   scale makes the column agree with end − start (within a factor of 2; units are 1000× apart)
 *   wins over the name, the magnitude or the format's documented unit. When no unit makes them
 *   agree the column is dropped in favour of end − start, with a message;
 * - otherwise by plausibility: a median over a day is not a request latency, so the column is
 *   left unmapped with a message (pick its unit by hand) rather than charted.
 * A unit the user picked is only reported, never changed.
 */
export function checkDurationUnits(mapping: FieldMapping, sample: readonly FlatRecord[], derive: (field: 'latencyMs' | 'ttftMs') => ResolvedSource | undefined): UnitCheck[] {
  const out: UnitCheck[] = [];
  for (const field of ['latencyMs', 'ttftMs'] as const) {
    const src = mapping[field];
    if (!src || src.minus || src.origin === 'derived') continue;
    const scale = MS_PER[src.unit];
    if (scale === undefined) continue;
    const pair = derive(field);
    const values: number[] = [];
    const ratios: number[] = [];
    for (const r of sample) {
      const v = toNumber(r[src.column]);
      if (v === undefined || v < 0 || v > PLACEHOLDER_RAW_VALUE) continue;
      values.push(v);
      if (!pair?.minus) continue;
      const a = timestampToMs(r[pair.column], pair.unit);
      const b = timestampToMs(r[pair.minus], pair.unit);
      // Below 1 ms the timestamps' own rounding dominates.
      if (a !== undefined && b !== undefined && a - b >= 1 && v > 0) ratios.push(v / (a - b));
    }
    const label = field === 'latencyMs' ? 'Latency' : 'Time to first token';
    if (ratios.length > 0) {
      const m = median(ratios);
      let best: Unit | undefined;
      let bestErr = Infinity;
      for (const [u, f] of Object.entries(MS_PER) as [Unit, number][]) {
        const err = Math.abs(Math.log10(m * f));
        if (err < bestErr) {
          bestErr = err;
          best = u;
        }
      }
      const agrees = bestErr <= Math.log10(2);
      if (src.origin === 'override') {
        if (!agrees || best !== src.unit) out.push({ field, message: `${label} ("${src.column}") in ${src.unit}, your choice, disagrees with ${pair!.column} − ${pair!.minus} (median ratio ${m.toPrecision(3)}); check the unit.` });
        continue;
      }
      if (agrees && best && best !== src.unit) {
        mapping[field] = { ...src, unit: best, unitReason: `checked against ${pair!.column} − ${pair!.minus}: a value of ${fmtValue(median(values))} matches ${best}, not ${src.unit}` };
        out.push({ field, message: `${label} column "${src.column}" is in ${best}, not ${src.unit} as ${src.origin === 'format' ? 'the format used to write it' : 'its name or size suggested'}: checked against ${pair!.column} − ${pair!.minus} in the same records.` });
      } else if (agrees) {
        mapping[field] = { ...src, unitReason: `${src.unitReason ? `${src.unitReason}; ` : ''}agrees with ${pair!.column} − ${pair!.minus}` };
      } else {
        mapping[field] = pair;
        out.push({ field, message: `${label} column "${src.column}" agrees with no time unit against ${pair!.column} − ${pair!.minus} (median ratio ${m.toPrecision(3)}), so it is not used: ${label.toLowerCase()} is ${pair!.column} − ${pair!.minus}.` });
      }
      continue;
    }
    if (values.length > 0 && src.origin !== 'override' && median(values) * scale > IMPLAUSIBLE_MEDIAN_MS) {
      delete mapping[field];
      out.push({
        field,
        message: `${label} column "${src.column}" read as ${src.unit} has a median of ${fmtValue((median(values) * scale) / 86_400_000)} days, an implausible unit; it is not charted. Pick its unit in the field mapping.`,
      });
    }
  }
  return out;
}

const fmtValue = (n: number) => (Math.abs(n) >= 1000 ? Math.round(n).toLocaleString('en-US') : String(Number(n.toPrecision(4))));
