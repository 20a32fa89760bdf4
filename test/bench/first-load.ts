/**
 * First load of the built app: the gzipped size of the JavaScript the viewer needs before it
 * can run (the entry script and what it preloads; lazy pages and workers excluded), and the
 * time to interactive in Chromium (navigation start → the Run button rendered and the main
 * thread quiet), median of several cold loads.
 */
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/support/chromium';

const DIST = join(process.cwd(), 'dist');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.jsonl': 'application/x-ndjson', '.txt': 'text/plain' };

export function initialBundle(): { files: { file: string; bytes: number; gzip: number }[]; gzipTotal: number } {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const files = [...new Set(refs)].map((file) => {
    const bytes = readFileSync(join(DIST, file));
    return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  return { files, gzipTotal: files.filter((f) => f.file.endsWith('.js')).reduce((n, f) => n + f.gzip, 0) };
}

export async function runFirstLoadBench(loads = 5): Promise<Record<string, number>> {
  const bundle = initialBundle();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const file = normalize(join(DIST, url.pathname === '/' ? 'index.html' : url.pathname));
    if (!file.startsWith(DIST)) return res.writeHead(404).end();
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const ttis: number[] = [];
  const longest: number[] = [];
  try {
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(`window.__lt = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });`);
      await page.goto(`${origin}/`);
      await page.waitForSelector('button[type="submit"]');
      const rendered = await page.evaluate(() => {
        const mark = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return performance.now() - mark.startTime;
      });
      await page.waitForTimeout(500);
      const tasks = (await page.evaluate(() => (window as unknown as { __lt: [number, number][] }).__lt)) ?? [];
      // Interactive: rendered, and the last long task (if any) over.
      const lastTaskEnd = tasks.reduce((m, [start, d]) => Math.max(m, start + d), 0);
      ttis.push(Math.max(rendered, lastTaskEnd));
      longest.push(tasks.reduce((m, [, d]) => Math.max(m, d), 0));
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  ttis.sort((a, b) => a - b);
  const tti = ttis[Math.floor(ttis.length / 2)];
  console.log(`\nFirst load (built app, ${loads} cold loads in Chromium):`);
  for (const f of bundle.files) console.log(`  ${f.file.padEnd(36)} ${(f.bytes / 1024).toFixed(1).padStart(8)} KB   gzip ${(f.gzip / 1024).toFixed(1).padStart(7)} KB`);
  console.log(`  initial JavaScript, gzipped  ${(bundle.gzipTotal / 1024).toFixed(1)} KB   (aim < 250 KB; charts, planner, runs and workers load when needed)`);
  console.log(`  time to interactive          median ${tti.toFixed(0)} ms (${ttis.map((t) => t.toFixed(0)).join(', ')}); longest start-up task ${Math.max(...longest).toFixed(0)} ms`);
  return { initialJsGzipKB: Math.round(bundle.gzipTotal / 102.4) / 10, ttiMs: Math.round(tti) };
}
