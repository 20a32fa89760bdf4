import { existsSync, readFileSync, readdirSync } from 'node:fs';

/**
 * The shared conformance recordings (../shared/conformance/streams, beside the repository) and
 * what each one's oracle files say a user must see. Used by the adapter tests and the browser pass.
 */
export type Recording = {
  file: string;
  /** The provider picker's option, as providers.json names it. */
  picker: string;
  body: string;
  reasoning: string;
  answer: string;
  endsInError: boolean;
  /** Redacted thinking blocks in the bytes (the oracle leaves their content out). */
  redactedBlocks: number;
};

export function conformanceDirMissing(dir: string): string | null {
  return existsSync(`${dir}providers.json`) ? null : `The conformance recordings are missing: expected ${dir}providers.json (the shared data folder ../shared next to this repository).`;
}

export function readRecordings(dir: string): Recording[] {
  const providers = JSON.parse(readFileSync(`${dir}providers.json`, 'utf8')) as Record<string, string>;
  return Object.entries(providers).map(([file, picker]) => {
    const body = readFileSync(dir + file, 'utf8');
    const errorPath = `${dir}${file}.error.json`;
    return {
      file,
      picker,
      body,
      reasoning: readFileSync(`${dir}${file}.reasoning.txt`, 'utf8'),
      answer: readFileSync(`${dir}${file}.answer.txt`, 'utf8'),
      endsInError: existsSync(errorPath) && (JSON.parse(readFileSync(errorPath, 'utf8')) as { error?: boolean }).error === true,
      redactedBlocks: (body.match(/"content_block":\{"type":"redacted_thinking"/g) ?? []).length,
    };
  });
}

export function recordingFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.sse'));
}

/** The first error message a recording carries, read from its SSE data lines' JSON. */
export function recordedErrorMessage(body: string): string | undefined {
  for (const line of body.split(/\r?\n/)) {
    if (!line.startsWith('data:')) continue;
    let json: unknown;
    try {
      json = JSON.parse(line.slice(5));
    } catch {
      continue;
    }
    if (typeof json !== 'object' || json === null) continue;
    const j = json as Record<string, unknown>;
    const err = j.error as Record<string, unknown> | undefined;
    if (err && typeof err.message === 'string') return err.message;
    if (j.type === 'error' && typeof j.message === 'string') return j.message;
    const failed = (j.response as Record<string, unknown> | undefined)?.error as Record<string, unknown> | undefined;
    if (j.type === 'response.failed' && failed && typeof failed.message === 'string') return failed.message;
  }
  return undefined;
}

/** The steps the viewer's default (paragraph) mode must show for a reasoning text: split at blank lines, trimmed, none empty. */
export function paragraphSteps(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Only the letters and digits of a text: what survives any rendering of markup and spacing. */
export function letters(text: string): string {
  return text.replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * The letters and digits a reader sees once this Markdown is rendered: outside code fences,
 * ordered-list numbers become list markers and link targets are not shown; a fence's own lines
 * (with their info string) are not shown; inside a fence everything is text; markup is not text.
 */
export function visibleLetters(markdown: string): string {
  let inFence = false;
  const shown: string[] = [];
  for (const line of markdown.split('\n')) {
    if (/^[ \t]*(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    shown.push(inFence ? line : line.replace(/^[ \t]*\d+[.)][ \t]/, '').replace(/\]\([^)]*\)/g, ']'));
  }
  return letters(shown.join('\n'));
}
