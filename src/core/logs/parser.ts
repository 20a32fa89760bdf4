/**
 * `createLogParser`: decoded text in (any chunking), normalized rows out, plus diagnostics.
 *
 * Pipeline per file:
 * 1. Framing (log-framing.ts): sniff the container from the first `sniffChars` (64 KiB) and
 *    split records incrementally with a per-record cap; JSON arrays stream element by element;
 *    only whole-object documents (vLLM, guidellm, OTLP, `{data:[…]}`) are buffered, up to
 *    `maxDocumentChars` (200 MiB), and read for a known layout (record-layout.ts `readDocument`).
 * 2. Layout (record-layout.ts): hold the first `sampleRecords` records (or 2 MiB of them),
 *    detect the format from their keys (formats.ts), resolve the mapping and units (fields.ts,
 *    units.ts), then stream.
 * 3. Each record → NormalizedRow (row-mapping.ts), or → a bucket row for pre-aggregated input
 *    (buckets.ts, sorted and emitted at the end).
 *
 * Nothing is dropped silently: every stage reports to one DiagnosticsCollector
 * (diagnostics-collector.ts), which counts unreadable records, overlong lines, unreadable values,
 * skipped non-request records and unknown status words, with line numbers, in its messages.
 */
import { DEFAULT_TOKENS_PER_STEP } from '../steps/segmenter';
import { BucketCollector } from './buckets';
import { DiagnosticsCollector } from './diagnostics-collector';
import { LogFraming } from './log-framing';
import { isPlainObject } from './log-text';
import { decideLayout, explodeRecord, initialLayout, readDocument, type ExplodeSink, type Layout } from './record-layout';
import { RowMapper } from './row-mapping';
import type { BucketRow, LogDiagnostics, LogParseOptions, NormalizedRow } from './types';

export { MAX_STATUS_VALUES } from './status-values';

export const DEFAULT_MAX_LINE_CHARS = 8 * 1024 * 1024;
export const DEFAULT_MAX_DOCUMENT_CHARS = 200 * 1024 * 1024;
export const DEFAULT_SNIFF_CHARS = 64 * 1024;
export const DEFAULT_SAMPLE_RECORDS = 500;
const SAMPLE_CHARS = 2 * 1024 * 1024;

export type LogBatch = { rows: NormalizedRow[]; buckets: BucketRow[] };

export interface LogParser {
  /** Feeds decoded text; returns the rows this text completed (often many, sometimes none). */
  feed(text: string): LogBatch;
  /** No more text: flushes the last record (and, for documents and buckets, everything). */
  end(): LogBatch;
  /** A snapshot of what has been found so far (final after `end`). */
  diagnostics(): LogDiagnostics;
  /** True once the parser has given up on this file; further text is ignored. */
  readonly stopped: boolean;
}

type SampledRecord = { raw: unknown; line: number };

export function createLogParser(options: LogParseOptions = {}): LogParser {
  const maxLineChars = options.maxLineChars ?? DEFAULT_MAX_LINE_CHARS;
  const sampleRecords = Math.max(1, options.sampleRecords ?? DEFAULT_SAMPLE_RECORDS);
  const tokensPerStep = options.tokensPerStep && options.tokensPerStep > 0 ? options.tokensPerStep : DEFAULT_TOKENS_PER_STEP;
  const outcomeMap = options.outcomeMap && Object.keys(options.outcomeMap).length > 0 ? options.outcomeMap : undefined;

  const diagnostics = new DiagnosticsCollector();
  const framing = new LogFraming(
    { maxLineChars, maxDocumentChars: options.maxDocumentChars ?? DEFAULT_MAX_DOCUMENT_CHARS, sniffChars: options.sniffChars ?? DEFAULT_SNIFF_CHARS, fileName: options.fileName, parseYaml: options.parseYaml },
    diagnostics,
    { record: onRecord, document: onDocument, fail: stop },
  );
  /** Skips and notes of the format's reshaping, counted as records are processed. */
  const explodeSink: ExplodeSink = { skip: (reason, n) => diagnostics.skip(reason, n), tailNoteOnce: (note) => diagnostics.tailNoteOnce(note) };

  let stopped = false;
  let ended = false;
  let sample: SampledRecord[] = [];
  let sampleChars = 0;
  let decided = false;
  let layout: Layout = initialLayout();
  // Set once the layout is decided: rows, or buckets for pre-aggregated input.
  let rows: RowMapper | null = null;
  let buckets: BucketCollector | null = null;

  let batch: LogBatch = { rows: [], buckets: [] };
  const take = (): LogBatch => {
    const b = batch;
    batch = { rows: [], buckets: [] };
    return b;
  };

  /** Gives up on the file with a message; further text is ignored. */
  function stop(message: string): void {
    diagnostics.fatal = true;
    stopped = true;
    diagnostics.notes.push(message);
    framing.close();
    sample = [];
  }

  function onRecord(raw: unknown, line: number, size: number): void {
    if (stopped) return;
    if (!decided) {
      sample.push({ raw, line });
      sampleChars += size;
      if (sample.length >= sampleRecords || sampleChars >= SAMPLE_CHARS) decide();
      return;
    }
    processRecord(raw, line);
  }

  function decide(): void {
    decided = true;
    const held = sample;
    sample = [];
    sampleChars = 0;
    const decision = decideLayout(
      held.map((s) => s.raw),
      { layout, container: framing.container, header: framing.header, options, tailNoteOnce: (note) => diagnostics.tailNoteOnce(note) },
    );
    layout = decision.layout;
    diagnostics.unitNotes.push(...decision.unitNotes);
    diagnostics.notes.push(...decision.notes);
    if (decision.failure) {
      stop(decision.failure);
      return;
    }
    if ((layout.spec.kind ?? 'rows') === 'buckets') buckets = new BucketCollector(layout.mapping, diagnostics);
    else rows = new RowMapper({ mapping: layout.mapping, stepsSource: layout.stepsSource, spec: layout.spec, tokensPerStep, outcomeMap, timeoutMs: options.timeoutMs, maxTokens: options.maxTokens }, diagnostics);
    for (const s of held) processRecord(s.raw, s.line);
  }

  function processRecord(raw: unknown, line: number): void {
    for (const rec of explodeRecord(layout, framing.container, raw, explodeSink)) {
      if (buckets) buckets.add(rec, line);
      else {
        const row = rows!.map(rec, line);
        if (row) batch.rows.push(row);
      }
    }
  }

  function onDocument(doc: unknown): void {
    const reading = readDocument(doc, options.format);
    switch (reading.kind) {
      case 'layout': {
        const { spec, result } = reading;
        layout = { ...layout, spec, presetFlat: true };
        if (result.skipped) diagnostics.skip(result.skipped.reason, result.skipped.count);
        if (result.notes) diagnostics.tailNotes.push(...result.notes);
        for (const r of result.records) onRecord(r, 0, 0);
        return;
      }
      case 'aggregate-only':
        stop(reading.message);
        return;
      case 'records':
        if (reading.where !== 'single object') diagnostics.notes.push(`Records read from the document's ${reading.where}.`);
        for (const r of reading.records) {
          if (!isPlainObject(r)) diagnostics.malformedAt(0, 'not a JSON object');
          else onRecord(r, 0, 0);
        }
        return;
    }
  }

  return {
    feed(text: string): LogBatch {
      if (stopped || ended || text.length === 0) return take();
      framing.feed(text);
      return take();
    },
    end(): LogBatch {
      if (ended) return take();
      if (!stopped) framing.end();
      if (!decided && sample.length > 0 && !stopped) decide();
      if (buckets && !diagnostics.fatal) batch.buckets.push(...buckets.flush());
      if (!stopped) ended = true;
      return take();
    },
    diagnostics(): LogDiagnostics {
      return diagnostics.report({
        decided,
        ended,
        spec: layout.spec,
        container: framing.container,
        columns: layout.columns,
        mapping: layout.mapping,
        stepsSource: layout.stepsSource,
        tokensPerStep,
        maxLineChars,
        multilineRecords: framing.multilineRecords,
        hasHeader: framing.header !== null,
        lines: framing.lines,
        chars: framing.chars,
        outcomeMap,
      });
    },
    get stopped() {
      return stopped;
    },
  };
}

/** Parses a whole text at once (tests, small files). */
export function parseLogText(text: string, options: LogParseOptions = {}): { rows: NormalizedRow[]; buckets: BucketRow[]; diagnostics: LogDiagnostics } {
  const p = createLogParser(options);
  const a = p.feed(text);
  const b = p.end();
  return { rows: [...a.rows, ...b.rows], buckets: [...a.buckets, ...b.buckets], diagnostics: p.diagnostics() };
}
