import { expect, test } from '@playwright/test';
import { startMockServer, type MockServer } from './support/mock-server';
import { ViewerPage, openMoreSettings } from './support/viewer-page';

let server: MockServer;
test.beforeAll(async () => {
  server = await startMockServer();
});
test.afterAll(async () => {
  await server.close();
});

const HTTP_CASES: [number, RegExp][] = [
  [401, /401/],
  [403, /403/],
  [404, /404/],
  [429, /429.*Retry after 17 s/],
  [500, /500/],
  [503, /503/],
];

for (const [status, pattern] of HTTP_CASES) {
  test(`HTTP ${status} gets a clear message in the status`, async ({ page }) => {
    const viewer = new ViewerPage(page);
    await viewer.open();
    await viewer.connect('OpenAI-compatible', `${server.url}/status/${status}/v1`, 'm');
    await viewer.run('hello');
    await expect(viewer.status).toContainText('Error');
    await expect(viewer.status).toContainText(pattern);
    await expect(viewer.status).toContainText(`Mock server says ${status}`);
  });
}

test('a CORS refusal says how to allow the origin', async ({ page }) => {
  const viewer = new ViewerPage(page);
  await viewer.open();
  await viewer.connect('OpenAI-compatible', `${server.url}/nocors/v1`, 'm');
  await viewer.run('hello');
  await expect(viewer.status).toContainText('Error');
  await expect(viewer.status).toContainText(/CORS/);
  await expect(viewer.status).toContainText(`OLLAMA_ORIGINS=${new URL(page.url()).origin}`);
  await expect(viewer.status).toContainText('--allowed-origins');
  await expect(viewer.status).toContainText('llama');
});

test('a server that is down is told apart from CORS', async ({ page }) => {
  const viewer = new ViewerPage(page);
  await viewer.open();
  await viewer.connect('OpenAI-compatible', 'http://127.0.0.1:9/v1', 'm');
  await viewer.run('hello');
  await expect(viewer.status).toContainText(/Error.*no server answered/);
});

test('a dropped connection keeps what streamed', async ({ page }) => {
  const viewer = new ViewerPage(page);
  await viewer.open();
  await viewer.connect('OpenAI-compatible', `${server.url}/drop/deepseek-reasoner.sse/v1`, 'm');
  await viewer.run('hello');
  await expect(viewer.status).toContainText(/Error.*(dropped|ended without)/);
  await expect(viewer.reasoning).toContainText('17 × 24');
});

test('a stalled stream gives up after the stall timeout and keeps what streamed', async ({ page }) => {
  const viewer = new ViewerPage(page);
  await viewer.open();
  await viewer.connect('OpenAI-compatible', `${server.url}/stall/deepseek-reasoner.sse/v1`, 'm');
  await openMoreSettings(page);
  await page.getByLabel('Stall timeout (s)').fill('5');
  await viewer.run('hello');
  await expect(viewer.status).toContainText(/Error.*stalled.*5 s/, { timeout: 20_000 });
  await expect(viewer.reasoning).toContainText('17');
});

test('an error event mid-stream is shown and earlier text stays', async ({ page }) => {
  const viewer = new ViewerPage(page);
  await viewer.open();
  await viewer.connect('Anthropic', `${server.url}/fx/anthropic-overloaded.sse/v1`, 'claude');
  await viewer.run('hello');
  await expect(viewer.status).toContainText(/Error.*Overloaded/i);
  await expect(viewer.reasoning).toContainText('I need to compare the two proofs');
});

test('Stop aborts a real stream at once', async ({ page }) => {
  const viewer = new ViewerPage(page);
  await viewer.open();
  await viewer.connect('OpenAI-compatible', `${server.url}/slow/deepseek-reasoner.sse/v1`, 'm');
  await viewer.run('hello');
  await expect(viewer.reasoning).toContainText('17', { timeout: 10_000 });
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(viewer.status).toContainText('Stopped', { timeout: 500 });
});

test('prompt-injected HTML and javascript: links in model output stay inert', async ({ page }) => {
  const viewer = new ViewerPage(page);
  await viewer.open();
  let dialog = false;
  page.on('dialog', async (d) => {
    dialog = true;
    await d.dismiss();
  });
  await viewer.connect('OpenAI-compatible', `${server.url}/fx/prompt-injection.sse/v1`, 'm');
  await viewer.run('hello');
  await expect(viewer.status).toContainText('Done');
  await expect(viewer.answer).toContainText('click here');
  expect(await page.locator('main img, main iframe, main script').count()).toBe(0);
  const hrefs = await page.locator('main a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  expect(hrefs.filter((h) => /^\s*javascript:/i.test(h))).toEqual([]);
  await page.getByText('click here').click();
  await page.waitForTimeout(300);
  expect(dialog).toBe(false);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
