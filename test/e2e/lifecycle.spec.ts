import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { ViewerPage } from './support/viewer-page';

test('a reload mid-run leaves the partial run, marked interrupted', async ({ page }) => {
  const viewer = new ViewerPage(page);
  await viewer.open();
  await viewer.setDemoRate(30);
  await viewer.run('Plan a complex project schedule with a critical path');
  await expect.poll(() => viewer.steps.count(), { timeout: 20_000 }).toBeGreaterThan(2);
  // Saved at most once a second while live: give it one save.
  await page.waitForTimeout(1300);
  await page.reload();
  await page.getByRole('link', { name: 'Runs' }).click();
  const row = page.locator('tr', { hasText: 'Plan a complex project schedule' });
  await expect(row.locator('.run-status')).toHaveText('interrupted', { timeout: 10_000 });
  await row.getByRole('button', { name: /Plan a complex project/ }).or(row.getByText(/Plan a complex project/)).first().click();
  await expect(page.getByRole('region', { name: 'Replay' })).toContainText('Plan a complex project');
});

test('runs opened in the capacity planner are charted there', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/#/runs');
  await page.getByLabel('Queries', { exact: true }).fill(Array.from({ length: 12 }, (_, i) => `Quick: what is ${i + 2} times ${i + 3}?`).join('\n'));
  await page.getByLabel('Concurrency').fill('6');
  // Simulated timing (the demo default) streams at full speed.
  await page.getByRole('button', { name: 'Run batch' }).click();
  await expect(page.getByText(/— finished in [\d.]+ s/)).toBeVisible({ timeout: 60_000 });
  await page.locator('thead input[type="checkbox"]').check();
  await page.getByRole('button', { name: 'Open in capacity planner' }).click();
  await expect(page).toHaveURL(/#\/planner$/);
  await expect(page.getByText(/Format: .*run export/i).first()).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('.recharts-surface').first()).toBeVisible({ timeout: 20_000 });
  // Twelve finished demo runs, none timed out: every one counted as ok, and too few for a breakpoint.
  await expect(page.getByRole('region', { name: 'Request counts' }).locator('p').first()).toHaveText('12 requests: 12 ok · 0 failed · 0 timed out · 0 truncated · 0 censored');
  await expect(page.getByRole('region', { name: 'Breakpoint summary' }).getByRole('heading', { level: 3 })).toHaveText('No breakpoint: insufficient data: 12 rows (a rough estimate needs at least 30, the full analysis 200).');
});

test('the Connect dialog has no serious accessibility violations', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Connect a model' })).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
  expect(serious).toEqual([]);
});
