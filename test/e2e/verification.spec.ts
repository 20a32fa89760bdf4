import { expect, test } from '@playwright/test';
import { startMockServer, type MockServer } from './support/mock-server';
import { ViewerPage, openMoreSettings } from './support/viewer-page';

const fast = async (viewer: ViewerPage, rate = 400) => {
  await viewer.open();
  await viewer.setDemoRate(rate);
};
/** The arithmetic-slip scenario with every step verified and `policy` applied to its failed check. */
const slipUnderPolicy = async (viewer: ViewerPage, policy: string, rate: number) => {
  await fast(viewer, rate);
  await viewer.page.getByLabel('On a failed verification').selectOption(policy);
  await viewer.page.getByLabel('Verify interval').fill('1');
  await viewer.run('Show me the arithmetic slip');
};
const stepItem = (viewer: ViewerPage, n: number) => viewer.reasoning.locator(`li[data-index="${n - 1}"]`);

test.describe('step verification while streaming', () => {
  test('the arithmetic slip gets its warning inline at the right step, with scores', async ({ page }) => {
    const viewer = new ViewerPage(page);
    await fast(viewer);
    await viewer.runToDone('Show me the arithmetic slip');
    await viewer.openThinking();
    const warning = viewer.reasoning.getByText(/^Verification warning: step 2 may be problematic — 17 × 24 = 418, exact 408/);
    await expect(warning).toBeVisible();
    await expect(stepItem(viewer, 2)).toContainText('Verification warning: step 2');
    await expect(stepItem(viewer, 2)).toContainText('0.00');
    await expect(page.getByTestId('chain-score')).toHaveText(/0\.\d\d/);
    // A self-correction is marked at its step and counted, not scored as a fault.
    await expect(stepItem(viewer, 6)).toContainText('Self-correction: “Wait,”');
    await expect(stepItem(viewer, 6).locator('.step-score')).toHaveText('1.00');
    await expect(stepItem(viewer, 6).locator('.step-score')).not.toHaveClass(/step-score-low/);
    await expect(page.getByTestId('self-corrections')).toHaveText('self-corrections: 2');
    // How far the slip travelled before the model caught it: struck, carried twice, corrected in step 6.
    await expect(stepItem(viewer, 2).locator('.step-corrected-text')).toContainText('17 × 24 = 418');
    await expect(stepItem(viewer, 2)).toContainText('Corrected by the model in step 6');
    await expect(stepItem(viewer, 3)).toContainText('Uses 418 from step 2');
    await expect(stepItem(viewer, 4)).toContainText('Uses 12,540 and 2,508 from step 3, built on 418 from step 2');
    await expect(stepItem(viewer, 6)).toContainText('Corrects step 2: 408, not 418');
    await expect(viewer.reasoning.locator('.step-corrected-text')).toHaveCount(1);
    await stepItem(viewer, 2).getByRole('button', { name: 'Go to step 6' }).click();
    await expect(stepItem(viewer, 6)).toBeInViewport();
  });

  test('the loop scenario shows its repetition, the stall its timeout', async ({ page }) => {
    const viewer = new ViewerPage(page);
    await fast(viewer);
    await viewer.runToDone('A reasoning loop that repeats');
    await viewer.openThinking();
    await expect(viewer.reasoning.locator('.finding[data-kind="loop"]').first()).toBeVisible();
    await expect(viewer.reasoning.locator('.finding[data-kind="repetition"], .finding[data-kind="loop"]').first()).toContainText(/repeat|loop/i);

    await openMoreSettings(page);
    await page.getByLabel('Step timeout (s)').fill('2');
    await viewer.run('Show me a stall');
    await expect(viewer.reasoning.locator('.finding[data-kind="timeout"]').first()).toBeVisible({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Stop' }).click();
  });

  test('policy "pause" holds the stream until Resume', async ({ page }) => {
    const viewer = new ViewerPage(page);
    await slipUnderPolicy(viewer, 'pause', 150);
    await expect(viewer.status).toContainText('Paused', { timeout: 20_000 });
    await expect(page.getByTestId('policy-note')).toContainText('step 2');
    // Said once, in the status line, with one Resume.
    expect((await page.locator('main').innerText()).match(/verification policy at step 2/g)).toHaveLength(1);
    await expect(page.getByRole('button', { name: 'Resume' })).toHaveCount(1);
    const count = await viewer.steps.count();
    await page.waitForTimeout(1500);
    expect(await viewer.steps.count()).toBeLessThanOrEqual(count + 1);
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect(viewer.status).toContainText('Done', { timeout: 30_000 });
  });

  test('policy "stop" stops the run with the reason', async ({ page }) => {
    const viewer = new ViewerPage(page);
    await slipUnderPolicy(viewer, 'stop', 150);
    await expect(viewer.status).toContainText(/Stopped.*verification policy at step 2/, { timeout: 20_000 });
    // Said once, in the status line.
    expect((await page.locator('main').innerText()).match(/verification policy at step 2/g)).toHaveLength(1);
  });

  test('policy "self-correct" sends the chain and the warning back and continues from the corrected step', async ({ page }) => {
    const viewer = new ViewerPage(page);
    await slipUnderPolicy(viewer, 'self-correct', 300);
    await expect(viewer.status).toContainText('Done', { timeout: 30_000 });
    await expect(page.getByTestId('policy-note')).toContainText('Asked the model to self-correct step 2');
    await viewer.openThinking();
    // The flagged step stays, struck through, linked to the step that corrected it; its warning is still counted.
    await expect(stepItem(viewer, 2).locator('.step-corrected-text')).toContainText('17 × 24 = 418');
    await expect(stepItem(viewer, 2)).toContainText('Verification warning: step 2 may be problematic');
    await expect(stepItem(viewer, 2)).toContainText('Withdrawn: corrected in step 3 after verification');
    await expect(stepItem(viewer, 3)).toContainText('Re-checking step 2');
    await expect(stepItem(viewer, 3)).toContainText('Corrects step 2: 408, not 418');
    await expect(page.locator('.verification-summary')).toContainText(/[1-9]\d* errors?/);
    // What followed the slip was dropped: no step carries 418 on.
    await expect(viewer.reasoning).not.toContainText('418 × 36');
    await expect(viewer.answer).toContainText('13,438');
  });

  test('checkpoint cards appear every K steps in the Checkpoints region', async ({ page }) => {
    const viewer = new ViewerPage(page);
    await fast(viewer, 800);
    await page.getByLabel('Checkpoint every').fill('5');
    await viewer.run('A long chain with checkpoints');
    await expect(viewer.status).toContainText('Done', { timeout: 40_000 });
    const region = page.getByRole('region', { name: 'Checkpoints' });
    await expect(region.getByText('Checkpoint 1', { exact: true })).toBeVisible();
    await expect(region.getByText(/Checkpoint 8/)).toBeVisible();
    await expect(region.getByText(/^5 steps|· 5 steps ·/).first()).toBeVisible();
  });

  test('settings take effect on a running stream and persist', async ({ page }) => {
    const viewer = new ViewerPage(page);
    await fast(viewer, 60);
    await viewer.run('A long chain with checkpoints');
    await expect(viewer.steps.first()).toBeVisible({ timeout: 10_000 });
    await page.getByLabel('Checkpoint every').fill('2');
    await expect(page.getByRole('region', { name: 'Checkpoints' }).getByText('Checkpoint 1', { exact: true })).toBeVisible({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByLabel('Verify interval').fill('4');
    await page.reload();
    await expect(page.getByLabel('Verify interval')).toHaveValue('4');
    await expect(page.getByLabel('Checkpoint every')).toHaveValue('2');
  });
});

test.describe('delivery patterns', () => {
  test('synchronous shows nothing until the run completes', async ({ page }) => {
    const viewer = new ViewerPage(page);
    await fast(viewer, 200);
    await openMoreSettings(page);
    await page.getByLabel('Delivery pattern').selectOption('sync');
    await expect(page.getByTestId('delivery-tradeoff')).toContainText('no mid-stream intervention');
    await viewer.run('Show me the arithmetic slip');
    await expect(viewer.reasoning).toContainText('Synchronous delivery');
    await expect(viewer.status).toContainText('Waiting for the full response…');
    // No live counters while the response is out.
    await expect(page.locator('.metrics')).toHaveCount(0);
    await expect(page.locator('.verification-bar')).toHaveCount(0);
    expect(await viewer.steps.count()).toBe(0);
    await expect(viewer.status).toContainText('Done', { timeout: 30_000 });
    await expect(page.locator('.metrics')).toBeVisible();
    await viewer.openThinking();
    expect(await viewer.steps.count()).toBeGreaterThan(5);
  });

  test('chunked shows checkpoints and opens the full chain on demand', async ({ page }) => {
    const viewer = new ViewerPage(page);
    await fast(viewer, 800);
    await openMoreSettings(page);
    await page.getByLabel('Delivery pattern').selectOption('chunked');
    await page.getByLabel('Checkpoint every').fill('5');
    await viewer.run('A long chain with checkpoints');
    await expect(viewer.status).toContainText('Done', { timeout: 40_000 });
    await expect(page.getByRole('region', { name: 'Checkpoints' }).getByText('Checkpoint 2', { exact: true })).toBeVisible();
    expect(await viewer.steps.count()).toBe(0);
    await expect(viewer.thinkingToggle).toHaveAttribute('aria-expanded', 'false');
    await viewer.thinkingToggle.click();
    await expect(viewer.steps.first()).toBeVisible();
  });

  test('async keeps running while the user goes elsewhere and calls back', async ({ page }) => {
    const viewer = new ViewerPage(page);
    await fast(viewer, 300);
    await openMoreSettings(page);
    await page.getByLabel('Delivery pattern').selectOption('async');
    await viewer.run('Show me the arithmetic slip');
    await page.locator('.jobs summary').click();
    await expect(page.getByRole('list', { name: 'Jobs' })).toContainText(/streaming|connecting|done/);
    await page.goto('/#/nowhere');
    const toast = page.getByRole('alert').filter({ hasText: 'Run finished (done)' });
    await expect(toast).toBeVisible({ timeout: 30_000 });
    await toast.getByRole('button', { name: 'Open' }).click();
    await expect(viewer.status).toContainText('Done');
  });
});

test.describe('judge model', () => {
  let server: MockServer;
  test.beforeAll(async () => {
    server = await startMockServer();
  });
  test.afterAll(async () => {
    await server.close();
  });

  test('the demo judge names the earliest wrong step, with latency and tokens', async ({ page }) => {
    const viewer = new ViewerPage(page);
    await fast(viewer, 300);
    await openMoreSettings(page);
    await page.getByText('Judge model (optional)').click();
    await page.getByLabel('Ask a judge for the earliest wrong step').check();
    await viewer.runToDone('Show me the arithmetic slip');
    await viewer.openThinking();
    await expect(viewer.reasoning.locator('.finding[data-kind="judge"]').first()).toContainText(/judge model .* earliest wrong step/);
    await expect(page.getByText(/judge: \d+ calls?/)).toBeVisible();
  });

  test('a failing judge endpoint gives "judge-unavailable", never a stuck stream', async ({ page }) => {
    const viewer = new ViewerPage(page);
    await fast(viewer, 300);
    await openMoreSettings(page);
    await page.getByText('Judge model (optional)').click();
    await page.getByLabel('Ask a judge for the earliest wrong step').check();
    await page.getByLabel('Judge service').selectOption({ label: 'OpenAI-compatible' });
    await page.getByLabel('Judge base address').fill(`${server.url}/status/503/v1`);
    await page.getByLabel('Judge name').fill('critic');
    await viewer.runToDone('Show me the arithmetic slip');
    await viewer.openThinking();
    await expect(viewer.reasoning.locator('.finding[data-kind="judge-unavailable"]').first()).toContainText(/judge model unreachable: .*503/);
  });
});
