import { createColumnarBuilder, createLogParser, columnarBuffers, looksLikeYaml, type BucketRow, type ColumnarRows, type LogDiagnostics, type LogParseOptions, type NormalizedRow } from '../core/logs';

/**
 * The pure-ish heart of the log-parse worker: Blobs/Files in, columnar rows out. Streams each
 * file (`blob.stream()` → gunzip when it starts with 1f 8b → streaming TextDecoder → the core
 * parser), so a 1 GB file is never in memory at once; only the rows are kept, as typed arrays.
 * The worker entry and the client's in-thread fallback both call it; it runs in Node too.
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
  diagnostics: LogDiagnostics;
};

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
};

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
  const builder = createColumnarBuilder(1024);
  const buckets: (BucketRow & { file: number })[] = [];
  const reports: FileReport[] = [];
  let bytesBefore = 0;
  let lastReport = -Infinity;
  let rowsTotal = 0;

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

    const report = (force: boolean) => {
      const t = now();
      if (!hooks.onProgress || (!force && t - lastReport < interval)) return;
      lastReport = t;
      hooks.onProgress({ fileIndex: index, fileName: name, files: files.length, bytesRead: bytesBefore + bytesRead, totalBytes, rows: rowsTotal });
    };
    const take = (batch: { rows: readonly NormalizedRow[]; buckets: readonly BucketRow[] }) => {
      for (const row of batch.rows) builder.push(row, index);
      for (const b of batch.buckets) buckets.push({ ...b, file: index });
      rowsTotal += batch.rows.length + batch.buckets.length;
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
    // ignoreBOM keeps a BOM in the text so the parser can say it saw (and dropped) one.
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    try {
      for (;;) {
        if (hooks.signal?.aborted) {
          await reader.cancel().catch(() => {});
          throw abortError();
        }
        const { done, value } = await reader.read();
        if (done) break;
        take(parser.feed(decoder.decode(value, { stream: true })));
        if (parser.stopped) {
          await reader.cancel().catch(() => {});
          break;
        }
        report(false);
      }
      if (!parser.stopped) take(parser.feed(decoder.decode()));
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
    const diagnostics = parser.diagnostics();
    diagnostics.messages = [...extra, ...diagnostics.messages];
    reports.push({ name, size: file.size, gzip, bytesRead, diagnostics });
    bytesBefore += file.size;
    bytesRead = 0;
    report(true);
  }

  return { rows: builder.build(), buckets, files: reports, durationMs: now() - started };
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
