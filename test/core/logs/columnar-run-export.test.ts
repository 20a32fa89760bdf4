import { describe, expect, it } from 'vitest';
import { createColumnarBuilder, iterateRows, MAX_DISTINCT_ERRORS, parseLogText, rowAt, toRunExportLine, validateRunExportRecord, type NormalizedRow, type RunExportRecord } from '../../../src/core/logs';

describe('columnar rows', () => {
  it('reserves room once for a foreseen number of rows (never past the cap), keeping what it holds', () => {
    const b = createColumnarBuilder(16, 10_000);
    for (let i = 0; i < 10; i++) b.push({ outcome: 'ok', timedOut: false, latencyMs: i * 100 });
    b.reserve(7000);
    for (let i = 10; i < 7000; i++) b.push({ outcome: 'ok', timedOut: false, latencyMs: i * 100 });
    const rows = b.build();
    expect(rows.latencyMs.buffer.byteLength).toBe(7000 * 8);
    expect(rows.latencyMs[9]).toBe(900);
    expect(rows.latencyMs[6999]).toBe(699_900);
    const capped = createColumnarBuilder(16, 500);
    capped.reserve(1e9);
    for (let i = 0; i < 500; i++) capped.push({ outcome: 'ok', timedOut: false });
    expect(capped.build().outcome.buffer.byteLength).toBe(500);
  });

  it('stops doubling at the row cap, so the columns reserve no more than the cap', () => {
    const b = createColumnarBuilder(1024, 5000);
    for (let i = 0; i < 5000; i++) b.push({ outcome: 'ok', timedOut: false, steps: i });
    const rows = b.build();
    // Doubling would have reserved 8,192 rows; the cap keeps it at 5,000 (and the full columns are viewed, not copied).
    expect(rows.steps.buffer.byteLength).toBe(5000 * 8);
    expect(rows.steps[4999]).toBe(4999);
    // A batch that ends past the cap still fits.
    const more = createColumnarBuilder(1024, 5000);
    for (let i = 0; i < 5200; i++) more.push({ outcome: 'ok', timedOut: false, steps: i });
    expect(Array.from(more.build().steps.subarray(5195))).toEqual([5195, 5196, 5197, 5198, 5199]);
  });

  it('round-trips rows, keeps missing as NaN → undefined, and grows past its capacity', () => {
    const b = createColumnarBuilder(16);
    const rows: NormalizedRow[] = [];
    for (let i = 0; i < 100; i++) {
      const row: NormalizedRow = { steps: i, latencyMs: i % 3 ? i * 100 : undefined, outcome: i % 10 === 0 ? 'timeout' : 'ok', timedOut: i % 10 === 0 };
      if (i === 5) row.error = 'boom';
      rows.push(row);
      b.push(row, i % 2);
    }
    const cols = b.build();
    expect(cols.length).toBe(100);
    expect(cols.steps).toBeInstanceOf(Float64Array);
    expect(cols.steps.length).toBe(100);
    expect(Number.isNaN(cols.latencyMs[0])).toBe(true);
    expect(rowAt(cols, 5)).toEqual({ ...rows[5], file: 1 });
    expect([...iterateRows(cols)].map(({ file: _f, ...r }) => r)).toEqual(rows);
  });

  it('caps distinct error messages', () => {
    const b = createColumnarBuilder();
    for (let i = 0; i < MAX_DISTINCT_ERRORS + 50; i++) b.push({ outcome: 'error', timedOut: false, error: `e${i}` });
    const cols = b.build();
    expect(cols.errors.length).toBe(MAX_DISTINCT_ERRORS);
    expect(rowAt(cols, MAX_DISTINCT_ERRORS + 10).error).toBe('(other error messages)');
    expect(rowAt(cols, 3).error).toBe('e3');
  });
});

describe('run export', () => {
  const record: RunExportRecord = {
    id: 'run_1',
    prompt: 'Is 391 prime?',
    provider: 'demo',
    model: 'demo-reasoner',
    status: 'stopped',
    startedAt: 1795165200000,
    ttftMs: 640,
    latencyMs: null,
    steps: 4,
    reasoningTokens: null,
    timedOut: false,
    stepTexts: ['a', 'b', 'c', 'd'],
  };

  it('writes one documented JSONL line that validates and parses back as the run-export format', () => {
    const line = toRunExportLine(record);
    expect(line.endsWith('\n')).toBe(true);
    expect(Object.keys(JSON.parse(line))).toEqual(['id', 'prompt', 'provider', 'model', 'status', 'startedAt', 'ttftMs', 'latencyMs', 'steps', 'reasoningTokens', 'timedOut', 'stepTexts']);
    expect(validateRunExportRecord(JSON.parse(line))).toEqual([]);
    const timedOut = toRunExportLine({ ...record, id: 'run_2', status: 'done', timedOut: true, latencyMs: 90000 });
    const failed = toRunExportLine({ ...record, id: 'run_3', status: 'error', error: 'HTTP 500', steps: 0 });
    const { rows, diagnostics } = parseLogText(line + timedOut + failed);
    expect(diagnostics.format).toBe('run-export');
    expect(rows).toEqual([
      { steps: 4, ttftMs: 640, timestampMs: 1795165200000, outcome: 'censored', timedOut: false },
      { steps: 4, ttftMs: 640, latencyMs: 90000, timestampMs: 1795165200000, outcome: 'timeout', timedOut: true },
      { steps: 0, ttftMs: 640, timestampMs: 1795165200000, outcome: 'error', timedOut: false, error: 'HTTP 500' },
    ]);
  });

  it('reports schema problems', () => {
    expect(validateRunExportRecord({ ...record, status: 'running', steps: -1, timedOut: 'no' })).toEqual([
      'status must be one of done, error, stopped, interrupted',
      'steps must be a non-negative integer',
      'timedOut must be a boolean',
    ]);
    expect(validateRunExportRecord([])).toEqual(['not an object']);
  });
});
