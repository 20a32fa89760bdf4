import type { LogParseOptions } from '../core/logs';
import { abortError, parseLogBlobs, type LogFile, type LogParseRequest, type LogParseResponse, type ParseProgress, type ParseResult } from './log-parse-handler';
import { createWatchdog, fmtSeconds, realTimers, type Timers, type WorkerLike } from './watchdog';

export type { LogFile, ParseProgress, ParseResult, FileReport } from './log-parse-handler';
export { rowAt, iterateRows, outcomeAt, NUMERIC_FIELDS } from '../core/logs';
export type { ColumnarRows, LogDiagnostics, LogParseOptions, MappingOverrides, FieldSource, FieldOverride, StatusValue, FieldMapping, NormalizedRow, BucketRow, Outcome, StepsSource, FormatId } from '../core/logs';

let nextId = 1;

/** How long the parse worker may stay silent (it reports progress every ~100 ms while reading). */
export const PARSE_WATCHDOG_MS = 30_000;

export type ParseWorkerOptions = { createWorker?: () => WorkerLike; watchdogMs?: number; timers?: Timers };

function realWorker(): WorkerLike {
  return new Worker(new URL('./log-parse.worker.ts', import.meta.url), { type: 'module' });
}

/**
 * Parses dropped log files in a Web Worker (one worker per call, terminated when done or
 * cancelled), reporting progress at most ~10×/s. Rejects with an AbortError when `signal`
 * aborts. Where `Worker` is missing (jsdom, some test runners) the same handler runs in-thread.
 * Re-parse with `options.mapping` after the user overrides a field.
 * A watchdog ends a worker that stays silent for `watchdogMs` (default 30 s) and rejects with
 * a message saying so.
 */
export function parseLogFiles(
  files: readonly LogFile[],
  options: LogParseOptions = {},
  onProgress?: (progress: ParseProgress) => void,
  signal?: AbortSignal,
  workerOptions: ParseWorkerOptions = {},
): Promise<ParseResult> {
  if (signal?.aborted) return Promise.reject(abortError());
  const createWorker = workerOptions.createWorker ?? (typeof Worker === 'undefined' ? null : realWorker);
  if (!createWorker) return parseLogBlobs(files, options, { onProgress, signal });
  const watchdogMs = workerOptions.watchdogMs ?? PARSE_WATCHDOG_MS;

  return new Promise<ParseResult>((resolve, reject) => {
    const id = nextId++;
    const worker = createWorker();
    const watchdog = createWatchdog(
      watchdogMs,
      () => {
        finish();
        reject(new Error(`The log-parse worker did not answer for ${fmtSeconds(watchdogMs)}, so it was ended; nothing was kept from this file.`));
      },
      workerOptions.timers ?? realTimers,
    );
    const finish = () => {
      watchdog.stop();
      signal?.removeEventListener('abort', onAbort);
      worker.terminate();
    };
    const onAbort = () => {
      // Terminating frees the worker's memory at once; the cancel message is for a shared worker.
      worker.postMessage({ type: 'cancel', id } satisfies LogParseRequest);
      finish();
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (event: MessageEvent<LogParseResponse>) => {
      const message = event.data;
      if (message.id !== id) return;
      watchdog.feed();
      if (message.type === 'progress') onProgress?.(message.progress);
      else if (message.type === 'done') {
        finish();
        resolve(message.result);
      } else {
        finish();
        reject(message.name === 'AbortError' ? abortError() : new Error(message.message));
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      finish();
      reject(new Error(event.message || 'The log-parse worker crashed.'));
    };
    worker.postMessage({ type: 'parse', id, files: [...files], options } satisfies LogParseRequest);
    watchdog.feed();
  });
}
