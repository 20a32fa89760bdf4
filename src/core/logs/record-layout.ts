/**
 * The record layout: which format the records are in and how their columns map to fields.
 * Decided once, from the first records (the sample): their keys pick the format (formats.ts),
 * CSV cells that hold JSON objects are expanded, the format reshapes ("explodes") records where
 * it needs to, and the mapping with its units is resolved and checked (fields.ts, units.ts).
 * A whole document is first searched for a known layout (`readDocument`).
 */
import { BUCKET_FIELDS, flatten, resolveMappingChecked, ROW_FIELDS, type FlatRecord } from './fields';
import { flatRecordOf } from './flat-columns';
import { aggregateOnlyMessage, detectFormat, formatById, genericDocumentRecords, type ExplodeResult, type FormatSpec } from './log-formats';
import { isPlainObject } from './log-text';
import type { Container, FieldMapping, FormatId, LogParseOptions, StepsSource } from './types';

export type Layout = {
  spec: FormatSpec;
  /** Records arrive already flat (from a document layout). */
  presetFlat: boolean;
  /** Delimited-text columns whose cells hold JSON objects, expanded before flattening. */
  jsonCells: ReadonlySet<string>;
  /** Columns of the flat sample (at most 500), for the mapping pickers. */
  columns: string[];
  mapping: FieldMapping;
  stepsSource: StepsSource;
};

export const initialLayout = (): Layout => ({ spec: formatById('generic'), presetFlat: false, jsonCells: new Set(), columns: [], mapping: {}, stepsSource: 'none' });

/** Where exploding a record reports what it skipped and noted. */
export type ExplodeSink = { skip(reason: string, count: number): void; tailNoteOnce(note: string): void };

const isDelimited = (container: Container | null) => container === 'csv' || container === 'tsv' || container === 'dsv';

/** Cells of the JSON-object columns parsed into objects (others, and unparsable cells, left as text). */
export function expandJsonCells(raw: Record<string, unknown>, jsonCells: ReadonlySet<string>): Record<string, unknown> {
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

/** The columns whose present cells are JSON objects in at least 4 of 5 sample records. */
export function findJsonCells(header: readonly string[], sample: readonly Record<string, unknown>[]): Set<string> {
  const cells = new Set<string>();
  for (const col of header) {
    let present = 0;
    let json = 0;
    for (const record of sample) {
      const v = record[col];
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
    if (present > 0 && json * 5 >= present * 4) cells.add(col);
  }
  return cells;
}

/** One raw record → the flat records it stands for (most often one; none for a skipped record). */
export function explodeRecord(layout: Layout, container: Container | null, raw: unknown, sink: ExplodeSink): FlatRecord[] {
  if (layout.presetFlat) return [raw as FlatRecord];
  let obj = raw as Record<string, unknown>;
  const { spec, jsonCells } = layout;
  if (isDelimited(container)) {
    obj = expandJsonCells(obj, jsonCells);
    if (!spec.explode && jsonCells.size === 0) return [obj];
  }
  if (spec.explode) {
    const res = spec.explode(obj);
    if (res.skipped) sink.skip(res.skipped.reason, res.skipped.count);
    if (res.notes) for (const n of res.notes) sink.tailNoteOnce(n);
    return res.records;
  }
  return [flatRecordOf(obj)];
}

export type LayoutContext = {
  /** The layout so far: generic, or the document layout that produced the records. */
  layout: Layout;
  container: Container | null;
  header: readonly string[] | null;
  options: Pick<LogParseOptions, 'format' | 'mapping'>;
  /** Receives the notes of the format's reshaping of the sample (its skips are not counted here). */
  tailNoteOnce(note: string): void;
};

export type LayoutDecision = {
  layout: Layout;
  /** Unit checks of the mapping. */
  unitNotes: string[];
  notes: string[];
  /** Set when the file cannot be read as a request log (it ends the parse). */
  failure?: string;
};

const NO_FIELD_MATCHED = (columns: readonly string[]) =>
  `No column matched a known field (steps, reasoning tokens or text, latency, TTFT, timestamp, status). Columns seen: ${columns.slice(0, 20).join(', ')}${columns.length > 20 ? ', …' : ''}. Pick the columns in the mapping, or check that this is a request log.`;

/** Decides the format, the JSON cells, the columns and the mapping from the sample's raw records. */
export function decideLayout(sample: readonly unknown[], ctx: LayoutContext): LayoutDecision {
  const { container, header, options } = ctx;
  const presetFlat = ctx.layout.presetFlat;
  const keys = new Set<string>();
  for (const raw of sample) for (const k of Object.keys(presetFlat ? (raw as FlatRecord) : flatten(raw as Record<string, unknown>))) keys.add(k);

  const aggregateOnly = !options.format && aggregateOnlyMessage(keys, header ?? undefined);
  if (aggregateOnly) return { layout: ctx.layout, unitNotes: [], notes: [], failure: aggregateOnly };

  let jsonCells: ReadonlySet<string> = ctx.layout.jsonCells;
  if (isDelimited(container)) {
    const records = sample as readonly Record<string, unknown>[];
    jsonCells = findJsonCells(header ?? [], records);
    for (const col of jsonCells) keys.delete(col);
    for (const raw of records) for (const k of Object.keys(flatten(expandJsonCells(raw, jsonCells)))) keys.add(k);
  }

  const spec = presetFlat ? ctx.layout.spec : options.format ? formatById(options.format) : detectFormat({ keys, container: container ?? 'jsonl' });
  const shaped: Layout = { ...ctx.layout, spec, jsonCells };

  // The sample in its final (flat) shape, for units and value checks. Its skips are counted when
  // the sample is processed as rows.
  const flatSample: FlatRecord[] = [];
  const sampleSink: ExplodeSink = { skip: () => {}, tailNoteOnce: ctx.tailNoteOnce };
  for (const raw of sample) for (const r of explodeRecord(shaped, container, raw, sampleSink)) flatSample.push(r);

  const colSet = new Set<string>();
  for (const r of flatSample) for (const k of Object.keys(r)) colSet.add(k);
  const columns = [...colSet].slice(0, 500);

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
  const mapping = resolved.mapping;
  const unitNotes = resolved.checks.map((c) => c.message);

  const notes: string[] = [];
  if (options.mapping) {
    for (const [field, src] of Object.entries(options.mapping)) {
      if (src && !colSet.has(src.column) && columns.length > 0) notes.push(`Your mapping for ${field} names column "${src.column}", which is not in the sample's columns.`);
    }
  }

  const stepsSource: StepsSource = kind === 'rows' ? (mapping.steps ? 'column' : mapping.reasoningText ? 'text' : mapping.reasoningTokens ? 'tokens' : 'none') : 'none';
  const layout: Layout = { ...shaped, columns, mapping, stepsSource };
  let failure: string | undefined;
  if (kind === 'rows') {
    if (Object.keys(mapping).length === 0 && flatSample.length > 0) failure = NO_FIELD_MATCHED(columns);
  } else if (!mapping.bucketLo || !mapping.count) failure = 'Pre-aggregated input needs a bucket column and a count column; map them by hand.';
  return { layout, unitNotes, notes, ...(failure ? { failure } : {}) };
}

export type DocumentReading =
  /** A known layout (sglang, vLLM, guidellm, OTLP): its flat records. */
  | { kind: 'layout'; spec: FormatSpec; result: ExplodeResult }
  /** A file of aggregates only: the message says which per-request file to upload. */
  | { kind: 'aggregate-only'; message: string }
  /** Any other document: the records inside it (`where` says where they were found). */
  | { kind: 'records'; records: unknown[]; where: string };

/** A whole parsed document (JSON or YAML): a known layout, an aggregate-only file, or records inside it. */
export function readDocument(doc: unknown, format?: FormatId): DocumentReading {
  const forced = format ? formatById(format) : null;
  const candidates = forced ? [forced] : [formatById('sglang-bench'), formatById('vllm-detailed'), formatById('guidellm'), formatById('otel-genai')];
  for (const f of candidates) {
    const result = f.fromDocument?.(doc);
    if (result) return { kind: 'layout', spec: f, result };
  }
  if (isPlainObject(doc)) {
    const message = aggregateOnlyMessage(new Set(Object.keys(flatten(doc))));
    if (message) return { kind: 'aggregate-only', message };
  }
  return { kind: 'records', ...genericDocumentRecords(doc) };
}
