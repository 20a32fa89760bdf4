import { expect, test, type Page } from '@playwright/test';
import { PlannerPage } from './support/planner-page';
import { RunsPageObject } from './support/runs-page';
import { ViewerPage } from './support/viewer-page';
import { startSweepServer, type SweepServer } from '../support/sweep-server';

const SHOTS = 'test-results/exercise/';
let server: SweepServer;
test.beforeAll(async () => {
  server = await startSweepServer();
});
test.afterAll(() => server.close());

/** 300 demo runs take about a minute on an idle two-core machine; the bound leaves room for a busy one. */
async function runSweepAndWait(page: Page, values: string, settings: number, timeout = 240_000) {
  await page.getByLabel('Sweep over').selectOption({ label: 'Reasoning effort' });
  await page.getByLabel('Settings (comma-separated)').fill(values);
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.getByText(`Sweep: setting ${settings} of ${settings}`)).toBeVisible({ timeout });
  await expect(page.getByText(/— sweep finished/)).toBeVisible({ timeout });
}

test.describe('the budget sweep', () => {
  test.use({ viewport: { width: 1440, height: 1000 } });

  test('on the demo: three effort levels draw "Accuracy vs latency" with a Recommended line, and its runs go to the planner', async ({ page }) => {
    test.setTimeout(330_000);
    const runs = new RunsPageObject(page);
    await runs.open();
    await page.getByRole('button', { name: 'Load 100-query sample' }).click();
    await runSweepAndWait(page, 'low, medium, high', 3);
    await runs.expectStored(300);
    const chart = page.getByRole('region', { name: 'Accuracy vs latency' });
    await expect(chart).toBeVisible();
    // One labelled point per setting, the frontier line, the tier targets and the ceiling.
    for (const label of ['effort low', 'effort medium', 'effort high']) await expect(chart.locator('.recharts-label-list text', { hasText: label })).toHaveCount(1);
    await expect(chart.locator('.recharts-scatter-symbol')).toHaveCount(3);
    await expect(chart.locator('.recharts-line path.recharts-curve')).toHaveCount(1);
    for (const mark of ['short 5 s', 'medium 15 s', 'ceiling 30 s']) await expect(chart.getByText(mark)).toBeVisible();
    const table = page.locator('.sweep-table');
    const steps = async (label: string) => Number(await table.locator(`tr[data-setting="${label}"] td`).nth(3).innerText());
    // The demo honours effort: fewer steps at lower effort (timed-out runs count the steps that
    // arrived, so medium and high come close where the long chains hit the ceiling).
    expect(await steps('effort low')).toBeLessThan(await steps('effort medium'));
    expect(await steps('effort low')).toBeLessThan(await steps('effort high'));
    const recommended = page.getByTestId('recommended');
    await expect(recommended).toHaveText(/^Recommended: /);
    await page.locator('.sweep-panel').screenshot({ path: `${SHOTS}sweep-demo.png` });
    const button = page.getByRole('button', { name: /^Size the fleet for / });
    if (await button.count()) {
      const label = (await button.innerText()).replace('Size the fleet for ', '');
      await button.click();
      await expect(page).toHaveURL(/#\/planner$/);
      const planner = new PlannerPage(page);
      await expect(planner.notice).toContainText(`100 runs of the sweep setting "${label}" — all with simulated timing (demo model).`);
      await expect(planner.headline).toBeVisible({ timeout: 30_000 });
      await expect(page.getByRole('region', { name: 'Fleet size' })).toContainText(/Little's law\s*\d+ instances/);
      await expect(page.getByRole('region', { name: 'Fleet size' })).toContainText(/Erlang C \(p95 ≤ 30(\.0)? s\)\s*\d+ instances/);
      await page.screenshot({ path: `${SHOTS}planner-after-sweep.png`, fullPage: true });
    } else {
      await expect(recommended).toHaveText(/^Recommended: none — no setting meets the/);
    }
  });

  test('on a local server: the provider’s reasoning_effort arrives per setting and the chart draws with a Recommended line', async ({ page }) => {
    test.setTimeout(90_000);
    const viewer = new ViewerPage(page);
    await viewer.open();
    await viewer.connect('OpenAI-compatible', `${server.url}/v1`, 'sweep-model');
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Runs' }).click();
    const runs = new RunsPageObject(page);
    await expect(runs.count).toBeVisible();
    // Real endpoints are never simulated: no such option here.
    await expect(page.getByLabel('Simulated timing')).toHaveCount(0);
    const before = server.requests.length;
    await page.getByRole('textbox', { name: 'Queries' }).fill(['{"prompt": "What is 6 × 7?", "answer": 42}', '{"prompt": "What is 40 + 2?", "answer": "42"}', '{"prompt": "What is 84 / 2?", "answer": "42"}'].join('\n'));
    await runSweepAndWait(page, 'low, medium, high', 3);
    await runs.expectStored(9);
    const sent = server.requests.slice(before).filter((r) => r.path.endsWith('/chat/completions'));
    expect(sent.map((r) => r.body.reasoning_effort).sort()).toEqual(['high', 'high', 'high', 'low', 'low', 'low', 'medium', 'medium', 'medium']);
    const chart = page.getByRole('region', { name: 'Accuracy vs latency' });
    await expect(chart.locator('.recharts-scatter-symbol')).toHaveCount(3);
    for (const label of ['effort low', 'effort medium', 'effort high']) await expect(chart.locator('.recharts-label-list text', { hasText: label })).toHaveCount(1);
    // The server answers wrongly at low effort and rightly above it.
    await expect(page.locator('.sweep-table tr[data-setting="effort low"] td').nth(1)).toHaveText(/^0\.0 %/);
    await expect(page.locator('.sweep-table tr[data-setting="effort high"] td').nth(1)).toHaveText(/^100\.0 %/);
    await expect(page.getByTestId('recommended')).toHaveText(/^Recommended: effort (medium|high) — accuracy 100\.0 %/);
    await expect(page.locator('.runs-table tbody .sim-mark')).toHaveCount(0);
    await page.locator('.sweep-panel').screenshot({ path: `${SHOTS}sweep-server.png` });
  });
});
