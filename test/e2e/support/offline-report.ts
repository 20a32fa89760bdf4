import { readFile } from 'node:fs/promises';
import type { Browser, Download, Page } from '@playwright/test';

const ORIGIN = 'http://report.invalid';

/**
 * Opens a downloaded report the way a recipient would, but stricter: JavaScript off and every
 * request other than the file itself aborted and recorded.
 */
export async function openOffline(browser: Browser, download: Download): Promise<{ page: Page; html: string; attempted: string[]; close: () => Promise<void> }> {
  const html = await readFile(await download.path(), 'utf8');
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1440, height: 900 } });
  const attempted: string[] = [];
  const url = `${ORIGIN}/${download.suggestedFilename()}`;
  await context.route('**/*', (route) => {
    if (route.request().url() === url) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    attempted.push(route.request().url());
    return route.abort();
  });
  context.on('request', (r) => {
    if (r.url() !== url && !attempted.includes(r.url())) attempted.push(r.url());
  });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForLoadState('load');
  return { page, html, attempted, close: () => context.close() };
}
