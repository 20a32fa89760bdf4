import { describe, expect, it } from 'vitest';
import { answersMatch, extractAnswer, lastBoxed } from '../../../src/core/answers';
import type { RunRecord } from '../../../src/core/stored-runs';
import { batchFinalizer } from '../../../src/features/runs/batch-controller';
import { parseBatchInput } from '../../../src/features/runs/batch-input';
import { runBatch } from '../../../src/features/runs/batch-runner';
import { DEFAULT_SETTINGS } from '../../../src/lib/settings';
import { SCENARIOS } from '../../../src/core/demo/scenarios';
import { createVerifyClient } from '../../../src/workers/verify-client';
import { batchSample, gsm8kTest, processBench, readDataset } from '../../support/datasets';

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Every solution chain in the datasets, by problem text (several per problem in ProcessBench). */
function datasetChains(): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  const add = (problem: string, steps: string[]) => out.set(norm(problem), [...(out.get(norm(problem)) ?? []), steps.map(norm)]);
  for (const g of gsm8kTest()) add(g.question, g.answer.split('\n').filter((l) => l.trim() && !l.startsWith('####')));
  for (const subset of ['gsm8k', 'math', 'olympiadbench', 'omnimath'] as const) for (const x of processBench(subset)) add(x.problem, x.steps);
  return out;
}

describe('the 100-query sample on the demo model', () => {
  it('answers every query with that query’s own chain from the datasets, with its reference answer stored', async () => {
    readDataset('gsm8k/test.jsonl');
    const text = batchSample();
    const parsed = parseBatchInput(text.map((l) => JSON.stringify(l)).join('\n'));
    expect(parsed.prompts).toHaveLength(100);
    const chains = datasetChains();
    const gold = new Map(gsm8kTest().map((g) => [norm(g.question), /####\s*(.+)$/.exec(g.answer)![1].trim()]));
    const saved: RunRecord[] = [];
    const request = { prompts: parsed.prompts, references: parsed.references, repeats: 1, concurrency: 8, timeoutSeconds: 30, tokensPerSecond: 20_000, simulated: { perStepMs: 1200, overheadMs: 2000, jitter: 0.2 } };
    const handle = runBatch({
      batchId: 'sample',
      prompts: parsed.prompts,
      repeats: 1,
      concurrency: 8,
      timeoutMs: 30_000,
      settings: { ...DEFAULT_SETTINGS, demoTokensPerSecond: 20_000 },
      verifyClient: createVerifyClient(),
      save: async (r) => void saved.push(r),
      onSaveError: () => {},
      onProgress: () => {},
      finalize: batchFinalizer(request, 'demo', Date.now()),
    });
    await handle.done;
    const records = handle.records();
    expect(records).toHaveLength(100);
    for (const r of records) {
      const candidates = chains.get(norm(r.prompt));
      expect(candidates, `no dataset problem for: ${r.prompt.slice(0, 60)}`).toBeDefined();
      // The streamed steps are a prefix of one of this problem's own solutions (all of it unless it timed out).
      const steps = r.steps.map((s) => norm(s.text));
      const own = candidates!.find((c) => steps.every((s, i) => c[i] === s));
      expect(own, `steps of "${r.prompt.slice(0, 60)}" are not this problem's`).toBeDefined();
      if (!r.timedOut) {
        expect(steps).toHaveLength(own!.length);
        // The answer is that solution's own final answer: its \\boxed{} (ProcessBench), else its last
        // step (ProcessBench without a box) or the GSM8K #### value (a GSM8K reference solution).
        const boxed = lastBoxed(own!.join('\n'));
        const ok = boxed !== null ? answersMatch(extractAnswer(r.answer)!.value, boxed) : norm(r.answer) === own!.at(-1) || norm(r.answer) === `#### ${gold.get(norm(r.prompt))}`;
        expect(ok, `answer of "${r.prompt.slice(0, 60)}": ${r.answer}`).toBe(true);
      }
      const g = gold.get(norm(r.prompt));
      const line = text.find((l) => norm(l.prompt) === norm(r.prompt))!;
      if (g !== undefined) expect(line.answer).toBe(g);
      expect(r.reference).toBe(line.answer);
      expect(r.simulated).toMatchObject({ perStepMs: 1200, overheadMs: 2000, timeoutMs: 30_000 });
      // Labelled as this question's own chain.
      expect(r.demo).toEqual({ source: 'chain', title: 'Own chain', question: r.prompt, ownQuestion: true });
    }
    const tiers = { short: 0, medium: 0, complex: 0 };
    for (const r of records) tiers[r.tier]++;
    const timedOut = records.filter((r) => r.timedOut).length;
    expect(tiers.short).toBeGreaterThan(10);
    expect(tiers.medium).toBeGreaterThan(10);
    expect(tiers.complex).toBeGreaterThan(10);
    expect(timedOut).toBeGreaterThanOrEqual(10);
  }, 120_000);
});

describe('a batch of questions the demo has no chain for', () => {
  it('stores each run labelled as the scenario it replays, with that scenario’s question beside its answer', async () => {
    const prompts = ['How many edges does a cube have?', 'What is the capital of France?', 'Plan my week of meals for a family of four on a budget.'];
    const handle = runBatch({
      batchId: 'free',
      prompts,
      repeats: 1,
      concurrency: 3,
      timeoutMs: 30_000,
      settings: { ...DEFAULT_SETTINGS, demoTokensPerSecond: 20_000 },
      save: async () => {},
      onSaveError: () => {},
      onProgress: () => {},
    });
    await handle.done;
    const records = handle.records();
    expect(records).toHaveLength(3);
    for (const r of records) {
      expect(r.demo?.source, r.prompt).toBe('scenario');
      expect(r.demo?.ownQuestion).toBe(false);
      // The stored answer is the answer to the labelled question, which is not the prompt.
      const played = SCENARIOS.find((s) => s.prompt === r.demo?.question);
      expect(played, r.prompt).toBeDefined();
      expect(played!.prompt).not.toBe(r.prompt);
      expect(r.demo?.scenario).toBe(played!.id);
      expect(norm(r.answer)).toBe(norm(played!.answer));
    }
  }, 60_000);
});
