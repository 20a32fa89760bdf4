/**
 * What every browser bench shares: serving dist/, counting main-thread long tasks honestly,
 * medians, the machine the figures came from, and aims with a verdict.
 *
 * Long tasks are reported only after they end, so a bench that stops observing when its end
 * condition appears drops the very task that rendered the result. Here the observer runs from page
 * load with `buffered: true`, and a measurement waits two frames and 100 ms after the end
 * condition, then counts every task that overlaps [start, settled].
 */
import type { Browser, Page } from '@playwright/test';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { extname, join, normalize } from 'node:path';

export const DIST = join(process.cwd(), 'dist');
export const MIN_RUNS = 3;

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
  '.jsonl': 'application/x-ndjson',
  '.md': 'text/markdown',
  '.txt': 'text/plain',
  '.wasm': 'application/wasm',
};

/** Number of repetitions from BENCH_RUNS (default 3); fewer than three is refused, not reported. */
export function benchRuns(): number {
  const runs = Number(process.env.BENCH_RUNS ?? MIN_RUNS);
  if (!Number.isInteger(runs) || runs < MIN_RUNS) throw new Error(`BENCH_RUNS=${process.env.BENCH_RUNS}: a median needs at least ${MIN_RUNS} runs.`);
  return runs;
}

export function requireDist(): void {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/ is missing: run `vite build` first (npm run bench does).');
}

export type BenchServer = { origin: string; server: Server; close: () => Promise<void> };

/**
 * Serves dist/ from 127.0.0.1 on a free port. `route` sees each request first and returns true
 * when it answered.
 */
export async function serveDist(route?: (req: IncomingMessage, res: ServerResponse, url: URL) => boolean): Promise<BenchServer> {
  requireDist();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (route?.(req, res, url)) return;
    const file = normalize(join(DIST, url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname)));
    if (!file.startsWith(DIST) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// A string, not a function: tsx would wrap named functions in a __name helper the page lacks.
export const LONG_TASK_INIT = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
`;

export type TaskWindow = { tasks: number[]; longestMs: number; settledAt: number };

/**
 * Waits two frames and 100 ms (so the task that painted the end state has ended and been
 * reported), then returns the durations of every long task overlapping [fromMs, settled].
 * Needs LONG_TASK_INIT added before the page loaded.
 */
export async function settledLongTasks(page: Page, fromMs: number): Promise<TaskWindow> {
  const result = (await page.evaluate(`new Promise((resolve) => {
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => {
      const settledAt = performance.now();
      if (!Array.isArray(window.__longTasks)) { resolve(null); return; }
      resolve({ settledAt, tasks: window.__longTasks.filter(([s, d]) => s + d >= ${fromMs} && s <= settledAt).map(([, d]) => d) });
    }, 100)));
  })`)) as { settledAt: number; tasks: number[] } | null;
  if (!result) throw new Error('The long-task observer was not installed before the page loaded: cannot measure main-thread tasks.');
  return { ...result, longestMs: Math.max(0, ...result.tasks) };
}

export function median(xs: number[]): number {
  if (xs.length === 0) throw new Error('median of no measurements');
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The nearest-rank percentile of a sample (used for per-event delays). */
export function nearestRank(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export type Machine = { cores: number; cpu: string; memoryGB: number; node: string; chromium: string; platform: string };

export async function describeMachine(browser?: Browser): Promise<Machine> {
  const list = cpus();
  return {
    cores: list.length,
    cpu: list[0]?.model.trim() ?? 'unknown',
    memoryGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    chromium: browser ? browser.version() : 'n/a',
    platform: `${process.platform} ${process.arch}`,
  };
}

/** One aim and whether the measurement met it. `value` is what is compared. */
export type Aim = { bench: string; what: string; measured: string; aim: string; met: boolean };

export function aim(bench: string, what: string, value: number, limit: number, direction: '<' | '≤' | '≥', format: (v: number) => string): Aim {
  const met = direction === '<' ? value < limit : direction === '≤' ? value <= limit : value >= limit;
  return { bench, what, measured: format(value), aim: `${direction} ${format(limit)}`, met: Number.isFinite(value) && met };
}

export const ms = (v: number) => `${Math.round(v)} ms`;
export const s2 = (v: number) => `${(v / 1000).toFixed(2)} s`;

export type HeapProbe = {
  /** JS heap used by the page's main thread, bytes. */
  main: () => Promise<number>;
  /** Sum over the page's workers of used heap plus typed-array backing stores, bytes. */
  workers: () => Promise<number>;
  /** Full garbage collection in the page and every worker. */
  collectGarbage: () => Promise<void>;
  workerCount: () => number;
};

/**
 * Heap readings for a page and its workers over CDP. Workers are attached through the page's
 * session, non-flattened, so their commands travel in Target.sendMessageToTarget.
 */
export async function attachHeapProbe(page: Page): Promise<HeapProbe> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const workers = new Map<string, number>();
  let nextId = 1;
  const replies = new Map<number, (v: Record<string, number> | null) => void>();
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker') workers.set(e.sessionId, 0);
  });
  cdp.on('Target.detachedFromTarget', (e) => {
    if (e.sessionId) workers.delete(e.sessionId);
  });
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message) as { id: number; result?: Record<string, number> };
    replies.get(m.id)?.(m.result ?? null);
    replies.delete(m.id);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const inWorker = (sessionId: string, method: string, timeoutMs = 1000) =>
    new Promise<Record<string, number> | null>((resolve) => {
      const id = nextId++;
      const timer = setTimeout(() => resolve(null), timeoutMs);
      replies.set(id, (v) => {
        clearTimeout(timer);
        resolve(v);
      });
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) }).catch(() => resolve(null));
    });
  return {
    main: async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    },
    workers: async () => {
      const sizes = await Promise.all(
        [...workers.keys()].map(async (id) => {
          const v = await inWorker(id, 'Runtime.getHeapUsage');
          if (v) workers.set(id, v.usedSize + (v.backingStorageSize ?? 0));
          return workers.get(id) ?? 0;
        }),
      );
      return sizes.reduce((a, b) => a + b, 0);
    },
    collectGarbage: async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await Promise.all([...workers.keys()].map((id) => inWorker(id, 'HeapProfiler.collectGarbage', 5000)));
    },
    workerCount: () => workers.size,
  };
}
