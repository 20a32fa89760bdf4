import { REASONING_EFFORTS, type ProviderId, type ReasoningEffort } from '../../core/providers/types';
import type { RunRecord } from '../../core/stored-runs/types';
import { endpointFor, type Settings } from '../../lib/settings';
import { runBatch, type BatchHandle, type BatchOptions, type BatchProgress, type BatchSummary } from './batch-runner';

/**
 * The budget sweep: the same queries at several reasoning settings, one setting after another
 * (so settings never compete for the endpoint), each run tagged with its setting. Each setting
 * is a patch of the batch's settings; the provider adapters turn it into the provider's own
 * parameter (reasoning_effort, Responses reasoning.effort, Ollama think, Anthropic
 * thinking.budget_tokens, max_tokens / max_output_tokens / num_predict, the model name).
 */

export type SweepKind = 'effort' | 'thinking-budget' | 'max-tokens' | 'model';

/** One setting of a sweep: its label (stored on each run) and how it changes the batch's settings. */
export type SweepSetting = { label: string; apply: (base: Settings) => Settings };

export const SWEEP_KINDS: readonly { id: SweepKind; label: string; example: string }[] = [
  { id: 'effort', label: 'Reasoning effort', example: 'low, medium, high' },
  { id: 'thinking-budget', label: 'Thinking budget (tokens)', example: '1024, 4096, 16000' },
  { id: 'max-tokens', label: 'Max tokens', example: '256, 1024, 4096' },
  { id: 'model', label: 'Model', example: 'model-a, model-b' },
];

/** Which sweeps a provider can honour (the demo model is OpenAI-style: effort and max tokens). */
export function sweepKindsFor(provider: ProviderId): SweepKind[] {
  if (provider === 'demo') return ['effort', 'max-tokens'];
  if (provider === 'anthropic') return ['thinking-budget', 'max-tokens', 'model'];
  return ['effort', 'max-tokens', 'model'];
}

const EFFORTS: readonly ReasoningEffort[] = REASONING_EFFORTS;

export type ParsedSweep = { settings: SweepSetting[]; errors: string[] };

/** Reads a comma-separated list of values for a sweep kind; bad values are listed, not dropped silently. */
export function parseSweepValues(kind: SweepKind, text: string): ParsedSweep {
  const values = [...new Set(text.split(/[,\n]/).map((v) => v.trim()).filter(Boolean))];
  const settings: SweepSetting[] = [];
  const errors: string[] = [];
  for (const v of values) {
    if (kind === 'effort') {
      const e = v.toLowerCase() as ReasoningEffort;
      if (!EFFORTS.includes(e)) errors.push(`"${v}" is not an effort level (${EFFORTS.join(', ')}).`);
      else settings.push({ label: `effort ${e}`, apply: (b) => ({ ...b, reasoningEffort: e }) });
    } else if (kind === 'model') {
      settings.push({ label: `model ${v}`, apply: (b) => ({ ...b, endpoints: { ...b.endpoints, [b.provider]: { ...endpointFor(b), model: v } } }) });
    } else {
      const n = Number(v.replace(/[_\s,]/g, ''));
      const min = kind === 'thinking-budget' ? 1024 : 1;
      if (!Number.isInteger(n) || n < min) errors.push(`"${v}" is not a whole number of tokens${kind === 'thinking-budget' ? ' of at least 1024 (Anthropic’s minimum budget)' : ''}.`);
      else if (kind === 'thinking-budget') settings.push({ label: `budget ${n}`, apply: (b) => ({ ...b, thinkingBudget: n }) });
      else settings.push({ label: `max tokens ${n}`, apply: (b) => ({ ...b, maxTokens: n }) });
    }
  }
  if (settings.length < 2 && errors.length === 0) errors.push('A sweep needs at least two settings.');
  return { settings, errors };
}

export type SweepOptions = Omit<BatchOptions, 'batchId' | 'settings' | 'onProgress' | 'finalize'> & {
  sweepId: string;
  settings: Settings;
  steps: readonly SweepSetting[];
  finalize?: (record: RunRecord, query: number) => RunRecord;
  onProgress: (progress: BatchProgress, setting: number) => void;
};

export type SweepHandle = {
  cancel(): void;
  readonly done: Promise<{ summaries: BatchSummary[]; cancelledByUser: boolean; durationMs: number }>;
  records(): RunRecord[];
  runIds(): string[];
};

export function runSweep(options: SweepOptions): SweepHandle {
  let cancelled = false;
  let current: BatchHandle | undefined;
  const finished: RunRecord[] = [];
  const finishedIds: string[] = [];
  /** Whether the current setting's runs are already in `finishedIds`. */
  let counted = false;
  const startedAt = Date.now();
  const done = (async () => {
    const summaries: BatchSummary[] = [];
    for (let i = 0; i < options.steps.length && !cancelled; i++) {
      const step = options.steps[i];
      const tag = { id: options.sweepId, label: step.label, index: i };
      counted = false;
      current = runBatch({
        ...options,
        batchId: `${options.sweepId}-${i + 1}`,
        settings: step.apply(options.settings),
        onProgress: (p) => options.onProgress(p, i),
        finalize: (record, query) => {
          const tagged: RunRecord = { ...record, sweep: tag };
          return options.finalize ? options.finalize(tagged, query) : tagged;
        },
      });
      const summary = await current.done;
      finished.push(...current.records());
      finishedIds.push(...current.runIds());
      counted = true;
      summaries.push(summary);
    }
    return { summaries, cancelledByUser: cancelled, durationMs: Date.now() - startedAt };
  })();
  return {
    cancel() {
      cancelled = true;
      current?.cancel();
    },
    done,
    records: () => [...finished, ...(current ? current.records().filter((r) => !finished.includes(r)) : [])],
    // Until a setting's batch ends, its ids are not in `finishedIds` yet.
    runIds: () => [...finishedIds, ...(current && !counted ? current.runIds() : [])],
  };
}
