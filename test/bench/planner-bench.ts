/**
 * Capacity-planner speed in the real built app (dist/) in Chromium.
 *
 * Writes a deterministic 1,000,000-row JSONL request log (~100 MB) to a temp dir, serves dist/
 * from 127.0.0.1, opens the planner, uploads the file to "Upload logs" and measures:
 *  - rows per second of the parse (upload → the progress bar goes away; parsing is in a worker);
 *  - time to charts (upload → breakpoint summary and charts drawn);
 *  - peak JS heap: the page's (CDP Performance.getMetrics JSHeapUsedSize) plus the workers' (CDP
 *    Runtime.getHeapUsage through auto-attached worker targets, typed-array backing stores included),
 *    sampled every ~50 ms; and the renderer process's resident memory (all threads; /proc, Linux);
 *  - the longest main-thread task (Long Tasks API; entries are tasks over 50 ms).
 * Aims: under 5 s to charts, no main-thread task over 100 ms, memory under 3× the file size.
 *
 * Run alone after a build: `npx vite build && npx tsx test/bench/planner-bench.ts`.
 * Env: PLANNER_BENCH_ROWS (default 1,000,000), PLANNER_BENCH_DIST (default dist/),
 * PLANNER_BENCH_TRACE=1 (print the memory samples).
 * `runPlannerBench()` returns the figures (the lead calls it from `npm run bench`).
 */
import { chromium } from '@playwright/test';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/support/chromium';

const ROWS = Number(process.env.PLANNER_BENCH_ROWS ?? 1_000_000);
const DIST = process.env.PLANNER_BENCH_DIST ?? join(process.cwd(), 'dist');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
  '.jsonl': 'application/x-ndjson',
  '.md': 'text/markdown',
};

/**
 * A request log with a known shape: steps log-normal-ish (median ≈ 12), latency ≈ 0.9 s TTFT +
 * 1.2 s per step + noise, a 60 s gateway timeout, 0.5 % errors, 1 % truncated. Seeded LCG.
 */
export async function writeBenchLog(path: string, rows = ROWS): Promise<number> {
  let seed = 20261127;
  const rnd = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 4294967296;
  };
  const out = createWriteStream(path);
  let t = 1795165200000;
  let bytes = 0;
  let buf: string[] = [];
  const flush = async () => {
    const chunk = buf.join('');
    buf = [];
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  };
  for (let i = 0; i < rows; i++) {
    const z = rnd() + rnd() + rnd() - 1.5;
    const steps = Math.max(1, Math.round(Math.exp(2.5 + 1.1 * z)));
    const tokens = steps * 40 + Math.floor(rnd() * 40);
    const ttft = 500 + Math.floor(rnd() * 800);
    let latency = Math.round(ttft + steps * 1200 * (0.95 + 0.1 * rnd()) + 500 * rnd());
    let status = 'ok';
    const u = rnd();
    if (latency >= 60000) {
      latency = 60000 + Math.floor(rnd() * 50);
      status = 'timeout';
    } else if (u < 0.005) status = 'error';
    else if (u < 0.015) status = 'length';
    t += Math.floor(rnd() * 12);
    buf.push(`{"ts":${t},"steps":${steps},"reasoning_tokens":${tokens},"ttft_ms":${ttft},"latency_ms":${latency},"status":"${status}"}\n`);
    if (buf.length === 20000) await flush();
  }
  await flush();
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return bytes;
}

/** Resident memory (kB) of the given process and its descendants whose command line matches. */
function rendererRssKb(rootPid: number): number {
  const children = new Map<number, number[]>();
  let total = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      /* gone */
    }
  }
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop() as number;
    for (const c of children.get(pid) ?? []) stack.push(c);
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer')) continue;
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) total = Math.max(total, Number(m[1]));
    } catch {
      /* gone */
    }
  }
  return total;
}

// A string, not a function: tsx would wrap named functions in a __name helper the page lacks.
const INIT_SCRIPT = `
  window.__bench = { measure: false, longTasks: [], t0: 0, parseSeen: 0, parseDone: 0, charts: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (window.__bench.measure) window.__bench.longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: false });
  const check = () => {
    const b = window.__bench;
    if (b.measure) {
      const now = performance.now();
      const bar = document.querySelector('[role="progressbar"]');
      if (bar && !b.parseSeen) b.parseSeen = now;
      if (!bar && b.parseSeen && !b.parseDone) b.parseDone = now;
      const headline = document.querySelector('.breakpoint-headline');
      if (!b.charts && headline && document.querySelectorAll('svg.recharts-surface').length >= 5) { b.charts = now; b.measure = false; }
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
`;

export async function runPlannerBench(): Promise<Record<string, number>> {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/ is missing: run `npx vite build` first.');
  const dir = mkdtempSync(join(tmpdir(), 'planner-bench-'));
  const file = join(dir, 'requests-1m.jsonl');
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = normalize(join(DIST, url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname)));
    if (!path.startsWith(DIST) || !existsSync(path) || statSync(path).isDirectory()) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    res.end(readFileSync(path));
  });
  let browser: Awaited<ReturnType<typeof chromium.launch>> | null = null;
  try {
    const genStart = performance.now();
    const bytes = await writeBenchLog(file);
    const genMs = performance.now() - genStart;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.addInitScript(INIT_SCRIPT);
    await page.goto(`${origin}/#/planner`);
    const input = page.getByLabel('Upload logs');
    await input.waitFor({ state: 'attached', timeout: 30_000 });
    await page.waitForTimeout(300);

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const heap = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    };
    // Workers' heaps (parse and analysis run there): attach to them through this session
    // (non-flattened, so messages go through Target.sendMessageToTarget) and ask Runtime.getHeapUsage.
    const workers = new Map<string, number>();
    let nextId = 1;
    const replies = new Map<number, (v: { usedSize: number; backingStorageSize?: number } | null) => void>();
    cdp.on('Target.attachedToTarget', (e) => {
      if (e.targetInfo.type === 'worker') workers.set(e.sessionId, 0);
    });
    cdp.on('Target.detachedFromTarget', (e) => {
      if (e.sessionId) workers.delete(e.sessionId);
    });
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      const m = JSON.parse(e.message) as { id: number; result?: { usedSize: number; backingStorageSize?: number } };
      replies.get(m.id)?.(m.result ?? null);
      replies.delete(m.id);
    });
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    const workerHeap = (sessionId: string) =>
      new Promise<number | null>((resolve) => {
        const id = nextId++;
        const timer = setTimeout(() => resolve(null), 1000);
        replies.set(id, (v) => {
          clearTimeout(timer);
          resolve(v ? v.usedSize + (v.backingStorageSize ?? 0) : null);
        });
        cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) }).catch(() => resolve(null));
      });
    // Chromium is a child of this process; its renderer (page + workers) is a descendant.
    const browserPid = process.platform === 'linux' ? process.pid : 0;
    const heapBefore = await heap();
    let peakHeap = heapBefore;
    let peakWorkers = 0;
    let peakTotal = heapBefore;
    let peakRss = browserPid ? rendererRssKb(browserPid) * 1024 : 0;
    const rssBefore = peakRss;
    let sampling = true;
    const traceStart = performance.now();
    const sampler = (async () => {
      while (sampling) {
        try {
          const main = await heap();
          const sizes = await Promise.all([...workers.keys()].map(async (id) => {
            const v = await workerHeap(id);
            if (v !== null) workers.set(id, v);
            return workers.get(id) ?? 0;
          }));
          const w = sizes.reduce((a, b) => a + b, 0);
          peakHeap = Math.max(peakHeap, main);
          peakWorkers = Math.max(peakWorkers, w);
          peakTotal = Math.max(peakTotal, main + w);
        } catch {
          /* page closing */
        }
        if (browserPid) {
          const rss = rendererRssKb(browserPid) * 1024;
          if (process.env.PLANNER_BENCH_TRACE) console.log(`rss ${(rss / 1e6).toFixed(0)} MB, workers ${[...workers.values()].map((v) => (v / 1e6).toFixed(0)).join('+')} MB at ${(performance.now() - traceStart).toFixed(0)} ms`);
          peakRss = Math.max(peakRss, rss);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    await page.evaluate('window.__bench.measure = true; window.__bench.t0 = performance.now();');
    await input.setInputFiles(file);
    await page.waitForFunction('window.__bench.charts > 0', undefined, { timeout: 120_000, polling: 100 });
    await page.waitForTimeout(300);
    sampling = false;
    await sampler;
    const b = (await page.evaluate('window.__bench')) as { t0: number; parseDone: number; charts: number; longTasks: number[] };
    const headline = await page.locator('.breakpoint-headline').innerText();
    const marks = (await page.evaluate(
      "Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('planner:')).map((m) => [m.name, m.startTime - window.__bench.t0]))",
    )) as Record<string, number>;
    const status = await page.locator('.analysis-status').innerText();
    const rowsShown = await page.getByRole('region', { name: 'Request counts' }).innerText();
    const parseMs = (b.parseDone || b.charts) - b.t0;
    const chartsMs = b.charts - b.t0;
    const longest = Math.max(0, ...b.longTasks);
    const figures: Record<string, number> = {
      rows: ROWS,
      fileMB: bytes / 1e6,
      generateMs: genMs,
      parseMs,
      rowsPerSecond: ROWS / (parseMs / 1000),
      timeToChartsMs: chartsMs,
      peakMainHeapMB: peakHeap / 1e6,
      mainHeapGrowthMB: (peakHeap - heapBefore) / 1e6,
      peakWorkersHeapMB: peakWorkers / 1e6,
      peakTotalHeapMB: peakTotal / 1e6,
      heapToFileRatio: peakTotal / bytes,
      peakRendererRssMB: peakRss / 1e6,
      rendererRssGrowthMB: (peakRss - rssBefore) / 1e6,
      rssGrowthToFileRatio: peakRss > 0 ? (peakRss - rssBefore) / bytes : NaN,
      longestMainTaskMs: longest,
      longTasksOver50ms: b.longTasks.length,
      longTasksOver100ms: b.longTasks.filter((d) => d > 100).length,
    };
    const rows: [string, string, string][] = [
      ['rows', figures.rows.toLocaleString('en-US'), ''],
      ['file', `${figures.fileMB.toFixed(1)} MB`, ''],
      ['parse (worker)', `${(parseMs / 1000).toFixed(2)} s`, `${Math.round(figures.rowsPerSecond).toLocaleString('en-US')} rows/s`],
      ['time to charts', `${(chartsMs / 1000).toFixed(2)} s`, chartsMs < 5000 ? 'aim < 5 s: met' : 'aim < 5 s: missed'],
      ['peak main-thread JS heap', `${figures.peakMainHeapMB.toFixed(0)} MB`, `+${figures.mainHeapGrowthMB.toFixed(0)} MB during the upload`],
      ['peak JS heap, page + workers', `${figures.peakTotalHeapMB.toFixed(0)} MB`, `${figures.heapToFileRatio.toFixed(2)}× the file (aim < 3×); workers' peak ${figures.peakWorkersHeapMB.toFixed(0)} MB incl. typed arrays`],
      ['peak renderer RSS (all threads)', peakRss ? `${figures.peakRendererRssMB.toFixed(0)} MB` : 'n/a', peakRss ? `+${figures.rendererRssGrowthMB.toFixed(0)} MB over the idle page = ${figures.rssGrowthToFileRatio.toFixed(2)}× the file` : ''],
      ['longest main-thread task', `${longest.toFixed(0)} ms`, `${b.longTasks.length} over 50 ms, ${figures.longTasksOver100ms} over 100 ms (aim: none over 100 ms)`],
    ];
    console.log('\nCapacity planner bench (built app, Chromium)');
    for (const [k, v, note] of rows) console.log(`  ${k.padEnd(32)} ${v.padStart(12)}  ${note}`);
    console.log(`  ${headline}`);
    console.log(`  ${status} Marks (ms after upload): ${Object.entries(marks).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
    console.log(`  ${rowsShown.split('\n')[0]}`);
    return figures;
  } finally {
    await browser?.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runPlannerBench().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
