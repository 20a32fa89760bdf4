/**
 * Inputs that once hung, froze or were refused by the planner: a latency of 1e20 (and an exporter's
 * int64-max placeholder), a gzip bomb, UTF-16 and Windows-1252 CSVs. The page must say what it did
 * and stay usable: no main-thread task over 200 ms from the upload until the page shows what it
 * refused (PerformanceObserver 'longtask', buffered), and the page answers a setting change and
 * "Clear all" afterwards. (The window ends there: drawing the result charts for the first time is
 * the same work for any log and is not what these inputs used to break.)
 */
import { expect, test, type Page } from '@playwright/test';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { PlannerPage } from './support/planner-page';

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'planner-limits-'));
});
test.afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
});

/** The longest main-thread task that started in [from, to] (ms on the page's clock). */
async function longestTask(page: Page, from: number, to: number): Promise<number> {
  const tasks = await page.evaluate(
    ([a, b]) => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((e) => e.start >= a && e.start <= b),
    [from, to] as const,
  );
  // Printed so a failure shows when in the upload each long task fell.
  console.log(`long tasks: ${tasks.map((t) => `${Math.round(t.duration)} ms at +${Math.round(t.start - from)} ms`).join(', ') || 'none'}`);
  return Math.max(0, ...tasks.map((t) => t.duration));
}

const now = (page: Page) => page.evaluate(() => performance.now());

function requestLine(i: number, latencyMs: number | string): string {
  const steps = 1 + (i % 30);
  return `{"timestamp":${1795165200000 + i * 500},"steps":${steps},"latency_ms":${latencyMs},"status":"ok"}\n`;
}

test('a log with a 1e20 latency and an int64-max placeholder: the values are refused with a message, the analysis finishes, the page stays responsive', { tag: '@timing' }, async ({ page }) => {
  const lines: string[] = [];
  for (let i = 0; i < 3000; i++) lines.push(requestLine(i, i === 1234 ? '1e20' : i === 2345 ? '9223372036854775807' : (1 + (i % 30)) * 1100 + 800));
  const path = join(dir, 'placeholder-latency.jsonl');
  writeFileSync(path, lines.join(''));

  const planner = new PlannerPage(page);
  await planner.open();
  const t0 = await now(page);
  await planner.upload.setInputFiles(path);
  const report = planner.fileReport('placeholder-latency.jsonl');
  await expect(report).toContainText('Implausible values in 2 rows read as missing: 2 latency values over 7 days (largest 1.00e+17 s', { timeout: 30_000 });
  const t1 = await now(page);
  await expect(report).toContainText('the rows themselves are kept');
  expect(await longestTask(page, t0, t1)).toBeLessThan(200);
  await expect(page.getByRole('region', { name: 'Request counts' })).toContainText('3,000 requests', { timeout: 30_000 });
  await expect(page.getByText(/^Analysed in \d+ ms/)).toBeVisible();
  // The fleet plan is a plan, not a search for 10¹⁵ servers.
  await expect(page.getByRole('region', { name: 'Fleet size' })).toContainText("Little's law");
  await expect(page.getByRole('region', { name: 'Fleet size' })).not.toContainText('search cap');
  // Usable: a setting change is analysed again.
  await page.getByLabel('Concurrency per instance').fill('4');
  await expect(page.getByText(/^Analysed in \d+ ms/)).toBeVisible({ timeout: 30_000 });
  // Clear all empties the page at once.
  await page.getByRole('button', { name: 'Clear all' }).click();
  await expect(page.getByText('Upload request logs or load the sample to see the analysis.')).toBeVisible();
});

test('a gzip bomb stops at the row cap with a message; the rows before it are analysed', { tag: '@timing' }, async ({ page }) => {
  test.setTimeout(240_000);
  // 8 million near-identical rows (~370 MB of text) gzip to a few hundred kB.
  const path = join(dir, 'bomb.jsonl.gz');
  const gz = createGzip({ level: 1 });
  const out = createWriteStream(path);
  gz.pipe(out);
  const block = Array.from({ length: 10_000 }, (_, i) => `{"steps":${1 + (i % 30)},"latency_ms":${(1 + (i % 30)) * 1100},"status":"ok"}\n`).join('');
  for (let k = 0; k < 800; k++) if (!gz.write(block)) await new Promise<void>((r) => gz.once('drain', () => r()));
  gz.end();
  await new Promise<void>((r) => out.once('finish', () => r()));

  const planner = new PlannerPage(page);
  await planner.open();
  const t0 = await now(page);
  await planner.upload.setInputFiles(path);
  const flag = page.getByRole('status', { name: 'Stopped at a cap: bomb.jsonl.gz' });
  await expect(flag).toContainText(/Reading stopped at the cap of 6,000,000 rows: the first 6,00\d,\d{3} rows/, { timeout: 200_000 });
  expect(await longestTask(page, t0, await now(page))).toBeLessThan(200);
  await expect(flag).toContainText('MB of text decompressed from a');
  await expect(flag).toContainText('the rest was not read');
  const kept = /the first ([\d,]+) rows/.exec((await flag.textContent()) ?? '')?.[1];
  await expect(page.getByRole('region', { name: 'Request counts' })).toContainText(`${kept} requests`, { timeout: 120_000 });
  await expect(planner.fileReport('bomb.jsonl.gz')).not.toContainText('malformed');
  await flag.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/planner-bomb.png', fullPage: false });
  await page.getByRole('button', { name: 'Clear all' }).click();
  await expect(page.getByText('Upload request logs or load the sample to see the analysis.')).toBeVisible();
});

test('UTF-16 (with a BOM) and Windows-1252 CSVs are decoded and read', async ({ page }) => {
  const rows = ['steps,latency_ms,status,error'];
  for (let i = 0; i < 40; i++) rows.push(`${1 + (i % 10)},${(1 + (i % 10)) * 1200 + 700},${i % 8 === 7 ? 'error' : 'ok'},${i % 8 === 7 ? 'délai “dépassé”' : ''}`);
  const text = `${rows.join('\r\n')}\r\n`;
  writeFileSync(join(dir, 'export-utf16.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  const cp1252 = Buffer.from([...text].map((c) => ({ '“': 0x93, '”': 0x94 })[c] ?? c.charCodeAt(0)));
  writeFileSync(join(dir, 'export-1252.csv'), cp1252);

  const planner = new PlannerPage(page);
  await planner.open();
  await planner.upload.setInputFiles([join(dir, 'export-utf16.csv'), join(dir, 'export-1252.csv')]);
  for (const [name, encoding] of [
    ['export-utf16.csv', 'Decoded as UTF-16 LE: UTF-16 LE byte-order mark.'],
    ['export-1252.csv', 'Decoded as Windows-1252: not valid UTF-8'],
  ]) {
    const report = planner.fileReport(name);
    await expect(report).toContainText(encoding, { timeout: 30_000 });
    await expect(report).toContainText('40 rows');
    await expect(report.getByLabel(`Outcomes in ${name}`)).toHaveText('35 ok · 5 failed · 0 timed out · 0 truncated · 0 censored');
    await expect(report).not.toContainText('not a text log');
  }
  await expect(page.getByRole('region', { name: 'Request counts' })).toContainText('80 requests', { timeout: 30_000 });
});
