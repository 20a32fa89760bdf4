/**
 * Memory over a long session: a 1,000-run demo batch on the Runs page of the built app.
 *
 * The JS heap of the page plus its workers is read after a full garbage collection once the
 * first 100 runs have finished and again when all 1,000 have. Finished runs should release what
 * they held (verify sessions, engines), so the end heap should be within 20 % of the first.
 * Median of at least three batches, each in a fresh browser context.
 */
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/support/chromium';
import { aim, attachHeapProbe, benchRuns, median, serveDist, type Aim } from './support';

const RUNS_PER_BATCH = 1000;
const EARLY = 100;

async function finishedRuns(page: import('@playwright/test').Page): Promise<number> {
  return Number(await page.locator('progress[aria-label="Batch progress"]').getAttribute('value'));
}

async function oneBatch(browser: Browser, origin: string): Promise<{ earlyMB: number; endMB: number; wallS: number; finished: number }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/#/runs`);
    const probe = await attachHeapProbe(page);
    // Distinct prompts (numbered) so neither de-duplication nor the similarity cache folds them.
    const queries = Array.from({ length: RUNS_PER_BATCH }, (_, i) => `Quick: what is ${i + 2} times ${(i % 17) + 3}?`);
    await page.getByLabel('Queries', { exact: true }).fill(queries.join('\n'));
    await page.getByLabel('Concurrency').fill('8');
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Run batch' }).click();
    await page.waitForFunction(
      (n) => Number(document.querySelector('progress[aria-label="Batch progress"]')?.getAttribute('value')) >= n,
      EARLY,
      { timeout: 120_000, polling: 100 },
    );
    await probe.collectGarbage();
    const early = (await probe.main()) + (await probe.workers());
    await page.getByText(/— finished in [\d.]+ s/).waitFor({ timeout: 600_000 });
    const wallS = (Date.now() - t0) / 1000;
    const finished = await finishedRuns(page);
    if (finished !== RUNS_PER_BATCH) throw new Error(`the batch finished ${finished} of ${RUNS_PER_BATCH} runs`);
    await page.waitForTimeout(500);
    await probe.collectGarbage();
    const end = (await probe.main()) + (await probe.workers());
    return { earlyMB: early / 1e6, endMB: end / 1e6, wallS, finished };
  } finally {
    await context.close();
  }
}

export async function runMemoryBench(): Promise<{ figures: Record<string, number>; aims: Aim[] }> {
  const RUNS = benchRuns();
  const served = await serveDist();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'] });
  try {
    const batches = [];
    for (let i = 0; i < RUNS; i++) batches.push(await oneBatch(browser, served.origin));
    const ratios = batches.map((b) => b.endMB / b.earlyMB);
    const figures = {
      earlyHeapMB: median(batches.map((b) => b.earlyMB)),
      endHeapMB: median(batches.map((b) => b.endMB)),
      growthRatio: median(ratios),
      batchWallS: median(batches.map((b) => b.wallS)),
    };
    console.log(`\nMemory over a ${RUNS_PER_BATCH.toLocaleString('en-US')}-run demo batch (Runs page, concurrency 8), median of ${RUNS} batches:`);
    console.log(`  JS heap after GC, page + workers, after ${EARLY} runs   ${figures.earlyHeapMB.toFixed(1)} MB   (${batches.map((b) => b.earlyMB.toFixed(1)).join(', ')})`);
    console.log(`  JS heap after GC, page + workers, after ${RUNS_PER_BATCH} runs  ${figures.endHeapMB.toFixed(1)} MB   (${batches.map((b) => b.endMB.toFixed(1)).join(', ')})`);
    console.log(`  end ÷ early                                    ${figures.growthRatio.toFixed(2)}   (aim ≤ 1.20)`);
    console.log(`  batch wall time                                ${figures.batchWallS.toFixed(1)} s`);
    return { figures, aims: [aim('Long session', `heap after ${RUNS_PER_BATCH} runs ÷ heap after ${EARLY} (after GC)`, figures.growthRatio, 1.2, '≤', (v) => v.toFixed(2))] };
  } finally {
    await browser.close();
    await served.close();
  }
}
