import { describe, expect, it } from 'vitest';
import { createVerifyHandler, warmUpChain, warmUpVerifier } from '../../src/workers/verify-handler';

const steps = (texts: string[], from = 0) => texts.map((text, i) => ({ index: from + i, text, completedAt: 1000 * (from + i + 1) }));

describe('verify handler', () => {
  it('keeps state per session and returns only new findings', () => {
    const h = createVerifyHandler(() => 0);
    const first = h.handle({ type: 'verify', requestId: 1, session: 'a', steps: steps(['We have 17 rows.', 'So 17 × 24 = 418 pallets.']), options: {} })!;
    expect(first.findings.map((f) => [f.step, f.kind, f.severity])).toContainEqual([1, 'arithmetic', 'error']);
    expect(first.stepsVerified).toBe(2);
    const second = h.handle({ type: 'verify', requestId: 2, session: 'a', steps: steps(['Then 2 + 2 = 4.'], 2), options: {} })!;
    expect(second.findings).toEqual([]);
    expect(second.scores.from).toBe(2);
    expect(second.stepsVerified).toBe(3);
    // Already verified steps are ignored when sent again.
    const again = h.handle({ type: 'verify', requestId: 3, session: 'a', steps: steps(['So 17 × 24 = 418 pallets.'], 1), options: {} })!;
    expect(again.findings).toEqual([]);
    h.handle({ type: 'dispose', session: 'a' });
    expect(h.sessionCount).toBe(0);
  });

  it('applies changed options at the next interval', () => {
    const h = createVerifyHandler(() => 0);
    h.handle({ type: 'verify', requestId: 1, session: 'b', steps: steps(['Start.']), options: {} });
    const off = h.handle({ type: 'verify', requestId: 2, session: 'b', steps: steps(['So 3 × 3 = 10.'], 1), options: { checks: { arithmetic: false } } })!;
    expect(off.findings.filter((f) => f.kind === 'arithmetic')).toEqual([]);
    const on = h.handle({ type: 'verify', requestId: 3, session: 'b', steps: steps(['And 4 × 4 = 17.'], 2), options: { checks: { arithmetic: true } } })!;
    expect(on.findings.filter((f) => f.kind === 'arithmetic')).toHaveLength(1);
  });
});

describe('warming the verifier up', () => {
  it('builds a 2,000-step chain from the demo scenarios, numbers shifted after the first round', () => {
    const chain = warmUpChain();
    expect(chain).toHaveLength(2000);
    expect(chain.map((s) => s.index)).toEqual(chain.map((_, i) => i));
    // Not one text repeated: the rounds differ in their numbers.
    expect(new Set(chain.map((s) => s.text)).size).toBeGreaterThan(1000);
  });

  it('verifies one batch per turn and stops at the first real request', () => {
    const turns: (() => void)[] = [];
    let busy = false;
    warmUpVerifier((work) => turns.push(work), () => busy, warmUpChain(640));
    let ran = 0;
    while (turns.length && ran < 3) {
      turns.shift()!();
      ran++;
    }
    expect(turns).toHaveLength(1);
    busy = true;
    turns.shift()!();
    expect(turns).toHaveLength(0);
  });

  it('ends after the chain when nothing arrives', () => {
    const turns: (() => void)[] = [];
    warmUpVerifier((work) => turns.push(work), () => false, warmUpChain(640));
    let ran = 0;
    while (turns.length) {
      turns.shift()!();
      ran++;
    }
    // 10 batches of 64, then the turn that finds the chain done.
    expect(ran).toBe(11);
  });
});
