import type { Checkpoint } from '../checkpoints';
import type { ProviderId, Usage } from '../providers/types';
import type { StepMode } from '../steps/types';
import type { TierId } from '../run/tiers';

/**
 * One run as stored (IndexedDB) and exported (JSONL, one record per line). Written as the run
 * happens, not only at the end: a reload mid-run leaves a record with status 'interrupted'.
 * It never holds an API key.
 */
export type RunRecord = {
  /** Format version, bumped on incompatible changes. */
  schema: 1;
  id: string;
  prompt: string;
  provider: ProviderId;
  baseUrl: string;
  model: string;
  /** Non-secret settings the run used. */
  settings: {
    maxTokens?: number;
    reasoningEffort?: string;
    thinkingBudget?: number;
    stepMode: StepMode;
    tokensPerStep?: number;
    verifyInterval?: number;
    checkpointEvery?: number;
    policy?: string;
    deliveryPattern?: string;
  };
  status: 'running' | 'done' | 'error' | 'stopped' | 'interrupted';
  error?: string;
  /** Epoch milliseconds. */
  startedAt: number;
  endedAt?: number;
  ttftMs?: number;
  latencyMs?: number;
  /** Whether the run hit the step timeout or the stall timeout. */
  timedOut: boolean;
  stopped: boolean;
  /** `supersededBy`: the step was flagged and the model corrected it in that step (0-based index). */
  steps: { text: string; startedAt: number; completedAt: number; supersededBy?: number }[];
  reasoningKind: 'raw' | 'summary' | 'redacted';
  answer: string;
  usage?: Usage;
  reasoningTokens: number;
  reasoningTokensSource: 'server' | 'estimate';
  tier: TierId;
  /** Verification findings (see core/verify); stored as plain data. */
  findings: StoredFinding[];
  /** Chain consistency score 0–1, when verification ran. */
  consistencyScore?: number;
  checkpoints: Checkpoint[];
  /** Set when the chain was replayed from the similarity cache instead of generated. */
  cache?: { hit: true; similarity: number; sourceRunId: string };
  /** Batch that produced the run, if any. */
  batchId?: string;
  /** The batch query's reference answer, when it had one (scored by core/answers). */
  reference?: string;
  /** Demo runs only: the timing is simulated (see core/stored-runs/simulate.ts), with its settings. */
  simulated?: { perStepMs: number; overheadMs: number; jitter: number; timeoutMs: number; realLatencyMs?: number };
  /**
   * Demo model runs: what the demo played. A scenario replay whose question is not the prompt
   * has `ownQuestion: false`, and every page shows its question beside its answer.
   */
  demo?: { source: 'chain' | 'scenario'; scenario?: string; title: string; question: string; ownQuestion: boolean };
  /** Set when the run belongs to a budget sweep: the sweep and the setting it ran with. */
  sweep?: { id: string; label: string; index: number };
};

/**
 * A finding as stored. An arithmetic slip keeps what it read (`evidence`), so a stored run can
 * show how far the wrong value travelled (core/verify/error-trail).
 */
export type StoredFinding = { step: number; kind: string; severity: 'error' | 'warning' | 'note'; message: string; evidence?: StoredSlipEvidence };
export type StoredSlipEvidence = { expression: string; stated: string; exact: string };
