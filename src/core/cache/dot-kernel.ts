/**
 * The scan kernel of the similarity index: dot products of one query against `n` rows stored
 * back to back (`stride` floats each, stride a multiple of 16, zero-padded).
 *
 * Two implementations with the same contract:
 *  - WebAssembly SIMD (f32x4, four accumulators): a 350-byte module assembled below, about
 *    4× the plain loop; available in every current browser and Node ≥ 16;
 *  - a plain JavaScript loop (four accumulators) when WebAssembly or SIMD is missing or refused.
 * Pure computation: no I/O, no clock. The module is compiled once, synchronously (it is far
 * below the 4 KB limit browsers put on synchronous compilation on the main thread).
 */

const leb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
};
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
};
const name = (s: string): number[] => [...leb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const section = (id: number, bytes: number[]): number[] => [id, ...leb(bytes.length), ...bytes];

/**
 * (func (export "dots") (param $q i32) (param $data i32) (param $n i32) (param $stride i32) (param $out i32))
 * for s in 0..n: out[s] = Σ_j data[s*stride + j] * q[j]   (byte addresses; 16-byte aligned)
 */
function assembleDotsModule(): Uint8Array<ArrayBuffer> {
  const get = (i: number) => [0x20, i];
  const set = (i: number) => [0x21, i];
  const i32 = (v: number) => [0x41, ...sleb(v)];
  const simd = (op: number) => [0xfd, ...leb(op)];
  const v128load = (offset: number) => [...simd(0x00), 4, ...leb(offset)];
  const F32X4_ADD = simd(0xe4);
  const F32X4_MUL = simd(0xe6);
  const lane = (v: number, i: number) => [...get(v), ...simd(0x1f), i];
  const [ADD, SHL, LT_U, EQZ, F32_ADD, BR_IF, END, BLOCK, LOOP, VOID] = [0x6a, 0x74, 0x49, 0x45, 0x92, 0x0d, 0x0b, 0x02, 0x03, 0x40];
  const [Q, DATA, N, STRIDE, OUT, S, J, ROW, ROW_BYTES] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const ACC = [9, 10, 11, 12];
  const body = [
    ...get(STRIDE), ...i32(2), SHL, ...set(ROW_BYTES),
    ...get(DATA), ...set(ROW),
    ...i32(0), ...set(S),
    BLOCK, VOID,
    ...get(N), EQZ, BR_IF, 0,
    LOOP, VOID,
    ...ACC.flatMap((a) => [...simd(0x0c), ...new Array<number>(16).fill(0), ...set(a)]),
    ...i32(0), ...set(J),
    LOOP, VOID,
    ...ACC.flatMap((a, k) => [
      ...get(a),
      ...get(ROW), ...get(J), ADD, ...v128load(16 * k),
      ...get(Q), ...get(J), ADD, ...v128load(16 * k),
      ...F32X4_MUL, ...F32X4_ADD, ...set(a),
    ]),
    ...get(J), ...i32(64), ADD, ...set(J),
    ...get(J), ...get(ROW_BYTES), LT_U, BR_IF, 0,
    END,
    ...get(ACC[0]), ...get(ACC[1]), ...F32X4_ADD, ...get(ACC[2]), ...get(ACC[3]), ...F32X4_ADD, ...F32X4_ADD, ...set(ACC[0]),
    ...get(OUT), ...get(S), ...i32(2), SHL, ADD,
    ...lane(ACC[0], 0), ...lane(ACC[0], 1), F32_ADD, ...lane(ACC[0], 2), ...lane(ACC[0], 3), F32_ADD, F32_ADD,
    0x38, 2, 0, // f32.store align=4 offset=0
    ...get(ROW), ...get(ROW_BYTES), ADD, ...set(ROW),
    ...get(S), ...i32(1), ADD, ...set(S),
    ...get(S), ...get(N), LT_U, BR_IF, 0,
    END,
    END,
    END,
  ];
  const I32 = 0x7f;
  const V128 = 0x7b;
  const code = [2, 4, I32, 4, V128, ...body];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 5, I32, I32, I32, I32, I32, 0]),
    ...section(2, [1, ...name('env'), ...name('mem'), 0x02, 0x00, 1]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('dots'), 0x00, 0]),
    ...section(10, [1, ...leb(code.length), ...code]),
  ]);
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled SIMD module, or null when this runtime cannot run it. */
function simdModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    if (typeof WebAssembly === 'object') {
      const bytes = assembleDotsModule();
      if (WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
    }
  } catch {
    compiled = null;
  }
  return compiled;
}

export type KernelBackend = 'wasm-simd' | 'js';

/**
 * Row storage plus the scan. `rows` is valid until the next `reserve` (growing the WebAssembly
 * memory replaces the underlying buffer); `query` and `scores` likewise.
 */
export interface DotKernel {
  readonly backend: KernelBackend;
  readonly stride: number;
  /** Row capacity currently allocated. */
  readonly allocated: number;
  /** rows.length === allocated * stride. */
  rows: Float32Array;
  /** stride floats; write the (normalized, zero-padded) query here before `scan`. */
  query: Float32Array;
  /** maxRows floats; `scan(n)` fills the first n. */
  scores: Float32Array;
  /** Makes room for at least `rows` rows (≤ maxRows), keeping the content. */
  reserve(rows: number): void;
  /** scores[s] = rows[s] · query for s < n. */
  scan(n: number): void;
}

export const strideFor = (dim: number): number => Math.max(16, Math.ceil(dim / 16) * 16);

const PAGE = 65536;

function createWasmKernel(module: WebAssembly.Module, stride: number, maxRows: number, initialRows: number): DotKernel {
  const queryBytes = stride * 4;
  const scoresBytes = Math.ceil((maxRows * 4) / 64) * 64;
  const dataOffset = queryBytes + scoresBytes;
  const bytesFor = (rows: number) => dataOffset + rows * stride * 4;
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytesFor(initialRows) / PAGE)) });
  const instance = new WebAssembly.Instance(module, { env: { mem: memory } });
  const dots = instance.exports.dots as (q: number, data: number, n: number, stride: number, out: number) => void;
  const k: DotKernel = {
    backend: 'wasm-simd',
    stride,
    allocated: 0,
    rows: new Float32Array(0),
    query: new Float32Array(0),
    scores: new Float32Array(0),
    reserve(rows) {
      if (rows <= k.allocated) return;
      const target = Math.min(maxRows, Math.max(rows, k.allocated * 2));
      const needPages = Math.ceil(bytesFor(target) / PAGE);
      const havePages = memory.buffer.byteLength / PAGE;
      if (needPages > havePages) memory.grow(needPages - havePages);
      bind(Math.floor((memory.buffer.byteLength - dataOffset) / (stride * 4)));
    },
    scan(n) {
      if (n > 0) dots(0, dataOffset, n, stride, queryBytes);
    },
  };
  const bind = (rows: number) => {
    const buf = memory.buffer;
    const allocated = Math.min(maxRows, rows);
    (k as { allocated: number }).allocated = allocated;
    k.query = new Float32Array(buf, 0, stride);
    k.scores = new Float32Array(buf, queryBytes, maxRows);
    k.rows = new Float32Array(buf, dataOffset, allocated * stride);
  };
  bind(Math.floor((memory.buffer.byteLength - dataOffset) / (stride * 4)));
  return k;
}

function createJsKernel(stride: number, maxRows: number, initialRows: number): DotKernel {
  const k: DotKernel = {
    backend: 'js',
    stride,
    allocated: initialRows,
    rows: new Float32Array(initialRows * stride),
    query: new Float32Array(stride),
    scores: new Float32Array(maxRows),
    reserve(rows) {
      if (rows <= k.allocated) return;
      const target = Math.min(maxRows, Math.max(rows, k.allocated * 2));
      const next = new Float32Array(target * stride);
      next.set(k.rows);
      k.rows = next;
      (k as { allocated: number }).allocated = target;
    },
    scan(n) {
      const data = k.rows;
      const q = k.query;
      const out = k.scores;
      for (let s = 0, o = 0; s < n; s++, o += stride) {
        let a0 = 0;
        let a1 = 0;
        let a2 = 0;
        let a3 = 0;
        for (let j = 0; j < stride; j += 4) {
          a0 += data[o + j] * q[j];
          a1 += data[o + j + 1] * q[j + 1];
          a2 += data[o + j + 2] * q[j + 2];
          a3 += data[o + j + 3] * q[j + 3];
        }
        out[s] = a0 + a1 + a2 + a3;
      }
    },
  };
  return k;
}

/** A kernel for `dim`-float rows, up to `maxRows` of them; `backend: 'js'` forces the fallback. */
export function createDotKernel(dim: number, maxRows: number, backend: KernelBackend | 'auto' = 'auto'): DotKernel {
  const stride = strideFor(dim);
  const initialRows = Math.min(maxRows, 1024);
  const module = backend === 'js' ? null : simdModule();
  if (module) {
    try {
      return createWasmKernel(module, stride, maxRows, initialRows);
    } catch {
      // Memory refused or instantiation blocked (CSP): fall back to the plain loop.
    }
  }
  if (backend === 'wasm-simd') throw new Error('WebAssembly SIMD is not available in this runtime');
  return createJsKernel(stride, maxRows, initialRows);
}
