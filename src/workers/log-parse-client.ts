import type { LogParseOptions } from '../core/logs';
import { abortError, parseLogBlobs, type LogFile, type LogParseRequest, type LogParseResponse, type ParseProgress, type ParseResult } from './log-parse-handler';

export type { LogFile, ParseProgress, ParseResult, FileReport } from './log-parse-handler';
export { rowAt, iterateRows, outcomeAt, NUMERIC_FIELDS } from '../core/logs';
export type { ColumnarRows, LogDiagnostics, LogParseOptions, MappingOverrides, FieldSource, FieldOverride, StatusValue, FieldMapping, NormalizedRow, BucketRow, Outcome, StepsSource, FormatId } from '../core/logs';

let nextId = 1;

/**
 * Parses dropped log files in a Web Worker (one worker per call, terminated when done or
 * cancelled), reporting progress at most ~10×/s. Rejects with an AbortError when `signal`
 * aborts. Where `Worker` is missing (jsdom, some test runners) the same handler runs in-thread.
 * Re-parse with `options.mapping` after the user overrides a field.
 */
export function parseLogFiles(files: readonly LogFile[], options: LogParseOptions = {}, onProgress?: (progress: ParseProgress) => void, signal?: AbortSignal): Promise<ParseResult> {
  if (signal?.aborted) return Promise.reject(abortError());
  if (typeof Worker === 'undefined') return parseLogBlobs(files, options, { onProgress, signal });

  return new Promise<ParseResult>((resolve, reject) => {
    const id = nextId++;
    const worker = new Worker(new URL('./log-parse.worker.ts', import.meta.url), { type: 'module' });
    const finish = () => {
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
  });
}
