import { expect, test, type Page } from '@playwright/test';
import { getScenario } from '../../src/core/demo/scenarios';
import { runsToJsonl } from '../../src/core/stored-runs/jsonl';
import { makeRun } from '../core/stored-runs/make-run';
import { seedSettings } from './support/fast-demo';
import { RunsPageObject } from './support/runs-page';
import { screenshotPath } from './support/screenshots';
import { ViewerPage } from './support/viewer-page';

const stepCount = (id: Parameters<typeof getScenario>[0]) => getScenario(id).reasoning.split(/\n\s*\n/).filter((p) => p.trim()).length;

async function setSide(page: Page, side: 'Left' | 'Right', model: string, effort: string) {
  await page.getByLabel(`${side} run model`).fill(model);
  await page.getByLabel(`${side} run reasoning effort`).selectOption(effort);
}

const summary = (page: Page) => page.getByRole('region', { name: 'Comparison' }).locator('table.compare-summary');
const measure = (page: Page, name: string) => summary(page).locator(`tr[data-measure="${name}"] td`);

test.describe('Compare', () => {
  test('two demo runs stream side by side: same chain at two efforts agrees, two scenarios part at step 1', async ({ page }) => {
    await seedSettings(page, { demoTokensPerSecond: 4000, cacheEnabled: false });
    const viewer = new ViewerPage(page);
    await viewer.open();
    await page.getByLabel('Prompt').fill('What does high effort buy us?');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Compare', exact: true })).toHaveAttribute('aria-pressed', 'true');

    await setSide(page, 'Left', 'demo-reasoner:medium', 'low');
    await setSide(page, 'Right', 'demo-reasoner:medium', 'high');
    await page.getByRole('button', { name: 'Run both' }).click();
    await expect(page.getByText(/Both runs ended \(done, done\)/)).toBeVisible({ timeout: 40_000 });
    const n = stepCount('medium');
    await expect(measure(page, 'Steps')).toHaveText([String(n), String(n), '+0']);
    await expect(page.getByTestId('first-divergence')).toHaveText('none: every step matches');
    await expect(summary(page).locator('thead')).toContainText('demo-reasoner:medium · effort low');
    await expect(summary(page).locator('thead')).toContainText('demo-reasoner:medium · effort high');
    await expect(page.getByRole('list', { name: 'Steps aligned' }).getByRole('listitem')).toHaveCount(n);

    await setSide(page, 'Left', 'demo-reasoner:short', 'low');
    await setSide(page, 'Right', 'demo-reasoner:arithmetic-slip', 'high');
    await page.getByRole('button', { name: 'Run both' }).click();
    await expect(page.getByText(/Both runs ended \(done, done\)/)).toBeVisible({ timeout: 40_000 });
    await expect(measure(page, 'Steps')).toHaveText([String(stepCount('short')), String(stepCount('arithmetic-slip')), `+${stepCount('arithmetic-slip') - stepCount('short')}`]);
    await expect(page.getByTestId('first-divergence')).toHaveText('step 1');
    // The slip scenario's wrong product is flagged on the right side only.
    await expect(measure(page, 'Verification errors').first()).toHaveText('0');
    await expect(measure(page, 'Verification errors').nth(1)).not.toHaveText('0');
    await expect(page.locator('.compare-first')).toContainText('First divergence');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByRole('region', { name: 'Comparison' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('compare-live-1440.png') });
  });

  test('a run and its cached replay side by side: the same chain, at a different cost', async ({ page }) => {
    await seedSettings(page, { demoTokensPerSecond: 400 });
    const viewer = new ViewerPage(page);
    await viewer.open();
    const prompt = 'A bakery word problem about cupcakes and cookies';
    await viewer.run(prompt);
    await expect(viewer.status).toContainText('Done', { timeout: 40_000 });
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByLabel("Replay this prompt's cached chain instead").check();
    await expect(page.getByLabel('Right run model')).toBeDisabled();
    // The finished run reaches the cache just after it ends; a first try may find nothing yet.
    await expect(async () => {
      await page.getByRole('button', { name: 'Run both' }).click();
      await expect(page.getByText(/Both runs ended \(done, done\)/)).toBeVisible({ timeout: 40_000 });
    }).toPass({ timeout: 60_000 });
    await expect(summary(page).locator('thead')).toContainText('cached replay');
    await expect(page.getByTestId('first-divergence')).toHaveText('none: every step matches');
    const n = stepCount('medium');
    await expect(measure(page, 'Steps')).toHaveText([String(n), String(n), '+0']);
    // The replay arrives at once; the live run streams at 400 tokens/s.
    await expect(measure(page, 'Latency').nth(2)).toHaveText(/^−/);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('region', { name: 'Compare settings' }).screenshot({ path: screenshotPath('compare-setup-390.png') });
  });

  test('two stored runs open side by side from the Runs page; the columns stack on a phone', async ({ page }) => {
    const steps = (texts: string[]) => texts.map((text, i) => ({ text, startedAt: 1_700_000_000_000 + i * 900, completedAt: 1_700_000_000_800 + i * 900 }));
    const shared = ['Read the question: 17 crates of 24 bottles.', 'The total is 17 × 24 bottles.'];
    const low = makeRun({ id: 'cmp-low', startedAt: 1_700_000_000_000, settings: { stepMode: 'paragraph', reasoningEffort: 'low' }, steps: steps([...shared, '17 × 24 = 418.', 'So 418 bottles.']), latencyMs: 3200, reasoningTokens: 40, answer: '418', findings: [{ step: 2, kind: 'arithmetic', severity: 'error', message: 'step 3: 17 × 24 = 418, exact 408' }] });
    const high = makeRun({ id: 'cmp-high', startedAt: 1_700_000_100_000, settings: { stepMode: 'paragraph', reasoningEffort: 'high' }, steps: steps([...shared, 'Split it: 17 × 20 = 340 and 17 × 4 = 68.', '340 + 68 = 408.', 'So 408 bottles.']), latencyMs: 5400, reasoningTokens: 75, answer: '408' });
    const runs = new RunsPageObject(page);
    await runs.open();
    await runs.importText('two.jsonl', runsToJsonl([low, high]));
    await runs.expectStored(2);
    await expect(page.getByRole('button', { name: 'Compare', exact: true })).toBeDisabled();
    await runs.selectAll();
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await expect(page.getByTestId('first-divergence')).toHaveText('step 3');
    await expect(measure(page, 'Steps')).toHaveText(['4', '5', '+1']);
    await expect(measure(page, 'Latency')).toHaveText(['3.2 s', '5.4 s', '+2.2 s']);
    await expect(measure(page, 'Reasoning tokens')).toHaveText(['40', '75', '+35']);
    await expect(measure(page, 'Verification errors')).toHaveText(['1', '0', '−1']);
    await expect(summary(page).locator('caption')).toContainText('different answers');
    const region = page.getByRole('region', { name: 'Comparison' });
    await region.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('compare-runs-1440.png') });

    await page.setViewportSize({ width: 390, height: 844 });
    const first = page.locator('.compare-first');
    await first.scrollIntoViewIfNeeded();
    const [a, b] = await first.locator('.compare-cell').evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().toJSON() as DOMRect));
    // Stacked: the right run's cell sits below the left one's, not beside it, and fits the screen.
    expect(b.top).toBeGreaterThanOrEqual(a.bottom - 1);
    expect(Math.abs(a.left - b.left)).toBeLessThan(2);
    expect(a.right).toBeLessThanOrEqual(390);
    await region.screenshot({ path: screenshotPath('compare-runs-390.png') });
  });
});
