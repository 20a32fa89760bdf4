import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../../src/core/verify';

/** A few real ProcessBench items (Apache-2.0, see the fixture's `source`). */
type Item = { id: string; steps: string[]; label: number };
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/verify/processbench-sample.json', import.meta.url), 'utf8')) as { items: Item[] };
const item = (id: string) => fixture.items.find((x) => x.id === id)!;
const firstFlag = (steps: string[]) => {
  const flagged = verifyChain(steps).filter((f) => f.severity !== 'note');
  return flagged.length ? Math.min(...flagged.map((f) => f.step)) : -1;
};

describe('ProcessBench items', () => {
  it('finds visible arithmetic slips at the labelled first-error step', () => {
    for (const id of ['gsm8k-2', 'math-0', 'math-361']) expect(firstFlag(item(id).steps), id).toBe(item(id).label);
    expect(verifyChain(item('math-361').steps)[0]).toMatchObject({ step: 3, kind: 'arithmetic', evidence: { expression: '429 × 21', stated: '8979', exact: '9009' } });
    expect(verifyChain(item('gsm8k-2').steps)[0].message).toBe('step 2: 2/5 × 4000 = 800, exact 1600');
  });
  it('cannot see a logical error whose arithmetic is right (gsm8k-0: the flamingos are miscounted, not misadded)', () => {
    const x = item('gsm8k-0');
    expect(x.label).toBe(1);
    expect(firstFlag(x.steps)).toBe(-1);
  });
  it('flags nothing in correct chains', () => {
    for (const x of fixture.items.filter((i) => i.label === -1)) expect(firstFlag(x.steps), x.id).toBe(-1);
  });
});
