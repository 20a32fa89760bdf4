import { readFile } from 'node:fs/promises';
import { expect, type Page } from '@playwright/test';

/** Page object for the Runs page (#/runs), by role and label. */
export class RunsPageObject {
  constructor(readonly page: Page) {}

  get count() {
    return this.page.getByTestId('runs-count');
  }
  get monitoring() {
    return this.page.getByRole('region', { name: 'Monitoring' });
  }
  get replay() {
    return this.page.getByRole('region', { name: 'Replay' });
  }
  get progress() {
    return this.page.getByRole('progressbar', { name: 'Batch progress' });
  }

  async open() {
    await this.page.goto('/#/runs');
    await expect(this.count).toBeVisible();
  }

  async expectStored(n: number) {
    await expect(this.count).toContainText(`${n} run${n === 1 ? '' : 's'} stored`);
  }

  async selectAll() {
    await this.page.getByRole('checkbox', { name: 'Select all shown' }).check();
  }

  /** Clicks "Export selected" and returns the downloaded file's text. */
  async exportSelected(): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('button', { name: 'Export selected' }).click()]);
    return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
  }

  async deleteSelected(n: number) {
    await this.page.getByRole('button', { name: 'Delete selected' }).click();
    await this.page.getByRole('button', { name: `Yes, delete ${n}` }).click();
  }

  async importText(name: string, text: string) {
    await this.page.getByLabel('Import runs').setInputFiles({ name, mimeType: 'application/x-ndjson', buffer: Buffer.from(text) });
  }
}
