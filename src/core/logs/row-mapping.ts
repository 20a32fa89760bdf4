/**
 * One flat record → one NormalizedRow: mapped values converted to ms / counts (missing stays
 * undefined), steps from the steps column, else the reasoning text split like the viewer
 * (`splitSteps`, paragraph mode), else ceil(reasoning tokens ÷ tokensPerStep); the outcome from
 * status / error / finish reason / timed-out (outcome.ts), then the user's timeout and token
 * budget. A record with none of the mapped fields is counted and dropped.
 */
import { splitSteps } from '../steps/segmenter';
import type { DiagnosticsCollector } from './diagnostics-collector';
import { FieldReader } from './field-reader';
import type { FlatRecord } from './fields';
import type { FormatSpec } from './log-formats';
import { classifyOutcome } from './outcome';
import type { FieldMapping, NormalizedRow, Outcome, StepsSource } from './types';
import { isMissing, toBool } from './units';

export type RowRules = {
  mapping: FieldMapping;
  stepsSource: StepsSource;
  spec: FormatSpec;
  tokensPerStep: number;
  outcomeMap?: Record<string, Outcome>;
  timeoutMs?: number;
  maxTokens?: number;
};

const NUMERIC_ROW_FIELDS = ['reasoningTokens', 'outputTokens', 'inputTokens', 'latencyMs', 'ttftMs', 'timestampMs'] as const;

/** Distinct status words remembered per file (a log repeats a handful of them a million times). */
const CLASSIFIED_MEMO = 256;

export class RowMapper {
  private readonly reader: FieldReader;
  private readonly classified = new Map<string, ReturnType<typeof classifyOutcome>>();

  constructor(
    private readonly rules: RowRules,
    private readonly diagnostics: DiagnosticsCollector,
  ) {
    this.reader = new FieldReader(rules.mapping, (field, line) => diagnostics.invalidAt(field, line));
  }

  /** The row of a record, or null when the record has none of the mapped fields (counted). */
  map(rec: FlatRecord, line: number): NormalizedRow | null {
    const { rules, reader, diagnostics } = this;
    const row: NormalizedRow = { outcome: 'ok', timedOut: false };
    let any = false;
    for (const field of NUMERIC_ROW_FIELDS) {
      const v = reader.read(field, rec, line);
      if (v !== undefined) {
        row[field] = v;
        any = true;
      }
    }
    this.setSteps(row, rec, line);
    if (row.steps !== undefined) {
      any = true;
      diagnostics.rowsWithSteps++;
    }

    const status = reader.raw('status', rec);
    const error = reader.raw('error', rec);
    const finish = reader.raw('finishReason', rec);
    const timedOut = reader.raw('timedOut', rec);
    const c = this.classify(status, error, finish, timedOut);
    if (rules.mapping.timedOut && !isMissing(timedOut) && toBool(timedOut) === undefined) diagnostics.invalidAt('timedOut', line);
    if (rules.mapping.status) diagnostics.statusValues.note(status);
    row.outcome = c.outcome;
    if (c.error) row.error = c.error;
    if (c.unknownStatus) {
      // An unknown value is not evidence of success: failed (not analysed) until the user maps it.
      diagnostics.unknownStatusSeen(c.unknownStatus);
      if (row.outcome === 'ok') {
        row.outcome = 'error';
        row.error = `status "${c.unknownStatus}" not recognised`;
      }
    }
    rules.spec.adjust?.(row, rec);
    this.applyBudgets(row);
    row.timedOut = row.outcome === 'timeout';
    const hasStatus = !isMissing(status) || !isMissing(error) || !isMissing(finish) || !isMissing(timedOut);
    if (!any && row.outcome === 'ok' && !hasStatus) {
      diagnostics.emptyRows++;
      return null;
    }
    diagnostics.rowKept(row.outcome);
    return row;
  }

  /** classifyOutcome, remembered for the common case: a short status word and nothing else to read. */
  private classify(status: unknown, error: unknown, finishReason: unknown, timedOut: unknown): ReturnType<typeof classifyOutcome> {
    if (typeof status !== 'string' || status.length > 80 || error !== undefined || finishReason !== undefined || timedOut !== undefined) {
      return classifyOutcome({ status, error, finishReason, timedOut }, this.rules.outcomeMap);
    }
    let c = this.classified.get(status);
    if (!c) {
      if (this.classified.size >= CLASSIFIED_MEMO) this.classified.clear();
      c = classifyOutcome({ status }, this.rules.outcomeMap);
      this.classified.set(status, c);
    }
    return c;
  }

  private setSteps(row: NormalizedRow, rec: FlatRecord, line: number): void {
    const { stepsSource, tokensPerStep } = this.rules;
    if (stepsSource === 'column') {
      const v = this.reader.read('steps', rec, line);
      if (v !== undefined) row.steps = v;
    } else if (stepsSource === 'text') {
      const t = this.reader.raw('reasoningText', rec);
      if (typeof t === 'string' && t.trim() !== '') row.steps = splitSteps(t, { mode: 'paragraph' }).length;
      else if (!isMissing(t) && typeof t !== 'string') this.diagnostics.invalidAt('reasoningText', line);
    } else if (stepsSource === 'tokens' && row.reasoningTokens !== undefined) {
      row.steps = Math.ceil(row.reasoningTokens / tokensPerStep);
    }
  }

  /** The user's timeout and token budget turn an ok row into a timeout or a truncation. */
  private applyBudgets(row: NormalizedRow): void {
    const { timeoutMs, maxTokens } = this.rules;
    if (row.outcome === 'ok' && timeoutMs !== undefined && row.latencyMs !== undefined && row.latencyMs >= timeoutMs) {
      row.outcome = 'timeout';
      row.error = `latency ≥ the ${timeoutMs} ms timeout`;
    }
    if (row.outcome === 'ok' && maxTokens !== undefined) {
      const t = row.outputTokens ?? row.reasoningTokens;
      if (t !== undefined && t >= maxTokens) row.outcome = 'truncated';
    }
  }
}
