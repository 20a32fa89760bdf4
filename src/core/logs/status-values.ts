/**
 * The distinct values of the mapped status column: how often each occurs and what the built-in
 * words make of the value alone, so the user can map the ones that are not recognised.
 */
import { classifyOutcome, statusKey } from './outcome';
import type { Outcome, StatusValue } from './types';

/** Distinct status values listed (and mappable) per file. */
export const MAX_STATUS_VALUES = 50;

export class StatusValueTally {
  private readonly values = new Map<string, { count: number; outcome: Outcome | null }>();
  /** Occurrences of distinct values beyond the first MAX_STATUS_VALUES (not listed). */
  more = 0;

  private readonly keys = new Map<string, string | undefined>();

  note(status: unknown): void {
    let key: string | undefined;
    if (typeof status === 'string' && status.length <= 80) {
      // The key of a short word, remembered: trimming it a million times is most of this call.
      key = this.keys.get(status);
      if (key === undefined && !this.keys.has(status)) {
        if (this.keys.size >= 256) this.keys.clear();
        key = statusKey(status);
        this.keys.set(status, key);
      }
    } else key = statusKey(status);
    if (key === undefined) return;
    const seen = this.values.get(key);
    if (seen) seen.count++;
    else if (this.values.size >= MAX_STATUS_VALUES) this.more++;
    else {
      const alone = classifyOutcome({ status });
      this.values.set(key, { count: 1, outcome: alone.unknownStatus ? null : alone.outcome });
    }
  }

  /** Most frequent first; the user's mapping (exact text) wins over the built-in reading. */
  list(outcomeMap?: Record<string, Outcome>): StatusValue[] {
    return [...this.values]
      .map(([value, v]) => ({ value, count: v.count, outcome: outcomeMap?.[value] ?? v.outcome, builtIn: v.outcome, source: outcomeMap?.[value] ? ('yours' as const) : ('auto' as const) }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }
}
