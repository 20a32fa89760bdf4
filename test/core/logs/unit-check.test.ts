import { describe, expect, it } from 'vitest';
import { checkDurationUnits } from '../../../src/core/logs/unit-check';
import type { FieldMapping, ResolvedSource } from '../../../src/core/logs/types';

const pair: ResolvedSource = { column: 'end', minus: 'start', unit: 'ms', origin: 'derived', unitReason: 'end − start' };
const sample = [0, 1, 2, 3].map((i) => ({ start: 1000 * i, end: 1000 * i + 250 + 100 * i, lat: (250 + 100 * i) / 1000 }));

describe('checkDurationUnits', () => {
  it('corrects a unit that disagrees with end − start by a factor of 1000', () => {
    // lat is in seconds (0.25 s for 250 ms) but was read as ms.
    const mapping: FieldMapping = { latencyMs: { column: 'lat', unit: 'ms', origin: 'alias', unitReason: 'name' } };
    const checks = checkDurationUnits(mapping, sample, () => pair);
    expect(mapping.latencyMs?.unit).toBe('s');
    expect(checks).toHaveLength(1);
    expect(checks[0].message).toMatch(/is in s, not ms/);
  });

  it('drops a column that agrees with no unit in favour of end − start', () => {
    const mapping: FieldMapping = { latencyMs: { column: 'lat', unit: 'ms', origin: 'alias', unitReason: '' } };
    const skewed = sample.map((r) => ({ ...r, lat: r.lat * 30 }));
    checkDurationUnits(mapping, skewed, () => pair);
    expect(mapping.latencyMs).toEqual(pair);
  });

  it('leaves a column whose median is over a day unmapped when there are no timestamps, but never a unit the user picked', () => {
    const days = [{ lat: 2 * 86_400_000 }, { lat: 3 * 86_400_000 }];
    const auto: FieldMapping = { latencyMs: { column: 'lat', unit: 'ms', origin: 'alias', unitReason: '' } };
    expect(checkDurationUnits(auto, days, () => undefined)[0].message).toMatch(/median of 2\.5 days/);
    expect(auto.latencyMs).toBeUndefined();
    const yours: FieldMapping = { latencyMs: { column: 'lat', unit: 'ms', origin: 'override', unitReason: 'your choice' } };
    expect(checkDurationUnits(yours, days, () => undefined)).toEqual([]);
    expect(yours.latencyMs?.unit).toBe('ms');
  });
});
