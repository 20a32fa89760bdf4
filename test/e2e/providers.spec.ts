import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { startMockServer, type MockServer } from './support/mock-server';
import { ViewerPage, openMoreSettings } from './support/viewer-page';

type Expect = { reasoning: string; answer: string; reasoningKinds?: string[]; done?: { finishReason?: string }; error?: { message: string }; malformedCount?: number };
const manifest = JSON.parse(readFileSync(new URL('../fixtures/providers/manifest.json', import.meta.url), 'utf8')) as {
  fixtures: { file: string; provider: string; note: string; expect: Expect }[];
};
const LABELS: Record<string, string> = { 'openai-compatible': 'OpenAI-compatible', anthropic: 'Anthropic', ollama: 'Ollama', 'openai-responses': 'OpenAI Responses' };
/** Markdown renders `**x**` as x; compare text as a reader sees it. */
const plain = (s: string) => s.replace(/[*_`#]/g, '').replace(/\s+/g, ' ').trim();

let server: MockServer;
test.beforeAll(async () => {
  server = await startMockServer();
});
test.afterAll(async () => {
  await server.close();
});

// prompt-injection.sse has its own test in faults.spec.ts: what it must render is nothing of its HTML.
for (const fixture of manifest.fixtures.filter((f) => f.file !== 'prompt-injection.sse')) {
  test(`${LABELS[fixture.provider]} streams ${fixture.file} (${fixture.note.slice(0, 60)})`, async ({ page }) => {
    const viewer = new ViewerPage(page);
    await viewer.open();
    const base = fixture.provider === 'ollama' ? `${server.url}/fx/${fixture.file}` : `${server.url}/fx/${fixture.file}/v1`;
    await viewer.connect(LABELS[fixture.provider], base, 'mock-reasoner-7b');
    await viewer.run('Recorded fixture');
    const expected = fixture.expect;
    await expect(viewer.status).toContainText(expected.error ? 'Error' : 'Done');
    if (expected.error) await expect(viewer.status).toContainText(expected.error.message.slice(0, 40));
    await viewer.openThinking();

    const steps = await page.locator('.steps .step-body, .step-live .step-body').evaluateAll((nodes) =>
      nodes.map((n) => [...n.childNodes].filter((c) => !(c as Element).classList?.contains('visually-hidden') && !(c as Element).classList?.contains('step-mark')).map((c) => (c as HTMLElement).innerText ?? c.textContent).join(' ')),
    );
    expect(plain(steps.join(' '))).toBe(plain(expected.reasoning));
    if (expected.answer) await expect(viewer.answer).toContainText(plain(expected.answer).slice(0, 60));
    else await expect(viewer.answer).toContainText(/No answer|Waiting/);
    if (expected.reasoningKinds?.includes('summary')) await expect(viewer.reasoning).toContainText('summary from the provider, not the raw chain');
    if (expected.reasoningKinds?.includes('redacted')) await expect(viewer.reasoning).toContainText('redacted by the provider');
    if (expected.malformedCount) await expect(page.getByText(`Skipped ${expected.malformedCount} malformed line`)).toBeVisible();
  });
}

test('the model picker lists the endpoint\'s models and accepts free text when listing fails', async ({ page }) => {
  const viewer = new ViewerPage(page);
  await viewer.open();
  await viewer.connect('OpenAI-compatible', `${server.url}/fx/deepseek-reasoner.sse/v1`);
  await expect(page.getByText('2 models listed.')).toBeVisible();
  const options = await page.locator('datalist option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
  expect(options).toEqual(['mock-reasoner-7b', 'mock-reasoner-32b']);
  await viewer.connect('Ollama', `${server.url}/fx/ollama-thinking.ndjson`);
  await expect(page.getByText('2 models listed.')).toBeVisible();
  await viewer.connect('OpenAI-compatible', `${server.url}/status/404/v1`);
  await expect(page.getByText(/Type the model name/)).toBeVisible();
  await page.getByLabel('Model', { exact: true }).fill('typed-by-hand');
  await expect(page.getByLabel('Model', { exact: true })).toHaveValue('typed-by-hand');
});

test('requests carry the settings and never put the key in the URL', async ({ page }) => {
  const viewer = new ViewerPage(page);
  await viewer.open();
  await viewer.connect('OpenAI-compatible', `${server.url}/fx/deepseek-reasoner.sse/v1`, 'deepseek-reasoner');
  await page.getByLabel('API key').fill('sk-e2e-secret');
  await openMoreSettings(page);
  await page.getByLabel('Reasoning effort').selectOption('high');
  await page.getByLabel('Max tokens').fill('777');
  await viewer.run('What is 17 × 24?');
  await expect(viewer.status).toContainText('Done');
  const post = server.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!;
  const body = JSON.parse(post.body);
  expect(body).toMatchObject({ model: 'deepseek-reasoner', stream: true, reasoning_effort: 'high', max_tokens: 777 });
  expect(post.headers.authorization).toBe('Bearer sk-e2e-secret');
  expect(server.requests.every((r) => !r.path.includes('sk-e2e-secret'))).toBe(true);
});

test('Anthropic gets its thinking budget and browser header; Ollama its think level', async ({ page }) => {
  const viewer = new ViewerPage(page);
  await viewer.open();
  await viewer.connect('Anthropic', `${server.url}/fx/anthropic-thinking.sse/v1`, 'claude-sonnet-4-5');
  await page.getByLabel('API key').fill('sk-ant-e2e');
  await openMoreSettings(page);
  await page.getByLabel('Thinking budget (tokens)').fill('3000');
  await page.getByLabel('Max tokens').fill('8000');
  await viewer.run('What is 23 × 47?');
  await expect(viewer.status).toContainText('Done');
  const anthropic = server.requests.filter((r) => r.path.endsWith('/messages')).at(-1)!;
  expect(JSON.parse(anthropic.body)).toMatchObject({ model: 'claude-sonnet-4-5', stream: true, max_tokens: 8000, thinking: { type: 'enabled', budget_tokens: 3000 } });
  expect(anthropic.headers['x-api-key']).toBe('sk-ant-e2e');
  expect(anthropic.headers['anthropic-dangerous-direct-browser-access']).toBe('true');

  await viewer.connect('Ollama', `${server.url}/fx/ollama-thinking.ndjson`, 'mock-reasoner:7b');
  await page.getByLabel('Reasoning effort').selectOption('high');
  await viewer.run('Is 3 less than 5?');
  await expect(viewer.status).toContainText('Done');
  const ollama = server.requests.filter((r) => r.path.endsWith('/api/chat')).at(-1)!;
  expect(JSON.parse(ollama.body)).toMatchObject({ model: 'mock-reasoner:7b', stream: true, think: 'high' });
});
