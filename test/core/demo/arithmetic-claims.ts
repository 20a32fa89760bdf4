/**
 * A small test-only checker for stated arithmetic like "17 × 24 = 408" or
 * "8,000 + 300 - 6,500 = 1,800" (chains "a = b = c" are checked pairwise). A chain starts at
 * the first side that contains an operator, so "15% of 80 = 8 + 4 = 12" checks "8 + 4 = 12".
 * × ÷ * / bind tighter than + - −. "$" and thousands commas are accepted.
 */
const NUM = String.raw`\$?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;
const OP = String.raw`[+\-−×*÷/]`;
const EXPR = String.raw`${NUM}(?:[ \t]*${OP}[ \t]*${NUM})*`;
const CHAIN = new RegExp(String.raw`(?<![\w.,$])${EXPR}(?:[ \t]*=[ \t]*${EXPR})+(?![\d])`, 'g');

export type Claim = { text: string; ok: boolean };

function evaluate(expr: string): number {
  const tokens = expr.match(new RegExp(`${NUM}|${OP}`, 'g')) ?? [];
  const values: number[] = [];
  const ops: string[] = [];
  for (const t of tokens) {
    if (/\d/.test(t)) values.push(Number(t.replace(/[$,]/g, '')));
    else ops.push(t);
  }
  // First × and ÷, then + and -.
  const v = [values[0]];
  const addOps: string[] = [];
  ops.forEach((op, i) => {
    const next = values[i + 1];
    if (op === '×' || op === '*') v[v.length - 1] *= next;
    else if (op === '÷' || op === '/') v[v.length - 1] /= next;
    else {
      addOps.push(op);
      v.push(next);
    }
  });
  return addOps.reduce((acc, op, i) => (op === '+' ? acc + v[i + 1] : acc - v[i + 1]), v[0]);
}

const hasOp = (side: string): boolean => new RegExp(`${NUM}[ \\t]*${OP}[ \\t]*${NUM}`).test(side);

export function arithmeticClaims(text: string): Claim[] {
  const claims: Claim[] = [];
  for (const m of text.matchAll(CHAIN)) {
    const sides = m[0].split(/[ \t]*=[ \t]*/);
    const first = sides.findIndex(hasOp);
    if (first < 0) continue;
    const used = sides.slice(first);
    if (used.length < 2) continue;
    const values = used.map(evaluate);
    const ok = values.every((v) => Math.abs(v - values[0]) <= 1e-9 * Math.max(1, Math.abs(v)));
    claims.push({ text: used.join(' = '), ok });
  }
  return claims;
}
