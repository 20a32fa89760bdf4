/** Units of one dimension (time, length, mass, volume, money): mixing them needs a conversion the checks do not do. */
import type { Shape } from './expression';

const FAMILIES: Record<string, string> = {};
for (const [family, words] of Object.entries({
  time: 'second minute hour day week month year decade century',
  length: 'mm cm meter km inch foot yard mile',
  mass: 'mg g kg pound ounce ton tonne',
  volume: 'ml milliliter millilitre liter cup gallon quart pint tablespoon teaspoon',
  money: 'cent $ nickel dime',
})) {
  for (const w of words.split(' ')) FAMILIES[w] = family;
}

const heads = (sh: Shape): string[] => [...sh.units].filter((u) => !u.startsWith('/')).concat(sh.hasCurrency ? ['$'] : []);
const allUnits = (sh: Shape): string[] => [...sh.units].map((u) => u.replace(/^\//, '')).concat(sh.hasCurrency ? ['$'] : []);

/**
 * A unit conversion is involved, which we do not do: "2 hours + 30 minutes", "50 cents + $1"
 * (one family added in two units), or "2 × 60 minutes = 2 hours" (the result in a unit of the
 * same family that the left side never mentions).
 */
export function unitsMixed(L: Shape, Rs: Shape): boolean {
  for (const sh of [L, Rs]) {
    if (!(sh.ops.has('+') || sh.ops.has('-'))) continue;
    const seen = new Map<string, string>();
    for (const u of heads(sh)) {
      const f = FAMILIES[u];
      if (!f) continue;
      if (seen.has(f) && seen.get(f) !== u) return true;
      seen.set(f, u);
    }
  }
  const left = allUnits(L);
  for (const u of heads(Rs)) {
    const f = FAMILIES[u];
    if (f && !left.includes(u) && left.some((x) => FAMILIES[x] === f)) return true;
  }
  const right = allUnits(Rs);
  for (const u of heads(L)) {
    const f = FAMILIES[u];
    if (f && right.length > 0 && !right.includes(u) && right.some((x) => FAMILIES[x] === f) && !left.some((x) => right.includes(x))) return true;
  }
  return false;
}
