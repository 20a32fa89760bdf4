import { describe, expect, it } from 'vitest';
import { createVerifyHandler } from '../../src/workers/verify-handler';

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
