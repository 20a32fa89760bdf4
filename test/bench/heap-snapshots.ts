/**
 * Diagnostic (not part of `npm run bench`): the memory bench's 1,000-run demo batch, with a heap
 * snapshot of the page after forced GC at 100 finished runs and at 1,000, written to
 * bench-results/heap-{early,end}.heapsnapshot, and the heap of each worker at both points.
 * `npx vite build && npx tsx test/bench/heap-snapshots.ts`, then
 * `npx tsx test/bench/heap-diff.ts bench-results/heap-early.heapsnapshot bench-results/heap-end.heapsnapshot`.
 */
import { chromium, type CDPSession } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/support/chromium';
import { attachHeapProbe, serveDist } from './support';

const RUNS = Number(process.env.SNAP_RUNS ?? 1000);
const EARLY = Number(process.env.SNAP_EARLY ?? 100);

async function snapshot(cdp: CDPSession, file: string): Promise<void> {
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  writeFileSync(file, chunks.join(''));
}

async function main() {
  mkdirSync('bench-results', { recursive: true });
  const served = await serveDist();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${served.origin}/#/runs`);
    const probe = await attachHeapProbe(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    const queries = Array.from({ length: RUNS }, (_, i) => `Quick: what is ${i + 2} times ${(i % 17) + 3}?`);
    await page.getByLabel('Queries', { exact: true }).fill(queries.join('\n'));
    await page.getByLabel('Concurrency').fill('8');
    await page.getByRole('button', { name: 'Run batch' }).click();
    await page.waitForFunction((n) => Number(document.querySelector('progress[aria-label="Batch progress"]')?.getAttribute('value')) >= n, EARLY, { timeout: 120_000, polling: 100 });
    await probe.collectGarbage();
    const early = { main: await probe.main(), workers: await probe.workers(), count: probe.workerCount() };
    await snapshot(cdp, 'bench-results/heap-early.heapsnapshot');
    await page.getByText(/— finished in [\d.]+ s/).waitFor({ timeout: 600_000 });
    await page.waitForTimeout(500);
    await probe.collectGarbage();
    const end = { main: await probe.main(), workers: await probe.workers(), count: probe.workerCount() };
    await snapshot(cdp, 'bench-results/heap-end.heapsnapshot');
    const mb = (v: number) => (v / 1e6).toFixed(2);
    console.log(`early: main ${mb(early.main)} MB, workers ${mb(early.workers)} MB (${early.count}), total ${mb(early.main + early.workers)}`);
    console.log(`end:   main ${mb(end.main)} MB, workers ${mb(end.workers)} MB (${end.count}), total ${mb(end.main + end.workers)}`);
    console.log(`ratio ${((end.main + end.workers) / (early.main + early.workers)).toFixed(3)}`);
    await context.close();
  } finally {
    await browser.close();
    await served.close();
  }
}

void main();
