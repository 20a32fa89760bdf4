import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PlannerPage, writeLargeLog } from './support/planner-page';

const SAMPLES = fileURLToPath(new URL('../../public/samples/', import.meta.url));
const BREAKPOINT = /^Latency breakpoint: 4\d\.\d steps \(95 % interval 4\d\.\d–4\d\.\d\)$/;

test.describe('capacity planner', () => {
  test('upload a log via "Upload logs": breakpoint summary, counts, tiers and charts', async ({ page }) => {
    const planner = new PlannerPage(page);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await planner.open();
    await planner.upload.setInputFiles(join(SAMPLES, 'reasoning-requests.jsonl'));
    await expect(planner.headline).toHaveText(BREAKPOINT, { timeout: 30_000 });
    await expect(page.getByRole('region', { name: 'Request counts' })).toContainText('3,000 requests: 2,696 ok · 29 failed · 218 timed out · 44 truncated · 13 censored');
    const report = planner.fileReport('reasoning-requests.jsonl');
    await expect(report).toContainText('Generic request log (jsonl)');
    await expect(report).toContainText('Steps: from the column "steps".');
    // Plain sentences first; the statistics sit under "How this was computed".
    const summary = page.getByRole('region', { name: 'In short' });
    await expect(summary).toContainText('Timeouts start at about 43 steps');
    await expect(summary).toContainText('95 % of requests under 30 s needs reasoning capped at 23 steps');
    await expect(summary).toContainText(/You need \d+ instances? at peak \(1\.13 requests\/s\) for p95 under 30 s once reasoning is capped at \d+ steps/);
    await expect(summary).toContainText('7.4 % of requests time out at 60 s');
    await expect(page.getByText(/Mechanistic estimate/)).toBeHidden();
    await page.getByRole('region', { name: 'Breakpoint summary' }).getByText('How this was computed').click();
    await expect(page.getByText(/Mechanistic estimate/)).toBeVisible();
    await page.getByRole('region', { name: 'Latency summary' }).getByText('How this was computed').click();
    await expect(page.getByText(/linear-interpolated between the sorted values \(numpy's default/)).toBeVisible();
    await expect(page.getByTestId('fleet-blocker')).toContainText('With reasoning capped at');
    for (const title of ['Step distribution', 'Cumulative distribution', 'Latency against reasoning length', 'Timeout rate by reasoning length']) {
      await expect(planner.chart(title).locator('svg.recharts-surface')).toBeVisible();
    }
    // The breakpoint is marked on the charts.
    await expect(planner.chart('Latency against reasoning length').locator('.recharts-reference-line')).not.toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Fleet size' })).toContainText("Little's law");
    await expect(page.getByRole('link', { name: 'Logs too big for a browser?' })).toHaveAttribute('href', /warehouse-sql.*\.md$/);
    expect(errors).toEqual([]);
  });

  test('Load sample, then settings update the results live', async ({ page }) => {
    const planner = new PlannerPage(page);
    await planner.open();
    await page.getByRole('button', { name: 'Load sample' }).click();
    await expect(planner.headline).toHaveText(BREAKPOINT, { timeout: 30_000 });
    await expect(planner.notice).toContainText('Sample log');
    const plan = page.getByRole('region', { name: 'Plan capacity' });
    await expect(plan).toContainText('meet the 30 s target p95');
    await page.getByLabel('Target p95 (s)').fill('45');
    await expect(plan).toContainText('meet the 45 s target p95');
    await page.getByLabel('Fit step time and overhead from the data').check();
    await expect(plan).toContainText('fitted from the data');
    await page.getByLabel('Length measure').selectOption('reasoningTokens');
    await expect(planner.headline).toHaveText(/reasoning tokens|No breakpoint/);
    await expect(planner.chart('Reasoning-token distribution')).toBeVisible();
  });

  test('override a field mapping: the file is re-parsed with it', async ({ page }) => {
    const planner = new PlannerPage(page);
    await planner.open();
    await planner.upload.setInputFiles(join(SAMPLES, 'reasoning-requests.jsonl'));
    await expect(planner.headline).toHaveText(BREAKPOINT, { timeout: 30_000 });
    const report = planner.fileReport('reasoning-requests.jsonl');
    await report.getByText('Field mapping and units').click();
    await report.getByLabel('Steps column').selectOption('');
    await expect(report).toContainText('Steps: reasoning tokens ("reasoning_tokens") ÷ 50 tokens per step');
    await expect(report.getByText('Field mapping and units (overridden)')).toBeVisible();
    await page.getByLabel('Tokens per step').fill('25');
    await expect(report).toContainText('÷ 25 tokens per step');
    await report.getByLabel('Latency unit').selectOption('s');
    await expect(report.getByLabel('Latency unit')).toHaveValue('s');
    await expect(report.getByRole('row', { name: /Latency/ }).first()).toContainText('your choice');
    await report.getByRole('button', { name: 'Back to the detected mapping' }).click();
    await expect(report).toContainText('Steps: from the column "steps".');
  });

  test('bad files: binary garbage and half-malformed lines show their messages and counts', async ({ page }) => {
    const planner = new PlannerPage(page);
    await planner.open();
    const garbage = Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 256));
    const half = ['{"steps":3,"latency_ms":1000,"status":"ok"}', '{broken', '{"steps":5,"latency_ms":2000,"status":"timeout"}', 'plain words', '{"steps":7,"latency_ms":3000}', '[1,2]'].join('\n');
    await planner.upload.setInputFiles([
      { name: 'garbage.bin', mimeType: 'application/octet-stream', buffer: garbage },
      { name: 'half.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(half) },
    ]);
    const bad = planner.fileReport('garbage.bin');
    await expect(bad.getByRole('alert')).toContainText('This is not a text log', { timeout: 30_000 });
    const halfReport = planner.fileReport('half.jsonl');
    await expect(halfReport.getByRole('status', { name: 'Problems in half.jsonl' })).toContainText('3 malformed records skipped (lines 2, 4, 6).');
    await expect(halfReport).toContainText('3 records of 6 could not be read (lines 2, 4, 6)');
    await expect(halfReport).toContainText('2 ok · 0 failed · 1 timed out');
    await expect(page.getByRole('region', { name: 'Request counts' })).toContainText('3 requests');
  });

  test('cancel a parse of a large generated file', async ({ page }) => {
    const dir = mkdtempSync(join(tmpdir(), 'planner-e2e-'));
    try {
      const path = await writeLargeLog(dir, 600_000);
      const planner = new PlannerPage(page);
      await planner.open();
      await planner.upload.setInputFiles(path);
      await expect(planner.progress).toBeVisible({ timeout: 15_000 });
      await expect(planner.progress).toHaveAttribute('aria-valuetext', /rows · .* of .*MB/);
      await page.getByRole('button', { name: 'Cancel' }).click();
      await expect(planner.progress).toBeHidden();
      await expect(planner.notice).toContainText('Parsing cancelled: large-600000.jsonl');
      await expect(planner.fileReport('large-600000.jsonl')).toHaveCount(0);
      await expect(page.getByRole('region', { name: 'Breakpoint summary' })).toHaveCount(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('export a chart as CSV and PNG, in the dark theme too', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const planner = new PlannerPage(page);
    await planner.open();
    await page.getByRole('button', { name: 'Load sample' }).click();
    await expect(planner.headline).toHaveText(BREAKPOINT, { timeout: 30_000 });
    // Dark theme: the chart colours come from the dark CSS variables.
    await expect(planner.chart('Cumulative distribution').locator('.recharts-line-curve')).toHaveAttribute('stroke', '#6e8efb');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Step distribution data as CSV' }).click()]);
    expect(csv.suggestedFilename()).toBe('step-distribution.csv');
    const text = readFileSync(await csv.path(), 'utf8');
    expect(text.split('\r\n')[0]).toBe('bin_lo,bin_hi_exclusive,count,share,cumulative_share,tier');
    expect(text.split('\r\n').length).toBeGreaterThan(10);

    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Latency against reasoning length as PNG' }).click()]);
    expect(png.suggestedFilename()).toBe('latency-against-reasoning-length.png');
    const bytes = readFileSync(await png.path());
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.length).toBeGreaterThan(5000);

    const [fleetCsv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Instances against p95 data as CSV' }).click()]);
    expect(readFileSync(await fleetCsv.path(), 'utf8')).toMatch(/^instances,utilization,p_wait,p95_response_s,attainment,timeout_rate\r\n/);
  });

  test('pre-aggregated buckets are analysed', async ({ page }) => {
    const planner = new PlannerPage(page);
    await planner.open();
    await planner.upload.setInputFiles(join(SAMPLES, 'aggregated-step-buckets.csv'));
    await expect(planner.headline).toHaveText(/^Latency breakpoint: 4\d\.\d steps/, { timeout: 30_000 });
    await expect(planner.fileReport('aggregated-step-buckets.csv')).toContainText('25 bucket rows (pre-aggregated)');
    await expect(page.getByRole('region', { name: 'Latency tiers' })).toContainText('Medium (5–15 steps)');
  });
});
