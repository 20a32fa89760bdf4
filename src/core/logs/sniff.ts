/**
 * Container sniffing from the first chunk of text (up to `sniffChars`, 64 KiB by default):
 * empty, binary, markup, one JSON array, one JSON document, JSON Lines, or delimited text.
 *
 * A file starting with `{` is the subtle case:
 * - first object closes on its line and another `{` follows → JSON Lines;
 * - a line break inside the first object (pretty-printed) → one JSON document;
 * - a single line holding an object whose top-level keys are a whole-file layout (vLLM
 *   `ttfts`/`input_lens`, guidellm `benchmarks`, OTLP `resourceSpans`…) → one JSON document;
 * - a first line longer than the window: decided by the top-level keys seen so far, so a JSONL
 *   file whose first line is huge still streams (that line is then skipped by the line cap).
 */
export type SniffResult =
  | { kind: 'undecided' }
  | { kind: 'empty' }
  | { kind: 'binary'; share: number }
  | { kind: 'markup' }
  | { kind: 'json-array' }
  | { kind: 'json-document' }
  | { kind: 'jsonl' }
  | { kind: 'yaml' }
  | { kind: 'dsv'; delimiter: string };

/** Top-level keys that only whole-file JSON layouts use. */
const DOCUMENT_KEYS = new Set(['benchmarks', 'input_lens', 'output_lens', 'ttfts', 'itls', 'generated_texts', 'resourceSpans', 'resource_spans', 'observations', 'records']);

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 0xfeff;
}

/** Share of characters that no text log contains: NUL, other C0 controls, U+FFFD (bad UTF-8). */
export function binaryShare(text: string, limit = 65536): { share: number; nul: boolean } {
  const n = Math.min(text.length, limit);
  let bad = 0;
  let nul = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) {
      nul = true;
      bad++;
    } else if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) bad++;
  }
  return { share: n ? bad / n : 0, nul };
}

type ObjectScan = {
  /** Index just past the first object's closing brace, or -1. */
  end: number;
  /** A line break occurred inside the first object. */
  multiline: boolean;
  /** Keys seen at depth 1 so far. */
  keys: string[];
};

/** Scans the first JSON object from `from` (which holds `{`), tracking depth and strings. */
function scanFirstObject(text: string, from: number): ObjectScan {
  let depth = 0;
  let inString = false;
  let escape = false;
  let strStart = -1;
  let expectKey = false;
  let pendingKey: string | null = null;
  const keys: string[] = [];
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (escape) escape = false;
      else if (c === 92) escape = true;
      else if (c === 34) {
        inString = false;
        if (depth === 1 && expectKey) {
          pendingKey = text.slice(strStart, i);
          expectKey = false;
        }
      }
      continue;
    }
    if (c === 34) {
      inString = true;
      strStart = i + 1;
    } else if (c === 123 || c === 91) {
      depth++;
      if (depth === 1) expectKey = true;
    } else if (c === 125 || c === 93) {
      depth--;
      if (depth === 0) return { end: i + 1, multiline: false, keys };
    } else if (c === 58 && depth === 1 && pendingKey !== null) {
      keys.push(pendingKey);
      pendingKey = null;
    } else if (c === 44 && depth === 1) expectKey = true;
    else if (c === 10 && depth >= 1) return { end: -1, multiline: true, keys };
  }
  return { end: -1, multiline: false, keys };
}

const DELIMITERS = [',', '\t', ';', '|'];

/** Count of `d` outside double quotes in a line. */
function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') q = !q;
    else if (!q && ch === d) n++;
  }
  return n;
}

export function sniffDelimiter(text: string, fileName?: string): string {
  const lower = fileName?.toLowerCase() ?? '';
  if (/\.tsv(\.gz)?$/.test(lower) || /\.tab(\.gz)?$/.test(lower)) return '\t';
  const lines = text.split('\n', 21).slice(0, 20).filter((l) => l.trim() !== '');
  if (lines.length === 0) return ',';
  let best = ',';
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const head = countOutsideQuotes(lines[0], d);
    if (head === 0) continue;
    // Lines agreeing with the header's count (the last line may be cut by the window).
    let agree = 0;
    const body = lines.slice(1, Math.max(1, lines.length - 1));
    for (const l of body) if (countOutsideQuotes(l, d) === head) agree++;
    const consistency = body.length ? agree / body.length : 1;
    const score = consistency * 1000 + head;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

export function sniffContainer(text: string, isEnd: boolean, fileName?: string): SniffResult {
  let i = 0;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  if (i >= text.length) return isEnd ? { kind: 'empty' } : { kind: 'undecided' };
  const bin = binaryShare(text);
  if (bin.nul || bin.share > 0.02) return { kind: 'binary', share: bin.share };
  const c = text.charCodeAt(i);
  if (c === 60 /* < */) return { kind: 'markup' };
  if (c === 91 /* [ */) return { kind: 'json-array' };
  if (c === 123 /* { */) {
    const scan = scanFirstObject(text, i);
    if (scan.multiline) return { kind: 'json-document' };
    if (scan.end >= 0) {
      let j = scan.end;
      while (j < text.length && isSpace(text.charCodeAt(j))) j++;
      if (j < text.length && text.charCodeAt(j) === 123) return { kind: 'jsonl' };
      if (j >= text.length && !isEnd) return { kind: 'undecided' };
      return scan.keys.some((k) => DOCUMENT_KEYS.has(k)) ? { kind: 'json-document' } : { kind: 'jsonl' };
    }
    if (isEnd) return { kind: 'json-document' };
    return scan.keys.some((k) => DOCUMENT_KEYS.has(k)) ? { kind: 'json-document' } : { kind: 'jsonl' };
  }
  if (looksLikeYaml(text.slice(i), fileName)) return { kind: 'yaml' };
  return { kind: 'dsv', delimiter: sniffDelimiter(text.slice(i), fileName) };
}

/**
 * YAML (guidellm writes benchmarks.yaml): the name says so, or the text opens with a document
 * marker `---` / a `%YAML` directive, or with a top-level `key:` line opening a block (no CSV
 * header ends in a colon).
 */
export function looksLikeYaml(text: string, fileName?: string): boolean {
  if (fileName && /\.ya?ml(\.gz)?$/i.test(fileName)) return true;
  if (/^(?:---[ \t]*\r?\n|%YAML\b)/.test(text)) return true;
  return /^[A-Za-z_][\w-]*:[ \t]*\r?\n[ \t-]/.test(text);
}
