import { expect, test } from '@playwright/test';
import { screenshotPath } from './support/screenshots';
import { ViewerPage } from './support/viewer-page';

// The README's screenshots are taken here, from the real built app (`npm run screenshots` updates docs/).

test.describe('README screenshots', () => {
  test.use({ viewport: { width: 1440, height: 1000 } });

  test('live viewer with an inline verification warning and checkpoints', async ({ page }) => {
    const viewer = new ViewerPage(page);
    await viewer.open();
    await viewer.setDemoRate(600);
    await page.getByLabel('Checkpoint every').fill('5');
    await viewer.runToDone('Show me the arithmetic slip');
    await page.screenshot({ path: screenshotPath('viewer.png') });
  });

  test('runs page after a demo batch, with the monitoring dashboard', async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto('/#/runs');
    await page.getByRole('button', { name: 'Load 100-query sample' }).click();
    await page.getByLabel('Concurrency').fill('8');
    await page.getByLabel('Timeout (s)').fill('30');
    await page.getByRole('button', { name: 'Run batch' }).click();
    await expect(page.getByText(/— finished in [\d.]+ s/)).toBeVisible({ timeout: 60_000 });
    await page.getByRole('region', { name: 'Monitoring' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('runs.png'), fullPage: true });
  });

  test('capacity planner on the sample log', async ({ page }) => {
    await page.goto('/#/planner');
    await page.getByRole('button', { name: 'Load sample' }).click();
    await expect(page.getByText(/Latency breakpoint: \d/).first()).toBeVisible({ timeout: 30_000 });
    await page.waitForTimeout(800);
    await page.screenshot({ path: screenshotPath('planner.png'), fullPage: true });
  });

  test('guided demo in presentation mode', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Guided demo' }).click();
    await page.getByRole('button', { name: 'Pause tour' }).click();
    await page.getByRole('button', { name: 'Next stage' }).click();
    await page.getByRole('button', { name: 'Next stage' }).click();
    await page.getByRole('button', { name: 'Next stage' }).click();
    await expect(page.getByRole('region', { name: 'Reasoning' }).getByText(/Verification warning: step 2/)).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('status')).toContainText('Done', { timeout: 30_000 });
    await page.screenshot({ path: screenshotPath('guided-demo.png') });
    await page.getByRole('button', { name: 'Exit tour' }).click();
  });
});
