import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeRun } from '../../../src/core/answers';
import type { ProviderId } from '../../../src/core/providers/types';
import type { RunRecord } from '../../../src/core/stored-runs';
import { batchFinalizer } from '../../../src/features/runs/batch-controller';
import { parseSweepValues, runSweep, type SweepKind } from '../../../src/features/runs/sweep';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/lib/settings';
import { batchSample } from '../../support/datasets';
import { LEVEL_STEPS, startSweepServer, type SweepServer } from '../../support/sweep-server';

let server: SweepServer;
beforeAll(async () => {
  server = await startSweepServer();
});
afterAll(() => server.close());

async function sweep(settings: Settings, kind: SweepKind, values: string, prompts: string[], references?: string[]): Promise<RunRecord[]> {
  const parsed = parseSweepValues(kind, values);
  expect(parsed.errors).toEqual([]);
  const request = { prompts, references, repeats: 1, concurrency: 2, timeoutSeconds: 30, tokensPerSecond: 20_000, simulated: settings.provider === 'demo' ? { perStepMs: 1200, overheadMs: 2000, jitter: 0.2 } : null };
  const handle = runSweep({
    sweepId: 'sweep-t',
    prompts,
    repeats: 1,
    concurrency: 2,
    timeoutMs: 30_000,
    settings,
    steps: parsed.settings,
    save: async () => {},
    onSaveError: () => {},
    onProgress: () => {},
    finalize: batchFinalizer(request, settings.provider, Date.now()),
  });
  const done = await handle.done;
  expect(done.summaries).toHaveLength(parsed.settings.length);
  const records = handle.records();
  expect(handle.runIds()).toEqual(records.map((r) => r.id));
  return records;
}

const on = (provider: ProviderId, base: string): Settings => ({ ...DEFAULT_SETTINGS, provider, endpoints: { [provider]: { baseUrl: base, model: 'sweep-model' } } });

describe('the budget sweep against a local server that answers differently per setting', () => {
  const cases: { provider: ProviderId; base: string; kind: SweepKind; values: string; param: (b: Record<string, unknown>) => unknown; expected: unknown[] }[] = [
    { provider: 'openai-compatible', base: '/v1', kind: 'effort', values: 'low, medium, high', param: (b) => b.reasoning_effort, expected: ['low', 'medium', 'high'] },
    { provider: 'openai-responses', base: '/v1', kind: 'effort', values: 'low, medium, high', param: (b) => (b.reasoning as { effort: string }).effort, expected: ['low', 'medium', 'high'] },
    { provider: 'ollama', base: '', kind: 'effort', values: 'low, medium, high', param: (b) => b.think, expected: ['low', 'medium', 'high'] },
    { provider: 'anthropic', base: '/v1', kind: 'thinking-budget', values: '1024, 4096, 16000', param: (b) => (b.thinking as { budget_tokens: number }).budget_tokens, expected: [1024, 4096, 16000] },
    { provider: 'openai-compatible', base: '/v1', kind: 'max-tokens', values: '256, 1024, 4096', param: (b) => b.max_tokens, expected: [256, 1024, 4096] },
  ];
  for (const c of cases) {
    it(`${c.provider}: ${c.kind} arrives as the provider's own parameter; runs are tagged and differ per setting`, async () => {
      const before = server.requests.length;
      // Anthropic needs max_tokens above the largest budget.
      const settings = { ...on(c.provider, server.url + c.base), ...(c.provider === 'anthropic' ? { maxTokens: 32_000 } : {}) };
      const records = await sweep(settings, c.kind, c.values, ['What is 6 × 7?', 'What is 40 + 2?'], ['42', '42']);
      const sent = server.requests.slice(before);
      expect(sent).toHaveLength(6);
      expect(sent.map((r) => c.param(r.body))).toEqual(c.expected.flatMap((v) => [v, v]));
      const byLabel = (i: number) => records.filter((r) => r.sweep?.index === i);
      for (let i = 0; i < 3; i++) {
        expect(byLabel(i)).toHaveLength(2);
        for (const r of byLabel(i)) {
          expect(r.steps).toHaveLength(LEVEL_STEPS[i]);
          expect(r.simulated).toBeUndefined(); // real endpoints are never simulated
          expect(gradeRun(r).verdict).toBe(i === 0 ? 'incorrect' : 'correct');
        }
      }
    }, 20_000);
  }
});

describe('the budget sweep on the demo model (simulated)', () => {
  it('lower effort: fewer steps, lower simulated latency, no better accuracy', async () => {
    const sample = batchSample().filter((l) => l.answer !== undefined).slice(0, 24);
    const records = await sweep(
      { ...DEFAULT_SETTINGS, demoTokensPerSecond: 20_000 },
      'effort',
      'low, medium, high',
      sample.map((l) => l.prompt),
      sample.map((l) => l.answer!),
    );
    const stat = (i: number) => {
      const rs = records.filter((r) => r.sweep?.index === i);
      return {
        steps: rs.reduce((a, r) => a + r.steps.length, 0),
        latency: rs.reduce((a, r) => a + (r.latencyMs ?? 0), 0),
        correct: rs.filter((r) => gradeRun(r).verdict === 'correct').length,
        simulated: rs.every((r) => r.simulated),
      };
    };
    const [low, medium, high] = [stat(0), stat(1), stat(2)];
    expect(low.simulated && medium.simulated && high.simulated).toBe(true);
    expect(low.steps).toBeLessThan(medium.steps);
    expect(medium.steps).toBeLessThan(high.steps);
    expect(low.latency).toBeLessThan(high.latency);
    expect(low.correct).toBeLessThanOrEqual(high.correct);
  }, 60_000);
});
