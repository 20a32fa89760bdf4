import type { RunRecord } from './types';
import { validateRunRecord } from './validate';

/**
 * JSON Lines export/import of run records: one record per line, UTF-8, newline-terminated.
 * `JSON.stringify` escapes every newline inside strings, so a record never spans lines, and
 * `parseRunsJsonl(runsToJsonl(x))` deep-equals `x` for any valid records (order kept,
 * duplicates kept: importing puts them in order, so the last one with an id wins).
 */
export function runsToJsonl(records: readonly RunRecord[]): string {
  let out = '';
  for (const r of records) out += `${JSON.stringify(r)}\n`;
  return out;
}

export type JsonlError = { /** 1-based line number in the input. */ line: number; message: string };
export type ParsedRuns = { runs: RunRecord[]; errors: JsonlError[] };

/**
 * Parses JSONL text: each non-blank line must be one valid RunRecord. Valid lines are kept,
 * invalid ones are listed by line number with the reason; nothing is thrown. A leading BOM and
 * CRLF line ends are accepted.
 */
export function parseRunsJsonl(text: string): ParsedRuns {
  const runs: RunRecord[] = [];
  const errors: JsonlError[] = [];
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = src.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      errors.push({ line: i + 1, message: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` });
      continue;
    }
    const v = validateRunRecord(value);
    if (v.ok) runs.push(v.record);
    else errors.push({ line: i + 1, message: v.message });
  }
  return { runs, errors };
}
