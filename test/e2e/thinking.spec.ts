import { expect, test, type Locator, type Page } from '@playwright/test';
import { seedSettings } from './support/fast-demo';
import { startMockServer, type MockServer } from './support/mock-server';
import { ViewerPage } from './support/viewer-page';

const LAPTOP = { width: 1440, height: 900 };

/**
 * How far the steps' box is from its end, read after two frames (layout settled). A busy machine
 * may hold frames back; a second is the most it waits for them, so the reading never hangs.
 */
async function distanceToEnd(page: Page): Promise<number> {
  await page.evaluate(() => new Promise((r) => {
    setTimeout(r, 1000);
    requestAnimationFrame(() => requestAnimationFrame(r));
  }));
  return page.getByRole('group', { name: 'Reasoning steps, scrollable' }).evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight, undefined, { timeout: 5_000 });
}

/**
 * The same while a run may finish: the block closes with the answer, so the steps' box can go
 * between reading the status and reading the box. Then there is nothing to read (undefined).
 */
async function distanceWhileStreaming(page: Page): Promise<number | undefined> {
  const box = page.getByRole('group', { name: 'Reasoning steps, scrollable' });
  if (!(await box.count())) return undefined;
  return distanceToEnd(page).catch(async (error: unknown) => {
    if (!(await box.count())) return undefined;
    throw error;
  });
}

async function inViewport(page: Page, locator: Locator) {
  const box = await locator.boundingBox();
  const scrollY = await page.evaluate(() => window.scrollY);
  return { box, scrollY, fits: !!box && scrollY === 0 && box.y >= 0 && box.y + box.height <= LAPTOP.height };
}

test.describe('the thinking block at laptop size', () => {
  test.use({ viewport: LAPTOP });

  test('open while streaming, closed with the answer in view after the run, toggled by mouse and keyboard', async ({ page }) => {
    await seedSettings(page, { demoTokensPerSecond: 120, cacheEnabled: false });
    const viewer = new ViewerPage(page);
    await viewer.open();
    await viewer.run('Show me the arithmetic slip');
    await expect(viewer.thinkingToggle).toHaveText(/^Thinking… \d+\.\d s$/, { timeout: 10_000 });
    await expect(viewer.thinkingToggle).toHaveAttribute('aria-expanded', 'true');
    await expect(viewer.steps.first()).toBeVisible();
    await page.screenshot({ path: 'test-results/thinking-streaming-1440.png' });
    await expect(viewer.status).toContainText('Done', { timeout: 30_000 });

    await expect(viewer.thinkingToggle).toHaveText(/^Thought for \d+ s$/);
    await expect(viewer.thinkingToggle).toHaveAttribute('aria-expanded', 'false');
    await expect(viewer.steps).toHaveCount(0);
    const answer = viewer.answer.locator('.answer-body');
    await expect(answer).toContainText('13,438');
    const seen = await inViewport(page, answer);
    expect(seen.fits, `answer box ${JSON.stringify(seen.box)} at scrollY ${seen.scrollY}`).toBe(true);
    await page.screenshot({ path: 'test-results/thinking-done-1440.png' });

    // The Tier card reads on one line.
    const tier = page.locator('.metric', { hasText: 'Tier' }).locator('dd');
    const lineHeight = await tier.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.4);
    expect((await tier.boundingBox())!.height).toBeLessThan(lineHeight * 1.5);

    // Mouse: open shows the numbered steps with the warning inline at its step.
    await viewer.thinkingToggle.click();
    await expect(viewer.thinkingToggle).toHaveAttribute('aria-expanded', 'true');
    await expect(viewer.reasoning.locator('li[data-index="1"]')).toContainText('Verification warning: step 2 may be problematic');
    await page.screenshot({ path: 'test-results/thinking-open-1440.png' });
    await viewer.thinkingToggle.click();
    await expect(viewer.thinkingToggle).toHaveAttribute('aria-expanded', 'false');
    // Keyboard: Enter and Space on the focused title.
    await viewer.thinkingToggle.focus();
    await page.keyboard.press('Enter');
    await expect(viewer.thinkingToggle).toHaveAttribute('aria-expanded', 'true');
    await expect(viewer.steps.first()).toBeVisible();
    await page.keyboard.press('Space');
    await expect(viewer.thinkingToggle).toHaveAttribute('aria-expanded', 'false');
  });

  test('a long run stays pinned to the newest step to the end; only the wheel up unpins it, "Jump to latest" re-pins', async ({ page }) => {
    await seedSettings(page, { demoTokensPerSecond: 250, cacheEnabled: false, checkpointEvery: 5 });
    const viewer = new ViewerPage(page);
    await viewer.open();
    await viewer.run('A long chain with checkpoints');
    const scroller = page.getByRole('group', { name: 'Reasoning steps, scrollable' });
    const jump = page.getByRole('button', { name: /Jump to latest/ });
    await expect.poll(() => scroller.evaluate((el) => el.scrollHeight > el.clientHeight + 200), { timeout: 20_000 }).toBe(true);

    // Through the run (checkpoint cards and warnings appearing, steps measured), with nobody
    // scrolling. The run plays in about 8 s alone; the deadline allows for a loaded machine.
    test.setTimeout(150_000);
    const gaps: number[] = [];
    const deadline = Date.now() + 90_000;
    let status: string;
    while ((status = await viewer.status.innerText()).includes('Streaming') && (await viewer.thinkingToggle.getAttribute('aria-expanded')) === 'true') {
      expect(Date.now(), `still streaming after 90 s (status "${status}", ${gaps.length} readings)`).toBeLessThan(deadline);
      const gap = await distanceWhileStreaming(page);
      if (gap === undefined) break;
      gaps.push(gap);
      expect(await jump.count()).toBe(0);
      await page.waitForTimeout(150);
    }
    expect(gaps.length).toBeGreaterThan(5);
    expect(Math.max(...gaps), `distances to the end: ${gaps.join(', ')}`).toBeLessThanOrEqual(2);
    await expect(viewer.status).toContainText('Done', { timeout: 30_000 });

    // After the final render: opening the block shows the newest step, no "Jump to latest".
    await viewer.openThinking();
    expect(await distanceToEnd(page)).toBeLessThanOrEqual(2);
    await expect(jump).toHaveCount(0);

    // The reader's wheel up unpins it; "Jump to latest" pins it again.
    await scroller.hover();
    await page.mouse.wheel(0, -600);
    await expect(jump).toBeVisible();
    expect(await distanceToEnd(page)).toBeGreaterThan(100);
    await page.screenshot({ path: 'test-results/thinking-scrolled-up-1440.png' });
    await jump.click();
    await expect(jump).toHaveCount(0);
    expect(await distanceToEnd(page)).toBeLessThanOrEqual(2);
  });

  test('while streaming, the wheel up holds the reader where they are and Jump to latest follows again', async ({ page }) => {
    await seedSettings(page, { demoTokensPerSecond: 100, cacheEnabled: false });
    const viewer = new ViewerPage(page);
    await viewer.open();
    await viewer.run('A long chain with checkpoints');
    const scroller = page.getByRole('group', { name: 'Reasoning steps, scrollable' });
    const jump = page.getByRole('button', { name: /Jump to latest/ });
    await expect.poll(() => scroller.evaluate((el) => el.scrollHeight > el.clientHeight + 300), { timeout: 30_000 }).toBe(true);
    await scroller.hover();
    await page.mouse.wheel(0, -300);
    await expect(jump).toBeVisible();
    const held = await scroller.evaluate((el) => el.scrollTop);
    await page.waitForTimeout(1200);
    expect(Math.abs((await scroller.evaluate((el) => el.scrollTop)) - held)).toBeLessThan(2);
    await jump.click();
    await expect(jump).toHaveCount(0);
    await page.waitForTimeout(800);
    expect(await distanceToEnd(page)).toBeLessThanOrEqual(2);
    await page.getByRole('button', { name: 'Stop' }).click();
  });

  test('Run with an empty prompt says so and puts the cursor in the prompt', async ({ page }) => {
    const viewer = new ViewerPage(page);
    await viewer.open();
    await page.getByLabel('Prompt').fill('');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByText('Type a question first.')).toBeVisible();
    await expect(page.getByLabel('Prompt')).toBeFocused();
    await expect(viewer.status).toContainText('Ready');
  });

  test('a dropped connection marks the last step cut off, unscored, and Retry runs the same prompt again', async ({ page }) => {
    await seedSettings(page, { demoTokensPerSecond: 800, cacheEnabled: false });
    const viewer = new ViewerPage(page);
    await viewer.open();
    await viewer.run('Show me a disconnect');
    await expect(viewer.status).toContainText('Error', { timeout: 30_000 });
    await expect(viewer.thinkingToggle).toHaveAttribute('aria-expanded', 'true');
    const last = viewer.steps.last();
    await expect(last).toContainText('cut off — the stream ended mid-step');
    await expect(last.locator('.step-score')).toHaveCount(0);
    await expect(viewer.steps.first().locator('.step-score')).toHaveText('1.00');
    await expect(page.locator('.metric', { hasText: 'Tier' })).toHaveCount(0);
    await page.screenshot({ path: 'test-results/thinking-cut-off-1440.png' });
    const firstText = await viewer.steps.first().innerText();
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect(viewer.status).toContainText('Error', { timeout: 30_000 });
    await expect(viewer.steps.first()).toContainText(firstText.split('\n').find((l) => l.length > 20)!);
    await expect(page.getByLabel('Prompt')).toHaveValue('Show me a disconnect');
  });

  test('the stall scenario warns at the pending step, then finishes pinned', async ({ page }) => {
    await seedSettings(page, { demoTokensPerSecond: 400, cacheEnabled: false, stepTimeoutSeconds: 2 });
    const viewer = new ViewerPage(page);
    await viewer.open();
    await viewer.run('Show me a stall');
    await expect(page.getByTestId('step-timeout')).toBeVisible({ timeout: 15_000 });
    await expect(viewer.thinkingToggle).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByRole('button', { name: /Jump to latest/ })).toHaveCount(0);
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(viewer.status).toContainText('Stopped');
    await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
  });
});

test.describe('a failed request', () => {
  test.use({ viewport: LAPTOP });
  let server: MockServer;
  test.beforeAll(async () => {
    server = await startMockServer();
  });
  test.afterAll(async () => {
    await server.close();
  });

  test('shows the failure, not a tier or a wait for verification', async ({ page }) => {
    const viewer = new ViewerPage(page);
    await viewer.open();
    await viewer.connect('OpenAI-compatible', `${server.url}/status/503/v1`, 'm');
    await viewer.run('hello');
    await expect(viewer.status).toContainText('Error');
    await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
    await expect(page.locator('.metric', { hasText: 'Tier' })).toHaveCount(0);
    await expect(page.getByTestId('tier-miss')).toHaveCount(0);
    await expect(page.getByText(/waiting for the first interval|checking the first steps/)).toHaveCount(0);
    await page.screenshot({ path: 'test-results/failed-run-1440.png' });
  });
});
