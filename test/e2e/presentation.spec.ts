import { expect, test, type Locator, type Page } from '@playwright/test';
import { seedSettings } from './support/fast-demo';
import { screenshotPath } from './support/screenshots';

// Presentation mode and the guided demo as a room sees them, at a projector's two common sizes.

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];

type Box = { x: number; y: number; width: number; height: number };

const intersects = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function box(locator: Locator): Promise<Box> {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not drawn');
  return b;
}

/** Whether anything else is drawn over the element: samples a grid of points inside its box. */
async function uncovered(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const b = el.getBoundingClientRect();
    for (let i = 0; i < 5; i++)
      for (let j = 0; j < 5; j++) {
        const x = b.left + 4 + ((b.width - 8) * i) / 4;
        const y = b.top + 4 + ((b.height - 8) * j) / 4;
        const hit = document.elementFromPoint(x, y);
        if (!hit || !el.contains(hit)) return false;
      }
    return true;
  });
}

/** Widths that would scroll sideways: the document's and the content area's. */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const main = document.querySelector('main')!;
    return { page: root.scrollWidth - root.clientWidth, main: main.scrollWidth - main.clientWidth };
  });
}

/** The smallest computed font size of visible HTML text inside <main> (charts' SVG text apart), and the chart labels' smallest. */
async function smallestText(page: Page) {
  return page.evaluate(() => {
    let html = Infinity;
    let svg = Infinity;
    const small = new Set<string>();
    const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.textContent?.trim()) continue;
      const rects = el.getClientRects();
      if (!rects.length || el.closest('.visually-hidden')) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (el.closest('svg')) {
        svg = Math.min(svg, size);
        if (size < 12.5) small.add(`svg ${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} ${Math.round(size)} px “${node.textContent.trim().slice(0, 30)}”`);
      }
      else {
        html = Math.min(html, size);
        if (size < 14) small.add(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${Math.round(size)} px “${node.textContent.trim().slice(0, 30)}”`);
      }
    }
    return { html, svg, where: [...small].slice(0, 12).join('; ') };
  });
}

async function expectRoomLayout(page: Page, content: Locator, viewport: { width: number }) {
  expect(await overflow(page)).toEqual({ page: 0, main: 0 });
  const width = (await box(content)).width;
  expect(width / viewport.width).toBeGreaterThanOrEqual(0.7);
  const text = await smallestText(page);
  // At 1280 px no text under 14 px (most is 19 px), chart labels ~13 px: readable from the back of a room.
  expect.soft(text.html, `text under 14 px: ${text.where}`).toBeGreaterThanOrEqual(14);
  if (text.svg !== Infinity) expect.soft(text.svg, `chart text under 12.5 px: ${text.where}`).toBeGreaterThanOrEqual(12.5);
}

for (const size of SIZES) {
  const tag = `${size.width}x${size.height}`;

  test.describe(`presentation mode at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });
    test.setTimeout(120_000);

    test('shows it is on, uses the width on every page, and Esc leaves it', async ({ page }) => {
      await seedSettings(page, { demoTokensPerSecond: 900 });
      await page.goto('/');
      const toggle = page.getByRole('button', { name: 'Presentation mode' });
      await expect(toggle).toHaveAttribute('aria-pressed', 'false');
      const rootSize = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      await toggle.click();
      await expect(toggle).toHaveAttribute('aria-pressed', 'true');
      await expect(page.locator('html')).toHaveClass(/presentation/);
      await expect(page.getByText('Presenting')).toBeVisible();
      const presentingSize = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      expect(presentingSize).toBeGreaterThanOrEqual(18);
      expect(presentingSize).toBeGreaterThan(rootSize);

      // Live viewer, after a run.
      await page.getByLabel('Prompt').fill('Show me the arithmetic slip');
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      const reasoning = page.getByRole('region', { name: 'Reasoning' });
      await expect(page.getByRole('region', { name: 'Answer' })).not.toContainText('The answer appears here', { timeout: 30_000 });
      await expect(page.getByRole('button', { name: 'Stop' })).toBeDisabled({ timeout: 30_000 });
      await expectRoomLayout(page, reasoning, size);
      await page.screenshot({ path: screenshotPath(`presentation-${tag}-viewer.png`) });

      // Runs: the stored run's table, full width.
      await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Runs' }).click();
      const runs = page.getByRole('region', { name: 'Runs', exact: true });
      await expect(runs.getByRole('row').nth(1)).toBeVisible({ timeout: 15_000 });
      await expectRoomLayout(page, runs, size);
      // Every column on screen (the table does not scroll sideways), and the filters read on one line each.
      expect(await runs.locator('.runs-table-wrap').evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
      for (const control of await runs.locator('.run-filters').locator('label, button').all()) {
        // The text's line boxes: one distinct top per line.
        const lines = await control.evaluate((el) => {
          const range = document.createRange();
          range.selectNodeContents(el);
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        });
        expect(lines, `“${await control.innerText()}” wraps`).toBe(1);
      }
      await page.screenshot({ path: screenshotPath(`presentation-${tag}-runs.png`) });

      // Capacity planner on its sample: the analysis and the breakpoint chart at a readable size.
      await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Capacity planner' }).click();
      await page.getByRole('button', { name: 'Load sample' }).click();
      await expect(page.getByText(/Latency breakpoint: \d/).first()).toBeVisible({ timeout: 30_000 });
      const chart = page.getByRole('region', { name: 'Timeout rate by reasoning length', exact: true });
      await expect(chart.locator('svg.recharts-surface')).toBeVisible();
      await expectRoomLayout(page, page.getByRole('region', { name: 'Breakpoint summary' }), size);
      const chartBox = await box(chart.locator('svg.recharts-surface'));
      expect(chartBox.width).toBeGreaterThanOrEqual(0.4 * size.width);
      expect(chartBox.height).toBeGreaterThanOrEqual(220);
      await page.screenshot({ path: screenshotPath(`presentation-${tag}-planner.png`) });
      await chart.scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath(`presentation-${tag}-planner-chart.png`) });

      // The way out: Esc (the toggle says so too).
      await page.keyboard.press('Escape');
      await expect(toggle).toHaveAttribute('aria-pressed', 'false');
      await expect(page.locator('html')).not.toHaveClass(/presentation/);
      await expect(page.getByText('Presenting')).toBeHidden();
    });

    test('the guided demo: each caption is clear of what it describes, which is on screen; keys step and end it', async ({ page }) => {
      test.setTimeout(240_000);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto('/');
      await page.getByRole('button', { name: 'Guided demo' }).click();
      const bar = page.getByRole('region', { name: 'Guided demo' });
      await expect(bar.getByTestId('tour-keys')).toContainText('Esc');
      const targets = ['reasoning', 'metrics', 'metrics', 'reasoning', 'checkpoints', 'toast', 'breakpoint-chart'];
      // A presenter's clicker sends PageDown; keyboards send → or Space.
      const nextKeys = ['ArrowRight', 'PageDown', 'Space', 'ArrowRight', 'PageDown', 'Space'];
      for (let stage = 1; stage <= targets.length; stage++) {
        await expect(bar.getByText(new RegExp(`^${stage} / ${targets.length}`))).toBeVisible();
        // Stepping by key holds the tour on the stage: wait for its run to finish.
        if (stage > 1) await expect(bar.getByTestId('tour-progress')).toHaveText(stage === targets.length ? 'last stage' : 'paused', { timeout: 60_000 });
        else await expect(bar.getByTestId('tour-progress')).not.toHaveText('running…', { timeout: 60_000 });
        const target = page.locator(`[data-tour="${targets[stage - 1]}"]`).first();
        await expect(target).toBeVisible({ timeout: 30_000 });
        // The caption (or anything else) never covers it, and all of it is in the viewport (the scroll settles first).
        await expect
          .poll(async () => {
            const t = await box(target);
            const b = await box(bar);
            const fits = t.y >= 0 && t.y + t.height <= size.height && t.x >= 0 && t.x + t.width <= size.width;
            return fits && !intersects(t, b) && (await uncovered(target));
          }, { timeout: 10_000, message: `stage ${stage}: ${targets[stage - 1]} on screen and clear of the caption` })
          .toBe(true);
        expect(await overflow(page)).toEqual({ page: 0, main: 0 });
        await page.screenshot({ path: screenshotPath(`tour-${tag}-stage-${stage}.png`) });
        if (stage < targets.length) await page.keyboard.press(nextKeys[stage - 1]);
      }
      // The planner stage: the breakpoint chart is drawn whole, at a readable size.
      const chart = page.locator('[data-tour="breakpoint-chart"] svg.recharts-surface');
      expect((await box(chart)).width).toBeGreaterThanOrEqual(0.4 * size.width);
      await expect(page.locator('[data-tour="breakpoint-chart"] .recharts-reference-line')).not.toHaveCount(0);
      // ← / PageUp go back a stage, Esc ends the tour and presentation mode with it.
      await page.keyboard.press('ArrowLeft');
      await expect(bar.getByText(/^6 \/ 7/)).toBeVisible();
      await page.keyboard.press('PageUp');
      await expect(bar.getByText(/^5 \/ 7/)).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(bar).toBeHidden();
      await expect(page.locator('html')).not.toHaveClass(/presentation|touring/);
      await expect(page.getByRole('button', { name: 'Presentation mode' })).toHaveAttribute('aria-pressed', 'false');
      expect(errors).toEqual([]);
    });
  });
}
