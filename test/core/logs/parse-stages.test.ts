/**
 * Direct tests of the log parser's stages (framing, layout, field reading, buckets, status
 * tally, diagnostics), each against values worked out by hand here.
 */
import { describe, expect, it } from 'vitest';
import { BucketCollector, parseBucket } from '../../../src/core/logs/buckets';
import { addLine, DiagnosticsCollector, lineList, linesText } from '../../../src/core/logs/diagnostics-collector';
import { FieldReader } from '../../../src/core/logs/field-reader';
import { LogFraming, positionToLine, type FramingSettings } from '../../../src/core/logs/log-framing';
import { decideLayout, expandJsonCells, findJsonCells, initialLayout, readDocument } from '../../../src/core/logs/record-layout';
import { MAX_STATUS_VALUES, StatusValueTally } from '../../../src/core/logs/status-values';
import type { FieldMapping, MappedField } from '../../../src/core/logs/types';

const SETTINGS: FramingSettings = { maxLineChars: 1000, maxDocumentChars: 10_000, sniffChars: 64 };

function frame(text: string, chunk: number, settings: Partial<FramingSettings> = {}) {
  const diagnostics = new DiagnosticsCollector();
  const records: { raw: Record<string, unknown>; line: number }[] = [];
  const documents: unknown[] = [];
  const failures: string[] = [];
  const framing: LogFraming = new LogFraming({ ...SETTINGS, ...settings }, diagnostics, {
    record: (raw, line) => records.push({ raw, line }),
    document: (doc) => documents.push(doc),
    fail: (message) => {
      failures.push(message);
      framing.close();
    },
  });
  for (let i = 0; i < text.length; i += chunk) framing.feed(text.slice(i, i + chunk));
  framing.end();
  return { framing, diagnostics, records, documents, failures };
}

describe('LogFraming', () => {
  it('splits JSON Lines into records with their line numbers whatever the chunking, counting bad lines', () => {
    const text = '{"a":1}\nnot json\n[2]\n\n{"a":3}';
    for (const chunk of [1, 3, 100]) {
      const f = frame(text, chunk);
      expect(f.framing.container).toBe('jsonl');
      expect(f.records).toEqual([
        { raw: { a: 1 }, line: 1 },
        { raw: { a: 3 }, line: 5 },
      ]);
      expect(f.diagnostics.malformed).toEqual({ count: 2, firstLines: [2, 3] });
      // Four newlines and a last line without one.
      expect(f.framing.lines).toBe(5);
      expect(f.framing.chars).toBe(text.length);
    }
  });

  it('reads the CSV header and turns each data record into an object keyed by it', () => {
    const f = frame('steps,steps,\n1,2,3\n4,5\n', 4);
    expect(f.framing.container).toBe('csv');
    expect(f.framing.header).toEqual(['steps', 'steps_2', 'column_3']);
    expect(f.records).toEqual([{ raw: { steps: '1', steps_2: '2', column_3: '3' }, line: 2 }]);
    expect(f.diagnostics.malformed.firstLines).toEqual([3]);
  });

  it('buffers a JSON document and hands it over whole at the end', () => {
    const doc = { benchmarks: [{ a: 1 }], note: 'x'.repeat(200) };
    const f = frame(JSON.stringify(doc, null, 2), 16);
    expect(f.framing.container).toBe('json-document');
    expect(f.documents).toEqual([doc]);
    expect(f.records).toEqual([]);
  });

  it('refuses a document larger than the limit and an empty file, through fail', () => {
    expect(frame(JSON.stringify({ data: 'y'.repeat(200) }, null, 1), 50, { maxDocumentChars: 100 }).failures[0]).toMatch(/one JSON document/);
    expect(frame('', 1).failures).toEqual(['The file is empty.']);
    expect(frame('  \n ', 1).failures).toEqual(['The file holds only whitespace: no records.']);
  });
});

describe('positionToLine', () => {
  it('takes the line a parse error names, else counts newlines up to its position', () => {
    expect(positionToLine('a\nb', 'Unexpected token at line 7 column 2')).toBe(7);
    expect(positionToLine('ab\ncd\nef', 'Unexpected token in JSON at position 7')).toBe(3);
    expect(positionToLine('abc', 'Unexpected end of JSON input')).toBeUndefined();
  });
});

describe('record layout', () => {
  it('finds the columns whose cells are JSON objects in at least 4 of 5 records and expands them', () => {
    const sample = [
      { id: '1', meta: '{"steps": 3}', note: '{"x": 1}' },
      { id: '2', meta: '{"steps": 4}', note: 'plain' },
      { id: '3', meta: '', note: 'plain' },
    ];
    const cells = findJsonCells(['id', 'meta', 'note'], sample);
    expect([...cells]).toEqual(['meta']);
    expect(expandJsonCells(sample[0], cells)).toEqual({ id: '1', meta: { steps: 3 }, note: '{"x": 1}' });
  });

  it('maps a sample by its column names and refuses one where nothing matches', () => {
    const ctx = { layout: initialLayout(), container: 'jsonl' as const, header: null, options: {}, tailNoteOnce: () => {} };
    const ok = decideLayout([{ steps: 3, latency_ms: 120 }], ctx);
    expect(ok.failure).toBeUndefined();
    expect(ok.layout.columns).toEqual(['steps', 'latency_ms']);
    expect(ok.layout.mapping.steps?.column).toBe('steps');
    expect(ok.layout.mapping.latencyMs).toMatchObject({ column: 'latency_ms', unit: 'ms' });
    expect(ok.layout.stepsSource).toBe('column');
    expect(decideLayout([{ foo: 1 }], ctx).failure).toMatch(/^No column matched a known field.*Columns seen: foo\./);
  });

  it('reads a document: the records inside an array it holds, or refuses an aggregates-only summary', () => {
    expect(readDocument({ rows: [{ a: 1 }, { a: 2 }] })).toEqual({ kind: 'records', records: [{ a: 1 }, { a: 2 }], where: '"rows" array' });
    expect(readDocument({ results_ttft_s_mean: 1, num_concurrent_requests: 4 }).kind).toBe('aggregate-only');
  });
});

describe('FieldReader', () => {
  const mapping: FieldMapping = {
    latencyMs: { column: 'lat', unit: 's', origin: 'alias', unitReason: '' },
    ttftMs: { column: 'end', minus: 'start', unit: 'ms', origin: 'derived', unitReason: '' },
    steps: { column: 'steps', unit: 'count', origin: 'alias', unitReason: '' },
  };
  it('converts to ms and counts, leaves missing values undefined and reports unreadable ones', () => {
    const bad: [MappedField, number][] = [];
    const reader = new FieldReader(mapping, (field, line) => bad.push([field, line]));
    expect(reader.read('latencyMs', { lat: '1.5' }, 1)).toBe(1500);
    expect(reader.read('ttftMs', { end: 250, start: 100 }, 2)).toBe(150);
    expect(reader.read('steps', { steps: ['a', 'b', 'c'] }, 3)).toBe(3);
    expect(reader.read('latencyMs', { lat: null }, 4)).toBeUndefined();
    expect(reader.read('outputTokens', { lat: 1 }, 5)).toBeUndefined();
    expect(bad).toEqual([]);
    expect(reader.read('latencyMs', { lat: 'soon' }, 6)).toBeUndefined();
    expect(reader.read('ttftMs', { end: 100, start: 250 }, 7)).toBeUndefined();
    expect(reader.read('steps', { steps: -2 }, 8)).toBeUndefined();
    expect(bad).toEqual([
      ['latencyMs', 6],
      ['ttftMs', 7],
      ['steps', 8],
    ]);
    expect(reader.raw('latencyMs', { lat: 'soon' })).toBe('soon');
  });
});

describe('buckets', () => {
  it('parses bucket labels: inclusive integer ranges, half-open ranges, open-ended and plain numbers', () => {
    expect(parseBucket('40-49')).toEqual([40, 50]);
    expect(parseBucket('[40,50)')).toEqual([40, 50]);
    expect(parseBucket('1.5..2.5')).toEqual([1.5, 2.5]);
    expect(parseBucket('40+')).toEqual([40, undefined]);
    expect(parseBucket(12)).toEqual([12, undefined]);
    expect(parseBucket('many')).toBeUndefined();
  });

  it('sorts buckets, closes open upper edges with the next lower edge and keeps the NULL bucket last', () => {
    const diagnostics = new DiagnosticsCollector();
    const mapping: FieldMapping = {
      bucketLo: { column: 'bucket', unit: 'count', origin: 'alias', unitReason: '' },
      count: { column: 'n', unit: 'count', origin: 'alias', unitReason: '' },
    };
    const c = new BucketCollector(mapping, diagnostics);
    c.add({ bucket: '20+', n: 2 }, 2);
    c.add({ bucket: null, n: 3 }, 3);
    c.add({ bucket: 0, n: 5 }, 4);
    c.add({ bucket: '10-19', n: 4 }, 5);
    c.add({ bucket: 'x', n: 1 }, 6);
    const out = c.flush();
    expect(out.map((b) => [b.lo, b.hi, b.count])).toEqual([
      [0, 10, 5],
      [10, 20, 4],
      [20, undefined, 2],
      [NaN, undefined, 3],
    ]);
    expect(diagnostics.bucketCount).toBe(4);
    expect(diagnostics.unbucketed).toBe(3);
    expect(diagnostics.malformed.firstLines).toEqual([6]);
    expect(c.flush()).toEqual([]);
  });
});

describe('StatusValueTally', () => {
  it('counts distinct values, most frequent first, with the user mapping winning over the built-in words', () => {
    const t = new StatusValueTally();
    for (const s of ['ok', 'ok', 'weird', ' ok ', 200, null]) t.note(s);
    expect(t.list({ weird: 'censored' })).toEqual([
      { value: 'ok', count: 3, outcome: 'ok', builtIn: 'ok', source: 'auto' },
      { value: '200', count: 1, outcome: 'ok', builtIn: 'ok', source: 'auto' },
      { value: 'weird', count: 1, outcome: 'censored', builtIn: null, source: 'yours' },
    ]);
  });

  it('lists at most MAX_STATUS_VALUES values and counts the occurrences of the rest', () => {
    const t = new StatusValueTally();
    for (let i = 0; i < MAX_STATUS_VALUES + 3; i++) t.note(`s${i}`);
    t.note('s0');
    t.note(`s${MAX_STATUS_VALUES}`);
    expect(t.list()).toHaveLength(MAX_STATUS_VALUES);
    expect(t.more).toBe(4);
  });
});

describe('diagnostics collector', () => {
  it('keeps the first ten line numbers, never line 0, and says when there are more', () => {
    const list = lineList();
    addLine(list, 0);
    for (let line = 1; line <= 12; line++) addLine(list, line);
    expect(list.count).toBe(13);
    expect(list.firstLines).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(linesText(list)).toBe(' (lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, …)');
    const one = lineList();
    addLine(one, 4);
    expect(linesText(one)).toBe(' (line 4)');
    expect(linesText(lineList())).toBe('');
  });

  it('counts skipped records per reason and gives each tail note once', () => {
    const d = new DiagnosticsCollector();
    d.skip('not a GenAI span', 2);
    d.skip('not a GenAI span');
    d.tailNoteOnce('a');
    d.tailNoteOnce('a');
    expect(d.skippedCount).toBe(3);
    expect(d.tailNotes).toEqual(['a']);
  });
});
