import { describe, expect, it } from 'vitest';
import chainsJson from '../../../src/core/demo/sample-chains.json';
import { demoCaption, demoLabel, planDemoAnswer, shortQuestion } from '../../../src/core/demo/demo-answer';
import { EXAMPLE_CHAINS, EXAMPLE_QUESTION } from '../../../src/core/demo/example-chains';
import type { SampleChain } from '../../../src/core/demo/sample-chain';
import { SCENARIOS } from '../../../src/core/demo/scenarios';
import { arithmeticClaims } from './arithmetic-claims';

const chains = chainsJson as SampleChain[];

describe('what the demo plays for a prompt', () => {
  it('answers every sample query with its own chain', () => {
    for (const c of chains) {
      const play = planDemoAnswer(`  ${c.prompt.toLowerCase()} `, { chains });
      expect(play.source).toBe('chain');
      expect(play.scenario.answer).toBe(c.answer);
      expect(demoLabel(play)).toEqual({ source: 'chain', title: 'Own chain', question: c.prompt, ownQuestion: true });
    }
  });

  it('answers the prompt box’s example question with its own chain, and that chain is right', () => {
    const play = planDemoAnswer(EXAMPLE_QUESTION, { chains });
    expect(play.source).toBe('chain');
    // 210 km at 84 km/h is 150 minutes; 3:40 pm + 150 min = 6:10 pm.
    const arrival = 15 * 60 + 40 + (210 / 84) * 60;
    const hhmm = `${Math.floor(arrival / 60) - 12}:${String(arrival % 60).padStart(2, '0')} pm`;
    expect(hhmm).toBe('6:10 pm');
    expect(play.scenario.answer).toContain(hhmm);
    for (const c of EXAMPLE_CHAINS) {
      const claims = c.steps.flatMap(arithmeticClaims);
      expect(claims.length).toBeGreaterThan(0);
      for (const claim of claims) expect(claim.ok, claim.text).toBe(true);
    }
  });

  it('plays a scenario for a free-form prompt, labelled with the scenario’s own question', () => {
    for (const prompt of ['What is the capital of France?', 'How many edges does a cube have?', 'A warehouse stores 12 crates of 40 bottles; how many bottles?', '']) {
      const play = planDemoAnswer(prompt, { chains });
      expect(play.source).toBe('scenario');
      const label = demoLabel(play);
      expect(label.ownQuestion).toBe(false);
      expect(label.question).not.toBe(prompt);
      expect(SCENARIOS.map((s) => s.prompt)).toContain(label.question);
      expect(label.question).toBe(play.scenario.prompt);
    }
  });

  it('a scenario’s own example prompt is its own question', () => {
    for (const s of SCENARIOS) {
      const label = demoLabel(planDemoAnswer(s.prompt, { chains }));
      expect(label).toEqual({ source: 'scenario', scenario: s.id, title: s.title, question: s.prompt, ownQuestion: true });
    }
  });

  it('a model name forces its scenario, even for a sample query, and says whose question it is', () => {
    const forced = planDemoAnswer(chains[0].prompt, { chains, model: 'demo-reasoner:stall' });
    expect(forced.source).toBe('scenario');
    expect(forced.scenario.id).toBe('stall');
    expect(demoLabel(forced).ownQuestion).toBe(false);
    expect(demoLabel(planDemoAnswer(SCENARIOS.find((s) => s.id === 'stall')!.prompt, { chains, model: 'demo-reasoner:stall' })).ownQuestion).toBe(true);
  });

  it('captions the run with the scenario and that the demo replays scripts', () => {
    const label = demoLabel(planDemoAnswer('hello there', { chains }));
    expect(demoCaption(label)).toBe(`Demo scenario: ${label.title.toLowerCase()} — the demo model replays scripted chains; connect a model to ask your own question.`);
    expect(shortQuestion('a '.repeat(100), 20)).toHaveLength(20);
    expect(shortQuestion('short')).toBe('short');
  });

  it('the scenarios meant to miss their latency target say so in their description', () => {
    const missing = SCENARIOS.filter((s) => s.expectedMiss);
    expect(missing.map((s) => s.id).sort()).toEqual(['checkpointed-long', 'stall']);
    for (const s of missing) {
      expect(s.description.endsWith(s.expectedMiss!)).toBe(true);
      expect(s.expectedMiss).toMatch(/latency target will be missed/);
    }
  });
});
