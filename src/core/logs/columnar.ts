/**
 * Columnar rows: a million requests as seven Float64Arrays (NaN = missing) and a Uint8Array of
 * outcomes, instead of a million objects. Built incrementally (capacity doubles), trimmed on
 * `build()` (or viewed in place when at least ¾ full), and cheap to transfer from a worker (the
 * buffers are transferable). A column is allocated when its first value arrives: the columns no
 * row has share one all-NaN array in the built rows (read-only, like every built column), so a log
 * of four fields does not carry seven columns through the parse and the analysis.
 */
import { OUTCOMES, type NormalizedRow, type Outcome } from './types';

export const NUMERIC_FIELDS = ['steps', 'reasoningTokens', 'outputTokens', 'inputTokens', 'latencyMs', 'ttftMs', 'timestampMs'] as const;
export type NumericField = (typeof NUMERIC_FIELDS)[number];

export type ColumnarRows = {
  length: number;
} & Record<NumericField, Float64Array> & {
    /** Index into OUTCOMES. */
    outcome: Uint8Array;
    /** Index of the file the row came from. */
    file: Uint16Array;
    /** Index into `errors` (distinct messages) + 1; 0 = no message. */
    errorIndex: Uint32Array;
    /** Distinct error messages (at most MAX_DISTINCT_ERRORS; later new ones share the last slot). */
    errors: string[];
  };

export const MAX_DISTINCT_ERRORS = 1000;
const OTHER_ERRORS = '(other error messages)';
const OUTCOME_INDEX: Record<Outcome, number> = { ok: 0, error: 1, timeout: 2, truncated: 3, censored: 4 };

export type ColumnarBuilder = {
  push(row: NormalizedRow, file?: number): void;
  /** Grows once to hold `rows` rows (when it holds fewer), instead of doubling its way there. */
  reserve(rows: number): void;
  readonly length: number;
  build(): ColumnarRows;
};

/** `maxCapacity`: growth stops doubling there (the row cap), so 5 million rows never reserve 8 million. */
export function createColumnarBuilder(initialCapacity = 1024, maxCapacity = Infinity): ColumnarBuilder {
  let cap = Math.max(16, initialCapacity);
  let n = 0;
  // null: no row has had a value in this column yet (its rows so far are all missing).
  const cols = {} as Record<NumericField, Float64Array | null>;
  for (const f of NUMERIC_FIELDS) cols[f] = null;
  let outcome = new Uint8Array(cap);
  let file = new Uint16Array(cap);
  let errorIndex = new Uint32Array(cap);
  const errors: string[] = [];
  const errorIds = new Map<string, number>();

  /** A column's first value: its rows so far (and the spare capacity) are missing. */
  function open(f: NumericField): Float64Array {
    const col = new Float64Array(cap).fill(NaN);
    cols[f] = col;
    return col;
  }

  function grow(to?: number): void {
    // Past the cap (a batch can end beyond it) a quarter more at a time, never one row at a time.
    const was = cap;
    cap = to ?? (cap < maxCapacity ? Math.min(cap * 2, Math.ceil(maxCapacity)) : Math.ceil(cap * 1.25));
    for (const f of NUMERIC_FIELDS) {
      const old = cols[f];
      if (!old) continue;
      const next = new Float64Array(cap);
      next.set(old);
      next.fill(NaN, was);
      cols[f] = next;
    }
    const o = new Uint8Array(cap);
    o.set(outcome);
    outcome = o;
    const fi = new Uint16Array(cap);
    fi.set(file);
    file = fi;
    const e = new Uint32Array(cap);
    e.set(errorIndex);
    errorIndex = e;
  }

  function errorId(message: string): number {
    let id = errorIds.get(message);
    if (id !== undefined) return id;
    if (errors.length >= MAX_DISTINCT_ERRORS - 1) {
      id = errorIds.get(OTHER_ERRORS);
      if (id === undefined) {
        errors.push(OTHER_ERRORS);
        id = errors.length;
        errorIds.set(OTHER_ERRORS, id);
      }
      return id;
    }
    errors.push(message);
    id = errors.length;
    errorIds.set(message, id);
    return id;
  }

  return {
    push(row, fileIndex = 0) {
      if (n === cap) grow();
      // Spelled out: a loop over the field names costs a keyed lookup per field per row. A missing
      // value is not written: an open column is NaN wherever nothing was written.
      const { steps, reasoningTokens, outputTokens, inputTokens, latencyMs, ttftMs, timestampMs } = row;
      if (steps != null) (cols.steps ?? open('steps'))[n] = steps;
      if (reasoningTokens != null) (cols.reasoningTokens ?? open('reasoningTokens'))[n] = reasoningTokens;
      if (outputTokens != null) (cols.outputTokens ?? open('outputTokens'))[n] = outputTokens;
      if (inputTokens != null) (cols.inputTokens ?? open('inputTokens'))[n] = inputTokens;
      if (latencyMs != null) (cols.latencyMs ?? open('latencyMs'))[n] = latencyMs;
      if (ttftMs != null) (cols.ttftMs ?? open('ttftMs'))[n] = ttftMs;
      if (timestampMs != null) (cols.timestampMs ?? open('timestampMs'))[n] = timestampMs;
      outcome[n] = OUTCOME_INDEX[row.outcome];
      file[n] = fileIndex;
      errorIndex[n] = row.error ? errorId(row.error) : 0;
      n++;
    },
    reserve(rows) {
      const to = Math.ceil(Math.min(rows, maxCapacity));
      if (to > cap) grow(to);
    },
    get length() {
      return n;
    },
    build() {
      const out = { length: n, errors: [...errors] } as ColumnarRows;
      // Mostly full: views on the builder's own buffers (no second copy of a million rows at the
      // peak); else trimmed copies so a transfer does not carry much unused capacity.
      const view = n >= cap * 0.75;
      let missing: Float64Array | null = null;
      for (const f of NUMERIC_FIELDS) {
        const col = cols[f];
        out[f] = col ? (view ? col.subarray(0, n) : col.slice(0, n)) : (missing ??= new Float64Array(n).fill(NaN));
      }
      out.outcome = view ? outcome.subarray(0, n) : outcome.slice(0, n);
      out.file = view ? file.subarray(0, n) : file.slice(0, n);
      out.errorIndex = view ? errorIndex.subarray(0, n) : errorIndex.slice(0, n);
      return out;
    },
  };
}

/** Row i as a plain object (missing stays undefined). */
export function rowAt(rows: ColumnarRows, i: number): NormalizedRow & { file: number } {
  const out: NormalizedRow & { file: number } = { outcome: OUTCOMES[rows.outcome[i]], timedOut: rows.outcome[i] === OUTCOME_INDEX.timeout, file: rows.file[i] };
  for (const f of NUMERIC_FIELDS) {
    const v = rows[f][i];
    if (!Number.isNaN(v)) out[f] = v;
  }
  const e = rows.errorIndex[i];
  if (e > 0) out.error = rows.errors[e - 1];
  return out;
}

/** Iterates rows as objects, one at a time (allocates one object per row; fine for UI lists). */
export function* iterateRows(rows: ColumnarRows): Generator<NormalizedRow & { file: number }> {
  for (let i = 0; i < rows.length; i++) yield rowAt(rows, i);
}

export function outcomeAt(rows: ColumnarRows, i: number): Outcome {
  return OUTCOMES[rows.outcome[i]];
}

/** The typed arrays' buffers, for postMessage transfer lists. */
export function columnarBuffers(rows: ColumnarRows): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  // Each buffer once (the columns no row has share one; a transfer list may not repeat a buffer).
  for (const f of NUMERIC_FIELDS) out.add(rows[f].buffer as ArrayBuffer);
  out.add(rows.outcome.buffer as ArrayBuffer).add(rows.file.buffer as ArrayBuffer).add(rows.errorIndex.buffer as ArrayBuffer);
  return [...out];
}

export function emptyColumnar(): ColumnarRows {
  return createColumnarBuilder(16).build();
}
