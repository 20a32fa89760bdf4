import { expect, type Page } from '@playwright/test';

/** Page object for the live viewer, by role and label as users and screen readers see it. */
export class ViewerPage {
  constructor(readonly page: Page) {}

  get status() {
    return this.page.getByRole('status');
  }
  get reasoning() {
    return this.page.getByRole('region', { name: 'Reasoning' });
  }
  get answer() {
    return this.page.getByRole('region', { name: 'Answer' });
  }
  get steps() {
    return this.reasoning.getByRole('listitem');
  }
  /** The thinking block's title: "Thinking… 2.1 s" while streaming, "Thought for N s" after. */
  get thinkingToggle() {
    return this.reasoning.getByRole('button', { name: /^(Thinking…|Thought for|Reasoning)/ });
  }

  /** Opens the thinking block (it closes by itself once the answer is in) to show the steps. */
  async openThinking() {
    if ((await this.thinkingToggle.getAttribute('aria-expanded')) === 'false') await this.thinkingToggle.click();
    await expect(this.thinkingToggle).toHaveAttribute('aria-expanded', 'true');
  }

  async open(hash = '') {
    await this.page.goto(`/${hash}`);
    await expect(this.page.getByRole('button', { name: 'Run' })).toBeVisible();
  }

  async connect(provider: string, endpointUrl?: string, model?: string) {
    await this.page.getByLabel('Provider').selectOption({ label: provider });
    if (endpointUrl !== undefined) {
      // The typed address is used (and its models listed) on Enter or on leaving the field.
      await this.page.getByLabel('Endpoint URL').fill(endpointUrl);
      await this.page.getByLabel('Endpoint URL').press('Enter');
    }
    if (model !== undefined) await this.page.getByLabel('Model', { exact: true }).fill(model);
  }

  async run(prompt: string) {
    await this.page.getByLabel('Prompt').fill(prompt);
    await this.page.getByRole('button', { name: 'Run', exact: true }).click();
  }

  /** Runs the prompt and waits until the run is done. */
  async runToDone(prompt: string, timeout = 30_000) {
    await this.run(prompt);
    await expect(this.status).toContainText('Done', { timeout });
  }

  /** The demo model's speed: fast keeps a test short, slow leaves time to act mid-stream. */
  async setDemoRate(tokensPerSecond: number) {
    await this.page.getByLabel('Demo token rate (tokens/s)').fill(String(tokensPerSecond));
  }

  async reasoningText(): Promise<string> {
    return (await this.reasoning.innerText()).replace(/\s+/g, ' ');
  }
}

/** Opens the viewer's "More settings" (collapsed on first load), where most settings live. */
export async function openMoreSettings(page: Page): Promise<void> {
  const more = page.locator('details.more-settings');
  if (!(await more.evaluate((d) => (d as HTMLDetailsElement).open))) await more.locator(':scope > summary').click();
  await expect(more).toHaveAttribute('open', '');
}
