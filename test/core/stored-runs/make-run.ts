import type { RunRecord } from '../../../src/core/stored-runs/types';

/** A valid, complete run record; override what a test needs. */
export function makeRun(over: Partial<RunRecord> = {}): RunRecord {
  return {
    schema: 1,
    id: 'run-1',
    prompt: 'What is 17 × 24?',
    provider: 'demo',
    baseUrl: 'demo://local',
    model: 'demo-reasoner',
    settings: { stepMode: 'paragraph', verifyInterval: 3, checkpointEvery: 5 },
    status: 'done',
    startedAt: 1_700_000_000_000,
    endedAt: 1_700_000_004_000,
    ttftMs: 300,
    latencyMs: 4000,
    timedOut: false,
    stopped: false,
    steps: [
      { text: 'First, 17 × 24 = 17 × 20 + 17 × 4.', startedAt: 1_700_000_000_300, completedAt: 1_700_000_001_000 },
      { text: 'That is 340 + 68 = 408.', startedAt: 1_700_000_001_000, completedAt: 1_700_000_002_000 },
    ],
    reasoningKind: 'raw',
    answer: '**408**',
    usage: { promptTokens: 12, completionTokens: 80, reasoningTokens: 60, totalTokens: 92 },
    reasoningTokens: 60,
    reasoningTokensSource: 'server',
    tier: 'short',
    findings: [],
    consistencyScore: 1,
    checkpoints: [{ number: 1, stepCount: 5, elapsedMs: 2000, summary: ['340 + 68 = 408.'] }],
    ...over,
  };
}
