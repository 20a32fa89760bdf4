import { expect, test } from '@playwright/test';
import { PlannerPage } from './support/planner-page';

/** A user's own CSV: latency (seconds, by name) and a status column with values the app does not know. */
const CSV = ['timestamp,total_time_s,state', ...Array.from({ length: 40 }, (_, i) => `${1795165200 + i},${(1 + (i % 10)).toFixed(1)},${i % 8 === 0 ? 'ERR' : i % 13 === 0 ? '504' : 'OK'}`)].join('\n');

test('status values the app does not know are listed, counted as failed, and can be mapped', async ({ page }) => {
  const planner = new PlannerPage(page);
  await planner.open();
  await planner.upload.setInputFiles({ name: 'own.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  const report = planner.fileReport('own.csv');
  // 40 rows: ERR at i = 0, 8, …, 32 (5); 504 at 13, 26, 39 (3); OK the other 32.
  await expect(report.getByLabel('Outcomes in own.csv')).toHaveText('32 ok · 5 failed · 3 timed out · 0 truncated · 0 censored');
  await expect(report.getByText(/Status values in "state" \(3 distinct values, 1 not recognised: counted as failed until mapped\)/)).toBeVisible();
  const table = report.getByRole('table', { name: 'Status values in own.csv' });
  await expect(table.getByRole('row', { name: /ERR/ })).toContainText('5');
  await table.getByLabel('Outcome for status ERR').selectOption('censored');
  await expect(report.getByLabel('Outcomes in own.csv')).toHaveText('32 ok · 0 failed · 3 timed out · 0 truncated · 5 censored');
  // No reasoning length, yet latency percentiles, a measured plan and the fleet are there.
  await expect(page.getByRole('region', { name: 'Latency summary' })).toContainText('End to end over 35 finished or timed-out requests');
  await expect(page.getByRole('region', { name: 'Plan capacity' })).toContainText('(measured)');
  await expect(page.getByRole('region', { name: 'Fleet size' })).toContainText('mean service');
});

test('a latency column picked by hand gets its unit from its name', async ({ page }) => {
  const planner = new PlannerPage(page);
  await planner.open();
  // Nothing here is named like a latency, so the user maps it; the status column is found by name.
  const csv = 'req,wall_secs,wall,status\n1,12.5,9000,ok\n2,20,12000,ok\n3,15,10000,ok\n';
  await planner.upload.setInputFiles({ name: 'hand.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const report = planner.fileReport('hand.csv');
  await report.getByText('Field mapping and units').click();
  await report.getByLabel('Latency column').selectOption('wall_secs');
  await expect(report.getByLabel('Latency unit')).toHaveValue('s');
  await expect(report.getByRole('row', { name: /^Latency/ }).first()).toContainText('name says s');
  await expect(page.getByRole('region', { name: 'Latency summary' })).toContainText('p50 15 s');
});

test('a log whose timeouts sit at 90 s is drawn and estimated against 90 s, not the 60 s default', async ({ page }) => {
  const planner = new PlannerPage(page);
  await planner.open();
  // 300 requests: 1 s + 1 s per step, steps 10…109; the client cut the long ones at 90 s.
  const lines = Array.from({ length: 300 }, (_, i) => {
    const steps = 10 + (i % 100);
    const natural = 1000 + steps * 1000;
    const cut = natural > 90_000;
    return JSON.stringify({ timestamp: 1795165200000 + i * 1000, steps, ttft_ms: 1000, latency_ms: cut ? 90_000 + (i % 5) * 20 : natural, status: cut ? 'timeout' : 'ok' });
  });
  await planner.upload.setInputFiles({ name: 'cut-at-90.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(lines.join('\n')) });
  await expect(page.getByRole('region', { name: 'Latency summary' })).toContainText('against a 90 s timeout, read from the log', { timeout: 30_000 });
  await expect(planner.chart('Latency against reasoning length')).toContainText('Timeout 90 s');
  // (90 s − 1 s) / 1 s per step.
  await expect(page.getByRole('region', { name: 'Breakpoint summary' })).toContainText(/= 89(\.\d)? steps/);
  await expect(page.getByLabel('Timeout (s)')).toBeDisabled();
  await page.getByLabel('Timeout from the log where its timed-out requests cluster at one latency').uncheck();
  await expect(planner.chart('Latency against reasoning length')).toContainText('Timeout 60 s');
});
