import { describe, expect, it } from 'vitest';
import { SCENARIOS, SCENARIO_CHOICES, pickScenario, pickScenarioWithReason } from '../../../src/core/demo/pick-scenario';

const pick = (prompt: string): string => pickScenario(prompt).id;

describe('pickScenario', () => {
  it('gives every prompt a scenario, including empty and gibberish ones', () => {
    expect(pick('')).toBe('medium');
    expect(pick('   \n ')).toBe('medium');
    expect(pick('asdkjh qwpoeiru zxmcnb')).toBe('short');
    expect(pick('!!!???')).toBe('short');
    expect(pick('ñøπ∆ 漢字 🙂')).toBe('short');
    expect(pick('x'.repeat(5000))).toBe('complex');
  });

  it('picks by shape when no keyword matches', () => {
    expect(pick('What is 2+2?')).toBe('short');
    expect(pick('Why is the sky blue?')).toBe('short');
    expect(pick('If Tom has 3 apples and buys 5 more, how many apples does he have now?')).toBe('medium');
    expect(pick('Explain how photosynthesis works in plants and why it matters for the planet and its ecosystems')).toBe('medium');
    const long = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    expect(pick(long)).toBe('complex');
    expect(pickScenarioWithReason('What is 2+2?').reason).toBe('shape');
  });

  it('matches each scenario by its id and by each of its keywords', () => {
    for (const s of SCENARIOS) {
      expect(pick(s.id), s.id).toBe(s.id);
      expect(pick(`Please show me ${s.id.toUpperCase()} now`), s.id).toBe(s.id);
      for (const k of s.keywords) {
        const got = pickScenarioWithReason(`show me the ${k} case`);
        expect(got.reason, k).toBe('keyword');
        expect(got.scenario.id, k).toBe(s.id);
      }
    }
  });

  it('matches keywords case-insensitively, on word boundaries, with plurals', () => {
    expect(pick('Show me a SLIP')).toBe('arithmetic-slip');
    expect(pick('the model makes mistakes')).toBe('arithmetic-slip');
    expect(pick('Why does it Loop?')).toBe('repetition-loop');
    expect(pick('keeps repeating itself')).toBe('repetition-loop');
    expect(pick('stream stalls')).toBe('stall');
    expect(pick('slow server')).toBe('stall');
    expect(pick('network breaks')).toBe('disconnect');
    expect(pick('simulate a Disconnect')).toBe('disconnect');
    expect(pick('plan my week')).toBe('complex');
    expect(pick('a complex one')).toBe('complex');
    expect(pick('quick one')).toBe('short');
    expect(pick('short')).toBe('short');
    expect(pick('long chain with checkpoints')).toBe('checkpointed-long');
    // No match inside other words.
    expect(pickScenarioWithReason('breakfast ideas').reason).toBe('shape');
    expect(pickScenarioWithReason('slippery slope').reason).toBe('shape');
    expect(pickScenarioWithReason('shortbread recipe').reason).toBe('shape');
    expect(pickScenarioWithReason('airplane').reason).toBe('shape');
  });

  it('lets behaviour keywords win over size keywords, then the earliest keyword', () => {
    expect(pick('a quick demo of a stall')).toBe('stall');
    expect(pick('complex plan but with a disconnect')).toBe('disconnect');
    expect(pick('slip then loop')).toBe('arithmetic-slip');
    expect(pick('loop then slip')).toBe('repetition-loop');
  });

  it('picks the scenario whose example prompt is typed', () => {
    for (const s of SCENARIOS) {
      expect(pickScenarioWithReason(s.prompt)).toEqual({ scenario: s, reason: 'prompt' });
      expect(pick(`  ${s.prompt.toUpperCase()}  `)).toBe(s.id);
    }
  });

  it('is deterministic', () => {
    const prompts = ['', 'stall', 'What is 2+2?', 'gibberish qqq', 'plan a trip with 3 stops', ...SCENARIOS.map((s) => s.prompt)];
    for (const p of prompts) expect(pickScenarioWithReason(p)).toEqual(pickScenarioWithReason(p));
  });

  it('exports the list for a picker', () => {
    expect(SCENARIO_CHOICES.map((c) => c.id)).toEqual(SCENARIOS.map((s) => s.id));
    for (const c of SCENARIO_CHOICES) expect(Object.keys(c).sort()).toEqual(['description', 'id', 'prompt', 'title']);
  });
});
