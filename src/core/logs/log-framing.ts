/**
 * Framing: decoded text (any chunking) → raw records or one whole document.
 *
 * 1. Sniff the container from the first `sniffChars`: empty / binary / markup / JSON array /
 *    JSON document / YAML / JSON Lines / delimited text (sniff.ts). A refusal ends the file.
 * 2. Streams are split record by record with a per-record cap (splitters.ts): JSON Lines, JSON
 *    array elements, CSV/TSV records (the first is the header). Overlong records are counted.
 * 3. Documents (vLLM, guidellm, OTLP, `{data:[…]}`, YAML) are buffered up to `maxDocumentChars`
 *    and parsed whole at the end; a "document" whose first line is a JSON object is JSON Lines
 *    after all.
 * It also counts the characters and lines it was given.
 */
import type { DiagnosticsCollector } from './diagnostics-collector';
import { countNewlines, isPlainObject, plural } from './log-text';
import { sniffContainer } from './sniff';
import { createCsvTokenizer, createJsonArraySplitter, createLineSplitter, type RecordSink } from './splitters';
import type { Container } from './types';
import { toNumber } from './units';

export type FramingSettings = {
  maxLineChars: number;
  maxDocumentChars: number;
  sniffChars: number;
  fileName?: string;
  parseYaml?: (text: string) => unknown;
};

export type FramingEvents = {
  /** One raw record; `size` is its length in characters (0 for the header's data and document records). */
  record(raw: Record<string, unknown>, line: number, size: number): void;
  /** The whole parsed document. */
  document(doc: unknown): void;
  /** The file cannot be read; the framing has to be closed (`close`) by the handler. */
  fail(message: string): void;
};

type Stage = 'sniff' | 'stream' | 'document' | 'closed';

export class LogFraming {
  private stage: Stage = 'sniff';
  private sniffBuf = '';
  private nextSniffAt: number;
  private lineSplitter: ReturnType<typeof createLineSplitter> | null = null;
  private arraySplitter: ReturnType<typeof createJsonArraySplitter> | null = null;
  private csv: ReturnType<typeof createCsvTokenizer> | null = null;
  private docParts: string[] = [];
  private docChars = 0;
  private yamlDocument = false;
  private newlines = 0;
  private lastChar = 0;
  container: Container | null = null;
  /** The CSV/TSV column names, once the header line is read. */
  header: string[] | null = null;
  chars = 0;

  private readonly jsonSink: RecordSink<string>;
  private readonly csvSink: RecordSink<string[]>;

  constructor(
    private readonly settings: FramingSettings,
    private readonly diagnostics: DiagnosticsCollector,
    private readonly events: FramingEvents,
  ) {
    this.nextSniffAt = settings.sniffChars;
    this.jsonSink = {
      record: (text, line, size) => {
        // A record opening with '{' is not blank: skip the trim (a copy of every line) for those.
        if (text.charCodeAt(0) !== 123 && text.trim() === '') return;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          diagnostics.malformedAt(line, 'not valid JSON');
          return;
        }
        if (!isPlainObject(value)) {
          diagnostics.malformedAt(line, 'not a JSON object');
          return;
        }
        events.record(value, line, size);
      },
      oversized: (line) => diagnostics.oversizedAt(line),
    };
    this.csvSink = {
      record: (fields, line, size) => {
        const header = this.header;
        if (header === null) {
          this.setHeader(fields, line);
          return;
        }
        if (fields.length !== header.length) {
          if (fields.length === 1 && fields[0].trim() === '') return;
          diagnostics.malformedAt(line, `wrong number of fields (header has ${header.length})`);
          return;
        }
        const obj: Record<string, unknown> = {};
        for (let i = 0; i < header.length; i++) obj[header[i]] = fields[i];
        events.record(obj, line, size);
      },
      oversized: (line) => {
        if (this.header === null) events.fail(`The header line is longer than ${plural(settings.maxLineChars, 'character')}: this is not a readable CSV/TSV file.`);
        else diagnostics.oversizedAt(line);
      },
    };
  }

  /** Physical lines seen (a last line without a newline counts). */
  get lines(): number {
    return this.newlines + (this.lastChar !== 10 && this.chars > 0 ? 1 : 0);
  }

  get multilineRecords(): number {
    return this.csv ? this.csv.multilineRecords : 0;
  }

  feed(text: string): void {
    this.chars += text.length;
    this.newlines += countNewlines(text);
    this.lastChar = text.charCodeAt(text.length - 1);
    if (this.stage === 'sniff') {
      this.sniffBuf += text;
      if (this.sniffBuf.length >= this.nextSniffAt) this.start(false);
    } else this.route(text);
  }

  /** No more text: sniffs what is left, flushes the last record or parses the document. */
  end(): void {
    if (this.stage === 'sniff') this.start(true);
    if (this.stage === 'stream') this.endStream();
    else if (this.stage === 'document') this.finishDocument();
  }

  /** Drops every buffer; nothing more is read. */
  close(): void {
    this.stage = 'closed';
    this.sniffBuf = '';
    this.docParts = [];
    this.lineSplitter = null;
    this.arraySplitter = null;
    this.csv = null;
  }

  private setHeader(fields: string[], line: number): void {
    const cleaned = fields.map((f) => f.trim());
    const numeric = cleaned.length > 0 && cleaned.every((c) => c !== '' && toNumber(c) !== undefined);
    const seen = new Map<string, number>();
    const names = (numeric ? cleaned.map((_, i) => `column_${i + 1}`) : cleaned).map((name, i) => {
      const base = name === '' ? `column_${i + 1}` : name;
      const k = (seen.get(base) ?? 0) + 1;
      seen.set(base, k);
      return k === 1 ? base : `${base}_${k}`;
    });
    this.header = names;
    if (numeric) {
      this.diagnostics.notes.push(`The first line looks like data, not a header; columns are named column_1 … column_${names.length}. Map them by hand.`);
      const obj: Record<string, unknown> = {};
      for (let i = 0; i < names.length; i++) obj[names[i]] = fields[i];
      this.events.record(obj, line, 0);
    }
  }

  private start(isEnd: boolean): void {
    const notes = this.diagnostics.notes;
    let text = this.sniffBuf;
    if (text.charCodeAt(0) === 0xfeff) {
      text = text.slice(1);
      notes.push('A UTF-8 byte-order mark (BOM) at the start was ignored.');
    }
    const s = sniffContainer(text, isEnd, this.settings.fileName);
    switch (s.kind) {
      case 'undecided':
        this.sniffBuf = text;
        // Look again once the buffer has doubled, so undecided text is not rescanned per chunk.
        this.nextSniffAt = Math.max(this.settings.sniffChars, text.length * 2);
        // Still undecided after a whole line's worth: stream it as JSON Lines.
        if (text.length > this.settings.maxLineChars) this.beginStream('jsonl', text);
        return;
      case 'empty':
        this.events.fail(this.chars === 0 ? 'The file is empty.' : 'The file holds only whitespace: no records.');
        return;
      case 'binary':
        this.events.fail(
          `This is not a text log: ${Math.round(s.share * 1000) / 10}% of the first ${plural(Math.min(text.length, 65536), 'character')} are control or undecodable bytes. Upload JSON Lines, JSON, CSV or TSV (gzip is fine; zip, xlsx and parquet are not supported).`,
        );
        return;
      case 'markup':
        this.events.fail('This looks like HTML or XML, not a request log. Upload JSON Lines, JSON, CSV or TSV.');
        return;
      case 'json-document':
      case 'yaml':
        this.container = s.kind;
        this.stage = 'document';
        this.yamlDocument = s.kind === 'yaml';
        this.sniffBuf = '';
        this.route(text);
        return;
      case 'json-array':
      case 'jsonl':
        this.beginStream(s.kind, text);
        return;
      case 'dsv':
        this.beginStream(s.delimiter === ',' ? 'csv' : s.delimiter === '\t' ? 'tsv' : 'dsv', text, s.delimiter);
        return;
    }
  }

  private beginStream(kind: Container, text: string, delimiter = ','): void {
    const maxLine = this.settings.maxLineChars;
    this.container = kind;
    this.stage = 'stream';
    this.sniffBuf = '';
    if (kind === 'jsonl') this.lineSplitter = createLineSplitter(maxLine);
    else if (kind === 'json-array') this.arraySplitter = createJsonArraySplitter(maxLine);
    else {
      this.csv = createCsvTokenizer(delimiter, maxLine);
      if (kind === 'dsv') this.diagnostics.notes.push(`Delimited text with "${delimiter}" between fields.`);
    }
    this.route(text);
  }

  private route(text: string): void {
    if (this.stage === 'document') {
      const maxDoc = this.settings.maxDocumentChars;
      this.docChars += text.length;
      if (this.docChars > maxDoc) {
        this.events.fail(
          `This file is one JSON document (not JSON Lines), which has to be read whole; documents up to ${Math.round(maxDoc / 1048576)} MB are accepted and this one is larger. Export per-request JSON Lines instead, or split the file.`,
        );
        return;
      }
      this.docParts.push(text);
      return;
    }
    if (this.lineSplitter) this.lineSplitter.feed(text, this.jsonSink);
    else if (this.arraySplitter) this.arraySplitter.feed(text, this.jsonSink);
    else if (this.csv) this.csv.feed(text, this.csvSink);
  }

  /** Flushes the last record, with notes on a file that looks cut short. */
  private endStream(): void {
    const { diagnostics } = this;
    const notes = diagnostics.notes;
    if (this.lineSplitter) this.lineSplitter.end(this.jsonSink);
    const array = this.arraySplitter;
    if (array) {
      const info = array.end(this.jsonSink);
      if (info.openElementLine !== undefined) {
        diagnostics.malformedAt(info.openElementLine, 'cut off at the end of the file');
        notes.push(`The file ends inside a record that starts on line ${info.openElementLine}: it looks cut short.`);
      } else if (info.unclosed) notes.push('The JSON array is not closed with "]": the file may be cut short; every complete record was kept.');
      const trailing = array.trailing;
      if (trailing.chars > 0) notes.push(`There is text after the closing "]" (from line ${trailing.line}); it was ignored.`);
    }
    if (this.csv) {
      const info = this.csv.end(this.csvSink);
      if (info.unterminatedQuoteLine !== undefined) {
        diagnostics.malformedAt(info.unterminatedQuoteLine, 'unterminated quoted field');
        notes.push(`The file ends inside a quoted field that starts on line ${info.unterminatedQuoteLine}; that last record was dropped.`);
      }
    }
  }

  private finishDocument(): void {
    const text = this.docParts.join('');
    this.docParts = [];
    if (this.yamlDocument) {
      const parseYaml = this.settings.parseYaml;
      if (!parseYaml) {
        this.events.fail('This is a YAML file (e.g. guidellm benchmarks.yaml), which cannot be read here; upload the same report as JSON (benchmarks.json).');
        return;
      }
      let doc: unknown;
      try {
        doc = parseYaml(text);
      } catch (e) {
        this.events.fail(`The file looks like YAML but is not valid YAML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}. Nothing could be read.`);
        return;
      }
      this.events.document(doc);
      return;
    }
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      // Maybe JSON Lines after all (a first line longer than the sniff window).
      if (firstLineIsObject(text)) {
        this.container = 'jsonl';
        this.stage = 'stream';
        const lines = (this.lineSplitter = createLineSplitter(this.settings.maxLineChars));
        lines.feed(text, this.jsonSink);
        lines.end(this.jsonSink);
        return;
      }
      const message = e instanceof Error ? e.message : String(e);
      const line = positionToLine(text, message);
      this.events.fail(`The file starts like one JSON document but is not valid JSON${line ? ` (error near line ${line})` : ''}: ${message}. If it was cut short, re-export it; nothing could be read.`);
      return;
    }
    this.events.document(doc);
  }
}

function firstLineIsObject(text: string): boolean {
  const firstBreak = text.indexOf('\n');
  const firstLine = firstBreak >= 0 ? text.slice(0, firstBreak) : '';
  try {
    return firstLine.trim() !== '' && isPlainObject(JSON.parse(firstLine));
  } catch {
    return false;
  }
}

/** The line of a JSON.parse error: its own "line N", else counted from its "position N". */
export function positionToLine(text: string, message: string): number | undefined {
  const lc = /line (\d+)/i.exec(message);
  if (lc) return Number(lc[1]);
  const pos = /position (\d+)/i.exec(message);
  if (!pos) return undefined;
  const p = Math.min(Number(pos[1]), text.length);
  let line = 1;
  for (let i = 0; i < p; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
