import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { iterateRows } from '../../src/core/logs';
import { parseLogBlobs } from '../../src/workers/log-parse-handler';

const file = (bytes: Uint8Array | string, name: string) => new File([bytes as BlobPart], name);
const CSV = 'steps,latency_ms,status,error\n3,1200,ok,\n4,2500,error,“délai” dépassé\n5,3100,ok,\n';
const EXPECTED = [
  { steps: 3, latencyMs: 1200, outcome: 'ok', timedOut: false, file: 0 },
  { steps: 4, latencyMs: 2500, outcome: 'error', timedOut: false, error: '“délai” dépassé', file: 0 },
  { steps: 5, latencyMs: 3100, outcome: 'ok', timedOut: false, file: 0 },
];

function utf16(text: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const le = Buffer.from((bom ? '\ufeff' : '') + text, 'utf16le');
  if (order === 'le') return new Uint8Array(le);
  const be = new Uint8Array(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) {
    be[i] = le[i + 1];
    be[i + 1] = le[i];
  }
  return be;
}

/** Windows-1252 bytes of a text with only Latin-1 letters and curly quotes. */
function cp1252(text: string): Uint8Array {
  const map: Record<string, number> = { '“': 0x93, '”': 0x94 };
  return Uint8Array.from([...text].map((c) => map[c] ?? c.charCodeAt(0)));
}

describe('decode step', () => {
  for (const [label, bytes] of [
    ['UTF-16 LE with a BOM', utf16(CSV, 'le', true)],
    ['UTF-16 BE with a BOM', utf16(CSV, 'be', true)],
    ['UTF-16 LE without a BOM', utf16(CSV, 'le', false)],
    ['Windows-1252', cp1252(CSV)],
  ] as const) {
    it(`reads a ${label} CSV (once rejected as "not a text log") with every character`, async () => {
      const result = await parseLogBlobs([file(bytes, 'export.csv')]);
      const d = result.files[0].diagnostics;
      expect(d.fatal).toBe(false);
      expect([...iterateRows(result.rows)]).toEqual(EXPECTED);
      expect(d.messages.join(' ')).toMatch(label.startsWith('Windows') ? /Decoded as Windows-1252: not valid UTF-8/ : /Decoded as UTF-16 (LE|BE)/);
    });
  }

  it('still reads UTF-8 as before, with no encoding message, also when gzipped and when a character is cut by the sniff window', async () => {
    const pad = 'x'.repeat(64 * 1024 - 2);
    const text = `steps,latency_ms,note\n3,1200,${pad}é\n4,2500,ok\n`;
    for (const f of [file(text, 'a.csv'), file(gzipSync(Buffer.from(text)), 'a.csv.gz')]) {
      const result = await parseLogBlobs([f]);
      expect(result.files[0].encoding).toBe('utf-8');
      expect(result.files[0].diagnostics.messages.join(' ')).not.toMatch(/Decoded as/);
      expect(Array.from(result.rows.steps)).toEqual([3, 4]);
    }
  });
});

describe('caps', () => {
  const line = (i: number) => `{"steps":${1 + (i % 9)},"latency_ms":${1000 + i},"status":"ok"}\n`;

  it('a gzip bomb stops at the row cap: the rows read by then are kept and counted, the cut line is not "malformed", and the report says so', async () => {
    const text = Array.from({ length: 20000 }, (_, i) => line(i)).join('');
    const gz = gzipSync(Buffer.from(text));
    expect(text.length / gz.length).toBeGreaterThan(10);
    const result = await parseLogBlobs([file(gz, 'bomb.jsonl.gz')], {}, { maxRows: 5000 });
    const r = result.files[0];
    const n = result.rows.length;
    // Reading stops after the chunk that reached the cap: at most one chunk (64 KiB ≈ 1,300 lines) more.
    expect(n).toBeGreaterThanOrEqual(5000);
    expect(n).toBeLessThan(5000 + 1400);
    expect(r.diagnostics.rowsOk).toBe(n);
    expect(r.diagnostics.counts.ok).toBe(n);
    expect(r.diagnostics.malformed.count).toBe(0);
    expect(r.capped).toMatchObject({ by: 'rows', rows: n });
    expect(r.diagnostics.messages[0]).toBe(
      `Reading stopped at the cap of 5,000 rows: the first ${n.toLocaleString('en-US')} rows (${(r.capped!.textBytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: 2 })} MB of text decompressed from a ${(gz.length / 1e6).toLocaleString('en-US', { maximumFractionDigits: 2 })} MB file) are analysed, the rest was not read. For logs this big, aggregate them with the warehouse SQL and drop the bucket CSV here.`,
    );
    // The kept rows are the first ones, in order.
    expect(Array.from(result.rows.latencyMs.subarray(0, n))).toEqual(Array.from({ length: n }, (_, i) => 1000 + i));
  });

  it('stops at the byte cap of decompressed text, keeping exactly the whole lines before it', async () => {
    const text = Array.from({ length: 20000 }, (_, i) => line(i)).join('');
    const cap = 100_000;
    const result = await parseLogBlobs([file(gzipSync(Buffer.from(text)), 'big.jsonl.gz')], {}, { maxTextBytes: cap });
    const r = result.files[0];
    expect(r.capped?.by).toBe('bytes');
    expect(r.capped?.textBytes).toBe(cap);
    const whole = text.slice(0, cap).split('\n').length - 1;
    expect(result.rows.length).toBe(whole);
    expect(r.diagnostics.malformed.count).toBe(0);
    expect(r.diagnostics.messages[0]).toMatch(/^Reading stopped at the cap of 0\.1 MB of decompressed text: the first [\d,]+ rows \(0\.1 MB of text decompressed/);
  });

  it('counts the cap over all files of a parse; a file after the cap is not read', async () => {
    const a = Array.from({ length: 300 }, (_, i) => line(i)).join('');
    const result = await parseLogBlobs([file(a, 'a.jsonl'), file(a, 'b.jsonl'), file(a, 'c.jsonl')], {}, { maxRows: 400 });
    expect(result.files[0].capped).toBeUndefined();
    expect(result.files[1].capped?.by).toBe('rows');
    expect(result.files[1].diagnostics.rowsOk).toBe(300);
    expect(result.files[2].capped?.rows).toBe(0);
    expect(result.rows.length).toBe(600);
  });

  it('gives a line longer than the carry limit to the parser in pieces (a one-line JSON document still reads)', async () => {
    const doc = JSON.stringify({ ttfts: Array.from({ length: 150_000 }, () => 0.5), input_lens: Array.from({ length: 150_000 }, () => 10), output_lens: Array.from({ length: 150_000 }, () => 20), itls: Array.from({ length: 150_000 }, () => []) });
    expect(doc.length).toBeGreaterThan(1024 * 1024);
    const result = await parseLogBlobs([file(doc, 'vllm.json')]);
    expect(result.files[0].diagnostics.fatal).toBe(false);
    expect(result.rows.length).toBe(150_000);
  });
});

describe('implausible values', () => {
  it('a 1e20 latency and an int64-max placeholder are read as missing, with a message saying how many rows and why', async () => {
    const text = 'steps,latency_ms,status\n3,1200,ok\n4,1e20,ok\n5,9223372036854775807,ok\n6,2000,ok\n';
    const result = await parseLogBlobs([file(text, 'odd.csv')]);
    expect(Array.from(result.rows.latencyMs)).toEqual([1200, NaN, NaN, 2000]);
    expect(Array.from(result.rows.steps)).toEqual([3, 4, 5, 6]);
    expect(result.files[0].diagnostics.messages[0]).toMatch(/^Implausible values in 2 rows read as missing: 2 latency values over 7 days/);
  });
});
