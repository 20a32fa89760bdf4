/**
 * Everything the log parser's stages report, and the diagnostics built from it. Nothing is
 * dropped silently: unreadable and oversized records, skipped non-request records, unreadable
 * values and unknown status words are all counted here, with their first line numbers, and each
 * count becomes a message.
 */
import type { FormatSpec } from './log-formats';
import { plural } from './log-text';
import { StatusValueTally } from './status-values';
import type { Container, FieldMapping, LineList, LogDiagnostics, MappedField, Outcome, ResolvedSource, StepsSource } from './types';

/** Line numbers listed per kind of problem. */
const FIRST_LINES = 10;

export function lineList(): LineList {
  return { count: 0, firstLines: [] };
}

/** Counts a line; line 0 (records from inside a document) is counted but not listed. */
export function addLine(list: LineList, line: number): void {
  list.count++;
  if (list.firstLines.length < FIRST_LINES && line > 0) list.firstLines.push(line);
}

/** " (lines 3, 8, …)", or '' when no line is known. */
export function linesText(list: LineList): string {
  if (list.firstLines.length === 0) return '';
  const more = list.count > list.firstLines.length ? ', …' : '';
  return ` (line${list.count > 1 ? 's' : ''} ${list.firstLines.join(', ')}${more})`;
}

/** What the diagnostics say about the parse beyond the counts collected here. */
export type ParseState = {
  /** The format and mapping have been chosen from the sample. */
  decided: boolean;
  /** `end` was called and the parser had not given up. */
  ended: boolean;
  spec: FormatSpec;
  container: Container | null;
  columns: readonly string[];
  mapping: FieldMapping;
  stepsSource: StepsSource;
  tokensPerStep: number;
  maxLineChars: number;
  /** CSV records with line breaks inside quoted fields. */
  multilineRecords: number;
  /** A CSV/TSV header line was read. */
  hasHeader: boolean;
  lines: number;
  chars: number;
  outcomeMap?: Record<string, Outcome>;
};

export class DiagnosticsCollector {
  /** The parser gave up on the file. */
  fatal = false;
  /** Messages about the file as a whole, in the order they arose (shown first). */
  readonly notes: string[] = [];
  /** The unit checks of the mapping. */
  readonly unitNotes: string[] = [];
  /** Notes from the format's reshaping of records (shown after the format's own notes). */
  readonly tailNotes: string[] = [];
  rowsOk = 0;
  readonly counts: Record<Outcome, number> = { ok: 0, error: 0, timeout: 0, truncated: 0, censored: 0 };
  readonly malformed = lineList();
  private readonly malformedReasons = new Map<string, number>();
  readonly oversized = lineList();
  skippedCount = 0;
  private readonly skippedReasons = new Map<string, number>();
  private readonly invalid = new Map<MappedField, LineList>();
  private readonly unknownStatus = new Map<string, number>();
  readonly statusValues = new StatusValueTally();
  rowsWithSteps = 0;
  emptyRows = 0;
  bucketCount = 0;
  /** Requests in a bucket with no value (lo = NaN). */
  unbucketed = 0;

  malformedAt(line: number, reason: string): void {
    addLine(this.malformed, line);
    this.malformedReasons.set(reason, (this.malformedReasons.get(reason) ?? 0) + 1);
  }

  oversizedAt(line: number): void {
    addLine(this.oversized, line);
  }

  skip(reason: string, n = 1): void {
    this.skippedCount += n;
    this.skippedReasons.set(reason, (this.skippedReasons.get(reason) ?? 0) + n);
  }

  /** A tail note, once however many records give it. */
  tailNoteOnce(note: string): void {
    if (!this.tailNotes.includes(note)) this.tailNotes.push(note);
  }

  /** A mapped value that is present but unreadable (left empty, not zero). */
  invalidAt(field: MappedField, line: number): void {
    let list = this.invalid.get(field);
    if (!list) this.invalid.set(field, (list = lineList()));
    addLine(list, line);
  }

  unknownStatusSeen(value: string): void {
    this.unknownStatus.set(value, (this.unknownStatus.get(value) ?? 0) + 1);
  }

  /** A normalized row was produced. */
  rowKept(outcome: Outcome): void {
    this.counts[outcome]++;
    this.rowsOk++;
  }

  report(state: ParseState): LogDiagnostics {
    const readable = state.decided && !this.fatal;
    return {
      format: readable ? state.spec.id : null,
      formatLabel: readable ? state.spec.label : 'unknown',
      container: state.container,
      kind: state.spec.kind ?? 'rows',
      columns: [...state.columns],
      mapping: { ...state.mapping } as Record<MappedField, ResolvedSource>,
      // A length column that is empty in every row gives no steps.
      stepsSource: state.ended && this.rowsWithSteps === 0 ? 'none' : state.stepsSource,
      tokensPerStep: state.tokensPerStep,
      rowsOk: this.rowsOk,
      buckets: this.bucketCount,
      counts: { ...this.counts },
      malformed: { count: this.malformed.count, firstLines: [...this.malformed.firstLines] },
      oversized: { count: this.oversized.count, firstLines: [...this.oversized.firstLines] },
      skipped: { count: this.skippedCount, reasons: Object.fromEntries(this.skippedReasons) },
      lines: state.lines,
      chars: state.chars,
      fatal: this.fatal,
      statusValues: this.statusValues.list(state.outcomeMap),
      statusValuesMore: this.statusValues.more,
      messages: this.messages(state),
    };
  }

  messages(state: ParseState): string[] {
    const { spec, mapping, stepsSource } = state;
    const readable = state.decided && !this.fatal;
    const out = [...this.notes];
    if (readable) {
      out.push(`Format: ${spec.label}${state.container ? ` (${state.container})` : ''}.`);
      out.push(...this.unitNotes);
      for (const n of spec.notes ?? []) out.push(n);
      out.push(...this.tailNotes);
    }
    const malformed = this.malformed;
    if (malformed.count > 0) {
      const total = this.rowsOk + malformed.count + this.emptyRows + this.bucketCount;
      const reasons = [...this.malformedReasons].map(([r, n]) => `${r} ×${n}`).join('; ');
      out.push(`${plural(malformed.count, 'record')} of ${total.toLocaleString('en-US')} could not be read${linesText(malformed)} and ${malformed.count === 1 ? 'was' : 'were'} skipped: ${reasons}. Every other record was kept.`);
    }
    const oversized = this.oversized;
    const maxLine = state.maxLineChars;
    if (oversized.count > 0)
      out.push(`${plural(oversized.count, 'line')} longer than ${(maxLine / 1048576).toFixed(maxLine % 1048576 ? 1 : 0)} MB ${oversized.count === 1 ? 'was' : 'were'} skipped${linesText(oversized)}; memory stays bounded and the rest was read.`);
    if (state.multilineRecords > 0) out.push(`${plural(state.multilineRecords, 'record')} had line breaks inside quoted fields; each was kept as one record.`);
    for (const [field, list] of this.invalid) {
      const src = mapping[field];
      out.push(`${field}${src ? ` (column "${src.column}")` : ''}: ${plural(list.count, 'value')} could not be read${linesText(list)} and ${list.count === 1 ? 'was' : 'were'} left empty, not zero.`);
    }
    if (this.skippedCount > 0) for (const [reason, n] of this.skippedReasons) out.push(`${plural(n, 'record')} skipped: ${reason}.`);
    if (this.emptyRows > 0) out.push(`${plural(this.emptyRows, 'record')} had none of the mapped fields and ${this.emptyRows === 1 ? 'was' : 'were'} skipped.`);
    if (this.unknownStatus.size > 0) {
      const list = [...this.unknownStatus].slice(0, 8).map(([s, n]) => `"${s}" ×${n}`).join(', ');
      out.push(`Status values not recognised, counted as failed until you map them (Status values, below): ${list}${this.unknownStatus.size > 8 ? ', …' : ''}.`);
    }
    if (readable) {
      if ((spec.kind ?? 'rows') === 'buckets') out.push(...this.bucketMessages());
      else out.push(...this.rowMessages(mapping, stepsSource, state.tokensPerStep));
    }
    if (!state.decided && !this.fatal && state.ended) out.push(state.hasHeader ? 'The file has a header line but no data rows.' : 'No records found.');
    return out;
  }

  private bucketMessages(): string[] {
    const out = [`${plural(this.bucketCount, 'bucket row')} read.`];
    if (this.unbucketed > 0) out.push(`${plural(this.unbucketed, 'request')} sit in a bucket with no value (steps unknown, e.g. failed before reasoning); kept with lo = NaN, not put in bucket 0.`);
    return out;
  }

  /** The outcome counts and where the steps came from. */
  private rowMessages(mapping: FieldMapping, stepsSource: StepsSource, tokensPerStep: number): string[] {
    const c = this.counts;
    const out = [
      `${plural(this.rowsOk, 'row')}: ${c.ok.toLocaleString('en-US')} ok, ${plural(c.error, 'error')}, ${plural(c.timeout, 'timeout')}, ${c.truncated.toLocaleString('en-US')} truncated at the token budget, ${c.censored.toLocaleString('en-US')} censored (stopped, cancelled or filtered).`,
    ];
    const s = mapping.steps;
    const t = mapping.reasoningText;
    const k = mapping.reasoningTokens;
    if (stepsSource !== 'none' && this.rowsWithSteps === 0 && this.rowsOk > 0) {
      const col = (stepsSource === 'column' ? s : stepsSource === 'text' ? t : k)?.column ?? '?';
      out.push(`No steps: the "${col}" column is empty in every row. Map another column to see the step distribution.`);
    } else if (stepsSource === 'column' && s) out.push(`Steps from the "${s.column}" column.`);
    else if (stepsSource === 'text' && t) out.push(`Steps counted from the reasoning text in "${t.column}", split into paragraphs at blank lines as the viewer does.`);
    else if (stepsSource === 'tokens' && k) out.push(`Steps estimated as reasoning tokens ("${k.column}") ÷ ${tokensPerStep} tokens per step, rounded up.`);
    else out.push('No steps: there is no steps column, reasoning text or reasoning-token count. Map one to see the step distribution.');
    return out;
  }
}
