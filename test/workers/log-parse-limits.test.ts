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

  it('a gzip bomb stops at the row cap: the rows before it are kept, counted, and the report says so', async () => {
    const text = Array.from({ length: 20000 }, (_, i) => line(i)).join('');
    const gz = gzipSync(Buffer.from(text));
    expect(text.length / gz.length).toBeGreaterThan(10);
    const result = await parseLogBlobs([file(gz, 'bomb.jsonl.gz')], {}, { maxRows: 5000 });
    const r = result.files[0];
    expect(result.rows.length).toBe(5000);
    expect(r.diagnostics.rowsOk).toBe(5000);
    expect(r.diagnostics.counts.ok).toBe(5000);
    expect(r.capped).toMatchObject({ by: 'rows', rows: 5000 });
    expect(r.diagnostics.messages[0]).toMatch(/^Reading stopped at the cap of 5,000 rows: the first 5,000 rows \(.* MB of decompressed text from .* of the .* file\) are analysed, the rest was not read/);
    // The kept rows are the first ones, in order.
    expect(result.rows.latencyMs[4999]).toBe(1000 + 4999);
  });

  it('stops at the byte cap of decompressed text, keeping the whole rows before it', async () => {
    const text = Array.from({ length: 20000 }, (_, i) => line(i)).join('');
    const cap = 100_000;
    const result = await parseLogBlobs([file(gzipSync(Buffer.from(text)), 'big.jsonl.gz')], {}, { maxTextBytes: cap });
    const r = result.files[0];
    expect(r.capped?.by).toBe('bytes');
    expect(r.capped?.textBytes).toBe(cap);
    // Every complete line within the first `cap` bytes, and nothing after.
    const whole = text.slice(0, cap).split('\n').length - 1;
    expect(result.rows.length).toBeGreaterThanOrEqual(whole);
    expect(result.rows.length).toBeLessThanOrEqual(whole + 1);
    expect(r.diagnostics.messages[0]).toMatch(/Reading stopped at the cap of 0\.1 MB of decompressed text/);
  });

  it('counts the cap over all files of a parse', async () => {
    const a = Array.from({ length: 300 }, (_, i) => line(i)).join('');
    const result = await parseLogBlobs([file(a, 'a.jsonl'), file(a, 'b.jsonl')], {}, { maxRows: 400 });
    expect(result.rows.length).toBe(400);
    expect(result.files[0].capped).toBeUndefined();
    expect(result.files[1].capped?.rows).toBe(400);
    expect(result.files[1].diagnostics.rowsOk).toBe(100);
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
