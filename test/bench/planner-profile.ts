/**
 * Where the planner bench's main-thread long tasks go: one upload of the bench's log with a
 * Chromium trace (timeline + V8 sampling profiler), then for every main-thread task over the
 * threshold its trace events by self time and the JS functions the samples landed in.
 *
 * Build first, unminified for readable names: `npx vite build --minify false --logLevel warn`,
 * then `npx tsx test/bench/planner-profile.ts`. Env: PLANNER_BENCH_ROWS (default 1,000,000),
 * PROFILE_THRESHOLD_MS (default 30), PROFILE_TRACE=path (keep the raw trace), PROFILE_FROM=path
 * (report on a kept trace instead of recording).
 * PROFILE_TASKS=N: no trace at all (a trace lengthens every task): N uploads as the bench does,
 * each main-thread task over the threshold with the charts that appeared in it.
 * A development tool: `npm run bench` does not run it.
 */
import { chromium } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/support/chromium';
import { writeBenchLog } from './planner-bench';
import { LONG_TASK_INIT, serveDist, settledLongTasks } from './support';

const THRESHOLD_MS = Number(process.env.PROFILE_THRESHOLD_MS ?? 30);

type TraceEvent = { name: string; cat: string; ph: string; ts: number; dur?: number; pid: number; tid: number; id?: string; args?: Record<string, unknown> };
type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; parent?: number };

// Records when each chart's SVG appears, named by its card's title (the warm-up has none).
const CHART_SEEN = LONG_TASK_INIT + `
  window.__charts = [];
  new MutationObserver(() => {
    for (const svg of document.querySelectorAll('svg.recharts-surface:not([data-seen])')) {
      svg.setAttribute('data-seen', '1');
      const card = svg.closest('.chart-card');
      window.__charts.push([performance.now(), card ? card.querySelector('h3').textContent : 'warm-up']);
    }
  }).observe(document, { subtree: true, childList: true });
`;

async function tasksOnly(runs: number) {
  const dir = mkdtempSync(join(tmpdir(), 'planner-profile-'));
  const file = join(dir, 'requests.jsonl');
  const served = await serveDist();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    await writeBenchLog(file);
    for (let run = 0; run < runs; run++) {
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      await page.addInitScript(CHART_SEEN);
      await page.goto(`${served.origin}/#/planner`);
      const input = page.getByLabel('Upload logs');
      await input.waitFor({ state: 'attached', timeout: 30_000 });
      await page.waitForTimeout(300);
      const t0 = (await page.evaluate('performance.now()')) as number;
      await input.setInputFiles(file);
      await page.waitForFunction(() => !!document.querySelector('.breakpoint-headline') && document.querySelectorAll('.chart-card svg.recharts-surface').length >= 5, undefined, { timeout: 120_000, polling: 100 });
      await settledLongTasks(page, t0);
      const { tasks, charts, marks } = (await page.evaluate(
        "({ tasks: window.__longTasks, charts: window.__charts, marks: performance.getEntriesByType('mark').filter((m) => m.name.startsWith('planner:')).map((m) => [m.name, m.startTime]) })",
      )) as { tasks: [number, number][]; charts: [number, string][]; marks: [string, number][] };
      console.log(`run ${run + 1}: marks ${marks.map(([n, t]) => `${n} ${(t - t0).toFixed(0)}`).join(', ')}`);
      for (const [start, d] of tasks.filter(([st, d]) => st + d >= t0 && d > THRESHOLD_MS)) {
        const inIt = charts.filter(([t]) => t >= start && t <= start + d + 1).map(([, n]) => n);
        console.log(`  ${(start - t0).toFixed(0).padStart(6)} ms  ${d.toFixed(0).padStart(4)} ms  ${inIt.join(', ')}`);
      }
      await page.close();
    }
  } finally {
    await browser.close();
    await served.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  if (process.env.PROFILE_TASKS) {
    await tasksOnly(Number(process.env.PROFILE_TASKS));
    return;
  }
  if (process.env.PROFILE_FROM) {
    report(JSON.parse(readFileSync(process.env.PROFILE_FROM, 'utf8')) as { traceEvents: TraceEvent[] });
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'planner-profile-'));
  const file = join(dir, 'requests.jsonl');
  const tracePath = process.env.PROFILE_TRACE ?? join(dir, 'trace.json');
  const served = await serveDist();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    await writeBenchLog(file);
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${served.origin}/#/planner`);
    const input = page.getByLabel('Upload logs');
    await input.waitFor({ state: 'attached', timeout: 30_000 });
    await page.waitForTimeout(300);
    await browser.startTracing(page, {
      path: tracePath,
      // Light by default (tasks + JS samples: the timeline's per-call events double the tasks' length);
      // PROFILE_FULL=1 adds them (layout, paint, GC, function calls by name).
      // PROFILE_TOPLEVEL=1: task boundaries only (no JS samples; the durations closest to untraced).
      categories: process.env.PROFILE_FULL
        ? ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'blink.user_timing', 'toplevel']
        : process.env.PROFILE_TOPLEVEL
          ? ['toplevel', 'blink.user_timing']
          : ['toplevel', 'disabled-by-default-v8.cpu_profiler', 'blink.user_timing'],
    });
    await input.setInputFiles(file);
    await page.waitForFunction(() => !!document.querySelector('.breakpoint-headline') && document.querySelectorAll('svg.recharts-surface').length >= 5, undefined, { timeout: 120_000, polling: 100 });
    await page.waitForTimeout(800);
    await browser.stopTracing();
    report(JSON.parse(readFileSync(tracePath, 'utf8')) as { traceEvents: TraceEvent[] });
  } finally {
    await browser.close();
    await served.close();
    if (!process.env.PROFILE_TRACE) rmSync(dir, { recursive: true, force: true });
  }
}

function report(trace: { traceEvents: TraceEvent[] }) {
  const ev = trace.traceEvents;
  const main = ev.find((e) => e.name === 'thread_name' && (e.args as { name?: string })?.name === 'CrRendererMain' && ev.some((x) => x.pid === e.pid && x.tid === e.tid && (x.name === 'RunTask' || x.name === 'ThreadControllerImpl::RunTask') && (x.dur ?? 0) > 1000));
  if (!main) throw new Error('No renderer main thread in the trace');
  const onMain = ev.filter((e) => e.pid === main.pid && e.tid === main.tid);
  const marks = onMain.filter((e) => e.cat.includes('blink.user_timing') && e.name.startsWith('planner:'));
  const isTask = (e: TraceEvent) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  // Outermost task events only (the two names nest in some Chromium versions).
  const tasks = onMain
    .filter((e) => isTask(e) && (e.dur ?? 0) > THRESHOLD_MS * 1000)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))
    .filter((e, i, all) => !all.slice(0, i).some((o) => o.ts <= e.ts && o.ts + (o.dur ?? 0) >= e.ts + (e.dur ?? 0)));
  const t0 = Math.min(...onMain.filter(isTask).map((e) => e.ts));

  // CPU samples of the main thread's profile.
  const profile = ev.find((e) => e.name === 'Profile' && e.pid === main.pid && e.tid === main.tid);
  const nodes = new Map<number, ProfileNode>();
  const samples: { t: number; node: number }[] = [];
  if (profile) {
    let t = (profile.args as { data: { startTime: number } }).data.startTime;
    for (const c of ev.filter((e) => e.name === 'ProfileChunk' && e.id === profile.id && e.pid === main.pid)) {
      const data = (c.args as { data: { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } }).data;
      for (const n of data.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
      const ids = data.cpuProfile?.samples ?? [];
      const deltas = data.timeDeltas ?? [];
      for (let i = 0; i < ids.length; i++) {
        t += deltas[i] ?? 0;
        samples.push({ t, node: ids[i] });
      }
    }
  }
  const frameName = (id: number) => {
    const n = nodes.get(id);
    if (!n) return '?';
    const url = (n.callFrame.url ?? '').replace(/^.*\//, '');
    return `${n.callFrame.functionName || '(anonymous)'}${url ? ` ${url}:${n.callFrame.lineNumber + 1}` : ''}`;
  };
  const stackOf = (id: number) => {
    const out: string[] = [];
    for (let n: ProfileNode | undefined = nodes.get(id); n; n = n.parent !== undefined ? nodes.get(n.parent) : undefined) out.push(frameName(n.id));
    return out;
  };
  // Parents aren't always given in chunks: derive from children lists when present.
  for (const n of nodes.values()) for (const c of (n as ProfileNode & { children?: number[] }).children ?? []) { const child = nodes.get(c); if (child) child.parent = n.id; }

  console.log(`Marks (ms from the first task): ${marks.map((m) => `${m.name} ${((m.ts - t0) / 1000).toFixed(0)}`).join(', ')}`);
  console.log(`${tasks.length} main-thread tasks over ${THRESHOLD_MS} ms`);
  for (const task of tasks) {
    const end = task.ts + (task.dur as number);
    console.log(`\n== task at ${((task.ts - t0) / 1000).toFixed(0)} ms, ${((task.dur as number) / 1000).toFixed(1)} ms`);
    // Trace events inside: self time by name (nested X events).
    const inside = onMain.filter((e) => e.ph === 'X' && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end && e !== task).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const self = new Map<string, number>();
    const stack: TraceEvent[] = [];
    for (const e of inside) {
      while (stack.length && stack[stack.length - 1].ts + (stack[stack.length - 1].dur ?? 0) <= e.ts) stack.pop();
      const parent = stack[stack.length - 1];
      self.set(e.name, (self.get(e.name) ?? 0) + (e.dur ?? 0));
      if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - (e.dur ?? 0));
      stack.push(e);
    }
    const top = [...self.entries()].filter(([, v]) => v > 500).sort((a, b) => b[1] - a[1]).slice(0, 10);
    console.log(`  events (self): ${top.map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`).join(', ')}`);
    // JS samples: self by function, and inclusive by function.
    const inTask = samples.filter((s) => s.t >= task.ts && s.t <= end);
    const selfFn = new Map<string, number>();
    const incl = new Map<string, number>();
    for (const s of inTask) {
      const st = stackOf(s.node);
      selfFn.set(st[0] ?? '?', (selfFn.get(st[0] ?? '?') ?? 0) + 1);
      for (const f of new Set(st)) incl.set(f, (incl.get(f) ?? 0) + 1);
    }
    const per = inTask.length ? (task.dur as number) / 1000 / inTask.length : 0;
    const fmt = (m: Map<string, number>, k: number) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, k).map(([f, c]) => `    ${(c * per).toFixed(1).padStart(6)} ms  ${f}`).join('\n');
    console.log(`  JS self (${inTask.length} samples):\n${fmt(selfFn, 14)}`);
    console.log(`  JS inclusive:\n${fmt(incl, 22)}`);
    // Components (capitalised function names) by inclusive time: which chart the task drew.
    const comps = new Map([...incl.entries()].filter(([f]) => /^[A-Z]/.test(f) && !f.startsWith('(')));
    console.log(`  components:\n${fmt(comps, 12)}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
