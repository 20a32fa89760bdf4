import { create } from 'zustand';
import { parseLogFiles, type FileReport, type MappingOverrides, type FieldOverride } from '../../workers/log-parse-client';
import { AnalysisStalledError, createPlannerAnalysisClient, type PlannerAnalysisClient } from '../../workers/planner-analysis-client';
import { DEFAULT_PLANNER_SETTINGS, type PlannerAnalysis, type PlannerSettings } from '../../core/planner';
import type { MappedField, Outcome } from '../../core/logs';

/**
 * Planner state (zustand: client state) and its controller. Parsing runs in the log-parse worker
 * (one per file, in parallel), the analysis in a long-lived analysis worker that holds the rows.
 * The controller lives at module level, not in a component, so a parse survives StrictMode's
 * double effects and leaving the page.
 */

export type FileStatus = 'parsing' | 'done' | 'failed';

export type FileEntry = {
  id: number;
  file: Blob;
  name: string;
  size: number;
  /** Where the file came from, when not picked by the user ("40 runs from the Runs page"). */
  origin?: string;
  status: FileStatus;
  overrides: MappingOverrides;
  /** The user's outcome per status value (exact text). */
  outcomeMap: Record<string, Outcome>;
  report?: FileReport;
  error?: string;
  bytesRead: number;
  rows: number;
};

export type PlannerState = {
  files: FileEntry[];
  settings: PlannerSettings;
  analysis: PlannerAnalysis | null;
  analyzing: boolean;
  analysisError: string | null;
  /** The analysis worker was ended by its watchdog: its rows are gone until the files are re-read. */
  stalled: boolean;
  notice: string | null;
};

/** No files, the core's default settings, no analysis: the page's first state and what a reset returns to. */
const INITIAL_STATE: PlannerState = {
  files: [],
  settings: DEFAULT_PLANNER_SETTINGS,
  analysis: null,
  analyzing: false,
  analysisError: null,
  stalled: false,
  notice: null,
};

export const usePlanner = create<PlannerState>()(() => INITIAL_STATE);

// Named selectors.
export const selectFiles = (s: PlannerState) => s.files;
export const selectSettings = (s: PlannerState) => s.settings;
export const selectAnalysis = (s: PlannerState) => s.analysis;
export const selectAnalyzing = (s: PlannerState) => s.analyzing;
export const selectAnalysisError = (s: PlannerState) => s.analysisError;
export const selectNotice = (s: PlannerState) => s.notice;
export const selectParsing = (s: PlannerState) => s.files.some((f) => f.status === 'parsing');

export type ParseProgressSummary = { rows: number; bytesRead: number; totalBytes: number; files: number };
export function selectProgress(s: PlannerState): ParseProgressSummary | null {
  const parsing = s.files.filter((f) => f.status === 'parsing');
  if (parsing.length === 0) return null;
  return {
    rows: parsing.reduce((a, f) => a + f.rows, 0),
    bytesRead: parsing.reduce((a, f) => a + f.bytesRead, 0),
    totalBytes: parsing.reduce((a, f) => a + f.size, 0),
    files: parsing.length,
  };
}

let nextId = 1;
const parses = new Map<number, AbortController>();
let client: PlannerAnalysisClient | null = null;
let debounce: ReturnType<typeof setTimeout> | null = null;
export const ANALYSIS_DEBOUNCE_MS = 250;

function analysisClient(): PlannerAnalysisClient {
  client ??= createPlannerAnalysisClient();
  return client;
}

function patchFile(id: number, patch: Partial<FileEntry>): void {
  usePlanner.setState((s) => ({ files: s.files.map((f) => (f.id === id ? { ...f, ...patch } : f)) }));
}

function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

/** Runs the analysis now on the current settings; stale results (superseded) are dropped. */
export function analyzeNow(): void {
  if (debounce) clearTimeout(debounce);
  debounce = null;
  if (usePlanner.getState().stalled) {
    // The fresh worker holds no rows: read the files into it again (each parse re-analyses).
    reloadFiles();
    return;
  }
  const { files, settings } = usePlanner.getState();
  if (!files.some((f) => f.status === 'done')) {
    usePlanner.setState({ analysis: null, analyzing: false, analysisError: null });
    return;
  }
  usePlanner.setState({ analyzing: true });
  analysisClient()
    .analyze(settings)
    .then((analysis) => {
      if (analysis === null) return; // a newer request is on its way
      performance.mark('planner:analysed');
      usePlanner.setState({ analysis, analyzing: false, analysisError: null });
    })
    .catch((e: unknown) => {
      if (e instanceof AnalysisStalledError) {
        usePlanner.setState({
          analyzing: false,
          stalled: true,
          analysis: null,
          analysisError: `${e.message} The files are kept; change a setting or press "Analyse again" to read them into the fresh worker.`,
        });
        return;
      }
      usePlanner.setState({ analyzing: false, analysisError: e instanceof Error ? e.message : String(e) });
    });
}

/** After a watchdog restart: parse every read file again into the fresh worker. */
export function reloadFiles(): void {
  usePlanner.setState({ stalled: false, analysisError: null });
  for (const f of usePlanner.getState().files) if (f.status === 'done') void parseEntry(f.id);
}

function scheduleAnalysis(): void {
  if (debounce) clearTimeout(debounce);
  usePlanner.setState({ analyzing: true });
  debounce = setTimeout(analyzeNow, ANALYSIS_DEBOUNCE_MS);
}

async function parseEntry(id: number): Promise<void> {
  const entry = usePlanner.getState().files.find((f) => f.id === id);
  if (!entry) return;
  parses.get(id)?.abort();
  const controller = new AbortController();
  parses.set(id, controller);
  patchFile(id, { status: 'parsing', bytesRead: 0, rows: 0, error: undefined });
  const hasOverrides = Object.keys(entry.overrides).length > 0;
  const hasOutcomes = Object.keys(entry.outcomeMap).length > 0;
  try {
    const result = await parseLogFiles(
      [entry.file],
      { fileName: entry.name, ...(hasOverrides ? { mapping: entry.overrides } : {}), ...(hasOutcomes ? { outcomeMap: entry.outcomeMap } : {}) },
      (p) => patchFile(id, { bytesRead: p.bytesRead, rows: p.rows }),
      controller.signal,
    );
    if (parses.get(id) !== controller) return;
    parses.delete(id);
    const report = result.files[0];
    performance.mark('planner:parsed');
    analysisClient().setPart(id, { name: entry.name, rows: result.rows, buckets: result.buckets, stepsSource: report.diagnostics.stepsSource });
    patchFile(id, { status: 'done', report, bytesRead: entry.size, rows: report.diagnostics.rowsOk + report.diagnostics.buckets });
    analyzeNow();
  } catch (e) {
    if (parses.get(id) === controller) parses.delete(id);
    if (isAbort(e)) return;
    patchFile(id, { status: 'failed', error: e instanceof Error ? e.message : String(e) });
    analysisClient().removePart(id);
    analyzeNow();
  }
}

/** Adds files and parses each in its own worker. */
export function addFiles(files: readonly (Blob & { name?: string })[], origin?: string): void {
  if (files.length === 0) return;
  const entries: FileEntry[] = files.map((file, i) => ({
    id: nextId++,
    file,
    name: file.name || `file ${i + 1}`,
    size: file.size,
    origin,
    status: 'parsing',
    overrides: {},
    outcomeMap: {},
    bytesRead: 0,
    rows: 0,
  }));
  usePlanner.setState((s) => ({ files: [...s.files, ...entries], notice: origin ?? null }));
  for (const e of entries) void parseEntry(e.id);
}

/** Cancels every running parse; the cancelled files are removed. */
export function cancelParsing(): void {
  const ids = [...parses.keys()];
  for (const id of ids) parses.get(id)?.abort();
  parses.clear();
  const cancelled = usePlanner.getState().files.filter((f) => ids.includes(f.id));
  usePlanner.setState((s) => ({
    files: s.files.filter((f) => !ids.includes(f.id)),
    notice: cancelled.length ? `Parsing cancelled: ${cancelled.map((f) => f.name).join(', ')} (nothing kept from ${cancelled.length === 1 ? 'it' : 'them'}).` : s.notice,
  }));
  for (const id of ids) analysisClient().removePart(id);
  analyzeNow();
}

export function removeFile(id: number): void {
  parses.get(id)?.abort();
  parses.delete(id);
  usePlanner.setState((s) => ({ files: s.files.filter((f) => f.id !== id) }));
  analysisClient().removePart(id);
  analyzeNow();
}

/** Removes every file; a busy (even stuck) analysis worker is ended rather than waited for. */
export function clearFiles(): void {
  for (const c of parses.values()) c.abort();
  parses.clear();
  if (debounce) clearTimeout(debounce);
  debounce = null;
  const busy = usePlanner.getState().analyzing;
  const restartsBefore = client?.restarts ?? 0;
  analysisClient().clear();
  const ended = (client?.restarts ?? 0) > restartsBefore;
  usePlanner.setState({
    files: [],
    analysis: null,
    notice: busy && ended ? 'Cleared. The analysis that was running was stopped (its worker was ended).' : null,
    analysisError: null,
    analyzing: false,
    stalled: false,
  });
}

/** Maps one status value of one file to an outcome (null: back to the built-in reading) and re-parses it. */
export function mapStatusValue(id: number, value: string, outcome: Outcome | null): void {
  const entry = usePlanner.getState().files.find((f) => f.id === id);
  if (!entry) return;
  const next = { ...entry.outcomeMap };
  if (outcome) next[value] = outcome;
  else delete next[value];
  patchFile(id, { outcomeMap: next });
  void parseEntry(id);
}

/** Overrides one field's source for one file (null: leave it unmapped) and re-parses that file. */
export function overrideField(id: number, field: MappedField, source: FieldOverride | null): void {
  const entry = usePlanner.getState().files.find((f) => f.id === id);
  if (!entry) return;
  patchFile(id, { overrides: { ...entry.overrides, [field]: source } });
  void parseEntry(id);
}

export function resetOverrides(id: number): void {
  patchFile(id, { overrides: {} });
  void parseEntry(id);
}

/** Settings change at once in the form; the analysis follows after a short debounce. */
export function updateSettings(patch: Partial<PlannerSettings>): void {
  usePlanner.setState((s) => ({ settings: { ...s.settings, ...patch } }));
  if (usePlanner.getState().files.some((f) => f.status === 'done')) scheduleAnalysis();
}

export function resetSettings(): void {
  updateSettings(DEFAULT_PLANNER_SETTINGS);
}

export const SAMPLE_PATH = 'samples/reasoning-requests.jsonl';

/** Fetches the demo log relative to the page (works from a sub-path) and parses it. */
export async function loadSample(): Promise<void> {
  const url = new URL(SAMPLE_PATH, document.baseURI);
  try {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const blob = await res.blob();
    addFiles([new File([blob], 'reasoning-requests.jsonl', { type: 'application/x-ndjson' })], 'Sample log: 3,000 synthetic reasoning requests (public/samples).');
  } catch (e) {
    usePlanner.setState({ notice: `Could not load the sample log (${e instanceof Error ? e.message : String(e)}).` });
  }
}

/** For tests: forget everything (and the worker). */
export function resetPlannerForTests(): void {
  for (const c of parses.values()) c.abort();
  parses.clear();
  if (debounce) clearTimeout(debounce);
  debounce = null;
  client?.dispose();
  client = null;
  usePlanner.setState(INITIAL_STATE);
}
