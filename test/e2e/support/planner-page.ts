import { expect, type Page } from '@playwright/test';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../../../src/core/random';

/** Page object for the capacity planner, by role and label. */
export class PlannerPage {
  constructor(readonly page: Page) {}

  get upload() {
    return this.page.getByLabel('Upload logs');
  }
  get progress() {
    return this.page.getByRole('progressbar', { name: 'Parsing logs' });
  }
  get headline() {
    return this.page.getByRole('region', { name: 'Breakpoint summary' }).getByRole('heading', { level: 3 });
  }
  get notice() {
    return this.page.locator('.notice');
  }
  fileReport(name: string) {
    return this.page.getByRole('region', { name, exact: true });
  }
  chart(title: string) {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  /** Opens the app and follows the page-level "Capacity planner" link. */
  async open() {
    await this.page.goto('/');
    await this.page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Capacity planner' }).click();
    await expect(this.page).toHaveURL(/#\/planner$/);
    await expect(this.upload).toBeAttached();
  }
}

/** A deterministic generic JSONL log of `rows` requests, written to `dir`; returns its path. */
export async function writeLargeLog(dir: string, rows: number): Promise<string> {
  const path = join(dir, `large-${rows}.jsonl`);
  const out = createWriteStream(path);
  const rnd = mulberry32(7);
  let lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const steps = 1 + Math.floor(rnd() * 60);
    lines.push(`{"timestamp":${1795165200000 + i * 5},"steps":${steps},"ttft_ms":${600 + Math.floor(rnd() * 600)},"latency_ms":${steps * 1200 + 900},"status":"ok"}\n`);
    if (lines.length === 10000) {
      if (!out.write(lines.join(''))) await new Promise<void>((r) => out.once('drain', () => r()));
      lines = [];
    }
  }
  out.write(lines.join(''));
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return path;
}
