/**
 * Splits `content` text that carries the reasoning inline (`<think>…</think>answer`) into
 * reasoning and answer pieces, incrementally, whatever the chunking.
 *
 * Policy (mode 'auto', the default):
 * - Leading whitespace is skipped. If the content then starts with `<think>` (also `<thinking>`
 *   or `<reasoning>`), the text up to the matching closing tag is reasoning, the rest answer.
 * - Otherwise the start is *undecided*: the template may have pre-filled `<think>` (DeepSeek-R1,
 *   QwQ), so only `</think>` will come. The text is held back until a closing tag appears
 *   (everything before it was reasoning) or `undecidedLimit` characters (default 2000) pass
 *   without one, or the stream ends: then it is the answer. The decision depends only on
 *   character positions, never on chunk boundaries, so every chunking gives the same result.
 * - A closing tag that only shows up after that limit cannot re-classify text already shown
 *   as the answer (there is no such event); the stray tag is dropped and the text goes on as
 *   answer. Use mode 'open' for templates known to pre-fill `<think>`.
 * - `noteExternalReasoning()`: the server already separates reasoning (a `reasoning_content`
 *   field or Ollama's `message.thinking` was seen), so undecided content is the answer at once;
 *   an inline `<think>` block is still recognised and returned as reasoning (the adapter may
 *   drop it as a duplicate, e.g. llama.cpp `deepseek-legacy`).
 * - After a closing tag everything is answer, verbatim (a later `<think>` is just text).
 * - Whitespace around the tags is trimmed: reasoning never starts or ends with it, the answer
 *   never starts with it. An empty block (`<think>\n\n</think>`, Qwen3 with thinking off)
 *   yields no reasoning at all.
 * - A possible partial tag at the end of a chunk (`<`, `</th`) is held until the next chunk
 *   or `end()`, where it is flushed as plain text.
 */

export type ThinkSegment = { kind: 'reasoning' | 'answer'; text: string };

export type ThinkMode =
  /** Detect tags as described above. */
  | 'auto'
  /** The template pre-fills `<think>`: content is reasoning until `</think>`. */
  | 'open'
  /** Never look for tags: all content is answer. */
  | 'off';

export type ThinkSplitterOptions = { mode?: ThinkMode; undecidedLimit?: number };

const TAG_NAMES = ['think', 'thinking', 'reasoning'] as const;
const OPEN_TAGS = TAG_NAMES.map((n) => `<${n}>`);
const CLOSE_TAGS = TAG_NAMES.map((n) => `</${n}>`);
const MAX_TAG = Math.max(...CLOSE_TAGS.map((t) => t.length));

type State =
  | 'undecided'
  | 'reasoning'
  /** After a closing tag, or decided plain answer after the server separated reasoning. */
  | 'answer'
  /** Answer decided by the limit or end: still drop a stray closing tag. */
  | 'answer-watch';

/** Earliest full occurrence of any tag, or the start of a trailing partial tag. */
function findTag(text: string, tags: readonly string[], from = 0): { index: number; tag: string } | undefined {
  let best: { index: number; tag: string } | undefined;
  for (const tag of tags) {
    const index = text.indexOf(tag, from);
    if (index !== -1 && (!best || index < best.index)) best = { index, tag };
  }
  return best;
}

/** Index where a suffix of `text` that is a proper prefix of one of `tags` starts, or text.length. */
function partialTagStart(text: string, tags: readonly string[]): number {
  const lt = text.lastIndexOf('<');
  if (lt === -1 || text.length - lt >= MAX_TAG) return text.length;
  const tail = text.slice(lt);
  return tags.some((t) => t.length > tail.length && t.startsWith(tail)) ? lt : text.length;
}

const isWs = (c: string) => c === ' ' || c === '\n' || c === '\r' || c === '\t';

function trailingWsStart(text: string): number {
  let i = text.length;
  while (i > 0 && isWs(text[i - 1])) i--;
  return i;
}

function trimStartWs(text: string): string {
  let i = 0;
  while (i < text.length && isWs(text[i])) i++;
  return text.slice(i);
}

export class ThinkSplitter {
  private state: State;
  private readonly limit: number;
  private readonly mode: ThinkMode;
  /** Text received but not yet classified or emitted. */
  private held = '';
  private closeTag = '</think>';
  /** Whether the first non-whitespace character of the current reasoning block / answer came. */
  private reasoningStarted = false;
  private answerStarted = false;
  private external = false;

  constructor(options: ThinkSplitterOptions = {}) {
    this.mode = options.mode ?? 'auto';
    this.limit = options.undecidedLimit ?? 2000;
    this.state = this.mode === 'off' ? 'answer' : 'undecided';
  }

  /** The server delivers reasoning in its own field; content without a leading tag is answer. */
  noteExternalReasoning(): void {
    this.external = true;
  }

  push(text: string): ThinkSegment[] {
    const out: ThinkSegment[] = [];
    this.held += text;
    this.run(out, false);
    return out;
  }

  end(): ThinkSegment[] {
    const out: ThinkSegment[] = [];
    this.run(out, true);
    return out;
  }

  private emit(out: ThinkSegment[], kind: ThinkSegment['kind'], text: string): void {
    if (kind === 'reasoning') {
      if (!this.reasoningStarted) text = trimStartWs(text);
      if (text) this.reasoningStarted = true;
    } else {
      if (!this.answerStarted) text = trimStartWs(text);
      if (text) this.answerStarted = true;
    }
    if (!text) return;
    const last = out[out.length - 1];
    if (last && last.kind === kind) last.text += text;
    else out.push({ kind, text });
  }

  private run(out: ThinkSegment[], final: boolean): void {
    // Each pass either consumes input or stops; the loop ends when nothing more can be decided.
    for (;;) {
      const before = this.state;
      switch (this.state) {
        case 'undecided':
          this.stepUndecided(final);
          break;
        case 'reasoning':
          this.stepReasoning(out, final);
          break;
        case 'answer-watch':
          this.stepAnswerWatch(out, final);
          break;
        case 'answer':
          this.emit(out, 'answer', this.held);
          this.held = '';
          break;
      }
      if (this.state === before) return;
    }
  }

  private stepUndecided(final: boolean): void {
    const text = trimStartWs(this.held);
    if (!text) {
      if (final) this.held = '';
      return;
    }
    const open = OPEN_TAGS.find((t) => text.startsWith(t));
    if (open) {
      this.held = text.slice(open.length);
      this.closeTag = `</${open.slice(1)}`;
      this.state = 'reasoning';
      return;
    }
    if (!final && OPEN_TAGS.some((t) => t.startsWith(text))) return; // maybe `<thi…`
    if (this.mode === 'open') {
      this.closeTag = ''; // any closing tag ends it
      this.state = 'reasoning';
      return;
    }
    if (this.external) {
      this.state = 'answer-watch';
      return;
    }
    const close = findTag(text, CLOSE_TAGS);
    if (close && close.index < this.limit) {
      // Only `</think>` came: everything before it was reasoning.
      this.held = text;
      this.closeTag = close.tag;
      this.state = 'reasoning';
      return;
    }
    if (final || text.length >= this.limit + MAX_TAG) this.state = 'answer-watch';
  }

  private stepReasoning(out: ThinkSegment[], final: boolean): void {
    const tags = this.closeTag ? [this.closeTag] : CLOSE_TAGS;
    const close = findTag(this.held, tags);
    if (close) {
      const reasoning = this.held.slice(0, close.index);
      this.emit(out, 'reasoning', reasoning.slice(0, trailingWsStart(reasoning)));
      this.held = this.held.slice(close.index + close.tag.length);
      this.state = 'answer';
      return;
    }
    if (final) {
      // Unclosed block (truncated stream): all reasoning, minus trailing whitespace.
      this.emit(out, 'reasoning', this.held.slice(0, trailingWsStart(this.held)));
      this.held = '';
      return;
    }
    // Hold a possible partial closing tag and the whitespace before it (it may precede the tag).
    const partial = partialTagStart(this.held, tags);
    const cut = trailingWsStart(this.held.slice(0, partial));
    this.emit(out, 'reasoning', this.held.slice(0, cut));
    this.held = this.held.slice(cut);
  }

  private stepAnswerWatch(out: ThinkSegment[], final: boolean): void {
    const close = findTag(this.held, CLOSE_TAGS);
    if (close) {
      this.emit(out, 'answer', this.held.slice(0, close.index));
      this.held = this.held.slice(close.index + close.tag.length);
      this.state = 'answer';
      return;
    }
    const cut = final ? this.held.length : partialTagStart(this.held, CLOSE_TAGS);
    this.emit(out, 'answer', this.held.slice(0, cut));
    this.held = this.held.slice(cut);
  }
}
