/**
 * The browser pass over ../shared/conformance/streams: each real recording is served byte for byte
 * by a 127.0.0.1 mock server, picked in the viewer with the provider option providers.json names,
 * and what the page shows is compared with the recording's oracle files:
 * - the status says Done, or Error with the message the recording carries;
 * - the reasoning steps shown (every step, scrolled through the virtualized list) are the oracle's
 *   paragraphs — split at blank lines and trimmed, as the viewer's default step mode promises — with
 *   one "[redacted thinking]" marker per redacted block; rendered, each step shows the letters and
 *   digits of its Markdown, and "Copy reasoning" gives the steps exactly, joined by a blank line;
 * - the answer shown has the oracle's letters and digits, and "Copy answer" gives it byte for byte.
 */
import { expect, test, type Page } from '@playwright/test';
import { REDACTED_THINKING_TEXT } from '../../src/core/providers/anthropic';
import { CONFORMANCE_STREAMS, startMockServer, type MockServer } from './support/mock-server';
import { conformanceDirMissing, letters, paragraphSteps, readRecordings, recordedErrorMessage, visibleLetters, type Recording } from './support/conformance';
import { ViewerPage } from './support/viewer-page';

const missing = conformanceDirMissing(CONFORMANCE_STREAMS);
const recordings: Recording[] = missing ? [] : readRecordings(CONFORMANCE_STREAMS);

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

let server: MockServer;
test.beforeAll(async () => {
  server = await startMockServer();
});
test.afterAll(async () => {
  await server.close();
});

test('the 29 conformance recordings are present', () => {
  expect(missing, missing ?? '').toBeNull();
  expect(recordings.length).toBe(29);
});

/** Every step the list shows, by index: scrolls the virtualized list from top to bottom. */
async function shownSteps(page: Page): Promise<string[]> {
  const scroller = page.getByRole('group', { name: 'Reasoning steps, scrollable' });
  const seen = new Map<number, string>();
  // A reader's wheel up first: the list follows the newest step until someone scrolls up.
  await scroller.evaluate((el) => {
    el.dispatchEvent(new WheelEvent('wheel', { deltaY: -1, bubbles: true }));
    el.scrollTop = 0;
  });
  for (let guard = 0; guard < 400; guard++) {
    const batch = await scroller.locator('li[data-index]').evaluateAll((nodes) =>
      nodes.map((n) => {
        const body = n.querySelector('.step-body');
        const text = body ? [...body.childNodes].filter((c) => !(c instanceof Element && (c.classList.contains('visually-hidden') || c.classList.contains('finding') || c.classList.contains('step-mark')))).map((c) => c.textContent ?? '').join('') : '';
        return { index: Number((n as HTMLElement).dataset.index), total: Number(n.getAttribute('aria-setsize')), text };
      }),
    );
    for (const b of batch) seen.set(b.index, b.text);
    const total = batch[0]?.total ?? 0;
    if (seen.size >= total) break;
    const atEnd = await scroller.evaluate((el) => {
      const before = el.scrollTop;
      el.scrollTop += el.clientHeight * 0.7;
      return el.scrollTop === before;
    });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    if (atEnd && guard > 2) break;
  }
  return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t);
}

async function copied(page: Page, button: string): Promise<string> {
  await page.evaluate(() => navigator.clipboard.writeText('(nothing copied)'));
  await page.getByRole('button', { name: button }).click();
  const read = () => page.evaluate(() => navigator.clipboard.readText());
  await expect.poll(read).not.toBe('(nothing copied)');
  return read();
}

for (const r of recordings) {
  test(`${r.picker} shows ${r.file} exactly`, async ({ page }) => {
    const viewer = new ViewerPage(page);
    await viewer.open();
    await viewer.connect(r.picker, `${server.url}/conf/${r.file}/v1`, 'recorded-model');
    await viewer.run('Replay a recorded stream');
    if (r.endsInError) {
      const message = recordedErrorMessage(r.body);
      expect(message).toBeTruthy();
      await expect(viewer.status).toContainText('Error');
      await expect(viewer.status).toContainText(message as string);
    } else await expect(viewer.status).toContainText('Done');
    await viewer.openThinking();

    const expectedSteps = [...Array.from({ length: r.redactedBlocks }, () => REDACTED_THINKING_TEXT), ...paragraphSteps(r.reasoning)];
    const steps = expectedSteps.length ? await shownSteps(page) : [];
    expect(steps.length, 'number of steps shown').toBe(expectedSteps.length);
    steps.forEach((shown, i) => expect(letters(shown), `step ${i + 1}`).toBe(visibleLetters(expectedSteps[i])));
    if (expectedSteps.length === 0) {
      await expect(viewer.reasoning.locator('li[data-index]')).toHaveCount(0);
      if (!r.endsInError) await expect(viewer.reasoning).toContainText('No reasoning text arrived');
    }
    if (r.redactedBlocks) await expect(viewer.reasoning).toContainText('redacted by the provider');
    expect(await copied(page, 'Copy reasoning')).toBe(expectedSteps.join('\n\n'));

    const answerBody = viewer.answer.locator('.answer-body');
    if (r.answer) {
      expect(letters(await answerBody.evaluate((el) => el.textContent ?? ''))).toBe(visibleLetters(r.answer));
    } else await expect(answerBody).toContainText('No answer');
    expect(await copied(page, 'Copy answer')).toBe(r.answer);
    if (r.file.startsWith('mistral-')) await page.screenshot({ path: 'test-results/conformance-mistral.png', fullPage: false });
  });
}
