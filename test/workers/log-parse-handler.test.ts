import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { iterateRows } from '../../src/core/logs';
import { createLogParseHandler, parseLogBlobs, type LogParseResponse, type ParseProgress } from '../../src/workers/log-parse-handler';
import { parseLogFiles } from '../../src/workers/log-parse-client';

const root = join(__dirname, '..', '..');
const file = (text: string | Uint8Array, name: string) => new File([text as BlobPart], name);
const demoText = readFileSync(join(root, 'public', 'samples', 'reasoning-requests.jsonl'));

describe('log-parse handler', () => {
  it('streams a gzipped file and a plain one, with columnar rows tagged by file', async () => {
    const gz = file(gzipSync(demoText), 'reasoning-requests.jsonl.gz');
    const csv = file('steps,latency_ms,status\n3,1000,ok\n4,,timeout\n', 'small.csv');
    const result = await parseLogBlobs([gz, csv]);
    expect(result.files.map((f) => [f.name, f.gzip, f.diagnostics.format, f.diagnostics.rowsOk])).toEqual([
      ['reasoning-requests.jsonl.gz', true, 'generic', 3000],
      ['small.csv', false, 'generic', 2],
    ]);
    expect(result.files[0].bytesRead).toBe(gz.size);
    expect(result.files[0].diagnostics.messages[0]).toMatch(/gzip-compressed/);
    expect(result.rows.length).toBe(3002);
    expect(result.rows.steps).toBeInstanceOf(Float64Array);
    const last = [...iterateRows(result.rows)].slice(-2);
    expect(last).toEqual([
      { steps: 3, latencyMs: 1000, outcome: 'ok', timedOut: false, file: 1 },
      { steps: 4, outcome: 'timeout', timedOut: true, file: 1 },
    ]);
  });

  it('reports progress at most every interval, ending with all bytes', async () => {
    let t = 0;
    const progress: ParseProgress[] = [];
    const big = file(demoText, 'demo.jsonl');
    await parseLogBlobs([big], {}, { onProgress: (p) => progress.push(p), now: () => (t += 30), progressIntervalMs: 100 });
    expect(progress.length).toBeGreaterThan(1);
    const last = progress[progress.length - 1];
    expect(last).toMatchObject({ bytesRead: big.size, totalBytes: big.size, rows: 3000, files: 1, fileName: 'demo.jsonl' });
    for (let i = 1; i < progress.length; i++) expect(progress[i].bytesRead).toBeGreaterThanOrEqual(progress[i - 1].bytesRead);
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    const promise = parseLogBlobs([file(demoText, 'a.jsonl'), file(demoText, 'b.jsonl')], {}, { signal: controller.signal, onProgress: () => controller.abort(), progressIntervalMs: 0 });
    await expect(promise).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('damaged gzip keeps the rows read so far; binary files stop early with a message', async () => {
    const gz = gzipSync(demoText);
    const cut = file(gz.subarray(0, Math.floor(gz.length / 2)), 'cut.jsonl.gz');
    const bin = file(new Uint8Array(4096).map((_, i) => (i * 31) % 256), 'image.png');
    const result = await parseLogBlobs([cut, bin]);
    const [a, b] = result.files;
    expect(a.diagnostics.rowsOk).toBeGreaterThan(100);
    expect(a.diagnostics.rowsOk).toBeLessThan(3000);
    expect(a.diagnostics.messages.join(' ')).toMatch(/gzip data is damaged or cut short/);
    expect(b.diagnostics.fatal).toBe(true);
    expect(b.diagnostics.messages.join(' ')).toMatch(/not a text log/);
  });

  it('keeps a UTF-8 BOM visible to the parser so it can say it dropped it', async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('steps,latency_ms\n1,2\n')]);
    const result = await parseLogBlobs([file(bom, 'bom.csv')]);
    expect(result.files[0].diagnostics.mapping.steps?.column).toBe('steps');
    expect(result.files[0].diagnostics.messages.join(' ')).toMatch(/byte-order mark/);
  });

  it('the message handler posts progress, then the result with transferable buffers; cancel aborts', async () => {
    const posts: { message: LogParseResponse; transfer: Transferable[] }[] = [];
    const h = createLogParseHandler((message, transfer) => posts.push({ message, transfer }));
    await h.handle({ type: 'parse', id: 7, files: [file('steps\n1\n2\n', 'x.csv')], options: {} });
    const done = posts.find((p) => p.message.type === 'done')!;
    expect(done.message.id).toBe(7);
    // Every column's buffer, each once: here steps, the one all-NaN array the six columns this
    // file lacks share, and outcome, file and error index.
    const result = (done.message as Extract<LogParseResponse, { type: 'done' }>).result;
    const columns = [result.rows.steps, result.rows.reasoningTokens, result.rows.outputTokens, result.rows.inputTokens, result.rows.latencyMs, result.rows.ttftMs, result.rows.timestampMs, result.rows.outcome, result.rows.file, result.rows.errorIndex];
    expect(new Set(done.transfer)).toEqual(new Set(columns.map((c) => c.buffer)));
    expect(done.transfer.length).toBe(5);
    const pending = h.handle({ type: 'parse', id: 8, files: [file(demoText, 'y.jsonl')], options: {} });
    void h.handle({ type: 'cancel', id: 8 });
    await pending;
    expect(posts.at(-1)!.message).toMatchObject({ type: 'error', id: 8, name: 'AbortError' });
    expect(h.running).toBe(0);
  });
});

describe('log-parse client', () => {
  it('runs the handler in-thread where Worker is missing, with options such as a mapping override', async () => {
    expect(typeof Worker).toBe('undefined');
    const progress: ParseProgress[] = [];
    const result = await parseLogFiles([file('a,b\n1,2\n', 'x.csv')], { mapping: { steps: { column: 'a', unit: 'count' } } }, (p) => progress.push(p));
    expect(result.rows.length).toBe(1);
    expect(result.rows.steps[0]).toBe(1);
    expect(progress.at(-1)).toMatchObject({ rows: 1 });
    const controller = new AbortController();
    controller.abort();
    await expect(parseLogFiles([file('a\n1\n', 'x.csv')], {}, undefined, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
