import { describe, expect, it } from 'vitest';
import { SCENARIOS, getScenario, type ScenarioId } from '../../../src/core/demo/scenarios';
import { scenarioToFrames } from '../../../src/core/demo/sse-frames';
import { DEFAULT_TIER_TARGETS, judgeTier } from '../../../src/core/run/tiers';
import { splitSteps } from '../../../src/core/steps/segmenter';
import { DEFAULT_SETTINGS } from '../../../src/lib/settings';
import { arithmeticClaims } from './arithmetic-claims';

const stepTexts = (id: ScenarioId): string[] => splitSteps(getScenario(id).reasoning).map((s) => s.text);

describe('demo scenarios', () => {
  it('has the required scenarios with unique ids and complete fields', () => {
    const ids = SCENARIOS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining(['short', 'medium', 'complex', 'arithmetic-slip', 'repetition-loop', 'stall', 'disconnect', 'checkpointed-long']),
    );
    for (const s of SCENARIOS) {
      expect(s.title.trim(), s.id).not.toBe('');
      expect(s.description.trim(), s.id).not.toBe('');
      expect(s.prompt.trim(), s.id).not.toBe('');
      expect(s.answer.trim(), s.id).not.toBe('');
      expect(s.keywords.length, s.id).toBeGreaterThan(0);
      for (const k of s.keywords) expect(k, s.id).toBe(k.toLowerCase().trim());
      // Reasoning is clean paragraph text: no leading/trailing whitespace, no tabs or CR.
      expect(s.reasoning, s.id).toBe(s.reasoning.trim());
      expect(s.reasoning, s.id).not.toMatch(/[\t\r]/);
    }
    expect(() => getScenario('nope' as ScenarioId)).toThrow();
  });

  it('at the default demo speed, a scenario meant to meet its target does so with room to spare, one meant to miss misses', () => {
    const rate = DEFAULT_SETTINGS.demoTokensPerSecond;
    for (const s of SCENARIOS) {
      // Play time as the demo model paces it: tokens at the default rate, plus scripted pauses and the first byte.
      const frames = scenarioToFrames(s, { created: 0, id: 'x' });
      const tokens = frames.reduce((n, f) => n + (f.kind === 'data' ? f.tokens : 0), 0);
      const pausedMs = frames.reduce((n, f) => n + (f.kind === 'pause' ? f.ms : 0), 0);
      const seconds = tokens / rate + pausedMs / 1000 + 0.25;
      const verdict = judgeTier(stepTexts(s.id).length, seconds, DEFAULT_TIER_TARGETS);
      if (s.expectedMiss) expect(verdict.missed, `${s.id}: ${seconds.toFixed(1)} s`).toBe(true);
      else expect(seconds, `${s.id} plays ${seconds.toFixed(1)} s of its ${verdict.targetSeconds} s target`).toBeLessThan(0.8 * verdict.targetSeconds);
    }
  });

  it('has the step counts its size promises (paragraph segmenter)', () => {
    expect(stepTexts('short').length).toBeLessThan(5);
    expect(stepTexts('medium').length).toBeGreaterThanOrEqual(5);
    expect(stepTexts('medium').length).toBeLessThanOrEqual(15);
    expect(stepTexts('complex').length).toBeGreaterThan(15);
    expect(stepTexts('checkpointed-long').length).toBeGreaterThanOrEqual(35);
    for (const s of SCENARIOS) expect(stepTexts(s.id).length, s.id).toBeGreaterThanOrEqual(3);
  });

  it('keeps every stated a op b = c correct, except the one deliberate slip', () => {
    for (const s of SCENARIOS) {
      const claims = arithmeticClaims(`${s.reasoning}\n\n${s.answer}`);
      expect(claims.length, s.id).toBeGreaterThan(0);
      const wrong = claims.filter((c) => !c.ok).map((c) => c.text);
      expect(wrong, s.id).toEqual(s.id === 'arithmetic-slip' ? ['17 × 24 = 418'] : []);
    }
  });

  it('the checker used above does catch wrong equalities', () => {
    expect(arithmeticClaims('so 17 × 24 = 418 and 2 + 2 = 4').map((c) => c.ok)).toEqual([false, true]);
    expect(arithmeticClaims('8,000 + 300 - 6,500 = 1,900').map((c) => c.ok)).toEqual([false]);
    expect(arithmeticClaims('6,000 + 400 × 11 = 10,400').map((c) => c.ok)).toEqual([true]);
  });

  it('arithmetic-slip: one wrong product, corrected later by a "Wait" step, right answer', () => {
    const steps = stepTexts('arithmetic-slip');
    const slip = steps.findIndex((t) => t.includes('17 × 24 = 418'));
    const fix = steps.findIndex((t) => /^Wait\b/.test(t));
    expect(slip).toBeGreaterThanOrEqual(0);
    expect(fix).toBeGreaterThan(slip);
    expect(steps[fix]).toContain('17 × 24 = 408');
    expect(steps[fix]).toContain('not 418');
    expect(getScenario('arithmetic-slip').answer).toContain('13,438');
    expect(24 * 17 * 36 - 1250).toBe(13_438);
  });

  it('repetition-loop: one or two paragraphs repeat several times nearly verbatim, then it breaks out', () => {
    const steps = stepTexts('repetition-loop');
    const counts = new Map<string, number>();
    for (const t of steps) counts.set(t, (counts.get(t) ?? 0) + 1);
    const repeated = [...counts.entries()].filter(([, n]) => n >= 3);
    expect(repeated.length).toBeGreaterThanOrEqual(1);
    expect(repeated.length).toBeLessThanOrEqual(2);
    expect(steps.at(-1)).not.toBe(steps.at(-3));
  });

  it('stall and disconnect carry their faults', () => {
    const stall = getScenario('stall').fault;
    expect(stall).toEqual({ kind: 'stall', afterStep: 3, ms: 35_000 });
    expect(stall?.kind === 'stall' && stall.ms).toBeGreaterThan(30_000);
    expect(stall?.kind === 'stall' && stall.afterStep).toBeLessThan(stepTexts('stall').length);
    const disconnect = getScenario('disconnect').fault;
    expect(disconnect).toEqual({ kind: 'disconnect', afterFraction: 0.6 });
    for (const s of SCENARIOS) if (s.id !== 'stall' && s.id !== 'disconnect') expect(s.fault, s.id).toBeUndefined();
  });
});
