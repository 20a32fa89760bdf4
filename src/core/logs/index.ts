/**
 * Log format detection and streaming row parsing for the capacity planner (pure core).
 * Entry points: `createLogParser` (incremental) and `parseLogText` (whole text); the worker in
 * src/workers/log-parse-* feeds files through it and returns columnar rows.
 */
export { createLogParser, parseLogText, DEFAULT_MAX_LINE_CHARS, DEFAULT_MAX_DOCUMENT_CHARS, DEFAULT_SNIFF_CHARS, DEFAULT_SAMPLE_RECORDS } from './parser';
export type { LogParser, LogBatch } from './parser';
export { createColumnarBuilder, rowAt, iterateRows, outcomeAt, columnarBuffers, emptyColumnar, NUMERIC_FIELDS, MAX_DISTINCT_ERRORS } from './columnar';
export type { ColumnarRows, ColumnarBuilder, NumericField } from './columnar';
export { FORMATS, formatById, detectFormat } from './log-formats';
export type { FormatSpec } from './log-formats';
export { ROW_ALIASES, BUCKET_ALIASES, FIELD_KIND, ROW_FIELDS, BUCKET_FIELDS, unitsForField } from './fields';
export { classifyOutcome } from './outcome';
export { sniffContainer, looksLikeYaml } from './sniff';
export { parseDateTime, unitFromName, guessDurationUnit, guessTimestampUnit } from './units';
export { toRunExportLine, validateRunExportRecord, RUN_EXPORT_STATUSES, RUN_EXPORT_SIGNATURE } from './run-export';
export type { RunExportRecord, RunExportStatus } from './run-export';
export { OUTCOMES } from './types';
export type * from './types';
