import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ViewerPage } from './support/viewer-page';

/** Serious or critical accessibility violations on the page as it is now. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes, e.g. ${v.nodes[0]?.target.join(' ')})`);
}

function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

for (const scheme of ['light', 'dark'] as const) {
  test(`no serious accessibility violations on any page (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const errors = collectConsoleErrors(page);
    const viewer = new ViewerPage(page);
    await viewer.open();
    expect(await seriousViolations(page)).toEqual([]);
    await viewer.setDemoRate(800);
    await viewer.runToDone('Show me the arithmetic slip');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Runs' }).click();
    await expect(page.getByRole('region', { name: 'Monitoring' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Capacity planner' }).click();
    await expect(page.getByLabel('Upload logs')).toBeAttached();
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
}

test('keyboard: Ctrl+Enter runs, Escape stops, n/p move between warnings', async ({ page }) => {
  const viewer = new ViewerPage(page);
  await viewer.open();
  await viewer.setDemoRate(40);
  await page.getByLabel('Prompt').fill('Plan a complex project schedule');
  await page.getByLabel('Prompt').press('Control+Enter');
  await expect(viewer.status).toContainText('Streaming');
  await page.keyboard.press('Escape');
  await expect(viewer.status).toContainText('Stopped');
  await viewer.setDemoRate(800);
  await page.getByLabel('Prompt').fill('Show me the arithmetic slip');
  await page.keyboard.press('Control+Enter');
  await expect(viewer.status).toContainText('Done', { timeout: 30_000 });
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('n');
  await expect(viewer.reasoning.locator('li.step-focused')).toContainText('17 × 24 = 418');
});

test('presentation mode: larger type, no settings clutter', async ({ page }) => {
  const viewer = new ViewerPage(page);
  await viewer.open();
  const before = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  await page.getByRole('button', { name: 'Presentation mode' }).click();
  const after = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  expect(after).toBeGreaterThan(before);
  await expect(page.getByLabel('Provider')).toBeHidden();
  await expect(page.getByLabel('Prompt')).toBeVisible();
});

test('the layout fits a laptop and a projector without horizontal scrolling', async ({ page }) => {
  for (const size of [{ width: 1280, height: 720 }, { width: 1024, height: 768 }, { width: 1920, height: 1080 }]) {
    await page.setViewportSize(size);
    await page.goto('/');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${size.width}×${size.height}`).toBeLessThanOrEqual(0);
  }
});

test('first load shows the prompt, Run, the model and the few settings people change; the rest is under More settings', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const viewer = new ViewerPage(page);
  await viewer.open();
  const settings = page.getByRole('complementary', { name: 'Settings' });
  const visibleControls = () =>
    settings.evaluate((aside) =>
      [...aside.querySelectorAll<HTMLElement>('button, input, select, textarea, summary')]
        .filter((el) => el.checkVisibility({ visibilityProperty: true }))
        .map((el) => (el.tagName === 'SUMMARY' || el.tagName === 'BUTTON' ? el.textContent?.trim() : (el as HTMLInputElement).labels?.[0]?.textContent?.trim()) ?? el.tagName),
    );
  expect(await visibleControls()).toEqual(['Connect', 'Provider', 'Demo token rate (tokens/s)', 'Verify interval', 'On a failed verification', 'Checkpoint every', 'More settings']);
  for (const hidden of ['Max tokens', 'Split steps by', 'Step timeout (s)', 'Delivery pattern', 'Checkpoint summary', 'Reuse finished chains for similar questions']) {
    await expect(page.getByLabel(hidden), hidden).toBeHidden();
  }

  // The prompt is a few Tab presses from the top of the page.
  await page.locator('body').focus();
  let presses = 0;
  while (presses < 40 && !(await page.getByLabel('Prompt').evaluate((el) => el === document.activeElement))) {
    await page.keyboard.press('Tab');
    presses++;
  }
  expect(presses, 'Tab presses to reach the prompt').toBeLessThanOrEqual(8);

  // Nothing is lost: More settings holds every other setting.
  await page.getByText('More settings', { exact: true }).click();
  for (const shown of ['Max tokens', 'Endpoint URL', 'Split steps by', 'Step timeout (s)', 'Stall timeout (s)', 'Arithmetic (expression = value)', 'Arithmetic tolerance (relative)', 'Delivery pattern', 'Checkpoint summary', 'Reuse finished chains for similar questions', 'Embedding']) {
    await expect(page.getByLabel(shown, { exact: true }), shown).toBeVisible();
  }
  expect((await visibleControls()).length).toBeGreaterThan(25);
});

test('settings saved before keep working, wherever their field now sits', async ({ page }) => {
  await page.addInitScript(() => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    const saved = { provider: 'demo', verifyInterval: 4, policy: 'stop', checkpointEvery: 7, maxTokens: 1234, deliveryPattern: 'chunked', stepTimeoutSeconds: 12, demoTokensPerSecond: 800 };
    localStorage.setItem('reasoning-viewer:settings', JSON.stringify({ state: saved, version: 1 }));
  });
  const viewer = new ViewerPage(page);
  await viewer.open();
  await expect(page.getByLabel('Verify interval')).toHaveValue('4');
  await expect(page.getByLabel('On a failed verification')).toHaveValue('stop');
  await expect(page.getByLabel('Checkpoint every')).toHaveValue('7');
  await page.getByText('More settings', { exact: true }).click();
  await expect(page.getByLabel('Max tokens')).toHaveValue('1234');
  await expect(page.getByLabel('Delivery pattern')).toHaveValue('chunked');
  await expect(page.getByLabel('Step timeout (s)')).toHaveValue('12');
  // And a run uses them: chunked delivery shows checkpoints and keeps the chain folded away.
  await viewer.run('A long chain with checkpoints: monthly cash flow budget');
  await expect(viewer.status).toContainText(/Done|Stopped/, { timeout: 30_000 });
  await expect(viewer.thinkingToggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.locator('li.checkpoint').first()).toBeVisible();
});
