/**
 * `createLogParser`: decoded text in (any chunking), normalized rows out, plus diagnostics.
 *
 * Pipeline per file:
 * 1. Sniff the container from the first `sniffChars` (64 KiB): empty / binary / markup /
 *    JSON array / JSON document / JSON Lines / delimited text (see sniff.ts).
 * 2. Split records incrementally with a per-record cap (splitters.ts). JSON arrays stream element
 *    by element; only whole-object documents (vLLM, guidellm, OTLP, `{data:[…]}`) are buffered,
 *    up to `maxDocumentChars` (200 MiB).
 * 3. Hold the first `sampleRecords` records (or 2 MiB of them), detect the format from their
 *    keys (formats.ts), resolve the mapping and units (fields.ts, units.ts), then stream.
 * 4. Each record → NormalizedRow: mapped values converted to ms / counts (missing stays
 *    undefined), steps from the steps column, else the reasoning text split like the viewer
 *    (`splitSteps`, paragraph mode), else ceil(reasoning tokens ÷ tokensPerStep); the outcome from
 *    status / error / finish reason / timed-out (outcome.ts).
 *
 * Nothing is dropped silently: unreadable records, overlong lines, unreadable values, skipped
 * non-request records and unknown status words are all counted, with line numbers, in the
 * diagnostics' messages.
 */
import { splitSteps, DEFAULT_TOKENS_PER_STEP } from '../steps/segmenter';
import { BUCKET_FIELDS, FIELD_KIND, flatten, resolveMappingChecked, ROW_FIELDS, type FlatRecord } from './fields';
import { aggregateOnlyMessage, detectFormat, formatById, genericDocumentRecords, type FormatSpec } from './formats';
import { classifyOutcome, statusKey } from './outcome';
import { sniffContainer } from './sniff';
import { createCsvTokenizer, createJsonArraySplitter, createLineSplitter, type RecordSink } from './splitters';
import type {
  BucketRow,
  Container,
  FieldMapping,
  LineList,
  LogDiagnostics,
  LogParseOptions,
  MappedField,
  NormalizedRow,
  Outcome,
  ResolvedSource,
  StatusValue,
  StepsSource,
} from './types';
import { durationToMs, isMissing, timestampToMs, toBool, toNumber } from './units';

export const DEFAULT_MAX_LINE_CHARS = 8 * 1024 * 1024;
export const DEFAULT_MAX_DOCUMENT_CHARS = 200 * 1024 * 1024;
export const DEFAULT_SNIFF_CHARS = 64 * 1024;
export const DEFAULT_SAMPLE_RECORDS = 500;
const SAMPLE_CHARS = 2 * 1024 * 1024;
/** Distinct status values listed (and mappable) per file. */
export const MAX_STATUS_VALUES = 50;
const FIRST_LINES = 10;

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


type Pending = { raw: unknown; line: number };

function lineList(): LineList {
  return { count: 0, firstLines: [] };
}
function addLine(list: LineList, line: number): void {
  list.count++;
  if (list.firstLines.length < FIRST_LINES && line > 0) list.firstLines.push(line);
}
function linesText(list: LineList): string {
  if (list.firstLines.length === 0) return '';
  const more = list.count > list.firstLines.length ? ', …' : '';
  return ` (line${list.count > 1 ? 's' : ''} ${list.firstLines.join(', ')}${more})`;
}
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** "40-49", "[40,50)", "40+", "40" → [lo, hi?]. */
function parseBucket(value: unknown): [number, number | undefined] | undefined {
  const n = toNumber(value);
  if (n !== undefined) return [n, undefined];
  if (typeof value !== 'string') return undefined;
  const m = /^\s*[[(]?\s*(-?\d+(?:\.\d+)?)\s*(?:[-–,]|\.\.)\s*(-?\d+(?:\.\d+)?)\s*([\])])?\s*$/.exec(value);
  if (m) {
    const lo = Number(m[1]);
    const hi = Number(m[2]);
    // "40-49" (inclusive integer range) → hi 50; "[40,50)" → 50.
    const exclusive = m[3] === ')' || value.includes('[');
    return [lo, exclusive ? hi : Number.isInteger(hi) ? hi + 1 : hi];
  }
  const plus = /^\s*(\d+(?:\.\d+)?)\s*\+\s*$/.exec(value);
  if (plus) return [Number(plus[1]), undefined];
  return undefined;
}

export function createLogParser(options: LogParseOptions = {}): LogParser {
  const maxLine = options.maxLineChars ?? DEFAULT_MAX_LINE_CHARS;
  const maxDoc = options.maxDocumentChars ?? DEFAULT_MAX_DOCUMENT_CHARS;
  const sniffChars = options.sniffChars ?? DEFAULT_SNIFF_CHARS;
  const sampleRecords = Math.max(1, options.sampleRecords ?? DEFAULT_SAMPLE_RECORDS);
  const tokensPerStep = options.tokensPerStep && options.tokensPerStep > 0 ? options.tokensPerStep : DEFAULT_TOKENS_PER_STEP;

  type Phase = 'sniff' | 'stream' | 'document' | 'dead' | 'ended';
  let phase: Phase = 'sniff';
  let sniffBuf = '';
  let nextSniffAt = sniffChars;
  let container: Container | null = null;
  let lineSplitter: ReturnType<typeof createLineSplitter> | null = null;
  let arraySplitter: ReturnType<typeof createJsonArraySplitter> | null = null;
  let csv: ReturnType<typeof createCsvTokenizer> | null = null;
  let docParts: string[] = [];
  let docChars = 0;

  // Detection state.
  let pending: Pending[] = [];
  let pendingChars = 0;
  let decided = false;
  let spec: FormatSpec = formatById('generic');
  let presetFlat = false; // records already flat (from a document layout)
  let mapping: FieldMapping = {};
  let stepsSource: StepsSource = 'none';
  let columns: string[] = [];
  let header: string[] | null = null;
  const jsonCells = new Set<string>();

  // Counters.
  let chars = 0;
  let lines = 0;
  let lastChar = 0;
  let rowsOk = 0;
  const counts: Record<Outcome, number> = { ok: 0, error: 0, timeout: 0, truncated: 0, censored: 0 };
  const malformed = lineList();
  const malformedReasons = new Map<string, number>();
  const oversized = lineList();
  const skippedReasons = new Map<string, number>();
  let skippedCount = 0;
  const invalid = new Map<MappedField, LineList>();
  const unknownStatus = new Map<string, number>();
  // Distinct status values: count and the built-in classification of the value alone.
  const statusValues = new Map<string, { count: number; outcome: Outcome | null }>();
  let statusValuesMore = 0;
  const outcomeMap = options.outcomeMap && Object.keys(options.outcomeMap).length > 0 ? options.outcomeMap : undefined;
  const unitNotes: string[] = [];
  let yamlDocument = false;
  let rowsWithSteps = 0;
  let emptyRows = 0;
  let fatal = false;
  const notes: string[] = [];
  const tailNotes: string[] = [];
  let heldBuckets: { bucket: BucketRow; line: number }[] = [];
  let bucketCount = 0;
  let unbucketed = 0;

  let batch: LogBatch = { rows: [], buckets: [] };
  const take = (): LogBatch => {
    const b = batch;
    batch = { rows: [], buckets: [] };
    return b;
  };

  function die(message: string): void {
    fatal = true;
    phase = 'dead';
    notes.push(message);
    sniffBuf = '';
    docParts = [];
    pending = [];
    lineSplitter = null;
    arraySplitter = null;
    csv = null;
  }

  function malformedAt(line: number, reason: string): void {
    addLine(malformed, line);
    malformedReasons.set(reason, (malformedReasons.get(reason) ?? 0) + 1);
  }

  function skip(reason: string, n = 1): void {
    skippedCount += n;
    skippedReasons.set(reason, (skippedReasons.get(reason) ?? 0) + n);
  }

  // --- sinks --------------------------------------------------------------------------------

  const jsonSink: RecordSink<string> = {
    record(text, line, size) {
      if (text.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        malformedAt(line, 'not valid JSON');
        return;
      }
      if (!isPlainObject(value)) {
        malformedAt(line, 'not a JSON object');
        return;
      }
      onRaw(value, line, size);
    },
    oversized(line) {
      addLine(oversized, line);
    },
  };

  const csvSink: RecordSink<string[]> = {
    record(fields, line, size) {
      if (header === null) {
        setHeader(fields, line);
        return;
      }
      if (fields.length !== header.length) {
        if (fields.length === 1 && fields[0].trim() === '') return;
        malformedAt(line, `wrong number of fields (header has ${header.length})`);
        return;
      }
      const obj: Record<string, unknown> = {};
      for (let i = 0; i < header.length; i++) obj[header[i]] = fields[i];
      onRaw(obj, line, size);
    },
    oversized(line) {
      if (header === null) die(`The header line is longer than ${plural(maxLine, 'character')}: this is not a readable CSV/TSV file.`);
      else addLine(oversized, line);
    },
  };

  function setHeader(fields: string[], line: number): void {
    const cleaned = fields.map((f) => f.trim());
    const numeric = cleaned.length > 0 && cleaned.every((c) => c !== '' && toNumber(c) !== undefined);
    const seen = new Map<string, number>();
    const names = (numeric ? cleaned.map((_, i) => `column_${i + 1}`) : cleaned).map((name, i) => {
      const base = name === '' ? `column_${i + 1}` : name;
      const k = (seen.get(base) ?? 0) + 1;
      seen.set(base, k);
      return k === 1 ? base : `${base}_${k}`;
    });
    header = names;
    if (numeric) {
      notes.push(`The first line looks like data, not a header; columns are named column_1 … column_${names.length}. Map them by hand.`);
      const obj: Record<string, unknown> = {};
      for (let i = 0; i < names.length; i++) obj[names[i]] = fields[i];
      onRaw(obj, line, 0);
    }
  }

  // --- records ------------------------------------------------------------------------------

  function onRaw(raw: unknown, line: number, size: number): void {
    if (phase === 'dead') return;
    if (!decided) {
      pending.push({ raw, line });
      pendingChars += size;
      if (pending.length >= sampleRecords || pendingChars >= SAMPLE_CHARS) decide();
      return;
    }
    processRaw(raw, line);
  }

  function expandJsonCells(raw: Record<string, unknown>): Record<string, unknown> {
    if (jsonCells.size === 0) return raw;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(raw)) {
      if (jsonCells.has(k) && typeof v === 'string' && v.trimStart().startsWith('{')) {
        try {
          const parsed = JSON.parse(v);
          if (isPlainObject(parsed)) {
            out[k] = parsed;
            continue;
          }
        } catch {
          // Left as text.
        }
      }
      out[k] = v;
    }
    return out;
  }

  function explode(raw: unknown): FlatRecord[] {
    if (presetFlat) return [raw as FlatRecord];
    let obj = raw as Record<string, unknown>;
    if (container === 'csv' || container === 'tsv' || container === 'dsv') {
      obj = expandJsonCells(obj);
      if (!spec.explode && jsonCells.size === 0) return [obj];
    }
    if (spec.explode) {
      const res = spec.explode(obj);
      if (res.skipped) skip(res.skipped.reason, res.skipped.count);
      if (res.notes) for (const n of res.notes) if (!tailNotes.includes(n)) tailNotes.push(n);
      return res.records;
    }
    return [flatten(obj)];
  }

  function decide(): void {
    decided = true;
    const sample = pending;
    pending = [];
    pendingChars = 0;
    const keys = new Set<string>();
    for (const p of sample) for (const k of Object.keys(presetFlat ? (p.raw as FlatRecord) : flatten(p.raw as Record<string, unknown>))) keys.add(k);

    const aggregateOnly = !options.format && aggregateOnlyMessage(keys, header ?? undefined);
    if (aggregateOnly) {
      die(aggregateOnly);
      return;
    }

    if (container === 'csv' || container === 'tsv' || container === 'dsv') {
      for (const col of header ?? []) {
        let present = 0;
        let json = 0;
        for (const p of sample) {
          const v = (p.raw as Record<string, unknown>)[col];
          if (typeof v !== 'string' || v.trim() === '') continue;
          present++;
          if (v.trimStart().startsWith('{')) {
            try {
              if (isPlainObject(JSON.parse(v))) json++;
            } catch {
              // not JSON
            }
          }
        }
        if (present > 0 && json * 5 >= present * 4) jsonCells.add(col);
      }
      for (const col of jsonCells) keys.delete(col);
      for (const p of sample) {
        const expanded = flatten(expandJsonCells(p.raw as Record<string, unknown>));
        for (const k of Object.keys(expanded)) keys.add(k);
      }
    }

    if (!presetFlat) spec = options.format ? formatById(options.format) : detectFormat({ keys, container: container ?? 'jsonl' });

    // The sample in its final (flat) shape, for units and value checks.
    const flatSample: FlatRecord[] = [];
    const skippedBefore = skippedCount;
    const reasonsBefore = new Map(skippedReasons);
    for (const p of sample) for (const r of explode(p.raw)) flatSample.push(r);
    // Explode will run again when the sample is processed; undo its skip counts.
    skippedCount = skippedBefore;
    skippedReasons.clear();
    for (const [k, v] of reasonsBefore) skippedReasons.set(k, v);

    const colSet = new Set<string>();
    for (const r of flatSample) for (const k of Object.keys(r)) colSet.add(k);
    columns = [...colSet].slice(0, 500);

    const kind = spec.kind ?? 'rows';
    const resolved = resolveMappingChecked({
      fields: kind === 'buckets' ? BUCKET_FIELDS : ROW_FIELDS,
      columns,
      sample: flatSample,
      preset: spec.preset,
      overrides: options.mapping,
      relativeTimestampUnit: spec.relativeTimestampUnit,
      noAlias: spec.noAlias,
    });
    mapping = resolved.mapping;
    for (const c of resolved.checks) unitNotes.push(c.message);

    if (options.mapping) {
      for (const [field, src] of Object.entries(options.mapping)) {
        if (src && !colSet.has(src.column) && columns.length > 0) notes.push(`Your mapping for ${field} names column "${src.column}", which is not in the sample's columns.`);
      }
    }

    if (kind === 'rows') {
      stepsSource = mapping.steps ? 'column' : mapping.reasoningText ? 'text' : mapping.reasoningTokens ? 'tokens' : 'none';
      if (Object.keys(mapping).length === 0 && flatSample.length > 0) {
        die(
          `No column matched a known field (steps, reasoning tokens or text, latency, TTFT, timestamp, status). Columns seen: ${columns.slice(0, 20).join(', ')}${columns.length > 20 ? ', …' : ''}. Pick the columns in the mapping, or check that this is a request log.`,
        );
        return;
      }
    } else {
      stepsSource = 'none';
      if (!mapping.bucketLo || !mapping.count) {
        die('Pre-aggregated input needs a bucket column and a count column; map them by hand.');
        return;
      }
    }

    for (const p of sample) processRaw(p.raw, p.line);
  }

  function processRaw(raw: unknown, line: number): void {
    for (const rec of explode(raw)) {
      if ((spec.kind ?? 'rows') === 'buckets') buildBucket(rec, line);
      else buildRow(rec, line);
    }
  }

  function markInvalid(field: MappedField, line: number): void {
    let list = invalid.get(field);
    if (!list) invalid.set(field, (list = lineList()));
    addLine(list, line);
  }

  /** A mapped numeric field → ms / count / epoch ms; undefined when missing or unreadable. */
  function read(field: MappedField, rec: FlatRecord, line: number): number | undefined {
    const src = mapping[field];
    if (!src) return undefined;
    const v = rec[src.column];
    if (isMissing(v)) return undefined;
    const kind = FIELD_KIND[field];
    let out: number | undefined;
    if (kind === 'count') {
      out = Array.isArray(v) ? v.length : toNumber(v);
      if (out !== undefined && out < 0) out = undefined;
    } else if (kind === 'timestamp') {
      out = timestampToMs(v, src.unit);
    } else if (src.minus) {
      const b = rec[src.minus];
      if (isMissing(b)) return undefined;
      const ta = timestampToMs(v, src.unit);
      const tb = timestampToMs(b, src.unit);
      out = ta !== undefined && tb !== undefined && ta >= tb ? ta - tb : undefined;
    } else {
      const n = toNumber(v);
      out = n === undefined || n < 0 ? undefined : durationToMs(n, src.unit);
    }
    if (out === undefined) markInvalid(field, line);
    return out;
  }

  function raw(field: MappedField, rec: FlatRecord): unknown {
    const src = mapping[field];
    return src ? rec[src.column] : undefined;
  }

  function buildRow(rec: FlatRecord, line: number): void {
    const row: NormalizedRow = { outcome: 'ok', timedOut: false };
    let any = false;
    const set = (field: 'reasoningTokens' | 'outputTokens' | 'inputTokens' | 'latencyMs' | 'ttftMs' | 'timestampMs') => {
      const v = read(field, rec, line);
      if (v !== undefined) {
        row[field] = v;
        any = true;
      }
    };
    set('reasoningTokens');
    set('outputTokens');
    set('inputTokens');
    set('latencyMs');
    set('ttftMs');
    set('timestampMs');

    if (stepsSource === 'column') {
      const v = read('steps', rec, line);
      if (v !== undefined) row.steps = v;
    } else if (stepsSource === 'text') {
      const t = raw('reasoningText', rec);
      if (typeof t === 'string' && t.trim() !== '') row.steps = splitSteps(t, { mode: 'paragraph' }).length;
      else if (!isMissing(t) && typeof t !== 'string') markInvalid('reasoningText', line);
    } else if (stepsSource === 'tokens' && row.reasoningTokens !== undefined) {
      row.steps = Math.ceil(row.reasoningTokens / tokensPerStep);
    }
    if (row.steps !== undefined) {
      any = true;
      rowsWithSteps++;
    }

    const status = raw('status', rec);
    const error = raw('error', rec);
    const finish = raw('finishReason', rec);
    const timedOut = raw('timedOut', rec);
    const c = classifyOutcome({ status, error, finishReason: finish, timedOut }, outcomeMap);
    if (mapping.timedOut && !isMissing(timedOut) && toBool(timedOut) === undefined) markInvalid('timedOut', line);
    noteStatus(status);
    row.outcome = c.outcome;
    if (c.error) row.error = c.error;
    if (c.unknownStatus) {
      // An unknown value is not evidence of success: failed (not analysed) until the user maps it.
      unknownStatus.set(c.unknownStatus, (unknownStatus.get(c.unknownStatus) ?? 0) + 1);
      if (row.outcome === 'ok') {
        row.outcome = 'error';
        row.error = `status "${c.unknownStatus}" not recognised`;
      }
    }
    spec.adjust?.(row, rec);
    if (row.outcome === 'ok' && options.timeoutMs !== undefined && row.latencyMs !== undefined && row.latencyMs >= options.timeoutMs) {
      row.outcome = 'timeout';
      row.error = `latency ≥ the ${options.timeoutMs} ms timeout`;
    }
    if (row.outcome === 'ok' && options.maxTokens !== undefined) {
      const t = row.outputTokens ?? row.reasoningTokens;
      if (t !== undefined && t >= options.maxTokens) row.outcome = 'truncated';
    }
    row.timedOut = row.outcome === 'timeout';
    const hasStatus = !isMissing(status) || !isMissing(error) || !isMissing(finish) || !isMissing(timedOut);
    if (!any && row.outcome === 'ok' && !hasStatus) {
      emptyRows++;
      return;
    }
    counts[row.outcome]++;
    rowsOk++;
    batch.rows.push(row);
  }

  function noteStatus(status: unknown): void {
    if (!mapping.status) return;
    const key = statusKey(status);
    if (key === undefined) return;
    const seen = statusValues.get(key);
    if (seen) seen.count++;
    else if (statusValues.size >= MAX_STATUS_VALUES) statusValuesMore++;
    else {
      const alone = classifyOutcome({ status });
      statusValues.set(key, { count: 1, outcome: alone.unknownStatus ? null : alone.outcome });
    }
  }

  function statusList(): StatusValue[] {
    return [...statusValues]
      .map(([value, v]) => ({ value, count: v.count, outcome: outcomeMap?.[value] ?? v.outcome, builtIn: v.outcome, source: outcomeMap?.[value] ? ('yours' as const) : ('auto' as const) }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }

  function buildBucket(rec: FlatRecord, line: number): void {
    const loSrc = mapping.bucketLo!;
    const loValue = rec[loSrc.column];
    // SQL puts requests whose steps are unknown in a NULL bucket: kept, with lo = NaN.
    const range: [number, number | undefined] | undefined = isMissing(loValue) ? [NaN, undefined] : parseBucket(loValue);
    const count = read('count', rec, line);
    if (!range || count === undefined) {
      malformedAt(line, 'bucket row without a readable bucket and count');
      return;
    }
    const hi = read('bucketHi', rec, line) ?? range[1];
    const bucket: BucketRow = { lo: range[0], basis: /token/i.test(loSrc.column) ? 'reasoningTokens' : 'steps', count };
    if (hi !== undefined) bucket.hi = hi;
    for (const f of ['latencyP50Ms', 'latencyP95Ms', 'latencyP99Ms', 'ttftP50Ms', 'timeouts', 'errors', 'truncated', 'censored'] as const) {
      const v = read(f, rec, line);
      if (v !== undefined) bucket[f] = v;
    }
    heldBuckets.push({ bucket, line });
    bucketCount++;
    if (Number.isNaN(bucket.lo)) unbucketed += count;
  }

  function flushBuckets(): void {
    const sorted = heldBuckets.map((b) => b.bucket).sort((a, b) => (Number.isNaN(a.lo) ? 1 : Number.isNaN(b.lo) ? -1 : a.lo - b.lo));
    for (let i = 0; i < sorted.length; i++) if (sorted[i].hi === undefined && i + 1 < sorted.length && sorted[i + 1].lo > sorted[i].lo) sorted[i].hi = sorted[i + 1].lo;
    batch.buckets.push(...sorted);
    heldBuckets = [];
  }

  // --- containers ---------------------------------------------------------------------------

  function start(isEnd: boolean): void {
    let text = sniffBuf;
    if (text.charCodeAt(0) === 0xfeff) {
      text = text.slice(1);
      notes.push('A UTF-8 byte-order mark (BOM) at the start was ignored.');
    }
    const s = sniffContainer(text, isEnd, options.fileName);
    switch (s.kind) {
      case 'undecided':
        sniffBuf = text;
        // Look again once the buffer has doubled, so undecided text is not rescanned per chunk.
        nextSniffAt = Math.max(sniffChars, text.length * 2);
        if (text.length > maxLine) {
          // Still undecided after a whole line's worth: stream it as JSON Lines.
          beginStream('jsonl', text);
        }
        return;
      case 'empty':
        die(chars === 0 ? 'The file is empty.' : 'The file holds only whitespace: no records.');
        return;
      case 'binary':
        die(
          `This is not a text log: ${Math.round(s.share * 1000) / 10}% of the first ${plural(Math.min(text.length, 65536), 'character')} are control or undecodable bytes. Upload JSON Lines, JSON, CSV or TSV (gzip is fine; zip, xlsx and parquet are not supported).`,
        );
        return;
      case 'markup':
        die('This looks like HTML or XML, not a request log. Upload JSON Lines, JSON, CSV or TSV.');
        return;
      case 'json-document':
        container = 'json-document';
        phase = 'document';
        sniffBuf = '';
        route(text);
        return;
      case 'yaml':
        container = 'yaml';
        phase = 'document';
        yamlDocument = true;
        sniffBuf = '';
        route(text);
        return;
      case 'json-array':
        beginStream('json-array', text);
        return;
      case 'jsonl':
        beginStream('jsonl', text);
        return;
      case 'dsv':
        beginStream(s.delimiter === ',' ? 'csv' : s.delimiter === '\t' ? 'tsv' : 'dsv', text, s.delimiter);
        return;
    }
  }

  function beginStream(kind: Container, text: string, delimiter = ','): void {
    container = kind;
    phase = 'stream';
    sniffBuf = '';
    if (kind === 'jsonl') lineSplitter = createLineSplitter(maxLine);
    else if (kind === 'json-array') arraySplitter = createJsonArraySplitter(maxLine);
    else {
      csv = createCsvTokenizer(delimiter, maxLine);
      if (kind === 'dsv') notes.push(`Delimited text with "${delimiter}" between fields.`);
    }
    route(text);
  }

  function route(text: string): void {
    if (phase === 'document') {
      docChars += text.length;
      if (docChars > maxDoc) {
        die(
          `This file is one JSON document (${spec.id === 'generic' ? 'not JSON Lines' : spec.label}), which has to be read whole; documents up to ${Math.round(maxDoc / 1048576)} MB are accepted and this one is larger. Export per-request JSON Lines instead, or split the file.`,
        );
        return;
      }
      docParts.push(text);
      return;
    }
    if (lineSplitter) lineSplitter.feed(text, jsonSink);
    else if (arraySplitter) arraySplitter.feed(text, jsonSink);
    else if (csv) csv.feed(text, csvSink);
  }

  function positionToLine(text: string, message: string): number | undefined {
    const lc = /line (\d+)/i.exec(message);
    if (lc) return Number(lc[1]);
    const pos = /position (\d+)/i.exec(message);
    if (!pos) return undefined;
    const p = Math.min(Number(pos[1]), text.length);
    let line = 1;
    for (let i = 0; i < p; i++) if (text.charCodeAt(i) === 10) line++;
    return line;
  }

  function finishDocument(): void {
    const text = docParts.join('');
    docParts = [];
    if (yamlDocument) {
      if (!options.parseYaml) {
        die('This is a YAML file (e.g. guidellm benchmarks.yaml), which cannot be read here; upload the same report as JSON (benchmarks.json).');
        return;
      }
      let doc: unknown;
      try {
        doc = options.parseYaml(text);
      } catch (e) {
        die(`The file looks like YAML but is not valid YAML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}. Nothing could be read.`);
        return;
      }
      handleDocument(doc);
      return;
    }
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      // Maybe JSON Lines after all (a first line longer than the sniff window).
      const firstBreak = text.indexOf('\n');
      const firstLine = firstBreak >= 0 ? text.slice(0, firstBreak) : '';
      let firstLineOk: boolean;
      try {
        firstLineOk = firstLine.trim() !== '' && isPlainObject(JSON.parse(firstLine));
      } catch {
        firstLineOk = false;
      }
      if (firstLineOk) {
        container = 'jsonl';
        phase = 'stream';
        lineSplitter = createLineSplitter(maxLine);
        lineSplitter.feed(text, jsonSink);
        lineSplitter.end(jsonSink);
        return;
      }
      const message = e instanceof Error ? e.message : String(e);
      const line = positionToLine(text, message);
      die(`The file starts like one JSON document but is not valid JSON${line ? ` (error near line ${line})` : ''}: ${message}. If it was cut short, re-export it; nothing could be read.`);
      return;
    }
    handleDocument(doc);
  }

  /** A whole parsed document (JSON or YAML): a known layout, an aggregate-only file, or records inside it. */
  function handleDocument(doc: unknown): void {
    const forced = options.format ? formatById(options.format) : null;
    const candidates = forced ? [forced] : [formatById('sglang-bench'), formatById('vllm-detailed'), formatById('guidellm'), formatById('otel-genai')];
    for (const f of candidates) {
      const res = f.fromDocument?.(doc);
      if (!res) continue;
      spec = f;
      presetFlat = true;
      if (res.skipped) skip(res.skipped.reason, res.skipped.count);
      if (res.notes) tailNotes.push(...res.notes);
      for (const r of res.records) onRaw(r, 0, 0);
      return;
    }
    if (isPlainObject(doc)) {
      const keys = new Set(Object.keys(flatten(doc)));
      const msg = aggregateOnlyMessage(keys);
      if (msg) {
        die(msg);
        return;
      }
    }
    const { records, where } = genericDocumentRecords(doc);
    if (where !== 'single object') notes.push(`Records read from the document's ${where}.`);
    for (const r of records) {
      if (!isPlainObject(r)) malformedAt(0, 'not a JSON object');
      else onRaw(r, 0, 0);
    }
  }

  // --- messages -----------------------------------------------------------------------------

  function messages(): string[] {
    const out = [...notes];
    if (decided && !fatal) {
      out.push(`Format: ${spec.label}${container ? ` (${container})` : ''}.`);
      out.push(...unitNotes);
      for (const n of spec.notes ?? []) out.push(n);
      out.push(...tailNotes);
    }
    if (malformed.count > 0) {
      const total = rowsOk + malformed.count + emptyRows + bucketCount;
      const reasons = [...malformedReasons].map(([r, n]) => `${r} ×${n}`).join('; ');
      out.push(`${plural(malformed.count, 'record')} of ${total.toLocaleString('en-US')} could not be read${linesText(malformed)} and ${malformed.count === 1 ? 'was' : 'were'} skipped: ${reasons}. Every other record was kept.`);
    }
    if (oversized.count > 0)
      out.push(`${plural(oversized.count, 'line')} longer than ${(maxLine / 1048576).toFixed(maxLine % 1048576 ? 1 : 0)} MB ${oversized.count === 1 ? 'was' : 'were'} skipped${linesText(oversized)}; memory stays bounded and the rest was read.`);
    if (csv && csv.multilineRecords > 0) out.push(`${plural(csv.multilineRecords, 'record')} had line breaks inside quoted fields; each was kept as one record.`);
    for (const [field, list] of invalid) {
      const src = mapping[field];
      out.push(`${field}${src ? ` (column "${src.column}")` : ''}: ${plural(list.count, 'value')} could not be read${linesText(list)} and ${list.count === 1 ? 'was' : 'were'} left empty, not zero.`);
    }
    if (skippedCount > 0) for (const [reason, n] of skippedReasons) out.push(`${plural(n, 'record')} skipped: ${reason}.`);
    if (emptyRows > 0) out.push(`${plural(emptyRows, 'record')} had none of the mapped fields and ${emptyRows === 1 ? 'was' : 'were'} skipped.`);
    if (unknownStatus.size > 0) {
      const list = [...unknownStatus].slice(0, 8).map(([s, n]) => `"${s}" ×${n}`).join(', ');
      out.push(`Status values not recognised, counted as failed until you map them (Status values, below): ${list}${unknownStatus.size > 8 ? ', …' : ''}.`);
    }
    if (decided && !fatal) {
      if ((spec.kind ?? 'rows') === 'buckets') {
        out.push(`${plural(bucketCount, 'bucket row')} read.`);
        if (unbucketed > 0) out.push(`${plural(unbucketed, 'request')} sit in a bucket with no value (steps unknown, e.g. failed before reasoning); kept with lo = NaN, not put in bucket 0.`);
      }
      else {
        out.push(
          `${plural(rowsOk, 'row')}: ${counts.ok.toLocaleString('en-US')} ok, ${plural(counts.error, 'error')}, ${plural(counts.timeout, 'timeout')}, ${counts.truncated.toLocaleString('en-US')} truncated at the token budget, ${counts.censored.toLocaleString('en-US')} censored (stopped, cancelled or filtered).`,
        );
        const s = mapping.steps;
        const t = mapping.reasoningText;
        const k = mapping.reasoningTokens;
        if (stepsSource !== 'none' && rowsWithSteps === 0 && rowsOk > 0) {
          const col = (stepsSource === 'column' ? s : stepsSource === 'text' ? t : k)?.column ?? '?';
          out.push(`No steps: the "${col}" column is empty in every row. Map another column to see the step distribution.`);
        } else if (stepsSource === 'column' && s) out.push(`Steps from the "${s.column}" column.`);
        else if (stepsSource === 'text' && t) out.push(`Steps counted from the reasoning text in "${t.column}", split into paragraphs at blank lines as the viewer does.`);
        else if (stepsSource === 'tokens' && k) out.push(`Steps estimated as reasoning tokens ("${k.column}") ÷ ${tokensPerStep} tokens per step, rounded up.`);
        else out.push('No steps: there is no steps column, reasoning text or reasoning-token count. Map one to see the step distribution.');
      }
    }
    if (!decided && !fatal && phase === 'ended') out.push(header ? 'The file has a header line but no data rows.' : 'No records found.');
    return out;
  }

  function diagnostics(): LogDiagnostics {
    return {
      format: decided && !fatal ? spec.id : null,
      formatLabel: decided && !fatal ? spec.label : 'unknown',
      container,
      kind: spec.kind ?? 'rows',
      columns: [...columns],
      mapping: { ...mapping } as Record<MappedField, ResolvedSource>,
      // A length column that is empty in every row gives no steps.
      stepsSource: phase === 'ended' && rowsWithSteps === 0 ? 'none' : stepsSource,
      tokensPerStep,
      rowsOk,
      buckets: bucketCount,
      counts: { ...counts },
      malformed: { count: malformed.count, firstLines: [...malformed.firstLines] },
      oversized: { count: oversized.count, firstLines: [...oversized.firstLines] },
      skipped: { count: skippedCount, reasons: Object.fromEntries(skippedReasons) },
      lines: lines + (lastChar !== 10 && chars > 0 ? 1 : 0),
      chars,
      fatal,
      statusValues: statusList(),
      statusValuesMore,
      messages: messages(),
    };
  }

  function countNewlines(text: string): number {
    let n = 0;
    let i = text.indexOf('\n');
    while (i !== -1) {
      n++;
      i = text.indexOf('\n', i + 1);
    }
    return n;
  }

  return {
    feed(text: string): LogBatch {
      if (phase === 'dead' || phase === 'ended' || text.length === 0) return take();
      chars += text.length;
      lines += countNewlines(text);
      lastChar = text.charCodeAt(text.length - 1);
      if (phase === 'sniff') {
        sniffBuf += text;
        if (sniffBuf.length >= nextSniffAt) start(false);
      } else route(text);
      return take();
    },
    end(): LogBatch {
      if (phase === 'ended') return take();
      if (phase === 'sniff') start(true);
      if (phase === 'stream') {
        if (lineSplitter) lineSplitter.end(jsonSink);
        if (arraySplitter) {
          const info = arraySplitter.end(jsonSink);
          if (info.openElementLine !== undefined) {
            malformedAt(info.openElementLine, 'cut off at the end of the file');
            notes.push(`The file ends inside a record that starts on line ${info.openElementLine}: it looks cut short.`);
          } else if (info.unclosed) notes.push('The JSON array is not closed with "]": the file may be cut short; every complete record was kept.');
          const trailing = arraySplitter.trailing;
          if (trailing.chars > 0) notes.push(`There is text after the closing "]" (from line ${trailing.line}); it was ignored.`);
        }
        if (csv) {
          const info = csv.end(csvSink);
          if (info.unterminatedQuoteLine !== undefined) {
            malformedAt(info.unterminatedQuoteLine, 'unterminated quoted field');
            notes.push(`The file ends inside a quoted field that starts on line ${info.unterminatedQuoteLine}; that last record was dropped.`);
          }
        }
      } else if (phase === 'document') finishDocument();
      if (!decided && pending.length > 0 && (phase as Phase) !== 'dead') decide();
      if (decided && !fatal && (spec.kind ?? 'rows') === 'buckets') flushBuckets();
      if ((phase as Phase) !== 'dead') phase = 'ended';
      return take();
    },
    diagnostics,
    get stopped() {
      return phase === 'dead';
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
