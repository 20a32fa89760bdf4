import { expect, test, type Locator, type Page } from '@playwright/test';
import { seedSettings } from './support/fast-demo';
import { overflowingElements, pageScrollWidth } from './support/layout';
import { screenshotPath } from './support/screenshots';
import { ViewerPage } from './support/viewer-page';

const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE });

/** Nothing on the page is wider than the phone, except inside a container that scrolls. */
async function expectFitsTheWidth(page: Page, what: string) {
  expect(await pageScrollWidth(page), `${what}: document width`).toBeLessThanOrEqual(PHONE.width);
  expect(await overflowingElements(page), `${what}: elements wider than the screen`).toEqual([]);
}

async function expectInViewport(locator: Locator, what: string) {
  const box = (await locator.boundingBox())!;
  expect(box, what).not.toBeNull();
  expect(box.x, `${what}: left edge`).toBeGreaterThanOrEqual(0);
  expect(box.y, `${what}: top edge`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${what}: right edge`).toBeLessThanOrEqual(PHONE.width + 0.5);
  expect(box.y + box.height, `${what}: bottom edge`).toBeLessThanOrEqual(PHONE.height + 0.5);
}

/** The topmost element at the centre of a locator's box is the element itself or inside it. */
async function isOnTop(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 10));
    return hit !== null && (el === hit || el.contains(hit));
  });
}

for (const [name, hash, ready] of [
  ['Live viewer', '#/', 'Run'],
  ['Runs', '#/runs', 'Run batch'],
  ['Capacity planner', '#/planner', null],
] as const) {
  test(`${name} fits 390 px without horizontal scrolling`, async ({ page }) => {
    await page.goto(`/${hash}`);
    if (ready) await expect(page.getByRole('button', { name: ready, exact: true })).toBeVisible();
    else await expect(page.getByLabel('Upload logs')).toBeAttached();
    await expectFitsTheWidth(page, name);
    await page.screenshot({ path: screenshotPath(`phone-${hash.replace(/\W/g, '') || 'viewer'}.png`), fullPage: true });
  });
}

test('the settings are a drawer: closed at first, opened by a button, closed by Close or Escape', async ({ page }) => {
  const viewer = new ViewerPage(page);
  await viewer.open();
  const toggle = page.getByRole('button', { name: 'Settings', exact: true });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByLabel('Provider')).toBeHidden();
  // Closed, it leaves the prompt at the top of the screen.
  await expectInViewport(page.getByLabel('Prompt'), 'prompt');

  await toggle.click();
  const drawer = page.getByRole('dialog', { name: 'Settings' });
  await expect(drawer).toBeVisible();
  await expect(page.getByLabel('Provider')).toBeVisible();
  await expect(page.getByLabel('Verify interval')).toBeVisible();
  const box = (await drawer.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  expect(await drawer.evaluate((d) => d.contains(document.activeElement)), 'focus moves into the drawer').toBe(true);
  // The page behind cannot be reached while it is open.
  expect(await page.getByLabel('Prompt').evaluate((el) => el.closest('[inert]') !== null)).toBe(true);
  await page.screenshot({ path: screenshotPath('phone-settings-drawer.png') });

  // Everything under More settings scrolls inside the drawer, not the page.
  await drawer.getByText('More settings', { exact: true }).click();
  await page.getByLabel('Delivery pattern').scrollIntoViewIfNeeded();
  await expect(page.getByLabel('Delivery pattern')).toBeInViewport();
  await expectFitsTheWidth(page, 'open drawer');

  await drawer.getByRole('button', { name: 'Close' }).click();
  await expect(drawer).toBeHidden();
  await expect(toggle).toBeFocused();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');

  await toggle.click();
  await expect(drawer).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(toggle).toBeFocused();
});

test('a demo run streams with its steps in view, not under the settings, and the Runs list shows it as a card', async ({ page }) => {
  await seedSettings(page, { demoTokensPerSecond: 300, verifyInterval: 2 });
  const viewer = new ViewerPage(page);
  await viewer.open();
  await viewer.run('Show me the arithmetic slip');
  await expect(viewer.status).toContainText('Streaming');
  await expect(viewer.steps.first()).toBeVisible();
  await expect(viewer.status).toContainText('Done', { timeout: 30_000 });
  await viewer.openThinking();

  const steps = viewer.reasoning.locator('li.step:not(.step-live)');
  const count = await steps.count();
  expect(count).toBeGreaterThan(3);
  // A reader's wheel up first: the list follows the newest step until someone scrolls up.
  await page.getByLabel('Reasoning steps, scrollable').evaluate((el) => el.dispatchEvent(new WheelEvent('wheel', { deltaY: -1, bubbles: true })));
  for (const i of [0, 1, count - 1]) {
    const step = steps.nth(i);
    await step.scrollIntoViewIfNeeded();
    await expect(step).toBeInViewport();
    expect(await isOnTop(step), `step ${i + 1} is not covered`).toBe(true);
  }
  // The caught slip is readable at its step.
  await expect(viewer.reasoning.getByText('17 × 24 = 418').first()).toBeVisible();
  await expectFitsTheWidth(page, 'viewer after a run');
  await page.screenshot({ path: screenshotPath('phone-run.png'), fullPage: true });

  const elapsed = await page.locator('.metric', { hasText: 'Steps' }).locator('dd').innerText();
  await page.getByRole('link', { name: 'Runs' }).click();
  const card = page.locator('.runs-table tbody tr').first();
  await expect(card).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  // Each key field is on the card, under its label, inside the screen.
  const field = (label: string) => card.locator(`td[data-label="${label}"]`);
  await expect(card.getByRole('button', { name: 'Show me the arithmetic slip' })).toBeVisible();
  await expect(field('Status')).toContainText('done');
  await expect(field('Steps')).toContainText(elapsed);
  await expect(field('Provider · model')).toContainText('Demo');
  await expect(field('Latency')).toContainText(/\d+(\.\d+)? s/);
  await expect(field('Tier')).toContainText(/short|medium|complex/);
  for (const label of ['Started', 'Status', 'Provider · model', 'Tier', 'Steps', 'Latency', 'Correct', 'Batch']) {
    await expect(field(label)).toBeVisible();
    const box = (await field(label).boundingBox())!;
    expect(box.x, label).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, label).toBeLessThanOrEqual(PHONE.width);
    expect(await field(label).evaluate((td) => getComputedStyle(td, '::before').content), `${label} is labelled`).toBe(`"${label}"`);
  }
  await expectFitsTheWidth(page, 'Runs with a run');
  await card.screenshot({ path: screenshotPath('phone-run-card.png') });
});

test('the Connect dialog fits the phone and its buttons are reachable', async ({ page }) => {
  const viewer = new ViewerPage(page);
  await viewer.open();
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Connect a model' });
  await expect(dialog).toBeVisible();
  await expectInViewport(dialog, 'dialog');
  await dialog.getByRole('radio', { name: 'vLLM' }).check();
  await expectInViewport(dialog, 'dialog with a server chosen');
  await expectFitsTheWidth(page, 'Connect dialog');
  // The actions stay on screen while the details scroll.
  for (const name of ['Test connection', 'Use this connection', 'Close']) {
    const button = dialog.getByRole('button', { name, exact: true });
    await expect(button).toBeInViewport({ ratio: 1 });
    expect(await isOnTop(button), `${name} is not covered`).toBe(true);
  }
  await dialog.getByLabel('Model', { exact: true }).scrollIntoViewIfNeeded();
  await expect(dialog.getByLabel('Model', { exact: true })).toBeInViewport();
  await expect(dialog.getByRole('button', { name: 'Use this connection' })).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: screenshotPath('phone-connect.png') });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});
