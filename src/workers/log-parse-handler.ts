import { createColumnarBuilder, createLogParser, columnarBuffers, looksLikeYaml, type BucketRow, type ColumnarRows, type LogDiagnostics, type LogParseOptions, type NormalizedRow } from '../core/logs';
import { detectEncoding, encodingMessage, windows1252Decoder, ENCODING_SNIFF_BYTES, type EncodingGuess } from '../core/logs/encoding';
import { dropImplausibleBuckets, dropImplausibleRows, plausibilityMessages } from '../core/logs/plausibility';

/**
 * The pure-ish heart of the log-parse worker: Blobs/Files in, columnar rows out. Streams each
 * file (`blob.stream()` → gunzip when it starts with 1f 8b → decode step → the core parser), so
 * a 1 GB file is never in memory at once; only the rows are kept, as typed arrays. The worker
 * entry and the client's in-thread fallback both call it; it runs in Node too.
 *
 * - Decode step: the first 64 KiB of (decompressed) bytes pick the encoding (UTF-8, UTF-16 LE/BE,
 *   Windows-1252; see core/logs/encoding.ts), then a streaming TextDecoder of that encoding.
 * - Caps, so a small file cannot expand without bound (a gzip bomb, or a huge plain log): at most
 *   `maxTextBytes` of (decompressed) bytes and `maxRows` rows over all files. Reading stops at the
 *   cap; the rows before it are kept and the report says so (`capped`, and a message).
 * - Implausible values (core/logs/plausibility.ts) are read as missing, with a message per file.
 */

export type LogFile = Blob & { readonly name?: string };

export type ParseProgress = {
  fileIndex: number;
  fileName: string;
  files: number;
  /** Bytes read from the files so far (compressed bytes for gzip), over all files. */
  bytesRead: number;
  totalBytes: number;
  /** Rows (or bucket rows) parsed so far, over all files. */
  rows: number;
};

export type FileReport = {
  name: string;
  /** Size on disk (compressed for gzip). */
  size: number;
  gzip: boolean;
  bytesRead: number;
  /** The text encoding the decode step picked. */
  encoding?: EncodingGuess['encoding'];
  /** Set when reading stopped at a cap: which one, and what had been read by then. */
  capped?: { by: 'rows' | 'bytes'; rows: number; textBytes: number; message: string };
  diagnostics: LogDiagnostics;
};

/** Decompressed text read per parse (over all files) before reading stops. */
export const DEFAULT_MAX_TEXT_BYTES = 1024 * 1024 * 1024;
/**
 * Rows (and bucket rows) kept per parse (over all files) before reading stops. Memory, not time,
 * sets it: the columns cost 63 bytes a row, so 6 million rows are ~380 MB (a 5-million-row,
 * ~450 MB log is read whole); the decompressed-text cap above stops a gzip bomb sooner or later.
 */
export const DEFAULT_MAX_ROWS = 6_000_000;

export type ParseResult = {
  /** Every file's rows, concatenated; `rows.file[i]` is the index into `files`. */
  rows: ColumnarRows;
  buckets: (BucketRow & { file: number })[];
  files: FileReport[];
  durationMs: number;
};

export type ParseHooks = {
  onProgress?: (progress: ParseProgress) => void;
  signal?: AbortSignal;
  now?: () => number;
  /** Minimum time between progress reports; default 100 ms (≤ 10 per second). */
  progressIntervalMs?: number;
  /** Caps (defaults DEFAULT_MAX_TEXT_BYTES, DEFAULT_MAX_ROWS). */
  maxTextBytes?: number;
  maxRows?: number;
};

/** Text read before the columns are sized from the rows it held. */
const SIZING_BYTES = 1024 * 1024;

/** A line longer than this goes to the parser in pieces (it then handles the cut itself). */
const CARRY_LIMIT = 1024 * 1024;

const fmtMB = (bytes: number) => `${(bytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: bytes < 1e7 ? 2 : 0 })} MB`;

export function abortError(): Error {
  return new DOMException('Parsing was cancelled.', 'AbortError');
}

let yamlParse: Promise<(text: string) => unknown> | null = null;

/** The `yaml` package, loaded the first time a file looks like YAML (it stays out of every other chunk). */
function loadYaml(): Promise<(text: string) => unknown> {
  yamlParse ??= import('yaml').then((m) => (text: string) => m.parse(text, { maxAliasCount: 100 }));
  return yamlParse;
}

/** Whether the file (by name, or by its first bytes when not gzipped) may be YAML. */
async function mayBeYaml(blob: Blob, name: string, gzip: boolean): Promise<boolean> {
  if (/\.ya?ml(\.gz)?$/i.test(name)) return true;
  if (gzip) return false;
  const head = new TextDecoder().decode(await blob.slice(0, 256).arrayBuffer()).replace(/^\uFEFF/, '').trimStart();
  return looksLikeYaml(head);
}

async function isGzip(blob: Blob): Promise<boolean> {
  if (blob.size < 2) return false;
  const head = new Uint8Array(await blob.slice(0, 2).arrayBuffer());
  return head[0] === 0x1f && head[1] === 0x8b;
}

export async function parseLogBlobs(files: readonly LogFile[], options: LogParseOptions = {}, hooks: ParseHooks = {}): Promise<ParseResult> {
  const now = hooks.now ?? (() => performance.now());
  const interval = hooks.progressIntervalMs ?? 100;
  const started = now();
  const totalBytes = files.reduce((s, f) => s + f.size, 0);
  const builder = createColumnarBuilder(1024, hooks.maxRows ?? DEFAULT_MAX_ROWS);
  const buckets: (BucketRow & { file: number })[] = [];
  const reports: FileReport[] = [];
  let bytesBefore = 0;
  let lastReport = -Infinity;
  let rowsTotal = 0;
  let textTotal = 0;
  /** Each file's rows in the builder: [from, to). */
  const ranges: [number, number][] = [];
  const maxRows = hooks.maxRows ?? DEFAULT_MAX_ROWS;
  const maxTextBytes = hooks.maxTextBytes ?? DEFAULT_MAX_TEXT_BYTES;

  const throwIfAborted = () => {
    if (hooks.signal?.aborted) throw abortError();
  };

  for (let index = 0; index < files.length; index++) {
    throwIfAborted();
    const file = files[index];
    const name = file.name ?? `file ${index + 1}`;
    const gzip = await isGzip(file);
    const parseYaml = (await mayBeYaml(file, options.fileName ?? name, gzip)) ? await loadYaml() : undefined;
    const parser = createLogParser({ ...options, fileName: options.fileName ?? name, parseYaml });
    const extra: string[] = [];
    if (gzip) extra.push('gzip-compressed: decompressed while reading.');
    else if (/\.gz$/i.test(name)) extra.push('The name ends in .gz but the file is not gzip-compressed; read as plain text.');
    let bytesRead = 0;
    let capped: FileReport['capped'];
    let fileText = 0;
    const rowsStart = builder.length;
    const rowsBefore = builder.length + buckets.filter((b) => b.file === index).length;

    const report = (force: boolean) => {
      const t = now();
      if (!hooks.onProgress || (!force && t - lastReport < interval)) return;
      lastReport = t;
      hooks.onProgress({ fileIndex: index, fileName: name, files: files.length, bytesRead: bytesBefore + bytesRead, totalBytes, rows: rowsTotal });
    };
    let capBy: 'rows' | 'bytes' | null = null;
    const capAt = (by: 'rows' | 'bytes') => {
      capBy ??= by;
    };
    const capReport = (by: 'rows' | 'bytes'): NonNullable<FileReport['capped']> => {
      const what = by === 'rows' ? `the cap of ${maxRows.toLocaleString('en-US')} rows` : `the cap of ${fmtMB(maxTextBytes)} of ${gzip ? 'decompressed ' : ''}text`;
      const rows = builder.length + buckets.filter((b) => b.file === index).length - rowsBefore;
      const source = gzip ? `text decompressed from a ${fmtMB(file.size)} file` : `the ${fmtMB(file.size)} file`;
      return {
        by,
        rows,
        textBytes: fileText,
        message: `Reading stopped at ${what}: the first ${rows.toLocaleString('en-US')} rows (${fmtMB(fileText)} of ${source}) are analysed, the rest was not read. For logs this big, aggregate them with the warehouse SQL and drop the bucket CSV here.`,
      };
    };
    // A plain file's row count is foreseeable from its first megabyte: the columns are sized once
    // (10 % spare) instead of doubling, which at each step holds the old and the new copy at once.
    let sized = gzip || files.length > 1;
    const sizeColumns = () => {
      if (sized || fileText < SIZING_BYTES) return;
      sized = true;
      const rowsSoFar = builder.length - rowsStart;
      if (rowsSoFar >= 1000) builder.reserve(rowsStart + Math.ceil((rowsSoFar * file.size * 1.1) / fileText));
    };
    const take = (batch: { rows: readonly NormalizedRow[]; buckets: readonly BucketRow[] }) => {
      for (const row of batch.rows) builder.push(row, index);
      for (const b of batch.buckets) buckets.push({ ...b, file: index });
      rowsTotal += batch.rows.length + batch.buckets.length;
      if (rowsTotal >= maxRows) capAt('rows');
    };
    // Text goes to the parser up to its last line break; the rest waits for the next chunk. So when
    // reading stops at a cap, the line cut by the stop is dropped, not reported as malformed.
    let carry = '';
    const feedLines = (text: string) => {
      const nl = text.lastIndexOf('\n');
      if (nl === -1) {
        carry += text;
        if (carry.length < CARRY_LIMIT) return;
        text = carry;
        carry = '';
        take(parser.feed(text));
        return;
      }
      const lines = carry + text.slice(0, nl + 1);
      carry = text.slice(nl + 1);
      take(parser.feed(lines));
    };

    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytesRead += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    let stream: ReadableStream<Uint8Array> = file.stream().pipeThrough(counter);
    if (gzip) stream = stream.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
    const reader = stream.getReader();
    // The decode step: hold the first bytes until the encoding is clear, then decode as that.
    let decoder: Pick<TextDecoder, 'decode'> | null = null;
    let held: Uint8Array[] = [];
    let heldBytes = 0;
    let guess: EncodingGuess | undefined;
    const decode = (chunk: Uint8Array | null): string => {
      if (!decoder) {
        if (chunk) {
          held.push(chunk);
          heldBytes += chunk.byteLength;
          if (heldBytes < ENCODING_SNIFF_BYTES) return '';
        }
        const head = new Uint8Array(heldBytes);
        let at = 0;
        for (const h of held) {
          head.set(h, at);
          at += h.byteLength;
        }
        held = [];
        guess = detectEncoding(head, chunk === null);
        const line = encodingMessage(guess);
        if (line) extra.push(line);
        // ignoreBOM keeps a BOM in the text so the parser can say it saw (and dropped) one.
        decoder = guess.encoding === 'windows-1252' ? windows1252Decoder() : new TextDecoder(guess.encoding, { ignoreBOM: true });
        return decoder.decode(head, { stream: chunk !== null });
      }
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    };
    // The caps count over all files: a file after the cap is not read at all.
    if (rowsTotal >= maxRows) capAt('rows');
    else if (textTotal >= maxTextBytes) capAt('bytes');
    try {
      for (;;) {
        if (hooks.signal?.aborted) {
          await reader.cancel().catch(() => {});
          throw abortError();
        }
        if (capBy) {
          await reader.cancel().catch(() => {});
          break;
        }
        const { done, value } = await reader.read();
        if (done) break;
        const over = textTotal + value.byteLength > maxTextBytes;
        const chunk = over ? value.subarray(0, Math.max(0, maxTextBytes - textTotal)) : value;
        textTotal += chunk.byteLength;
        fileText += chunk.byteLength;
        if (over) capAt('bytes');
        feedLines(decode(chunk));
        sizeColumns();
        if (parser.stopped || capBy) {
          await reader.cancel().catch(() => {});
          break;
        }
        report(false);
      }
      if (capBy) carry = '';
      else if (!parser.stopped) {
        feedLines(decode(null));
        take(parser.feed(carry));
        carry = '';
      }
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      const message = e instanceof Error ? e.message : String(e);
      extra.push(
        gzip
          ? `The gzip data is damaged or cut short (${message}); the rows read before that point were kept.`
          : `Reading the file failed (${message}); the rows read before that point were kept.`,
      );
    }
    take(parser.end());
    if (capBy) capped = capReport(capBy);
    const diagnostics = parser.diagnostics();
    if (capped) extra.unshift(capped.message);
    diagnostics.messages = [...extra, ...diagnostics.messages];
    reports.push({ name, size: file.size, gzip, bytesRead, encoding: guess?.encoding, capped, diagnostics });
    ranges.push([rowsStart, builder.length]);
    bytesBefore += file.size;
    bytesRead = 0;
    report(true);
  }

  const rows = builder.build();
  reports.forEach((r, i) => {
    const [from, to] = ranges[i];
    const d = r.diagnostics;
    const implausible = [
      ...plausibilityMessages(dropImplausibleRows(rows, from, to)),
      ...plausibilityMessages(dropImplausibleBuckets(buckets.filter((b) => b.file === i)), 'bucket row'),
    ];
    if (implausible.length) d.messages = [...implausible, ...d.messages];
  });
  return { rows, buckets, files: reports, durationMs: now() - started };
}

// ---------------------------------------------------------------------------------------------
// Messages between the client and the worker.

export type LogParseRequest = { type: 'parse'; id: number; files: LogFile[]; options: LogParseOptions } | { type: 'cancel'; id: number };

export type LogParseResponse =
  | { type: 'progress'; id: number; progress: ParseProgress }
  | { type: 'done'; id: number; result: ParseResult }
  | { type: 'error'; id: number; name: string; message: string };

/** Message handling shared by the worker entry (and usable in-thread): one parse per id. */
export function createLogParseHandler(post: (message: LogParseResponse, transfer: Transferable[]) => void, now?: () => number) {
  const running = new Map<number, AbortController>();
  return {
    async handle(request: LogParseRequest): Promise<void> {
      if (request.type === 'cancel') {
        running.get(request.id)?.abort();
        return;
      }
      const controller = new AbortController();
      running.set(request.id, controller);
      try {
        const result = await parseLogBlobs(request.files, request.options, {
          signal: controller.signal,
          now,
          onProgress: (progress) => post({ type: 'progress', id: request.id, progress }, []),
        });
        post({ type: 'done', id: request.id, result }, columnarBuffers(result.rows));
      } catch (e) {
        post({ type: 'error', id: request.id, name: e instanceof Error ? e.name : 'Error', message: e instanceof Error ? e.message : String(e) }, []);
      } finally {
        running.delete(request.id);
      }
    },
    get running() {
      return running.size;
    },
  };
}
