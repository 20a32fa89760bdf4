import type { ProviderId } from '../providers/types';
import type { TierId } from '../run/tiers';
import type { RunRecord } from './types';

type OneOrMany<T> = T | readonly T[];

export type RunFilter = {
  status?: OneOrMany<RunRecord['status']>;
  provider?: OneOrMany<ProviderId>;
  model?: OneOrMany<string>;
  tier?: OneOrMany<TierId>;
  batchId?: OneOrMany<string>;
  /** Inclusive lower bound on `startedAt` (epoch ms). */
  from?: number;
  /** Inclusive upper bound on `startedAt` (epoch ms). */
  to?: number;
  /** Case-insensitive substring of the prompt. */
  text?: string;
};

function matches<T>(want: OneOrMany<T> | undefined, value: T | undefined): boolean {
  if (want === undefined) return true;
  if (Array.isArray(want)) return want.length === 0 || (value !== undefined && (want as readonly T[]).includes(value));
  return want === value;
}

/** Runs matching every given criterion (an empty array means "any"), in their original order. */
export function filterRuns(runs: readonly RunRecord[], filter: RunFilter = {}): RunRecord[] {
  const text = filter.text?.trim().toLowerCase() || undefined;
  return runs.filter(
    (r) =>
      matches(filter.status, r.status) &&
      matches(filter.provider, r.provider) &&
      matches(filter.model, r.model) &&
      matches(filter.tier, r.tier) &&
      matches(filter.batchId, r.batchId) &&
      (filter.from === undefined || r.startedAt >= filter.from) &&
      (filter.to === undefined || r.startedAt <= filter.to) &&
      (text === undefined || r.prompt.toLowerCase().includes(text)),
  );
}
