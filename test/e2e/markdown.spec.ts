import { expect, test } from '@playwright/test';
import { seedSettings } from './support/fast-demo';
import { screenshotPath } from './support/screenshots';
import { ViewerPage } from './support/viewer-page';

for (const size of [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
]) {
  test(`a demo answer's Markdown table renders as a table that scrolls inside itself (${size.name})`, async ({ page }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await seedSettings(page, { demoTokensPerSecond: 5000, cacheEnabled: false });
    const viewer = new ViewerPage(page);
    await viewer.open();
    await viewer.run('Plan a complex project');
    await expect(viewer.status).toContainText('Done', { timeout: 40_000 });
    const table = viewer.answer.locator('table');
    await expect(table).toBeVisible();
    await expect(table.locator('th').first()).toHaveText('Task');
    // 7 tasks plus the header row; no raw delimiter row left in the text.
    await expect(table.locator('tr')).toHaveCount(8);
    await expect(viewer.answer).not.toContainText('|---');
    const wrap = viewer.answer.locator('.md-table-scroll');
    const fits = await wrap.evaluate((el) => {
      const panel = el.closest('section')!.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      return { inside: box.right <= panel.right + 0.5, scrolls: getComputedStyle(el).overflowX === 'auto' };
    });
    expect(fits).toEqual({ inside: true, scrolls: true });
    await viewer.answer.scrollIntoViewIfNeeded();
    await viewer.answer.screenshot({ path: screenshotPath(`markdown-table-${size.name}.png`) });
  });
}
