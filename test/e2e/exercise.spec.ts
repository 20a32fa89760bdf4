import { expect, test } from '@playwright/test';
import { PlannerPage } from './support/planner-page';
import { RunsPageObject } from './support/runs-page';

const SHOTS = 'test-results/exercise/';

test.describe('the 100-query exercise on the demo model', () => {
  test.use({ viewport: { width: 1440, height: 1000 } });

  test('sample → batch with simulated timing → planner: step distribution, breakpoint with interval, fleet size', async ({ page }) => {
    test.setTimeout(120_000);
    const runs = new RunsPageObject(page);
    const started = Date.now();
    await runs.open();
    await page.getByRole('button', { name: 'Load 100-query sample' }).click();
    await page.getByRole('button', { name: 'Run batch' }).click();
    await expect(page.getByText(/— finished in [\d.]+ s/)).toBeVisible({ timeout: 60_000 });
    // Within a minute of opening the page, on a fresh profile.
    expect(Date.now() - started).toBeLessThan(60_000);
    await runs.expectStored(100);
    // Accuracy beside latency: every run has a verdict, with the extracted answer visible.
    const grades = page.locator('.runs-table tbody .grade');
    await expect(grades).toHaveCount(100);
    expect(await page.locator('.runs-table tbody .grade-correct').count()).toBeGreaterThan(40);
    expect(await page.locator('.runs-table tbody .grade-incorrect').count()).toBeGreaterThan(5);
    // The 13 sample queries without a reference answer (see public/samples/README.md).
    await expect(page.locator('.runs-table tbody .grade-unscored')).toHaveCount(13);
    await expect(page.locator('.runs-table tbody .grade-correct .grade-extracted').first()).toHaveText(/^→ \S/);
    const m = runs.monitoring;
    await expect(m.locator('tr[data-metric="accuracy"] .metric-value')).toHaveText(/^\d+\.\d % \(\d+\.\d–\d+\.\d %\)$/);
    const byTier = m.getByTestId('accuracy');
    for (const label of ['Short (< 5 steps)', 'Medium (5–15 steps)', 'Complex (> 15 steps)', 'Verifier flagged a step', 'No verifier flag']) {
      await expect(byTier.getByRole('row', { name: new RegExp(`^${label.replace(/[()<>]/g, '\\$&')}`) })).toBeVisible();
    }
    await page.screenshot({ path: `${SHOTS}runs.png`, fullPage: true });
    await m.scrollIntoViewIfNeeded();
    await m.screenshot({ path: `${SHOTS}dashboard.png` });

    await runs.selectAll();
    await page.getByRole('button', { name: 'Open in capacity planner' }).click();
    await expect(page).toHaveURL(/#\/planner$/);
    const planner = new PlannerPage(page);
    await expect(planner.notice).toContainText('100 runs from the Runs page — all with simulated timing (demo model).');
    await expect(planner.headline).toHaveText(/^Latency breakpoint: \d+(\.\d)? steps \(95 % interval \d+(\.\d)?–\d+(\.\d)?\)$/, { timeout: 30_000 });
    await expect(page.locator('.small-sample-note')).toContainText(/Small sample \(100 runs\).*more runs would narrow it/);
    // The timeout the runs ran under came with them.
    await expect(page.getByRole('form', { name: 'Analysis settings' }).getByLabel('Timeout (s)')).toHaveValue('30');
    await expect(planner.chart('Step distribution')).toBeVisible();
    const fleet = page.getByRole('region', { name: 'Fleet size' });
    await expect(fleet).toContainText(/Little's law\s*\d+ instances/);
    await page.screenshot({ path: `${SHOTS}planner.png`, fullPage: true });
  });
});
