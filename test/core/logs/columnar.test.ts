import { describe, expect, it } from 'vitest';
import { columnarBuffers, createColumnarBuilder, NUMERIC_FIELDS, rowAt } from '../../../src/core/logs/columnar';
import type { NormalizedRow } from '../../../src/core/logs/types';

const row = (i: number): NormalizedRow => ({
  outcome: i % 5 === 0 ? 'timeout' : 'ok',
  timedOut: i % 5 === 0,
  steps: i % 3 === 0 ? undefined : i,
  latencyMs: 1000 + i,
  // A column whose first value comes late, after the builder has grown.
  ttftMs: i >= 1500 && i % 2 === 0 ? i / 2 : undefined,
});

describe('columnar builder', () => {
  it('keeps every value at its row and NaN where a row had none, for columns that open late', () => {
    for (const initial of [16, 4096]) {
      const b = createColumnarBuilder(initial);
      const n = 2500;
      for (let i = 0; i < n; i++) b.push(row(i));
      const rows = b.build();
      expect(rows.length).toBe(n);
      for (let i = 0; i < n; i++) {
        const want = row(i);
        expect(rowAt(rows, i)).toEqual({ outcome: want.outcome, timedOut: want.timedOut, file: 0, latencyMs: want.latencyMs, ...(want.steps !== undefined ? { steps: want.steps } : {}), ...(want.ttftMs !== undefined ? { ttftMs: want.ttftMs } : {}) });
      }
      for (const f of NUMERIC_FIELDS) expect(rows[f].length).toBe(n);
    }
  });

  it('gives the columns no row has one shared all-NaN array, and lists each buffer once for a transfer', () => {
    const b = createColumnarBuilder(16);
    for (let i = 0; i < 100; i++) b.push(row(i));
    const rows = b.build();
    expect(rows.reasoningTokens).toBe(rows.outputTokens);
    expect(rows.inputTokens).toBe(rows.timestampMs);
    expect(rows.ttftMs).toBe(rows.reasoningTokens);
    expect([...rows.reasoningTokens].every(Number.isNaN)).toBe(true);
    const buffers = columnarBuffers(rows);
    expect(new Set(buffers).size).toBe(buffers.length);
    // The rows survive a transfer (what the workers do) with every column readable.
    const moved = structuredClone(rows, { transfer: buffers });
    expect(rows.steps.length).toBe(0);
    expect(moved.latencyMs[99]).toBe(1099);
    expect(Number.isNaN(moved.ttftMs[50])).toBe(true);
    expect(moved.outputTokens).toBe(moved.inputTokens);
  });
});
