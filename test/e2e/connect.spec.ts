import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { corsFix, getPreset, type PresetId } from '../../src/core/providers/presets';
import { listenLocally } from '../support/local-server';
import { startMockServer, type MockServer } from './support/mock-server';
import { screenshotPath } from './support/screenshots';
import { ViewerPage } from './support/viewer-page';

const manifest = JSON.parse(readFileSync(new URL('../fixtures/providers/manifest.json', import.meta.url), 'utf8')) as {
  fixtures: { file: string; expect: { reasoning: string; answer: string } }[];
};
const expected = (file: string) => manifest.fixtures.find((f) => f.file === file)!.expect;
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Each preset against a local server speaking its format (recorded bytes from test/fixtures/providers). */
const CASES: { id: PresetId; fixture: string }[] = [
  { id: 'vllm', fixture: 'vllm-reasoning.sse' },
  { id: 'sglang', fixture: 'think-close-only.sse' },
  { id: 'llamacpp', fixture: 'llamacpp-reasoning.sse' },
  { id: 'ollama', fixture: 'ollama-thinking.ndjson' },
  { id: 'lmstudio', fixture: 'deepseek-reasoner.sse' },
  { id: 'openrouter', fixture: 'openrouter-reasoning.sse' },
  { id: 'deepseek', fixture: 'deepseek-reasoner.sse' },
  { id: 'anthropic', fixture: 'anthropic-thinking.sse' },
  { id: 'openai', fixture: 'responses-summaries.sse' },
];

let server: MockServer;
test.beforeAll(async () => {
  server = await startMockServer();
});
test.afterAll(async () => {
  await server.close();
});

async function openDialog(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Connect a model' });
  await expect(dialog).toBeVisible();
  return dialog;
}

function baseFor(id: PresetId, path: string) {
  return id === 'ollama' ? `${server.url}${path}` : `${server.url}${path}/v1`;
}

for (const { id, fixture } of CASES) {
  const preset = getPreset(id);
  test(`${preset.label}: lists the models and streams a short reply (${fixture})`, async ({ page }) => {
    const dialog = await openDialog(page);
    await dialog.getByRole('radio', { name: preset.label }).check();

    // Choosing the preset fills its usual address and says what it sends and where reasoning arrives.
    await expect(dialog.getByLabel('Endpoint URL')).toHaveValue(preset.baseUrl);
    await expect(dialog.getByText(preset.reasoningField)).toBeVisible();
    for (const h of preset.headers) await expect(dialog.getByText(`${h.name}: ${h.value}`)).toBeVisible();
    await expect(dialog.getByLabel(/^API key/)).toHaveCount(preset.key === 'none' ? 0 : 1);

    await dialog.getByLabel('Endpoint URL').fill(baseFor(id, `/fx/${fixture}`));
    if (preset.key === 'required') await dialog.getByLabel(/^API key/).fill('sk-connect-test');
    const before = server.requests.length;
    await dialog.getByRole('button', { name: 'Test connection' }).click();

    const names = id === 'ollama' ? 'mock-reasoner:7b, mock-reasoner:32b' : 'mock-reasoner-7b, mock-reasoner-32b';
    await expect(dialog.getByTestId('connect-models')).toContainText(`2 models on the server: ${names}`);
    await expect(dialog.getByTestId('connect-verdict')).toContainText('Connected');
    const want = expected(fixture);
    if (want.reasoning) await expect(dialog.getByTestId('connect-reasoning')).toContainText(squash(want.reasoning));
    await expect(dialog.getByTestId('connect-answer')).toContainText(squash(want.answer));
    await expect(dialog.getByTestId('connect-timing')).toContainText(/First token after \d+\.\d s/);
    if (id === 'openai') await expect(dialog.getByRole('heading', { name: 'Reasoning summary' })).toBeVisible();

    // The reply was asked through the real adapter: short prompt, small budget, the listed name, the key in a header.
    const post = server.requests.slice(before).find((r) => r.body.includes('Say hello in five words.'));
    expect(post, 'the test reply request').toBeDefined();
    const body = JSON.parse(post!.body);
    expect(body.model).toBe(id === 'ollama' ? 'mock-reasoner:7b' : 'mock-reasoner-7b');
    expect(body.stream).toBe(true);
    if (id === 'ollama') expect(body.options).toEqual({ num_predict: 512 });
    else if (id === 'openai') expect(body.max_output_tokens).toBe(512);
    else if (id !== 'anthropic') expect(body.max_tokens).toBe(512);
    if (id === 'anthropic') {
      expect(post!.headers['x-api-key']).toBe('sk-connect-test');
      expect(post!.headers['anthropic-dangerous-direct-browser-access']).toBe('true');
    } else if (preset.key === 'required') expect(post!.headers.authorization).toBe('Bearer sk-connect-test');
    else expect(post!.headers.authorization).toBeUndefined();
    expect(server.requests.every((r) => !r.path.includes('sk-connect-test'))).toBe(true);
  });
}

for (const id of ['ollama', 'vllm', 'lmstudio', 'llamacpp', 'sglang', 'deepseek'] as const) {
  test(`${getPreset(id).label}: a CORS refusal shows that server's exact fix`, async ({ page }) => {
    const dialog = await openDialog(page);
    await dialog.getByRole('radio', { name: getPreset(id).label }).check();
    await dialog.getByLabel('Endpoint URL').fill(baseFor(id, '/nocors'));
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    const error = dialog.getByTestId('connect-error');
    await expect(error).toContainText('The browser blocked the call');
    const origin = new URL(page.url()).origin;
    const fix = corsFix(id, origin);
    await expect(error.getByTestId('connect-fix')).toContainText(fix.text);
    if (fix.command) {
      await expect(error.locator('code', { hasText: fix.command })).toBeVisible();
      await expect(error.getByRole('button', { name: 'Copy fix' })).toBeVisible();
    } else {
      await expect(error.getByRole('button', { name: 'Copy fix' })).toHaveCount(0);
    }
    if (id === 'ollama') await expect(error).toContainText(`OLLAMA_ORIGINS=${origin} ollama serve`);
    if (id === 'vllm') await expect(error).toContainText(`--allowed-origins '["${origin}"]'`);
  });
}

/** A local server on a free port; `cors` says whether it lets other origins read its answers. */
async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void, cors: boolean): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    if (cors) {
      res.setHeader('access-control-allow-origin', '*');
      res.setHeader('access-control-allow-headers', '*');
      res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
      if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    }
    handler(req, res);
  });
  return listenLocally(server);
}

const json = (status: number, body: unknown) => (_req: IncomingMessage, res: ServerResponse) => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

async function testConnection(page: Page, presetLabel: string, url: string, key?: string) {
  const dialog = await openDialog(page);
  await dialog.getByRole('radio', { name: presetLabel }).check();
  await dialog.getByLabel('Endpoint URL').fill(url);
  if (key) await dialog.getByLabel(/^API key/).fill(key);
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  const error = dialog.getByTestId('connect-error');
  await expect(error).toBeVisible();
  return { dialog, error };
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

test.describe('Test connection says what is wrong, once, with one fix', () => {
  test('a closed port: nothing is listening, start the server; no CORS advice', async ({ page }) => {
    // A port that was just free and is closed again.
    const closed = await listen(json(200, {}), true);
    await closed.close();
    const { dialog, error } = await testConnection(page, 'vLLM', `${closed.url}/v1`);
    await expect(error).toHaveAttribute('data-problem', 'not-listening');
    await expect(error).toContainText(`Nothing is listening at ${closed.url}`);
    await expect(error.getByTestId('connect-fix')).toHaveCount(1);
    await expect(error.locator('code', { hasText: getPreset('vllm').startCommand! })).toBeVisible();
    expect(await dialog.innerText()).not.toMatch(/CORS|allowed-origins|origin/i);
    await error.screenshot({ path: screenshotPath('connect-not-listening.png') });
  });

  test("a server that sends no CORS headers: the preset's CORS fix, not a start command", async ({ page }) => {
    const server = await listen(json(200, { data: [{ id: 'm' }] }), false);
    try {
      const { dialog, error } = await testConnection(page, 'vLLM', `${server.url}/v1`);
      await expect(error).toHaveAttribute('data-problem', 'cors');
      const origin = new URL(page.url()).origin;
      await expect(error.getByTestId('connect-fix')).toHaveCount(1);
      await expect(error.getByTestId('connect-fix')).toContainText(corsFix('vllm', origin).text);
      const text = await dialog.innerText();
      expect(text).not.toContain(getPreset('vllm').startCommand!);
      expect(text).not.toContain('Nothing is listening');
    } finally {
      await server.close();
    }
  });

  test('a server answering 404: the path that was not found, said once, and no extra /v1', async ({ page }) => {
    const server = await listen(json(404, { detail: 'Not Found' }), true);
    try {
      const { dialog, error } = await testConnection(page, 'vLLM', `${server.url}/v1`);
      await expect(error).toHaveAttribute('data-problem', 'wrong-path');
      await expect(error).toContainText('/v1/chat/completions was not found');
      const text = await dialog.innerText();
      expect(occurrences(text, 'Not Found'), 'the server message appears once').toBe(1);
      expect(text).not.toMatch(/\/v1\/v1|need \/v1|add \/v1/i);
      await expect(error.getByTestId('connect-fix')).toContainText('check the port');
      await dialog.screenshot({ path: screenshotPath('connect-404.png') });
      await page.keyboard.press('Escape');

      // Without /v1, the fix is the one base path to use.
      const again = await testConnection(page, 'vLLM', server.url);
      await expect(again.error).toHaveAttribute('data-problem', 'wrong-path');
      await expect(again.error.locator('code', { hasText: `${server.url}/v1` })).toBeVisible();
    } finally {
      await server.close();
    }
  });

  test('a run against a 404 server says "Not Found" once, and suggests /v1 only where it is missing', async ({ page }) => {
    const server = await listen(json(404, { detail: 'Not Found' }), true);
    try {
      const viewer = new ViewerPage(page);
      await viewer.open();
      await viewer.connect('OpenAI-compatible', `${server.url}/v1`, 'm');
      await viewer.run('hello');
      await expect(viewer.status).toContainText('Error');
      const withV1 = await viewer.status.innerText();
      expect(occurrences(withV1, 'Not Found'), withV1).toBe(1);
      expect(withV1).toContain('the server has no /v1/chat/completions or no such model');
      expect(withV1).not.toMatch(/add \/v1|need \/v1/i);

      await viewer.connect('OpenAI-compatible', server.url, 'm');
      await viewer.run('hello');
      await expect(viewer.status).toContainText('add /v1 to the endpoint URL');
    } finally {
      await server.close();
    }
  });

  test('a server answering 401: check the key, said once', async ({ page }) => {
    const server = await listen(json(401, { error: { message: 'Invalid API key: sk-wr…', type: 'invalid_request_error' } }), true);
    try {
      const { dialog, error } = await testConnection(page, 'OpenRouter', `${server.url}/api/v1`, 'sk-wrong');
      await expect(error).toHaveAttribute('data-problem', 'wrong-key');
      await expect(error).toContainText('The server refused the key (HTTP 401)');
      await expect(error.getByTestId('connect-fix')).toContainText('Check the API key');
      const text = await dialog.innerText();
      expect(occurrences(text, 'Invalid API key'), 'the server message appears once').toBe(1);
      expect(text).not.toMatch(/CORS|\/v1 /);
    } finally {
      await server.close();
    }
  });
});

test('"Use this connection" applies the server, address and name to the settings', async ({ page }) => {
  const dialog = await openDialog(page);
  await dialog.getByRole('radio', { name: 'Ollama' }).check();
  const base = `${server.url}/fx/ollama-thinking.ndjson`;
  await dialog.getByLabel('Endpoint URL').fill(base);
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog.getByTestId('connect-verdict')).toContainText('Connected');
  await expect(dialog.getByLabel('Model', { exact: true })).toHaveValue('mock-reasoner:7b');
  await dialog.getByRole('button', { name: 'Use this connection' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeFocused();
  await expect(page.getByLabel('Provider')).toHaveValue('ollama');
  await expect(page.getByLabel('Endpoint URL')).toHaveValue(base);
  await expect(page.getByLabel('Model', { exact: true })).toHaveValue('mock-reasoner:7b');

  // And a run now goes to that server.
  await page.getByLabel('Prompt').fill('Is 3 smaller than 5?');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Done');
  await expect(page.getByRole('region', { name: 'Answer' })).toContainText('3 < 5');
});

test('the dialog is modal: focus starts inside, Tab stays inside, Escape closes and returns focus', async ({ page }) => {
  const dialog = await openDialog(page);
  await expect(dialog.getByRole('group', { name: 'Server' })).toBeVisible();
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  const focusStaysInside = async (key: string, times: number) => {
    for (let i = 0; i < times; i++) {
      await page.keyboard.press(key);
      expect(await dialog.evaluate((d) => d.contains(document.activeElement)), `${key} #${i + 1}`).toBe(true);
    }
  };
  await focusStaysInside('Tab', 6);
  await focusStaysInside('Shift+Tab', 6);
  await dialog.getByRole('radio', { name: 'LM Studio' }).check();
  await focusStaysInside('Tab', 20);
  await focusStaysInside('Shift+Tab', 20);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeFocused();
  // The close button works too.
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('dialog', { name: 'Connect a model' }).getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('screenshot of the dialog after a successful test', async ({ page }) => {
  await page.setViewportSize({ width: 1200, height: 1000 });
  const dialog = await openDialog(page);
  await dialog.getByRole('radio', { name: 'vLLM' }).check();
  await dialog.getByLabel('Endpoint URL').fill(`${server.url}/fx/vllm-reasoning.sse/v1`);
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog.getByTestId('connect-verdict')).toContainText('Connected');
  // Show the usual address in the picture rather than the test server's random port.
  await dialog.getByLabel('Endpoint URL').evaluate((el) => {
    (el as HTMLInputElement).value = 'http://127.0.0.1:8000/v1';
  });
  await dialog.screenshot({ path: screenshotPath('connect.png'), animations: 'disabled' });
});
