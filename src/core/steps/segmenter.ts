/**
 * Incremental step segmenter: cuts a streamed reasoning text into numbered steps.
 *
 * Modes (see `StepMode`):
 * - `paragraph` (default): steps are separated by one or more blank lines, i.e. the regex
 *   `\n\s*\n` — the way ProcessBench splits solutions. Blank lines holding spaces or CRLF count.
 * - `line`: every non-empty line is a step.
 * - `marker`: a step starts at a line beginning with "Step N", "**Step N", "__Step N",
 *   "### Step N" (case-insensitive, up to six `#`, leading spaces allowed). Plain numbered lines
 *   ("1.") are not markers. Text before the first marker is its own step when non-empty.
 * - `tokens`: every `tokensPerStep` (default 50) whitespace-delimited tokens make a step.
 *
 * Step texts are trimmed; empty steps are skipped; `index` is 0-based and dense.
 *
 * Cost: each appended character is looked at once, in `append` (a small per-mode state
 * machine carries across appends, so a separator split over two appends is still seen). The
 * tail is kept as a concatenated string and only materialised (sliced and trimmed) when a step
 * closes, so a stream of n characters costs O(n) in total however it is chunked. In `marker`
 * mode an undecided line prefix is re-tested per character, but it is capped at
 * `MARKER_PREFIX_LIMIT` characters, so that stays O(1) per character.
 *
 * Pure: the clock is passed in as `now` on every call.
 */
import type { SegmenterOptions, Step, StepMode } from './types';

export const DEFAULT_TOKENS_PER_STEP = 50;
/** A line whose start is still undecided after this many characters is not a marker line. */
export const MARKER_PREFIX_LIMIT = 200;

export interface Segmenter {
  readonly mode: StepMode;
  /** Feeds more text; returns the steps this text completed (often none). */
  append(text: string, now: number): Step[];
  /** The stream ended: the non-empty tail becomes the last step. The segmenter stays usable. */
  finish(now: number): Step[];
  /** Every completed step so far. The same array, only ever appended to; steps are frozen. */
  readonly steps: readonly Step[];
  /** The unfinished text after the last completed step, from its first non-space character. */
  readonly tail: string;
  /** When the tail's first non-space character arrived, or null while the tail is empty. */
  readonly tailStartedAt: number | null;
}

const MARKER = /^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*|__)?[ \t]*step[ \t]+\d/i;
/** Every string that is a proper prefix of a marker line (before its digit) matches this. */
const MARKER_PREFIX = /^[ \t]*(?:#{1,6}[ \t]*)?(?:\*{1,2}|_{1,2})?[ \t]*(?:s(?:t(?:e(?:p[ \t]*)?)?)?)?$/i;

/** Exactly the characters of the regex class `\s` (and of `String.prototype.trim`). */
export function isWhitespaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return (
    c === 160 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

type LineState = 'undecided' | 'marker' | 'plain';

export function createSegmenter(options: Partial<SegmenterOptions> = {}): Segmenter {
  const mode: StepMode = options.mode ?? 'paragraph';
  const tokensPerStep = Math.max(1, Math.floor(options.tokensPerStep ?? DEFAULT_TOKENS_PER_STEP));
  const steps: Step[] = [];

  // The tail: text since the last cut, starting at its first non-whitespace character.
  let tail = '';
  let hasContent = false;
  let startedAt: number | null = null;

  // paragraph: a newline was seen and only whitespace since.
  let pendingNewline = false;
  // tokens: inside a token / tokens completed in the current step.
  let inToken = false;
  let tokenCount = 0;
  // marker: the current line, its start offset within the tail, and its first arrival time.
  let lineState: LineState = 'undecided';
  let lineBuf = '';
  let lineStartOffset = 0;
  let lineStartedAt: number | null = null;

  function emit(raw: string, stepStartedAt: number, now: number, out: Step[]): void {
    const text = raw.trim();
    if (text === '') return;
    const step: Step = Object.freeze({ index: steps.length, text, startedAt: stepStartedAt, completedAt: now });
    steps.push(step);
    out.push(step);
  }

  function resetModeState(): void {
    pendingNewline = false;
    inToken = false;
    tokenCount = 0;
    lineState = 'undecided';
    lineBuf = '';
    lineStartOffset = 0;
    lineStartedAt = null;
  }

  function append(text: string, now: number): Step[] {
    const out: Step[] = [];
    // The part of `text` not yet moved into `tail` starts at segStart.
    let segStart = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const ws = isWhitespaceCode(c);
      if (!hasContent) {
        // Leading whitespace of a step never matters (steps are trimmed): drop it.
        if (ws) {
          segStart = i + 1;
          continue;
        }
        hasContent = true;
        startedAt = now;
      }
      let cut = false;
      switch (mode) {
        case 'paragraph':
          if (c === 10) {
            if (pendingNewline) cut = true;
            else pendingNewline = true;
          } else if (!ws) {
            pendingNewline = false;
          }
          break;
        case 'line':
          cut = c === 10;
          break;
        case 'tokens':
          if (!ws) inToken = true;
          else if (inToken) {
            inToken = false;
            tokenCount++;
            cut = tokenCount >= tokensPerStep;
          }
          break;
        case 'marker': {
          if (c === 10) {
            lineState = 'undecided';
            lineBuf = '';
            lineStartOffset = tail.length + (i + 1 - segStart);
            lineStartedAt = null;
            break;
          }
          if (!ws && lineStartedAt === null) lineStartedAt = now;
          if (lineState !== 'undecided') break;
          lineBuf += text[i];
          if (MARKER.test(lineBuf)) {
            lineState = 'marker';
            if (lineStartOffset > 0) {
              // A new step starts at this line: close everything before it.
              const full = tail + text.slice(segStart, i + 1);
              emit(full.slice(0, lineStartOffset), startedAt ?? now, now, out);
              tail = full.slice(lineStartOffset).trimStart();
              segStart = i + 1;
              startedAt = lineStartedAt ?? now;
              lineStartOffset = 0;
            }
          } else if (lineBuf.length >= MARKER_PREFIX_LIMIT || !MARKER_PREFIX.test(lineBuf)) {
            lineState = 'plain';
          }
          break;
        }
      }
      if (cut) {
        emit(tail + text.slice(segStart, i + 1), startedAt ?? now, now, out);
        tail = '';
        hasContent = false;
        startedAt = null;
        segStart = i + 1;
        resetModeState();
      }
    }
    if (hasContent && segStart < text.length) tail += text.slice(segStart);
    return out;
  }

  function finish(now: number): Step[] {
    const out: Step[] = [];
    if (hasContent) emit(tail, startedAt ?? now, now, out);
    tail = '';
    hasContent = false;
    startedAt = null;
    resetModeState();
    return out;
  }

  return {
    mode,
    append,
    finish,
    get steps(): readonly Step[] {
      return steps;
    },
    get tail(): string {
      return tail;
    },
    get tailStartedAt(): number | null {
      return startedAt;
    },
  };
}

/**
 * Segments a whole text at once (e.g. a logged chain). Gives exactly the steps incremental use
 * gives for the same text, however it was chunked; timestamps are all `now` (default 0).
 */
export function splitSteps(text: string, options: Partial<SegmenterOptions> = {}, now = 0): Step[] {
  const segmenter = createSegmenter(options);
  segmenter.append(text, now);
  segmenter.finish(now);
  return [...segmenter.steps];
}
