import { expect, test } from '@playwright/test';
import { ViewerPage, openMoreSettings } from './support/viewer-page';

test.describe('the built-in demo model', () => {
  test('streams a scenario into numbered steps and an answer, offline, by default', async ({ page }) => {
    const viewer = new ViewerPage(page);
    await viewer.open();
    await expect(page.getByLabel('Provider')).toHaveValue('demo');
    await viewer.setDemoRate(400);
    await viewer.run('Quick: what is 12 + 30?');
    await expect(viewer.status).toContainText('Streaming');
    await expect(viewer.status).toContainText('Done', { timeout: 30_000 });
    await expect(viewer.thinkingToggle).toHaveText(/^Thought for \d+ s$/);
    await viewer.openThinking();
    await expect(viewer.steps.first()).toBeVisible();
    expect(await viewer.steps.count()).toBeGreaterThan(0);
    await expect(viewer.answer).not.toContainText('The answer appears here');
    await expect(page.getByText('Time to first token')).toBeVisible();
    await expect(page.getByText(/^short · [\d.]+ s of 5 s$/)).toBeVisible();
  });

  test('Stop aborts at once and keeps what streamed', async ({ page }) => {
    const viewer = new ViewerPage(page);
    await viewer.open();
    await viewer.setDemoRate(40);
    await viewer.run('Plan a complex multi-city trip');
    await expect(viewer.steps.first()).toBeVisible({ timeout: 20_000 });
    const before = await viewer.reasoningText();
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(viewer.status).toContainText('Stopped', { timeout: 1000 });
    expect((await viewer.reasoningText()).length).toBeGreaterThanOrEqual(before.length - 5);
    await page.waitForTimeout(600);
    const after = await viewer.reasoningText();
    await page.waitForTimeout(600);
    expect(await viewer.reasoningText()).toBe(after);
  });

  test('a broken connection ends in a clear error and keeps the steps', async ({ page }) => {
    const viewer = new ViewerPage(page);
    await viewer.open();
    await viewer.setDemoRate(800);
    await viewer.run('Show me a disconnect');
    await expect(viewer.status).toContainText('Error', { timeout: 30_000 });
    await expect(viewer.status).toContainText(/dropped/i);
    expect(await viewer.steps.count()).toBeGreaterThan(0);
  });

  test('settings persist across reloads, the API key only when asked', async ({ page }) => {
    const viewer = new ViewerPage(page);
    await viewer.open();
    await viewer.connect('OpenAI-compatible', 'http://127.0.0.1:9/v1', 'my-model');
    await page.getByLabel('API key').fill('sk-test-secret');
    await openMoreSettings(page);
    await page.getByLabel('Max tokens').fill('2048');
    await page.reload();
    await expect(page.getByLabel('Provider')).toHaveValue('openai-compatible');
    await expect(page.getByLabel('Endpoint URL')).toHaveValue('http://127.0.0.1:9/v1');
    await expect(page.getByLabel('Model', { exact: true })).toHaveValue('my-model');
    await openMoreSettings(page);
    await expect(page.getByLabel('Max tokens')).toHaveValue('2048');
    await expect(page.getByLabel('API key')).toHaveValue('');
    await page.getByLabel('API key').fill('sk-test-secret');
    await page.getByLabel('Remember on this device').check();
    await page.reload();
    await expect(page.getByLabel('API key')).toHaveValue('sk-test-secret');
  });

  test('share link carries the prompt and endpoint, never the key', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const viewer = new ViewerPage(page);
    await viewer.open();
    await viewer.connect('OpenAI-compatible', 'http://127.0.0.1:9/v1', 'shared-model');
    await page.getByLabel('API key').fill('sk-never-shared');
    await page.getByLabel('Prompt').fill('Shared prompt: 3 × 7?');
    await page.getByRole('button', { name: 'Share link' }).click();
    const url = await page.evaluate(() => navigator.clipboard.readText());
    expect(url).toContain('prompt=Shared');
    expect(url).not.toContain('sk-never-shared');
    const fresh = await context.newPage();
    await fresh.goto(url);
    await expect(fresh.getByLabel('Prompt')).toHaveValue('Shared prompt: 3 × 7?');
    await expect(fresh.getByLabel('Model', { exact: true })).toHaveValue('shared-model');
    expect(fresh.url()).not.toContain('prompt=');
  });

  test('downloads the run as Markdown with its reasoning', async ({ page }) => {
    const viewer = new ViewerPage(page);
    await viewer.open();
    await viewer.setDemoRate(800);
    await viewer.runToDone('Quick: what is 12 + 30?');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download Markdown' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.md$/);
    const text = await (await file.createReadStream()).toArray();
    const md = Buffer.concat(text as Buffer[]).toString('utf8');
    expect(md).toContain('## Reasoning');
    expect(md).toContain('### Step 1');
    expect(md).toContain('## Answer');
  });

  test('warns when no new step arrives within the step timeout (stall scenario)', async ({ page }) => {
    const viewer = new ViewerPage(page);
    await viewer.open();
    await viewer.setDemoRate(400);
    await openMoreSettings(page);
    await page.getByLabel('Step timeout (s)').fill('2');
    await viewer.run('Show me a stall');
    await expect(page.getByTestId('step-timeout')).toContainText(/No new step for \d/, { timeout: 15_000 });
    await expect(viewer.status).toContainText('Streaming');
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(viewer.status).toContainText('Stopped');
  });

  test('flags a missed latency target for the tier', async ({ page }) => {
    const viewer = new ViewerPage(page);
    await viewer.open();
    await openMoreSettings(page);
    await page.getByText('Latency tiers').click();
    await page.getByLabel('Short target (s)').fill('1');
    await viewer.setDemoRate(60);
    await viewer.runToDone('Quick: what is 15% of 80?');
    await expect(page.getByTestId('tier-miss')).toContainText('short chains should finish within 1 s');
  });

  test('never presents another question’s answer: free-form prompts play a labelled scenario, the picker and the example get their own', async ({ page }) => {
    test.setTimeout(60_000);
    const viewer = new ViewerPage(page);
    await viewer.open();
    await viewer.setDemoRate(2000);
    const label = page.getByTestId('demo-scenario');
    const besideAnswer = viewer.answer.getByTestId('demo-answer-note');

    await viewer.runToDone('What is the capital of France?');
    await expect(label).toHaveText(/^Demo scenario: short answer — the demo model replays scripted chains; connect a model to ask your own question\. Playing: “What is 15% of 80\?” — not your question\.$/);
    await expect(besideAnswer).toContainText('Playing: “What is 15% of 80?” — not your question.');
    await expect(label).toBeInViewport();
    await page.screenshot({ path: 'test-results/demo/free-form-labelled.png' });

    // The picker fills in a scenario's own question: then the answer is that question's.
    const picker = page.getByLabel('Demo scenario');
    await picker.selectOption({ label: 'Arithmetic slip, self-corrected' });
    await expect(page.getByLabel('Prompt')).toHaveValue(/^A warehouse has 24 rows with 17 pallets/);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(viewer.status).toContainText('Done', { timeout: 30_000 });
    await expect(label).toHaveText(/^Demo scenario: arithmetic slip, self-corrected — /);
    await expect(label).not.toContainText('not your question');
    await expect(besideAnswer).toHaveCount(0);
    await expect(viewer.answer).toContainText('13,438 boxes');

    // The prompt box's example question has its own chain: 210 km at 84 km/h from 3:40 pm.
    const example = /e\.g\. “(.+)”$/.exec((await page.getByLabel('Prompt').getAttribute('placeholder')) ?? '')![1];
    await viewer.runToDone(example);
    await expect(viewer.answer).toContainText('6:10 pm');
    await expect(label).toContainText('this question’s own worked chain');
    await expect(besideAnswer).toHaveCount(0);
    await page.screenshot({ path: 'test-results/demo/picker-own-chain.png' });
  });

  test('a stall demo captions its latency miss as intended, not as a failure', async ({ page }) => {
    test.setTimeout(90_000);
    const viewer = new ViewerPage(page);
    await viewer.open();
    await viewer.setDemoRate(400);
    await page.getByLabel('Demo scenario').selectOption({ label: 'Stalled stream' });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByTestId('tier-miss-expected')).toContainText('As intended: This scenario shows a stall: the latency target will be missed.', { timeout: 30_000 });
    await expect(page.getByTestId('tier-miss')).toHaveCount(0);
    await page.getByRole('button', { name: 'Stop' }).click();
  });

  test('copies reasoning and answer', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const viewer = new ViewerPage(page);
    await viewer.open();
    await viewer.setDemoRate(800);
    await viewer.runToDone('Quick: what is 15% of 80?');
    await viewer.openThinking();
    await page.getByRole('button', { name: 'Copy reasoning' }).click();
    const reasoning = await page.evaluate(() => navigator.clipboard.readText());
    expect(reasoning.split('\n\n').length).toBe(await viewer.steps.count());
    await page.getByRole('button', { name: 'Copy answer' }).click();
    const answer = await page.evaluate(() => navigator.clipboard.readText());
    expect(answer.length).toBeGreaterThan(3);
    await expect(viewer.answer).toContainText(answer.replace(/[*_`]/g, '').trim().slice(0, 20));
  });

  test('splits steps by line when asked', async ({ page }) => {
    const viewer = new ViewerPage(page);
    await viewer.open();
    await viewer.setDemoRate(800);
    await viewer.runToDone('Quick: what is 15% of 80?');
    await viewer.openThinking();
    const paragraphs = await viewer.steps.count();
    await openMoreSettings(page);
    await page.getByLabel('Split steps by').selectOption({ label: 'Every K tokens' });
    await page.getByLabel('Tokens per step').fill('10');
    await page.getByLabel('Reuse finished chains for similar questions').uncheck();
    await viewer.runToDone('Quick: what is 15% of 80?');
    await viewer.openThinking();
    expect(await viewer.steps.count()).toBeGreaterThan(paragraphs);
  });

  test('a repeated question replays from the similarity cache, with "Run fresh anyway"', async ({ page }) => {
    const viewer = new ViewerPage(page);
    await viewer.open();
    await viewer.setDemoRate(800);
    await viewer.runToDone('Quick: what is 15% of 80?');
    await viewer.openThinking();
    const firstSteps = await viewer.steps.count();
    await viewer.run('quick - what is 15 % of 80 ?');
    await expect(viewer.reasoning.getByText(/cached · similarity 0\.\d\d/)).toBeVisible();
    await expect(viewer.status).toContainText('Done');
    // The replay says how long the original run thought, and that the replay itself took the Elapsed time.
    const elapsed = (await page.locator('.metric', { hasText: 'Elapsed' }).locator('dd').innerText()).trim();
    await expect(viewer.thinkingToggle).toHaveText(new RegExp(`^Thought for \\d+ s \\(original run\\) · replayed in ${elapsed.replace('.', '\\.')}$`));
    await viewer.openThinking();
    expect(await viewer.steps.count()).toBe(firstSteps);
    await page.getByRole('button', { name: 'Run fresh anyway' }).click();
    await expect(viewer.reasoning.getByText(/cached · similarity/)).toBeHidden();
    await expect(viewer.status).toContainText('Done', { timeout: 30_000 });
    // Different numbers never share an answer, however alike the wording.
    await viewer.run('Quick: what is 15% of 90?');
    await expect(viewer.status).toContainText(/Streaming|Done/);
    await expect(viewer.reasoning.getByText(/cached · similarity/)).toBeHidden();
  });
});

