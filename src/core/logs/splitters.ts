/**
 * Incremental splitters from decoded text to records, each with a cap on one record's length so
 * memory stays bounded whatever the input (a 50 MB line is skipped, not buffered):
 *
 * - `createLineSplitter`: JSON Lines. `\n` ends a line; a trailing `\r` is dropped.
 * - `createCsvTokenizer`: RFC 4180 delimited text (comma, tab, semicolon, pipe).
 * - `createJsonArraySplitter`: the elements of one top-level JSON array, one at a time, so an
 *   llmperf-style `[ {...}, {...} ]` file streams instead of being parsed whole.
 *
 * Why our own CSV tokenizer instead of papaparse: the input arrives as decoded text chunks from a
 * gzip/TextDecoder pipeline, and we need (1) the physical line number where each record starts,
 * for messages, (2) a per-record length cap that drops an overlong record while still tracking
 * quotes, so memory stays bounded, and (3) records split across chunks. papaparse's string mode
 * needs whole records (finding those boundaries is already the quote-tracking work) and its
 * streaming mode reads Files itself. The state machine below is ~100 lines and handles quoted
 * fields with newlines, doubled quotes, CRLF and a missing final newline.
 *
 * Each is O(n) in the characters fed, however the text is chunked.
 */

export type RecordSink<T> = {
  record(value: T, line: number, chars: number): void;
  oversized(line: number, chars: number): void;
};

const LF = 10;
const CR = 13;
const QUOTE = 34;

// ---------------------------------------------------------------------------------------------
// JSON Lines

export function createLineSplitter(maxChars: number) {
  let buf = '';
  let skipping = false;
  let skippedChars = 0;
  let lineNo = 1;

  function emit(line: string, sink: RecordSink<string>): void {
    if (line.length > maxChars) sink.oversized(lineNo, line.length);
    else sink.record(line.charCodeAt(line.length - 1) === CR ? line.slice(0, -1) : line, lineNo, line.length);
  }

  return {
    feed(text: string, sink: RecordSink<string>): void {
      let start = 0;
      for (;;) {
        const nl = text.indexOf('\n', start);
        if (nl === -1) {
          if (skipping) skippedChars += text.length - start;
          else if (start < text.length) {
            buf += text.slice(start);
            if (buf.length > maxChars) {
              skipping = true;
              skippedChars = buf.length;
              buf = '';
            }
          }
          return;
        }
        if (skipping) {
          sink.oversized(lineNo, skippedChars + (nl - start));
          skipping = false;
          skippedChars = 0;
        } else {
          const line = buf.length > 0 ? buf + text.slice(start, nl) : text.slice(start, nl);
          buf = '';
          emit(line, sink);
        }
        lineNo++;
        start = nl + 1;
      }
    },
    end(sink: RecordSink<string>): void {
      if (skipping) sink.oversized(lineNo, skippedChars);
      else if (buf.length > 0) emit(buf, sink);
      buf = '';
      skipping = false;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Delimited text (RFC 4180)

const enum Csv {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

export type CsvEndInfo = { unterminatedQuoteLine?: number };

export function createCsvTokenizer(delimiter: string, maxChars: number) {
  const DELIM = delimiter.charCodeAt(0);
  let state = Csv.FieldStart;
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let consumed = 0; // characters fed before the current chunk
  let recordStart = 0; // absolute offset where the current record started
  let skipping = false;
  let recordHasContent = false;
  /** Records that held a line break inside a quoted field. */
  let multiline = 0;
  let recordMultiline = false;

  function endRecord(sink: RecordSink<string[]>, at: number): void {
    const chars = at - recordStart;
    if (skipping) sink.oversized(recordLine, chars);
    else if (recordHasContent || fields.length > 1 || fields[0] !== '') {
      if (recordMultiline) multiline++;
      sink.record(fields, recordLine, chars);
    }
    fields = [];
    field = '';
    skipping = false;
    recordHasContent = false;
    recordMultiline = false;
    recordStart = at + 1;
    recordLine = line + 1;
  }

  function pushField(value: string): void {
    if (!skipping) fields.push(value);
  }

  return {
    get multilineRecords() {
      return multiline;
    },
    feed(text: string, sink: RecordSink<string[]>): void {
      let seg = 0;
      const n = text.length;
      for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i);
        switch (state) {
          case Csv.FieldStart:
            if (c === QUOTE) {
              state = Csv.Quoted;
              recordHasContent = true;
              seg = i + 1;
              continue;
            }
            state = Csv.Unquoted;
            seg = i;
            i--; // the character belongs to an unquoted field: read it again in that state
            continue;
          case Csv.Unquoted:
            if (c === DELIM) {
              pushField(field + text.slice(seg, i));
              field = '';
              recordHasContent = true;
              state = Csv.FieldStart;
            } else if (c === LF) {
              let value = field + text.slice(seg, i);
              if (value.charCodeAt(value.length - 1) === CR) value = value.slice(0, -1);
              pushField(value);
              field = '';
              state = Csv.FieldStart;
              endRecord(sink, consumed + i);
              line++;
            } else if (c !== CR) recordHasContent = true;
            continue;
          case Csv.Quoted:
            if (c === QUOTE) {
              if (!skipping) field += text.slice(seg, i);
              state = Csv.QuoteInQuoted;
            } else if (c === LF) {
              line++;
              recordMultiline = true;
            }
            continue;
          case Csv.QuoteInQuoted:
            if (c === QUOTE) {
              // A doubled quote inside a quoted field.
              if (!skipping) field += '"';
              seg = i + 1;
              state = Csv.Quoted;
            } else if (c === DELIM) {
              pushField(field);
              field = '';
              state = Csv.FieldStart;
            } else if (c === LF) {
              pushField(field);
              field = '';
              state = Csv.FieldStart;
              endRecord(sink, consumed + i);
              line++;
            } else if (c !== CR) {
              // Lenient, like spreadsheets: text after a closing quote joins the field.
              seg = i;
              state = Csv.Unquoted;
            }
            continue;
        }
      }
      if (state === Csv.Unquoted || state === Csv.Quoted) {
        if (!skipping) field += text.slice(seg, n);
      }
      consumed += n;
      if (!skipping && consumed - recordStart > maxChars) {
        skipping = true;
        fields = [];
        field = '';
      }
    },
    end(sink: RecordSink<string[]>): CsvEndInfo {
      if (state === Csv.Quoted) {
        const info = { unterminatedQuoteLine: recordLine };
        fields = [];
        field = '';
        state = Csv.FieldStart;
        return info;
      }
      if (state === Csv.Unquoted || state === Csv.QuoteInQuoted || fields.length > 0) {
        let value = field;
        if (value.charCodeAt(value.length - 1) === CR) value = value.slice(0, -1);
        pushField(value);
        field = '';
        endRecord(sink, consumed);
      }
      state = Csv.FieldStart;
      return {};
    },
  };
}

// ---------------------------------------------------------------------------------------------
// One top-level JSON array, element by element

const enum Arr {
  Before,
  Between,
  In,
  After,
}

function isJsonSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

export function createJsonArraySplitter(maxChars: number) {
  let state = Arr.Before;
  let depth = 0;
  let inString = false;
  let escape = false;
  let elem = '';
  let elemLine = 1;
  let elemChars = 0;
  let skipping = false;
  let line = 1;
  /** Non-space characters after the closing bracket. */
  let trailing = 0;
  let trailingLine = 0;

  function finish(text: string, from: number, to: number, sink: RecordSink<string>): void {
    elemChars += to - from;
    if (skipping) sink.oversized(elemLine, elemChars);
    else {
      const value = (elem + text.slice(from, to)).trimEnd();
      if (value.length > maxChars) sink.oversized(elemLine, value.length);
      else sink.record(value, elemLine, value.length);
    }
    elem = '';
    elemChars = 0;
    skipping = false;
  }

  return {
    get trailing() {
      return { chars: trailing, line: trailingLine };
    },
    get closed() {
      return state === Arr.After;
    },
    feed(text: string, sink: RecordSink<string>): void {
      let start = 0;
      const n = text.length;
      for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c === LF) line++;
        switch (state) {
          case Arr.Before:
            if (c === 91 /* [ */) state = Arr.Between;
            continue;
          case Arr.Between:
            if (isJsonSpace(c) || c === 44 /* , */) continue;
            if (c === 93 /* ] */) {
              state = Arr.After;
              continue;
            }
            state = Arr.In;
            start = i;
            elemLine = line;
            depth = 0;
            inString = false;
            escape = false;
            i--; // read the element's first character again in the In state (never a line break)
            continue;
          case Arr.In:
            if (inString) {
              if (escape) escape = false;
              else if (c === 92 /* \ */) escape = true;
              else if (c === QUOTE) inString = false;
            } else if (c === QUOTE) inString = true;
            else if (c === 123 || c === 91) depth++;
            else if (c === 125 || c === 93) {
              if (depth === 0) {
                // `]` closing the array right after a bare value.
                finish(text, start, i, sink);
                state = Arr.After;
              } else if (--depth === 0) {
                finish(text, start, i + 1, sink);
                state = Arr.Between;
              }
            } else if (c === 44 && depth === 0) {
              finish(text, start, i, sink);
              state = Arr.Between;
            }
            continue;
          case Arr.After:
            if (!isJsonSpace(c)) {
              if (trailing === 0) trailingLine = line;
              trailing++;
            }
            continue;
        }
      }
      if (state === Arr.In) {
        elemChars += n - start;
        if (!skipping) {
          elem += text.slice(start);
          if (elem.length > maxChars) {
            skipping = true;
            elem = '';
          }
        }
      }
    },
    /** Returns the line of an element left open at the end (a truncated file), if any. */
    end(sink: RecordSink<string>): { openElementLine?: number; unclosed: boolean } {
      let openElementLine: number | undefined;
      if (state === Arr.In) {
        if (depth === 0 && !inString && elem.trim() !== '') finish('', 0, 0, sink);
        else openElementLine = elemLine;
      }
      const unclosed = state !== Arr.After;
      elem = '';
      return { openElementLine, unclosed };
    },
  };
}
