/**
 * Size limits on what a stream may hand us. Servers send events of a few hundred bytes; one
 * event of megabytes is a broken or hostile server, and reading it (the SSE framer rescans its
 * pending line on every chunk, then JSON.parse and the renderer) freezes the page. A run's text
 * is capped too, so an endless stream stops instead of growing memory without bound.
 */
export const MAX_EVENT_CHARS = 1 << 20;
export const MAX_RUN_TEXT_CHARS = 8 << 20;

export function formatMegabytes(chars: number): string {
  const mb = chars / (1 << 20);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/** One SSE event or NDJSON line grew past the limit before it ended; it is not read. */
export class FrameTooLargeError extends Error {
  override readonly name = 'FrameTooLargeError';
  readonly limit: number;
  constructor(limit: number, what: 'event' | 'line') {
    super(
      `one ${what} of the stream was larger than ${formatMegabytes(limit)} (servers send small ${what}s), so it was not read and the stream was stopped. What arrived before it is kept.`,
    );
    this.limit = limit;
  }
}

export function runTextLimitMessage(limit: number): string {
  return `the stream exceeded ${formatMegabytes(limit)} of text, so it was stopped there. What arrived is kept.`;
}

/**
 * Counts the characters of the frame still open (since the last separator) across chunks.
 * Only the last few characters of a chunk are kept, for separators cut between two chunks.
 */
export function createFrameMeter(separators: readonly string[]): { add(text: string): number } {
  let pending = 0;
  let carry = '';
  const keep = Math.max(...separators.map((s) => s.length)) - 1;
  return {
    add(text) {
      const joined = carry + text;
      let cut = -1;
      for (const sep of separators) {
        const i = joined.lastIndexOf(sep);
        if (i >= 0) cut = Math.max(cut, i + sep.length);
      }
      pending = cut >= 0 ? joined.length - cut : pending + text.length;
      carry = keep > 0 ? joined.slice(-keep) : '';
      return pending;
    },
  };
}
