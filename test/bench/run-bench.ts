/**
 * `npm run bench`: streaming speed of the real built app in Chromium.
 *
 * A local server on 127.0.0.1 serves dist/ and an OpenAI-compatible endpoint that sends
 * 1 MB of reasoning (plus a short answer) as fast as the socket takes it, in 64 KB writes. We report
 * the median over at least three runs:
 *  - characters of reasoning per second ingested by the app (click → status Done painted);
 *  - every main-thread task over 50 ms from the click until the page is quiet after Done: the
 *    verification has caught up, the run's last save is stored and two frames and 100 ms have
 *    passed (so the final render and the save are counted), and the longest gap between frames;
 *  - the ratio of the app's time-to-done against a bare page that only fetches, decodes,
 *    frames and JSON-parses the same stream.
 * Any failure (an error status, a timeout, a wrong character count) throws: nothing is reported
 * from a run that could not be measured. Figures go to stdout and bench-results/stream.json.
 */
import { chromium, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/support/chromium';
import { makeReasoning } from './reasoning-corpus';
import { aim, benchRuns, LONG_TASK_INIT, median, ms, serveDist, settledLongTasks, type Aim } from './support';
import type { IncomingMessage, ServerResponse } from 'node:http';

const BENCH_CORS = { 'access-control-allow-origin': '*' };

/**
 * The bench's model server: CORS preflight, the model list, and the chat stream as fast as the
 * socket takes it, in 64 KB writes (what a fast server's buffers send). True when it answered.
 */
export function fullSpeedModel(req: IncomingMessage, res: ServerResponse, url: URL, body: Uint8Array): boolean {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { ...BENCH_CORS, 'access-control-allow-headers': '*', 'access-control-allow-methods': '*' });
    res.end();
    return true;
  }
  if (url.pathname === '/v1/chat/completions') {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/event-stream', ...BENCH_CORS });
    for (let i = 0; i < body.length; i += 65536) res.write(body.subarray(i, i + 65536));
    res.end();
    return true;
  }
  if (url.pathname === '/v1/models') {
    res.writeHead(200, { 'content-type': 'application/json', ...BENCH_CORS });
    res.end('{"data":[{"id":"bench"}]}');
    return true;
  }
  return false;
}

/** Deltas of a few tokens each, like a fast server batching tokens per event. */
export function makeBody(reasoning: string): { body: Buffer; events: number } {
  const parts: string[] = [];
  const created = 1764000000;
  const chunk = (delta: object, finish: string | null = null) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created, model: 'bench', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
  parts.push(chunk({ role: 'assistant', content: '' }));
  const pieces = reasoning.match(/(\S+\s*){1,4}/g) ?? [];
  for (const p of pieces) parts.push(chunk({ reasoning_content: p }));
  parts.push(chunk({ content: 'The net number of units delivered is **3,283**.' }));
  parts.push(chunk({}, 'stop'));
  parts.push(`data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created, model: 'bench', choices: [], usage: { prompt_tokens: 20, completion_tokens: pieces.length * 4, total_tokens: pieces.length * 4 + 20 } })}\n\n`);
  parts.push('data: [DONE]\n\n');
  return { body: Buffer.from(parts.join('')), events: parts.length };
}

const BASELINE_PAGE = `<!doctype html><meta charset="utf-8"><title>baseline</title><script>
window.baseline = async (url) => {
  const t0 = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  const reader = res.body.getReader();
  const dec = new TextDecoder();
  let buf = '', chars = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buf += dec.decode(value, { stream: true });
    let cut;
    while ((cut = buf.indexOf('\\n\\n')) >= 0) {
      const event = buf.slice(0, cut); buf = buf.slice(cut + 2);
      const data = event.slice(6);
      if (data === '[DONE]') continue;
      const j = JSON.parse(data);
      const d = j.choices[0] && j.choices[0].delta;
      if (d && d.reasoning_content) chars += d.reasoning_content.length;
    }
  }
  return { ms: performance.now() - t0, chars };
};
</script>`;

type RunFigures = { appMs: number; baselineMs: number; longestTaskMs: number; longTasks: number[]; longestFrameGapMs: number; frames: number; steps: number; verify: VerifyFigures };
type VerifyFigures = { intervals: number; p50: number; p95: number; delayP50: number; delayP95: number; warnings: number };

const FRAME_GAPS_INIT = `
  window.__frameGaps = []; window.__measure = false;
  let last = performance.now();
  requestAnimationFrame(function loop(t) {
    if (window.__measure) window.__frameGaps.push(t - last);
    last = t;
    requestAnimationFrame(loop);
  });
  // Every save of a run, as the storage announces it to other tabs (and to this listener).
  window.__saves = [];
  new BroadcastChannel('reasoning-viewer:runs:reasoning-viewer').onmessage = (e) => {
    if (e.data && e.data.kind === 'saved') window.__saves.push(performance.now());
  };
`;

/** Waits until the run has been saved after Done and no save has followed for `quietMs`. */
async function savesQuiet(app: Page, doneAt: number, quietMs = 600): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const [saves, now] = (await app.evaluate('[window.__saves.filter((t) => t >= ' + doneAt + '), performance.now()]')) as [number[], number];
    if (saves.length && now - saves[saves.length - 1] >= quietMs) return saves.length;
    await app.waitForTimeout(200);
  }
  throw new Error('the run was never saved after Done');
}

export async function connect(app: Page, baseUrl: string, prompt: string) {
  await app.getByLabel('Provider').selectOption({ label: 'OpenAI-compatible' });
  await app.getByLabel('Endpoint URL').fill(baseUrl);
  await app.getByLabel('Model', { exact: true }).fill('bench');
  await app.getByLabel('Prompt').fill(prompt);
  await app.waitForTimeout(300);
}

/** Clicks Run and resolves with [click time, ms to Done painted] in page time; rejects on an error status. */
export function clickAndTimeToDone(app: Page, timeoutMs: number): Promise<[number, number]> {
  return app.evaluate(
    (limit) =>
      new Promise<[number, number]>((resolve, reject) => {
        const w = window as unknown as { __measure: boolean };
        const status = document.querySelector('[role="status"]');
        if (!status) return reject(new Error('no status element on the page'));
        const t0 = performance.now();
        const timer = setTimeout(() => reject(new Error(`no Done within ${limit} ms; status: ${status.textContent}`)), limit);
        w.__measure = true;
        const obs = new MutationObserver(() => {
          const text = status.textContent ?? '';
          if (text.startsWith('Done')) {
            obs.disconnect();
            clearTimeout(timer);
            // Done counts once it is on screen: the frame that paints it has run.
            requestAnimationFrame(() =>
              setTimeout(() => {
                w.__measure = false;
                resolve([t0, performance.now() - t0]);
              }, 0),
            );
          } else if (text.startsWith('Error') || text.startsWith('Stopped')) {
            obs.disconnect();
            clearTimeout(timer);
            reject(new Error(text));
          }
        });
        obs.observe(status, { subtree: true, childList: true, characterData: true });
        (document.querySelector('button[type="submit"]') as HTMLButtonElement).click();
      }),
    timeoutMs,
  );
}

/** Verification figures once the warning count has stopped changing (the worker has caught up). */
async function settledVerification(app: Page): Promise<VerifyFigures> {
  const bar = app.locator('.verification-bar');
  await bar.waitFor({ timeout: 15_000 });
  let last = -1;
  for (let i = 0; i < 60; i++) {
    const now = Number(await bar.getAttribute('data-warnings'));
    if (now === last && now > 0) break;
    if (i === 59) throw new Error(`verification never settled (warnings ${now})`);
    last = now;
    await app.waitForTimeout(250);
  }
  return {
    intervals: Number(await bar.getAttribute('data-intervals')),
    p50: Number(await bar.getAttribute('data-p50-ms')),
    p95: Number(await bar.getAttribute('data-p95-ms')),
    delayP50: Number(await bar.getAttribute('data-warning-delay-p50-ms')),
    delayP95: Number(await bar.getAttribute('data-warning-delay-p95-ms')),
    warnings: Number(await bar.getAttribute('data-warnings')),
  };
}

export async function runStreamBench(): Promise<{ figures: Record<string, number>; aims: Aim[] }> {
  const RUNS = benchRuns();
  const reasoning = makeReasoning();
  const { body, events } = makeBody(reasoning);
  // The first 100 KB of the chain again, paced at 50,000 characters per second: how soon
  // warnings show when the stream runs at a rate a provider could plausibly reach, rather than
  // as fast as a local socket can go.
  const PACED_CHARS_PER_SECOND = 50_000;
  const pacedReasoning = reasoning.slice(0, reasoning.indexOf('\n\n', 100_000) + 2);
  const paced = makeBody(pacedReasoning).body;
  const served = await serveDist((req, res, url) => {
    // First: it answers every preflight, the paced path's too.
    if (fullSpeedModel(req, res, url, body)) return true;
    if (url.pathname === '/paced/v1/chat/completions') {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/event-stream', ...BENCH_CORS });
      const seconds = pacedReasoning.length / PACED_CHARS_PER_SECOND;
      const perTick = Math.ceil(paced.length / ((seconds * 1000) / 20));
      let at = 0;
      const timer = setInterval(() => {
        res.write(paced.subarray(at, at + perTick));
        at += perTick;
        if (at >= paced.length) {
          clearInterval(timer);
          res.end();
        }
      }, 20);
      return true;
    }
    if (url.pathname === '/baseline') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(BASELINE_PAGE);
      return true;
    }
    return false;
  });
  const { origin } = served;
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const results: RunFigures[] = [];
  const pacedRuns: { p50: number; p95: number; warnings: number }[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      await page.goto(`${origin}/baseline`);
      const baseline = await page.evaluate((u) => (window as unknown as { baseline: (u: string) => Promise<{ ms: number; chars: number }> }).baseline(u), `${origin}/v1/chat/completions`);
      if (baseline.chars !== reasoning.length) throw new Error(`baseline read ${baseline.chars} chars, expected ${reasoning.length}`);
      await page.close();

      const app = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      await app.addInitScript(LONG_TASK_INIT + FRAME_GAPS_INIT);
      await app.goto(`${origin}/`);
      await connect(app, `${origin}/v1`, 'Benchmark: 1 MB of reasoning');
      const [t0, appMs] = await clickAndTimeToDone(app, 120_000);
      const frameGaps = (await app.evaluate('window.__frameGaps')) as number[];
      const steps = Number(await app.locator('.metric:has(dt:text("Steps")) dd').innerText());
      if (!(steps > 9000)) throw new Error(`only ${steps} steps rendered; the 1 MB chain has about 10,000`);
      const verify = await settledVerification(app);
      await savesQuiet(app, t0 + appMs);
      const tasks = await settledLongTasks(app, t0);
      results.push({ appMs, baselineMs: baseline.ms, longestTaskMs: tasks.longestMs, longTasks: tasks.tasks.map(Math.round), longestFrameGapMs: Math.max(0, ...frameGaps), frames: frameGaps.length, steps, verify });
      await app.close();
    }
    for (let run = 0; run < RUNS; run++) {
      const app = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      await app.goto(`${origin}/`);
      await connect(app, `${origin}/paced/v1`, 'Benchmark: paced reasoning');
      await clickAndTimeToDone(app, 60_000);
      const v = await settledVerification(app);
      pacedRuns.push({ p50: v.delayP50, p95: v.delayP95, warnings: v.warnings });
      await app.close();
    }
  } finally {
    await browser.close();
    await served.close();
  }
  const appMs = median(results.map((r) => r.appMs));
  const baselineMs = median(results.map((r) => r.baselineMs));
  const summary = {
    reasoningChars: reasoning.length,
    sseEvents: events,
    wireBytes: body.length,
    runs: results,
    medianAppMs: Math.round(appMs),
    medianBaselineMs: Math.round(baselineMs),
    charsPerSecond: Math.round((reasoning.length / appMs) * 1000),
    longestTaskMs: Math.round(median(results.map((r) => r.longestTaskMs))),
    longTasksPerRun: median(results.map((r) => r.longTasks.length)),
    longestFrameGapMs: Math.round(median(results.map((r) => r.longestFrameGapMs))),
    verifyP95Ms: median(results.map((r) => r.verify.p95)),
    warningDelayP95Ms: median(results.map((r) => r.verify.delayP95)),
    pacedWarningDelayP95Ms: median(pacedRuns.map((r) => r.p95)),
    ratio: Number((appMs / baselineMs).toFixed(2)),
  };
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/stream.json', JSON.stringify(summary, null, 2));
  const B = 'Live stream';
  const aims: Aim[] = [
    aim(B, 'longest main-thread task, click → settled after Done (median of per-run longest)', summary.longestTaskMs, 50, '≤', ms),
    aim(B, 'time to Done ÷ read-and-parse page', summary.ratio, 2, '≤', (v) => v.toFixed(2)),
    aim(B, 'reasoning characters per second', summary.charsPerSecond, 50_000, '≥', (v) => Math.round(v).toLocaleString('en-US')),
    aim(B, 'step done → warning painted, p95, full socket speed', summary.warningDelayP95Ms, 100, '<', ms),
    aim(B, 'step done → warning painted, p95, 50,000 chars/s', summary.pacedWarningDelayP95Ms, 100, '<', ms),
  ];
  const list = (xs: number[], f = (x: number) => `${Math.round(x)}`) => xs.map(f).join(', ');
  console.log(`\nStreaming 1 MB of reasoning (${summary.sseEvents.toLocaleString('en-US')} SSE events, ${(summary.wireBytes / 1e6).toFixed(1)} MB on the wire, 64 KB writes), median of ${RUNS} runs:`);
  console.log(`  app time to Done           ${summary.medianAppMs} ms   (${list(results.map((r) => r.appMs))})`);
  console.log(`  read+parse-only baseline   ${summary.medianBaselineMs} ms   (${list(results.map((r) => r.baselineMs))})`);
  console.log(`  ratio app / baseline       ${summary.ratio}   (aim ≤ 2)`);
  console.log(`  characters per second      ${summary.charsPerSecond.toLocaleString('en-US')}   (aim ≥ 50,000)`);
  console.log(`  longest main-thread task   ${summary.longestTaskMs} ms   (per run: ${list(results.map((r) => r.longestTaskMs))}; aim: none over 50 ms)`);
  console.log(`  long tasks (ms) per run    ${results.map((r) => r.longTasks.join('/') || '-').join(', ')}`);
  console.log(`  longest frame gap          ${summary.longestFrameGapMs} ms   (${list(results.map((r) => r.longestFrameGapMs))}); frames per run ${list(results.map((r) => r.frames))}`);
  console.log(`  steps rendered             ${results[0].steps.toLocaleString('en-US')}`);
  const v = results.map((r) => r.verify);
  console.log(`\nVerification in the worker while streaming, ${v[0].intervals.toLocaleString('en-US')} requests over the ${results[0].steps.toLocaleString('en-US')}-step chain (verify interval 3):`);
  console.log(`  worker time per request    p50 ${v.map((x) => x.p50.toFixed(2)).join(' / ')} ms, p95 ${v.map((x) => x.p95.toFixed(2)).join(' / ')} ms`);
  console.log(`  step done → warning        p95 ${summary.warningDelayP95Ms.toFixed(0)} ms median (${list(v.map((x) => x.delayP95))}) over ${v[0].warnings} warnings, full socket speed (aim < 100 ms)`);
  console.log(`  step done → warning        p95 ${summary.pacedWarningDelayP95Ms.toFixed(0)} ms median (${list(pacedRuns.map((x) => x.p95))}) over ${pacedRuns[0].warnings} warnings, ${(pacedReasoning.length / 1000).toFixed(0)} KB at 50,000 characters/s (aim < 100 ms)`);
  return {
    figures: { charsPerSecond: summary.charsPerSecond, ratio: summary.ratio, longestTaskMs: summary.longestTaskMs, warningDelayP95Ms: summary.warningDelayP95Ms, pacedWarningDelayP95Ms: summary.pacedWarningDelayP95Ms, verifyP95Ms: summary.verifyP95Ms },
    aims,
  };
}
