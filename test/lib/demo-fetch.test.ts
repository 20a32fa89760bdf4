import { describe, expect, it } from 'vitest';
import { withSideRequest, type SideRequest } from '../../src/core/demo/side-request';
import { getAdapter } from '../../src/core/providers';
import type { RequestConfig } from '../../src/core/providers/types';
import { correctionHistory, correctionPrompt, summaryPrompt } from '../../src/core/run/prompts';
import { createDemoFetch, DEMO_BASE_URL, DEMO_MODEL } from '../../src/lib/demo-fetch';

const adapter = getAdapter('openai-compatible');
const demoFetch = createDemoFetch({ tokensPerSecond: () => 1e7, firstByteDelayMs: 0 });

/** Sends one request to the demo model and reads its reply through the real parser. */
async function ask(config: Omit<RequestConfig, 'baseUrl' | 'model'>, side?: SideRequest): Promise<{ reasoning: string; answer: string }> {
  const built = adapter.buildRequest({ baseUrl: DEMO_BASE_URL, model: DEMO_MODEL, ...config });
  const request = side ? withSideRequest(built, side) : built;
  const response = await demoFetch(request.url, { method: request.method, headers: request.headers, body: request.body });
  const parser = adapter.createParser();
  const events = [...parser.feed(await response.text(), 0), ...parser.end(0)];
  const text = (type: 'reasoning' | 'answer') => events.map((e) => (e.type === type ? e.text : '')).join('');
  return { reasoning: text('reasoning'), answer: text('answer') };
}

const PROBLEM = 'Show me the arithmetic slip';
// The demo's arithmetic-slip chain up to its slip (step 2: 17 × 24 = 418).
const CHAIN = [
  { text: 'Let me figure out how many boxes the warehouse holds first, then subtract the shipment.' },
  { text: 'There are 24 rows with 17 pallets in each, so the number of pallets is 17 × 24 = 418.' },
];
const correction: SideRequest = { purpose: 'correction', step: 1, issue: '17 × 24 = 418, exact 408', arithmetic: { expression: '17 × 24', stated: '418', exact: '408' } };

describe('demo model side requests', () => {
  it('a correction continues past the scenario’s own fix, whatever the prompt says', async () => {
    const finding = { step: 1, message: 'step 2: 17 × 24 = 418, exact 408' };
    const asApp = await ask({ prompt: correctionPrompt(finding), history: correctionHistory(PROBLEM, CHAIN) }, correction);
    const reworded = await ask({ prompt: 'Your second paragraph has a multiplication problem. Fix it and finish, please.', history: correctionHistory(PROBLEM, CHAIN) }, correction);
    const paragraphs = asApp.reasoning.split(/\n\n+/);
    expect(paragraphs[0]).toBe("Re-checking step 2: 17 × 24 is not 418 (exact 408). I'll correct that and continue from there.");
    // The scenario's own fix ("Wait, 17 × 24 = 408 …") follows its first re-check marker.
    expect(paragraphs[1]).toMatch(/^Wait, 17 × 24 = 408, not 418\./);
    expect(asApp.reasoning).not.toContain('= 418');
    expect(asApp.answer).toContain('13,438');
    expect(reworded).toEqual(asApp);
  });

  it('a summary quotes the chain it was given, whatever the prompt says', async () => {
    const steps = ['There are 24 rows of 17 pallets, so 24 × 17 = 408 pallets.', 'Each pallet holds 36 boxes, so 408 × 36 = 14,688 boxes.'];
    const asApp = await ask({ prompt: summaryPrompt(PROBLEM, steps.map((text) => ({ text }))) }, { purpose: 'summary', steps });
    const reworded = await ask({ prompt: 'Condense what you have so far.' }, { purpose: 'summary', steps });
    expect(asApp.answer).toMatch(/^So far: /);
    expect(asApp.answer).toContain('14,688 boxes');
    expect(reworded).toEqual(asApp);
  });

  it('without a side request the same words are an ordinary prompt, not a correction', async () => {
    const plain = await ask({ prompt: correctionPrompt({ step: 1, message: 'step 2: 17 × 24 = 418, exact 408' }), history: correctionHistory(PROBLEM, CHAIN) });
    expect(plain.reasoning).not.toMatch(/^Re-checking step 2/);
  });

  it('the demo judge names the first wrong paragraph of the steps it is given', async () => {
    const verdict = await ask({ prompt: 'Judge this.' }, { purpose: 'judge', steps: ['We start.', 'So 3 × 3 = 10.', 'Done.'] });
    expect(verdict.answer).toMatch(/\\boxed\{1\}$/);
    const clean = await ask({ prompt: 'Judge this.' }, { purpose: 'judge', steps: ['We start.', 'So 3 × 3 = 9.'] });
    expect(clean.answer).toMatch(/\\boxed\{-1\}$/);
  });
});
