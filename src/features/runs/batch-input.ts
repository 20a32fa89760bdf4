/**
 * Reads the batch runner's input: one query per line, or JSON Lines with a `prompt` field and an
 * optional reference `answer` (detected when the first non-empty line starts with "{"). Pure: no
 * DOM, no clock.
 *
 * Bad input is handled, never thrown:
 *  - empty (or blank) lines are skipped and counted;
 *  - duplicates (same text after collapsing whitespace) are removed by default, first
 *    occurrence kept — use Repeats to run a query several times; with `keepDuplicates` they
 *    are kept and counted;
 *  - a query longer than `maxPromptChars` is refused (skipped, listed by line): cutting it
 *    would silently change the question;
 *  - in JSON Lines, a line that is not JSON or has no non-empty string `prompt` is listed by line.
 */

export const MAX_PROMPT_CHARS = 32_000;
/** Most requests (queries × repeats) one batch may send. */
export const MAX_BATCH_JOBS = 10_000;

export type BatchInputIssue = { /** 1-based line number. */ line: number; message: string };

export type ParsedBatch = {
  format: 'lines' | 'jsonl';
  prompts: string[];
  /** Per prompt, the reference answer from a JSONL `answer` field (string or number), if any. */
  references: (string | undefined)[];
  /** Empty or blank lines skipped. */
  emptyLines: number;
  /** Duplicate queries found (removed unless keepDuplicates). */
  duplicates: number;
  duplicatesKept: boolean;
  /** Queries refused for length. */
  oversized: BatchInputIssue[];
  /** JSON Lines lines that could not be read. */
  errors: BatchInputIssue[];
};

export type BatchInputOptions = { maxPromptChars?: number; keepDuplicates?: boolean };

const normalize = (s: string) => s.replace(/\s+/g, ' ').trim();

export function parseBatchInput(text: string, options: BatchInputOptions = {}): ParsedBatch {
  const max = options.maxPromptChars ?? MAX_PROMPT_CHARS;
  const keep = options.keepDuplicates ?? false;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = src.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const firstContent = lines.find((l) => l.trim() !== '');
  const format: ParsedBatch['format'] = firstContent?.trimStart().startsWith('{') ? 'jsonl' : 'lines';
  const out: ParsedBatch = { format, prompts: [], references: [], emptyLines: 0, duplicates: 0, duplicatesKept: keep, oversized: [], errors: [] };
  const seen = new Set<string>();
  // A trailing newline is not an empty line.
  const count = lines.length > 0 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  for (let i = 0; i < count; i++) {
    const raw = lines[i];
    if (raw.trim() === '') {
      out.emptyLines++;
      continue;
    }
    let prompt: string;
    let reference: string | undefined;
    if (format === 'jsonl') {
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        out.errors.push({ line: i + 1, message: 'not valid JSON (each line must be an object with a "prompt" field)' });
        continue;
      }
      const p = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { prompt?: unknown }).prompt : undefined;
      if (typeof p !== 'string' || p.trim() === '') {
        out.errors.push({ line: i + 1, message: 'no "prompt" field with non-empty text' });
        continue;
      }
      prompt = p.trim();
      const a = (value as { answer?: unknown }).answer;
      if (typeof a === 'number' && Number.isFinite(a)) reference = String(a);
      else if (typeof a === 'string' && a.trim() !== '') reference = a.trim();
      else if (a !== undefined && a !== null && a !== '') {
        out.errors.push({ line: i + 1, message: '"answer" must be a string or a number (the reference answer)' });
        continue;
      }
    } else {
      prompt = raw.trim();
    }
    if (prompt.length > max) {
      out.oversized.push({
        line: i + 1,
        message: `${prompt.length.toLocaleString('en-US')} characters, over the ${max.toLocaleString('en-US')}-character limit for one query: skipped (shorten or split it)`,
      });
      continue;
    }
    const key = normalize(prompt);
    if (seen.has(key)) {
      out.duplicates++;
      if (!keep) continue;
    }
    seen.add(key);
    out.prompts.push(prompt);
    out.references.push(reference);
  }
  return out;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** One-line explanations of what was read and what was skipped, for the UI. */
export function describeBatchInput(p: ParsedBatch, repeats = 1): string[] {
  const notes: string[] = [];
  const jobs = p.prompts.length * repeats;
  const withAnswer = p.references.filter((r) => r !== undefined).length;
  notes.push(
    `${plural(p.prompts.length, 'query', 'queries')}${p.format === 'jsonl' ? ' (JSON Lines)' : ''}` +
      (withAnswer ? `, ${withAnswer.toLocaleString('en-US')} with a reference answer` : '') +
      (repeats > 1 ? ` × ${repeats} repeats = ${plural(jobs, 'run')}` : '') +
      '.',
  );
  if (p.emptyLines) notes.push(`${plural(p.emptyLines, 'empty line')} skipped.`);
  if (p.duplicates) {
    notes.push(
      p.duplicatesKept
        ? `${plural(p.duplicates, 'duplicate')} kept (each runs again).`
        : `${plural(p.duplicates, 'duplicate')} removed (first occurrence kept; use Repeats to run a query several times).`,
    );
  }
  if (p.oversized.length) notes.push(`${plural(p.oversized.length, 'query', 'queries')} refused as too long.`);
  if (p.errors.length) notes.push(`${plural(p.errors.length, 'line')} could not be read.`);
  if (jobs > MAX_BATCH_JOBS) notes.push(`That is more than ${MAX_BATCH_JOBS.toLocaleString('en-US')} runs: split the batch.`);
  return notes;
}
