import { expect, test, type Locator, type Page } from '@playwright/test';
import { runsToJsonl } from '../../src/core/stored-runs/jsonl';
import { makeRun } from '../core/stored-runs/make-run';
import { seedSettings } from './support/fast-demo';
import { openOffline } from './support/offline-report';
import { RunsPageObject } from './support/runs-page';
import { screenshotPath } from './support/screenshots';
import { ViewerPage } from './support/viewer-page';

async function download(page: Page, within?: Locator) {
  const [file] = await Promise.all([page.waitForEvent('download'), (within ?? page).getByRole('button', { name: 'Download report', exact: true }).click()]);
  return file;
}

/** Print emulation, a look at it, and a real PDF (Chromium prints it; a blank one is tiny). */
async function expectPrints(report: Page, name: string) {
  await report.emulateMedia({ media: 'print' });
  await report.screenshot({ path: screenshotPath(`report-${name}-print.png`), fullPage: false });
  const pdf = await report.pdf({ format: 'A4', printBackground: true });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  // Each section starts a page: at least as many pages as sections.
  const sections = await report.locator('section').count();
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages).toBeGreaterThanOrEqual(sections);
}

test.describe('Download report', () => {
  test('a run from the live viewer: steps, a finding, checkpoints, metrics and a chart, offline with scripts off', async ({ page, browser }) => {
    await seedSettings(page, { demoTokensPerSecond: 5000, cacheEnabled: false, checkpointEvery: 3 });
    const viewer = new ViewerPage(page);
    await viewer.open();
    await viewer.run('Show me an arithmetic slip');
    await expect(viewer.status).toContainText('Done', { timeout: 40_000 });
    await viewer.openThinking();
    await expect(viewer.reasoning.getByText(/Verification (error|warning)/).first()).toBeVisible();
    const firstStep = (await viewer.steps.first().innerText()).split('\n').find((l) => l.length > 20)!;
    const file = await download(page);
    expect(file.suggestedFilename()).toMatch(/^reasoning-report-.*\.html$/);

    const { page: report, attempted, close, html } = await openOffline(browser, file);
    expect(html.length).toBeGreaterThan(2000);
    await expect(report.getByRole('heading', { level: 1 })).toHaveText('Reasoning run report');
    await expect(report.locator('#steps')).toContainText(firstStep.slice(0, 40));
    await expect(report.locator('#findings')).toContainText(/arithmetic/);
    await expect(report.locator('.finding-error, .finding-warning').first()).toBeVisible();
    await expect(report.locator('#checkpoints')).toContainText('Checkpoint 1');
    await expect(report.locator('#summary')).toContainText('Time to first token');
    await expect(report.locator('svg[role="img"]').first()).toBeVisible();
    await report.screenshot({ path: screenshotPath('report-run.png') });
    await expectPrints(report, 'run');
    expect(attempted).toEqual([]);
    await close();
  });

  test('a batch from the Runs page with its monitoring table; hostile model text stays inert', async ({ page, browser }) => {
    const runs = new RunsPageObject(page);
    await runs.open();
    const records = Array.from({ length: 8 }, (_, i) =>
      makeRun({
        id: `batch-run-${i}`,
        batchId: 'batch-demo',
        prompt: `Batch question ${i}`,
        startedAt: 1_700_000_000_000 + i * 10_000,
        latencyMs: 1500 + i * 700,
        answer: i === 2 ? 'Done <img src="https://tracker.invalid/p.png" onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>' : `Answer ${i}`,
        findings: i === 5 ? [{ step: 1, kind: 'arithmetic', severity: 'error', message: 'step 2: 17 × 24 = 418, exact 408' }] : [],
      }),
    );
    await runs.importText('batch.jsonl', runsToJsonl(records));
    await runs.expectStored(8);
    await runs.selectAll();
    const file = await download(page);
    const { page: report, attempted, close } = await openOffline(browser, file);
    const table = report.locator('table.monitoring');
    await expect(table).toContainText('Latency p50');
    await expect(table).toContainText('Verification failure rate');
    // Latencies 1.5, 2.2, …, 6.4 s: the median (linear interpolation) is (3.6 + 4.3) / 2 = 3.95 s.
    await expect(table.locator('tr', { hasText: 'Latency p50' })).toContainText('3.95 s');
    await expect(report.locator('#runs')).toContainText('Batch question 7');
    await expect(report.locator('#runs')).toContainText('<script>document.title="pwned"</script>');
    await expect(report.locator('img, script')).toHaveCount(0);
    expect(await report.title()).toBe('Runs and monitoring report');
    await expect(report.locator('svg[aria-label="Reasoning length vs latency"] circle')).toHaveCount(8);
    await report.screenshot({ path: screenshotPath('report-batch.png'), fullPage: true });
    await expectPrints(report, 'batch');
    expect(attempted).toEqual([]);
    await close();
  });

  test('the capacity planner analysis: distribution, breakpoint chart and plan', async ({ page, browser }) => {
    await page.goto('/#/planner');
    await page.getByRole('button', { name: 'Load sample' }).click();
    const headline = page.getByRole('region', { name: 'Breakpoint summary' }).getByRole('heading', { level: 3 });
    await expect(headline).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/Analysed in [\d,]+ ms/)).toBeVisible({ timeout: 30_000 });
    const onScreen = (await headline.innerText()).trim();
    const file = await download(page);
    const { page: report, attempted, close } = await openOffline(browser, file);
    await expect(report.locator('#overview')).toContainText(onScreen);
    await expect(report.locator('#distribution svg rect').first()).toBeVisible();
    await expect(report.locator('#breakpoint svg[aria-label="Timeout rate by length"]')).toBeVisible();
    await expect(report.locator('#plan')).toContainText(/of [\d,]+ requests meet the [\d.]+ s target p95/);
    await report.screenshot({ path: screenshotPath('report-planner.png'), fullPage: true });
    await expectPrints(report, 'planner');
    expect(attempted).toEqual([]);
    await close();
  });

  test('a comparison of two stored runs: the summary, the first divergence and the aligned steps', async ({ page, browser }) => {
    const steps = (texts: string[]) => texts.map((text, i) => ({ text, startedAt: 1_700_000_000_000 + i * 1000, completedAt: 1_700_000_000_900 + i * 1000 }));
    const a = makeRun({ id: 'rep-a', startedAt: 1_700_000_000_000, settings: { stepMode: 'paragraph', reasoningEffort: 'low' }, steps: steps(['Read the question.', '17 × 24 = 418.']), latencyMs: 2100, answer: '418 <script>document.title="pwned"</script>' });
    const b = makeRun({ id: 'rep-b', startedAt: 1_700_000_100_000, settings: { stepMode: 'paragraph', reasoningEffort: 'high' }, steps: steps(['Read the question.', '17 × 20 = 340 and 17 × 4 = 68.', '340 + 68 = 408.']), latencyMs: 3900, answer: '408' });
    const runs = new RunsPageObject(page);
    await runs.open();
    await runs.importText('pair.jsonl', runsToJsonl([a, b]));
    await runs.expectStored(2);
    await runs.selectAll();
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const file = await download(page, page.getByRole('region', { name: 'Comparison' }));
    expect(file.suggestedFilename()).toMatch(/^reasoning-compare-.*\.html$/);
    const { page: report, attempted, close } = await openOffline(browser, file);
    await expect(report.getByRole('heading', { level: 1 })).toHaveText('Comparison report');
    await expect(report.locator('#comparison')).toContainText('First divergent step');
    await expect(report.locator('#comparison strong').first()).toHaveText('step 2');
    await expect(report.locator('#comparison')).toContainText('+1.8 s');
    await expect(report.locator('#aligned tr.row-diverge')).toContainText('17 × 24 = 418.');
    await expect(report.locator('#answers')).toContainText('<script>document.title="pwned"</script>');
    expect(await report.title()).toBe('Comparison report');
    await expect(report.locator('#comparison svg[role="img"]')).toBeVisible();
    await report.screenshot({ path: screenshotPath('report-compare.png'), fullPage: true });
    await expectPrints(report, 'compare');
    expect(attempted).toEqual([]);
    await close();
  });
});
