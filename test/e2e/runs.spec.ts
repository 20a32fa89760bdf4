import { expect, test } from '@playwright/test';
import { METRIC_INFO } from '../../src/core/metrics/monitoring';
import { runsToJsonl } from '../../src/core/stored-runs/jsonl';
import { makeRun } from '../core/stored-runs/make-run';
import { readFileSync } from 'node:fs';
import type { RunRecord } from '../../src/core/stored-runs/types';
import { seedSettings } from './support/fast-demo';
import { RunsPageObject } from './support/runs-page';
import { ViewerPage } from './support/viewer-page';

const chains = JSON.parse(readFileSync(new URL('../../src/core/demo/sample-chains.json', import.meta.url), 'utf8')) as { prompt: string; answer: string }[];

test.describe('the Runs page', () => {
  test('a 100-query demo batch runs to completion, survives a reload, feeds the dashboard and round-trips through JSONL', async ({ page }) => {
    test.setTimeout(180_000);
    const runs = new RunsPageObject(page);
    await runs.open();

    await test.step('run the 100-query sample at concurrency 8 with simulated timing', async () => {
      await page.getByRole('button', { name: 'Load 100-query sample' }).click();
      await expect(page.getByText(/^100 queries \(JSON Lines\), 87 with a reference answer\./)).toBeVisible();
      await page.getByLabel('Concurrency').fill('8');
      await page.getByLabel('Timeout (s)').fill('30');
      await page.getByLabel('Repeats').fill('1');
      // On by default for the demo: 1.2 s per step, 2 s overhead, the 30 s ceiling as timeout.
      await expect(page.getByLabel('Simulated timing')).toBeChecked();
      await expect(page.getByLabel('Time per step (s)')).toHaveValue('1.2');
      await expect(page.getByLabel('Overhead (s)')).toHaveValue('2');
      await page.getByRole('button', { name: 'Run batch' }).click();
      await expect(runs.progress).toBeVisible();
      await expect(page.getByRole('button', { name: 'Cancel batch' })).toBeEnabled();
      await expect(page.getByText(/— finished in [\d.]+ s/)).toBeVisible({ timeout: 60_000 });
      await expect(runs.progress).toHaveAttribute('value', '100');
      const counts = await page.locator('.batch-counts').innerText();
      const n = (label: string) => Number(new RegExp(`${label} (\\d+)`).exec(counts)?.[1]);
      expect(n('done') + n('failed') + n('timed out')).toBe(100);
      // 16 complex chains run past 23 steps: at 1.2 s a step they pass the 30 s ceiling (simulated).
      expect(n('timed out')).toBeGreaterThanOrEqual(10);
      expect(n('failed')).toBe(0);
      expect(n('done')).toBeGreaterThanOrEqual(75);
      // Simulated: the batch itself takes seconds, not the minutes its latencies add up to.
      const wall = Number(/finished in ([\d.]+) s/.exec(counts)?.[1]);
      expect(wall).toBeLessThan(60);
      await runs.expectStored(100);
      await expect(page.locator('.runs-table tbody tr .sim-mark')).toHaveCount(100);
      for (const tier of ['short', 'medium', 'complex']) await expect(page.locator('.runs-table tbody td', { hasText: new RegExp(`^${tier}$`) }).first()).toBeVisible();
    });

    await test.step('the runs survive a reload', async () => {
      await page.reload();
      await runs.expectStored(100);
      await expect(page.getByLabel('Batch', { exact: true }).locator('option')).toHaveCount(2);
    });

    await test.step('the dashboard shows every metric, the scatter and the breakpoint', async () => {
      const m = runs.monitoring;
      await expect(m.getByText('Over all 100 runs shown by the filters')).toBeVisible();
      await expect(m.getByTestId('simulated-note')).toHaveText(/All 100 runs have simulated timing \(demo model\)/);
      for (const info of Object.values(METRIC_INFO)) {
        const row = m.locator('tr', { has: page.getByText(info.label, { exact: true }) });
        await expect(row).toHaveCount(1);
        await expect(row.getByText(info.label, { exact: true })).toHaveAccessibleDescription(info.definition);
        await expect(row.locator('svg.sparkline')).toHaveCount(1);
      }
      for (const label of ['Latency p50', 'Latency p95', 'Latency p99']) {
        await expect(m.locator('tr', { has: page.getByText(label, { exact: true }) }).locator('.metric-value')).toHaveText(/^[\d.]+ (ms|s)$/);
      }
      await expect(m.locator('tr', { has: page.getByText('Step timeout rate', { exact: true }) }).locator('.metric-value')).not.toHaveText('0.0 %');
      await m.getByText('Latency p95', { exact: true }).hover();
      await expect(m.getByRole('tooltip').filter({ hasText: METRIC_INFO['latency-p95'].definition })).toBeVisible();
      await expect(m.getByText(/Reasoning length vs latency · Pearson -?\d\.\d\d · Spearman -?\d\.\d\d/)).toBeVisible();
      expect(Number(await m.locator('.dense-marks').getAttribute('data-marks'))).toBeGreaterThan(50);
      // 100 runs: a rough estimate with its (wider) interval and how many more runs would narrow it.
      await expect(page.getByTestId('breakpoint')).toContainText(/≈ \d+\.\d steps \(95 % interval \d+\.\d–\d+\.\d\)/);
      await expect(page.getByTestId('breakpoint')).toContainText(/Small sample \(100 runs\): .* about \d+ more runs would narrow it/);
    });

    await test.step('a stored run replays with its steps and answer', async () => {
      await page.getByLabel('Prompt contains').fill('customs officer');
      await page.locator('.runs-table tbody tr').first().getByRole('button').click();
      await expect(runs.replay.getByRole('list', { name: 'Steps' }).getByRole('listitem').first()).toBeVisible();
      await expect(runs.replay.getByRole('region', { name: 'Answer' })).not.toContainText('The answer appears here');
      await runs.replay.getByRole('button', { name: 'Replay with original timing' }).click();
      await expect(runs.replay.getByText(/^Replaying · /)).toBeVisible();
      await runs.replay.getByRole('button', { name: 'Show all at once' }).click();
      await expect(runs.replay.getByText(/^Showing all · /)).toBeVisible();
      await page.getByRole('button', { name: 'Clear filters' }).click();
    });

    await test.step('export, delete, import: the same runs come back exactly', async () => {
      await runs.selectAll();
      await expect(runs.count).toContainText('100 selected');
      const exported = await runs.exportSelected();
      expect(exported.name).toMatch(/\.jsonl$/);
      expect(exported.text.trim().split('\n')).toHaveLength(100);
      // Every stored answer is its own query's: the query's chain's answer (none if it timed out).
      const byPrompt = new Map(chains.map((c) => [c.prompt.replace(/\s+/g, ' ').trim(), c.answer]));
      for (const line of exported.text.trim().split('\n')) {
        const r = JSON.parse(line) as RunRecord;
        const own = byPrompt.get(r.prompt.replace(/\s+/g, ' ').trim());
        expect(own, r.prompt.slice(0, 60)).toBeDefined();
        expect(r.demo).toEqual({ source: 'chain', title: 'Own chain', question: r.prompt, ownQuestion: true });
        expect(r.answer, r.prompt.slice(0, 60)).toBe(r.timedOut ? '' : own);
      }
      await runs.deleteSelected(100);
      await runs.expectStored(0);
      await runs.importText('round-trip.jsonl', exported.text);
      await expect(page.getByText('Imported 100 runs from round-trip.jsonl (100 new, 0 replaced).')).toBeVisible();
      await runs.expectStored(100);
      await runs.selectAll();
      const again = await runs.exportSelected();
      expect(again.text).toBe(exported.text);
    });
  });

  test('a malformed import keeps the valid runs and lists the bad lines', async ({ page }) => {
    const runs = new RunsPageObject(page);
    await runs.open();
    const valid = runsToJsonl([makeRun({ id: 'e2e-a', startedAt: Date.now() - 5000 }), makeRun({ id: 'e2e-b', prompt: 'Second', startedAt: Date.now() })]).trim().split('\n');
    await runs.importText('mixed.jsonl', [valid[0], '{"oops": ', valid[1], '{"schema":1}', 'plain text'].join('\n'));
    await expect(page.getByText(/Imported 2 runs from mixed.jsonl \(2 new, 0 replaced\)\. 3 lines skipped:/)).toBeVisible();
    const skipped = page.getByRole('list', { name: 'Skipped lines' }).getByRole('listitem');
    await expect(skipped).toHaveText([/^Line 2: not valid JSON/, /^Line 4: id must be a non-empty string/, /^Line 5: not valid JSON/]);
    await runs.expectStored(2);
  });

  test('"Open in capacity planner" hands the selection over and navigates to #/planner', async ({ page }) => {
    const runs = new RunsPageObject(page);
    await runs.open();
    await runs.importText('two.jsonl', runsToJsonl([makeRun({ id: 'p-1', startedAt: Date.now() }), makeRun({ id: 'p-2', startedAt: Date.now() - 1 })]));
    await runs.expectStored(2);
    await runs.selectAll();
    await page.getByRole('button', { name: 'Open in capacity planner' }).click();
    await expect(page).toHaveURL(/#\/planner$/);
    // The planner took the hand-off: the selected runs arrive as one JSONL file.
    await expect(page.getByRole('heading', { name: /^2 stored runs \(\d{4}-\d{2}-\d{2}\)\.jsonl$/ })).toBeVisible();
  });

  test('live: a run in one tab shows as finished in another tab’s Runs list without a reload', async ({ context }) => {
    const a = await context.newPage();
    const b = await context.newPage();
    await seedSettings(a, { demoTokensPerSecond: 400 });
    const runsB = new RunsPageObject(b);
    await runsB.open();
    await runsB.expectStored(0);
    const viewer = new ViewerPage(a);
    await viewer.open();
    await viewer.runToDone('What is 15% of 80?');
    await runsB.expectStored(1);
    const row = b.locator('.runs-table tbody tr', { hasText: 'What is 15% of 80?' });
    await expect(row.locator('.run-status')).toHaveText('done');
    await expect(row.locator('td.num').first()).toHaveText('4');
  });

  test('live: an async run’s row turns finished with its toast, in the same tab', async ({ page }) => {
    await seedSettings(page, { deliveryPattern: 'async', demoTokensPerSecond: 40 });
    const viewer = new ViewerPage(page);
    await viewer.open();
    await viewer.run('What is 15% of 80?');
    await expect(viewer.status).toContainText('Streaming');
    await page.getByRole('link', { name: 'Runs' }).click();
    const runs = new RunsPageObject(page);
    const row = page.locator('.runs-table tbody tr', { hasText: 'What is 15% of 80?' });
    await expect(row.locator('.run-status')).toHaveText('running');
    await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('Run finished (done)', { timeout: 30_000 });
    await expect(row.locator('.run-status')).toHaveText('done');
    await expect(row.locator('td.num').first()).toHaveText('4');
    await runs.expectStored(1);
  });

  test('at 1440×900 a run opened from the list scrolls into view, and the Batch column fits', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const runs = new RunsPageObject(page);
    await runs.open();
    const now = Date.now();
    const many = Array.from({ length: 30 }, (_, i) => makeRun({ id: `v-${i}`, prompt: `Question number ${i} about pallets and boxes`, startedAt: now - i * 1000, batchId: `batch-${now.toString(36)}-sweep-effort` }));
    await runs.importText('thirty.jsonl', runsToJsonl(many));
    await runs.expectStored(30);
    const wrap = page.locator('.runs-table-wrap');
    // Nothing of the table is cut off sideways: no horizontal scrolling, the Batch header inside the wrap.
    expect(await wrap.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    const wrapBox = (await wrap.boundingBox())!;
    const batchBox = (await page.getByRole('columnheader', { name: 'Batch' }).boundingBox())!;
    expect(batchBox.x + batchBox.width).toBeLessThanOrEqual(wrapBox.x + wrapBox.width + 0.5);
    await page.screenshot({ path: 'test-results/runs/list-1440.png' });
    await page.getByRole('button', { name: 'Question number 29 about pallets and boxes' }).click();
    await expect(runs.replay.getByRole('heading', { name: 'Replay' })).toBeInViewport();
    await page.screenshot({ path: 'test-results/runs/opened-1440.png' });
    await expect(runs.monitoring.getByTestId('trend-axis')).toContainText(/12 equal slices of start time, .+ \(left\) to .+ \(right\), 29 s in all/);
    await runs.monitoring.screenshot({ path: 'test-results/runs/monitoring-1440.png' });
  });
});
