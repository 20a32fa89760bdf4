import { expect, test, type Page, type Request } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMockServer, type MockServer } from './support/mock-server';
import { ViewerPage, openMoreSettings } from './support/viewer-page';

/**
 * The API key goes only where the user sent it. Local servers on 127.0.0.1 stand in for an
 * attacker's endpoint; besides what they receive, every request the page makes is watched, so
 * a key sent anywhere else (a prefix port, a provider's default host) is caught too.
 */

let attacker: MockServer;
let other: MockServer;
test.beforeAll(async () => {
  attacker = await startMockServer();
  other = await startMockServer();
});
test.afterAll(async () => {
  await attacker.close();
  await other.close();
});

const CHAT = 'fx/deepseek-reasoner.sse/v1';
const originOf = (url: string) => new URL(url).origin;

type Seen = { url: string; method: string; auth?: string; at: number };
/** Every request the page makes, with the key-bearing header it carried. */
function watchRequests(page: Page): Seen[] {
  const seen: Seen[] = [];
  page.on('request', (r: Request) => {
    if (!r.url().startsWith('http')) return;
    void r.allHeaders().then((h) => seen.push({ url: r.url(), method: r.method(), auth: h.authorization ?? h['x-api-key'], at: Date.now() }));
  });
  return seen;
}
const carrying = (seen: Seen[], key: string) => seen.filter((s) => s.auth?.includes(key));
const to = (seen: Seen[], server: MockServer) => seen.filter((s) => s.url.startsWith(server.url));
const settle = (page: Page) => page.waitForTimeout(1200);

async function setUpKey(page: Page, viewer: ViewerPage, url: string, key: string, remember = false) {
  await viewer.connect('OpenAI-compatible', url);
  await page.getByLabel('API key').fill(key);
  if (remember) await page.getByLabel('Remember on this device').check();
}

test("a share link's endpoint is only a proposal: nothing is sent or stored until Use it", async ({ page, context }) => {
  const seen = watchRequests(page);
  const viewer = new ViewerPage(page);
  await viewer.open();
  // A victim with a remembered key for their own endpoint (port 9: nothing listens there).
  await setUpKey(page, viewer, 'http://127.0.0.1:9/v1', 'sk-victim', true);
  await page.getByLabel('Prompt').fill('my own prompt');
  await settle(page);
  const storedBefore = await page.evaluate(() => ({ ...localStorage }));
  const otherTab = await context.newPage();
  await otherTab.goto('/');

  const evil = `${attacker.url}/${CHAT}`;
  const link = `/#/?provider=openai-compatible&baseUrl=${encodeURIComponent(evil)}&model=evil-model&prompt=${encodeURIComponent('What is 2 + 2?')}&maxTokens=1e308`;
  // The link opened in the same tab (a hash change, as a click on a link would do).
  await page.goto(link);
  const proposal = page.getByTestId('link-proposal');
  await expect(proposal).toContainText(`This link proposes endpoint ${evil} (provider OpenAI-compatible, model evil-model)`);
  await expect(page.getByTestId('link-notes')).toContainText('Max tokens from the link (1e308) is outside 16–1,000,000; set to 1,000,000.');
  // Its non-endpoint settings apply to this tab; the endpoint and the key stay as they were.
  await expect(page.getByLabel('Prompt')).toHaveValue('What is 2 + 2?');
  await openMoreSettings(page);
  await expect(page.getByLabel('Max tokens')).toHaveValue('1000000');
  await expect(page.getByLabel('Endpoint URL')).toHaveValue('http://127.0.0.1:9/v1');
  await expect(page.getByLabel('Model', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('API key')).toHaveValue('sk-victim');
  await settle(page);
  expect(attacker.requests, 'no request at all before the user accepts').toEqual([]);
  expect(to(seen, attacker)).toEqual([]);
  // Nothing stored changed, so other tabs and the next visit see the user's own settings.
  expect(await page.evaluate(() => ({ ...localStorage }))).toEqual(storedBefore);
  await otherTab.reload();
  await expect(otherTab.getByLabel('Endpoint URL')).toHaveValue('http://127.0.0.1:9/v1');
  await expect(otherTab.getByLabel('Prompt')).toHaveValue('my own prompt');
  await expect(otherTab.getByTestId('link-proposal')).toHaveCount(0);

  await proposal.getByRole('button', { name: 'Ignore' }).click();
  await expect(proposal).toHaveCount(0);
  await settle(page);
  expect(attacker.requests).toEqual([]);

  // The same link opened fresh in a new tab: still a proposal; this time the user accepts it.
  const fresh = await context.newPage();
  const freshSeen = watchRequests(fresh);
  await fresh.goto(link);
  await expect(fresh.getByTestId('link-proposal')).toBeVisible();
  await settle(fresh);
  expect(attacker.requests).toEqual([]);
  await fresh.getByTestId('link-proposal').getByRole('button', { name: 'Use it' }).click();
  await expect(fresh.getByLabel('Endpoint URL')).toHaveValue(evil);
  await expect(fresh.getByLabel('Model', { exact: true })).toHaveValue('evil-model');
  // The key was entered for 127.0.0.1:9, not for this endpoint: it is not attached, only offered.
  await expect(fresh.getByLabel('API key')).toHaveValue('');
  await expect(fresh.getByTestId('key-offer-model')).toContainText(`The API key you entered for http://127.0.0.1:9 (OpenAI-compatible) is not sent here. Send it to ${attacker.url} too?`);
  await expect(fresh.getByText('2 models listed.')).toBeVisible();
  await fresh.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(fresh.getByRole('status')).toContainText('Done');
  expect(attacker.requests.some((r) => r.method === 'GET' && r.path.endsWith('/models'))).toBe(true);
  expect(attacker.requests.some((r) => r.path.endsWith('/chat/completions'))).toBe(true);
  expect(attacker.requests.filter((r) => r.path.endsWith('/models')), 'one list after accepting').toHaveLength(1);
  for (const r of attacker.requests) expect(JSON.stringify(r.headers)).not.toContain('sk-victim');
  expect(carrying([...seen, ...freshSeen], 'sk-victim').every((s) => originOf(s.url) === 'http://127.0.0.1:9')).toBe(true);
});

test('typing an endpoint URL sends nothing before it is confirmed, then one list', async ({ page }) => {
  const seen = watchRequests(page);
  const viewer = new ViewerPage(page);
  await viewer.open();
  // The key belongs to this server's origin; the user now types another path on it, by hand.
  await setUpKey(page, viewer, `${attacker.url}/v1`, 'sk-typed');
  await settle(page);
  const before = attacker.requests.length;
  const seenBefore = seen.length;
  const url = page.getByLabel('Endpoint URL');
  await url.fill('');
  const target = `${attacker.url}/${CHAT}`;
  await url.pressSequentially(target, { delay: 15 });
  await settle(page);
  expect(seen.slice(seenBefore), 'no request while typing, to any origin (prefix ports included)').toEqual([]);
  expect(attacker.requests.length).toBe(before);
  await expect(page.getByText('Press Enter or leave the field to use this address.')).toBeVisible();

  await url.press('Enter');
  await expect(page.getByText('2 models listed.')).toBeVisible();
  await settle(page);
  const after = seen.slice(seenBefore);
  expect(after.map((s) => `${s.method} ${s.url}`), 'exactly one list, at the confirmed address').toEqual([`GET ${target}/models`]);
  expect(after[0].auth).toBe('Bearer sk-typed');

  // Changing the origin while typing: the key is not attached at the new one without a yes.
  await url.fill(`${other.url}/${CHAT}`);
  await url.press('Enter');
  await expect(page.getByText('2 models listed.')).toBeVisible();
  await settle(page);
  expect(to(seen, other).map((s) => s.auth)).toEqual([undefined]);
  expect(carrying(seen, 'sk-typed').every((s) => s.url.startsWith(attacker.url))).toBe(true);
  // "List models" is the explicit way to list again.
  await page.getByRole('button', { name: 'List models' }).click();
  await expect.poll(() => to(seen, other).length).toBe(2);
});

test('switching provider does not send the key to the new host without a yes', async ({ page }) => {
  const seen = watchRequests(page);
  const viewer = new ViewerPage(page);
  await viewer.open();
  await setUpKey(page, viewer, `${attacker.url}/${CHAT}`, 'sk-switch');
  await page.getByLabel('Model', { exact: true }).fill('deepseek-reasoner');

  // Ollama at its default host (127.0.0.1:11434): listed without the key, which is only offered.
  await page.getByLabel('Provider').selectOption({ label: 'Ollama' });
  await expect(page.getByLabel('API key')).toHaveValue('');
  const offer = page.getByTestId('key-offer-model');
  await expect(offer).toContainText(`The API key you entered for ${attacker.url} (OpenAI-compatible) is not sent here. Send it to http://127.0.0.1:11434 too?`);
  await expect.poll(() => seen.filter((s) => s.url.startsWith('http://127.0.0.1:11434')).length).toBeGreaterThan(0);
  await offer.getByRole('button', { name: 'No' }).click();
  await expect(offer).toHaveCount(0);

  // Ollama on another server: a run there carries no key until the user says yes.
  const ollama = `${other.url}/fx/ollama-thinking.ndjson`;
  await viewer.connect('Ollama', ollama, 'mock-reasoner:7b');
  await expect(offer).toContainText(`Send it to ${other.url} too?`);
  await viewer.run('Is 3 less than 5?');
  await expect(viewer.status).toContainText('Done');
  expect(other.requests.some((r) => r.path.endsWith('/api/chat'))).toBe(true);
  for (const r of other.requests) expect(JSON.stringify(r.headers)).not.toContain('sk-switch');
  expect(carrying(seen, 'sk-switch').every((s) => s.url.startsWith(attacker.url)), 'the key went only to its own origin').toBe(true);

  // Back on OpenAI-compatible the key is there again, for its own origin.
  await page.getByLabel('Provider').selectOption({ label: 'OpenAI-compatible' });
  await expect(page.getByLabel('API key')).toHaveValue('sk-switch');

  // With a yes, it goes to the Ollama server too.
  await page.getByLabel('Provider').selectOption({ label: 'Ollama' });
  await offer.getByRole('button', { name: 'Use it here' }).click();
  await expect(offer).toHaveCount(0);
  await expect(page.getByLabel('API key')).toHaveValue('sk-switch');
  const mark = other.requests.length;
  await viewer.run('Is 4 less than 6?');
  await expect.poll(() => other.requests.slice(mark).find((r) => r.method === 'POST' && r.path.endsWith('/api/chat'))?.headers.authorization).toBe('Bearer sk-switch');
  await expect(viewer.status).toContainText('Done');
});

test('judge and embeddings keys stay with their own endpoints, and "Remember" says what it stores', async ({ page }) => {
  const viewer = new ViewerPage(page);
  await viewer.open();
  await setUpKey(page, viewer, `${attacker.url}/${CHAT}`, 'sk-main');
  await openMoreSettings(page);
  await page.getByText('Judge model (optional)').click();
  await page.getByLabel('Judge service').selectOption({ label: 'OpenAI-compatible' });
  await page.getByLabel('Judge base address').fill(`${other.url}/v1`);
  await expect(page.getByLabel('Judge key')).toHaveValue('');
  await page.getByLabel('Judge key').fill('sk-judge');
  await expect(page.getByTestId('remember-note')).toHaveText(
    `Ticked, this stores in this browser's local storage 2 keys: the API key for ${attacker.url} (OpenAI-compatible); the judge key for ${other.url} (OpenAI-compatible). Unticked, keys stay in this tab's memory only.`,
  );
  // The judge moved to another server: its key does not follow without a yes.
  await page.getByLabel('Judge base address').fill(`${attacker.url}/v1`);
  await expect(page.getByLabel('Judge key')).toHaveValue('');
  await expect(page.getByTestId('key-offer-judge')).toContainText(`The judge key you entered for ${other.url}`);
  await page.getByLabel('Judge base address').fill(`${other.url}/v1`);
  await expect(page.getByLabel('Judge key')).toHaveValue('sk-judge');

  await page.getByLabel('Embedding').selectOption('endpoint');
  await page.getByLabel('Embeddings base address').fill(`${other.url}/v1`);
  await expect(page.getByLabel('Embeddings key (optional)')).toHaveValue('');
  await page.getByLabel('Remember on this device').check();
  await expect(page.getByTestId('remember-note')).toContainText("Stored in this browser's local storage, readable by anyone using this browser profile: 2 keys");
  await page.reload();
  await expect(page.getByLabel('API key')).toHaveValue('sk-main');
});

test('the built page runs under its Content-Security-Policy with no violation', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content.Security.Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  const server = await startMockServer();
  try {
    const viewer = new ViewerPage(page);
    await viewer.open();
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("connect-src 'self' http: https:");
    expect(csp).not.toContain('unsafe-inline');
    expect(await page.locator('meta[name="referrer"]').getAttribute('content')).toBe('no-referrer');
    expect(await page.locator('script:not([src])').count(), 'no inline script').toBe(0);

    // Demo run, then the same question again from the similarity cache (its WebAssembly scan).
    await viewer.setDemoRate(800);
    await viewer.runToDone('Quick: what is 15% of 80?');
    await viewer.run('quick - what is 15 % of 80 ?');
    await expect(viewer.reasoning.getByText(/cached · similarity 0\.\d\d/)).toBeVisible();

    // A remote run against a local server.
    await viewer.connect('OpenAI-compatible', `${server.url}/${CHAT}`, 'deepseek-reasoner');
    await expect(page.getByText('2 models listed.')).toBeVisible();
    await page.getByLabel('API key').fill('sk-csp');
    await viewer.run('What is 17 × 24?');
    await expect(viewer.status).toContainText('Done');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download Markdown' }).click();
    await download;

    // The planner's sample, its workers and charts, and a PNG export.
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Capacity planner' }).click();
    await page.getByRole('button', { name: 'Load sample' }).click();
    await expect(page.getByRole('region', { name: 'Breakpoint summary' })).toBeVisible({ timeout: 30_000 });
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Latency against reasoning length as PNG' }).click()]);
    expect(png.suggestedFilename()).toBe('latency-against-reasoning-length.png');

    // The Runs page and its monitoring charts.
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Runs' }).click();
    await expect(page.getByTestId('runs-count')).toContainText('3 runs stored');
    await page.getByRole('checkbox', { name: 'Select all shown' }).check();
    await expect(page.getByRole('region', { name: 'Monitoring' })).toBeVisible();

    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    expect(problems).toEqual([]);
  } finally {
    await server.close();
  }
});

test('the app refuses to run inside another origin\'s frame', async ({ page, baseURL }) => {
  const framer: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><title>framer</title><iframe src="${baseURL}/" width="900" height="600"></iframe>`);
  });
  await new Promise<void>((resolve) => framer.listen(0, '127.0.0.1', resolve));
  try {
    await page.goto(`http://127.0.0.1:${(framer.address() as AddressInfo).port}/`);
    const frame = page.frameLocator('iframe');
    await expect(frame.getByTestId('frame-refusal')).toContainText('Reasoning Viewer does not run inside another site');
    await expect(frame.getByRole('link', { name: 'Open Reasoning Viewer in its own tab' })).toBeVisible();
    await expect(frame.getByRole('button', { name: 'Run' })).toHaveCount(0);
    await expect(frame.getByLabel('API key')).toHaveCount(0);
  } finally {
    await new Promise<void>((resolve) => framer.close(() => resolve()));
  }
  // Opened on its own, it runs.
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Run' })).toBeVisible();
});

test('a 1.9 MB prompt from a link is cut and said so; typing in a long prompt has no long task and no per-keystroke storage write', { tag: '@timing' }, async ({ page }) => {
  // Every localStorage write, by size: a long prompt must not be written with each keystroke.
  await page.addInitScript(() => {
    const w = window as unknown as { __writes: number[] };
    w.__writes = [];
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      w.__writes.push(value.length);
      return setItem.call(this, key, value);
    };
  });
  const words = 'The quick brown fox jumps over the lazy dog while 17 x 24 is checked ';
  let prompt = '';
  while (prompt.length < 1_900_000) prompt += words;
  prompt = prompt.slice(0, 1_900_000);
  // '+' is a space in a query, so the link stays under Chromium's 2 MB URL limit.
  await page.goto(`/#/?prompt=${prompt.replace(/ /g, '+')}`);
  const box = page.getByLabel('Prompt');
  await expect(page.getByTestId('link-notes')).toContainText("The link's prompt was 1,900,000 characters long; only its first 100,000 were kept.");
  expect(await box.evaluate((t) => (t as HTMLTextAreaElement).value.length)).toBe(100_000);
  await page.waitForTimeout(1000);

  // No main-thread task over 200 ms while typing in it (nor while it is stored after the pause).
  await page.evaluate(() => {
    const w = window as unknown as { __long: number[]; __from: number };
    w.__long = [];
    w.__from = performance.now();
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.startTime >= w.__from) w.__long.push(Math.round(e.duration));
    }).observe({ type: 'longtask', buffered: true });
  });
  await box.focus();
  await box.press('End');
  await box.pressSequentially(' and then some more words', { delay: 20 });
  await page.waitForTimeout(1000);
  const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
  expect(Math.max(0, ...long), `long tasks while typing: ${long.join(', ')} ms`).toBeLessThan(200);
  await expect(box).toHaveValue(/and then some more words$/);

  // A 1.9 MB prompt pasted by hand is kept whole. Typing in it writes nothing to storage until
  // typing pauses and rewrites no text per keystroke: what is left of the scripts' work is the
  // browser handing the field's value to the input handler (the browser's own layout of a 1.9 MB
  // textarea comes on top, and is not the page's doing).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const scriptSeconds = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ScriptDuration')!.value;
  const typeAndMeasure = async (text: string) => {
    await box.evaluate((t, v) => {
      (t as HTMLTextAreaElement).value = v;
      t.dispatchEvent(new Event('input', { bubbles: true }));
    }, text);
    await page.waitForTimeout(1000);
    await box.press('End');
    const writes = await page.evaluate(() => (window as unknown as { __writes: number[] }).__writes.length);
    const before = await scriptSeconds();
    await box.pressSequentially(' twelve chars', { delay: 20 });
    const perKeyMs = ((await scriptSeconds()) - before) * 1000 / 13;
    await page.waitForTimeout(1000);
    const written = await page.evaluate((n) => (window as unknown as { __writes: number[] }).__writes.slice(n), writes);
    return { perKeyMs, bigWrites: written.filter((len) => len > 10_000).length };
  };
  const short = await typeAndMeasure('A short prompt.');
  const long19 = await typeAndMeasure(prompt);
  expect(await box.evaluate((t) => (t as HTMLTextAreaElement).value.length)).toBe(1_900_013);
  expect(long19.bigWrites, 'the long prompt is stored once, after typing pauses').toBe(1);
  expect(short.bigWrites).toBe(0);
  expect(long19.perKeyMs, `script time per keystroke: ${long19.perKeyMs.toFixed(1)} ms at 1.9 MB, ${short.perKeyMs.toFixed(1)} ms at 15 characters`).toBeLessThan(30);
});
