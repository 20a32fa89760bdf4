import { describe, expect, it } from 'vitest';
import { createCsvTokenizer, createJsonArraySplitter, createLineSplitter, type RecordSink } from '../../../src/core/logs/splitters';

function collect<T>() {
  const records: { value: T; line: number }[] = [];
  const oversized: { line: number; chars: number }[] = [];
  const sink: RecordSink<T> = { record: (value, line) => records.push({ value, line }), oversized: (line, chars) => oversized.push({ line, chars }) };
  return { records, oversized, sink };
}

/** Feeds `text` split at every position in `cuts` (and whole), so chunk boundaries can't matter. */
function chunked(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

describe('line splitter', () => {
  it('splits lines across any chunking, drops CR, numbers lines and keeps a last line without newline', () => {
    const text = '{"a":1}\r\n\n{"a":2}\n{"a":3}';
    for (const size of [1, 2, 3, 5, 100]) {
      const c = collect<string>();
      const s = createLineSplitter(1000);
      for (const part of chunked(text, size)) s.feed(part, c.sink);
      s.end(c.sink);
      expect(c.records).toEqual([
        { value: '{"a":1}', line: 1 },
        { value: '', line: 2 },
        { value: '{"a":2}', line: 3 },
        { value: '{"a":3}', line: 4 },
      ]);
    }
  });

  it('skips an overlong line without buffering it and carries on', () => {
    const c = collect<string>();
    const s = createLineSplitter(10);
    s.feed('ok\n' + 'x'.repeat(7), c.sink);
    s.feed('x'.repeat(50), c.sink);
    s.feed('x\nfine\n' + 'y'.repeat(30), c.sink);
    s.end(c.sink);
    expect(c.records.map((r) => r.value)).toEqual(['ok', 'fine']);
    expect(c.oversized).toEqual([
      { line: 2, chars: 58 },
      { line: 4, chars: 30 },
    ]);
  });
});

describe('CSV tokenizer', () => {
  const text = 'a,b,c\r\n1,"two, with comma","say ""hi"""\r\n2,"multi\nline\n\nfield",x\n3,,\n';
  it('handles quotes, doubled quotes, embedded newlines, CRLF and empty fields at any chunking', () => {
    for (const size of [1, 2, 3, 7, 1000]) {
      const c = collect<string[]>();
      const t = createCsvTokenizer(',', 10000);
      for (const part of chunked(text, size)) t.feed(part, c.sink);
      t.end(c.sink);
      expect(c.records).toEqual([
        { value: ['a', 'b', 'c'], line: 1 },
        { value: ['1', 'two, with comma', 'say "hi"'], line: 2 },
        { value: ['2', 'multi\nline\n\nfield', 'x'], line: 3 },
        { value: ['3', '', ''], line: 7 },
      ]);
      expect(t.multilineRecords).toBe(1);
    }
  });

  it('reads tabs, skips blank lines, and keeps a final record without newline', () => {
    const c = collect<string[]>();
    const t = createCsvTokenizer('\t', 100);
    t.feed('x\ty\n\n\r\n1\t2', c.sink);
    t.end(c.sink);
    expect(c.records.map((r) => r.value)).toEqual([
      ['x', 'y'],
      ['1', '2'],
    ]);
  });

  it('reports an unterminated quote at the end with the line it started on', () => {
    const c = collect<string[]>();
    const t = createCsvTokenizer(',', 100);
    t.feed('a,b\n1,2\n3,"never closed\nmore', c.sink);
    expect(t.end(c.sink)).toEqual({ unterminatedQuoteLine: 3 });
    expect(c.records).toHaveLength(2);
  });

  it('skips an overlong record, even one with quoted newlines, and continues', () => {
    const c = collect<string[]>();
    const t = createCsvTokenizer(',', 20);
    t.feed('a,b\n', c.sink);
    t.feed('1,"' + 'long\n'.repeat(10), c.sink);
    t.feed('"\n2,3\n', c.sink);
    t.end(c.sink);
    expect(c.records.map((r) => r.value)).toEqual([
      ['a', 'b'],
      ['2', '3'],
    ]);
    expect(c.oversized).toEqual([{ line: 2, chars: 54 }]);
  });
});

describe('JSON array splitter', () => {
  it('streams the elements of a top-level array with their first line', () => {
    const text = '[\n  {"a": "x]}", "b": [1, {"c": 2}]},\n  {"a": "\\"q\\""}\n, 7 ]\n';
    for (const size of [1, 4, 1000]) {
      const c = collect<string>();
      const s = createJsonArraySplitter(1000);
      for (const part of chunked(text, size)) s.feed(part, c.sink);
      const end = s.end(c.sink);
      expect(c.records).toEqual([
        { value: '{"a": "x]}", "b": [1, {"c": 2}]}', line: 2 },
        { value: '{"a": "\\"q\\""}', line: 3 },
        { value: '7', line: 4 },
      ]);
      expect(end).toEqual({ openElementLine: undefined, unclosed: false });
    }
  });

  it('says where a cut-short array stops and skips an overlong element', () => {
    const c = collect<string>();
    const s = createJsonArraySplitter(30);
    s.feed('[{"a":1},\n{"big":"' + 'z'.repeat(100) + '"},\n{"a":2},\n{"a":', c.sink);
    const end = s.end(c.sink);
    expect(c.records.map((r) => r.value)).toEqual(['{"a":1}', '{"a":2}']);
    expect(c.oversized.map((o) => o.line)).toEqual([2]);
    expect(end).toEqual({ openElementLine: 4, unclosed: true });
  });
});
