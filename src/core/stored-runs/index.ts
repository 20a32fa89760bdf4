export type { RunRecord } from './types';
export { clipRunForList, LIST_CLIP, splitForTransfer, TRANSFER_PART_WEIGHT, type ClippedRun } from './clip';
export { runsToJsonl, parseRunsJsonl } from './jsonl';
export type { JsonlError, ParsedRuns } from './jsonl';
export { filterRuns } from './filter';
export { isAnalysableRun, analysableRuns } from './analysable';
export type { RunFilter } from './filter';
export { validateRunRecord, RUN_STATUSES, RUN_LIMITS } from './validate';
export type { Validation } from './validate';
