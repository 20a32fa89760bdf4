/**
 * `npx tsx test/bench/stream-profile.ts`: one run of the stream bench's scenario (1 MB of reasoning
 * at full socket speed into the built app) under a Chromium performance trace with JS sampling.
 * Not part of `npm run bench`: it explains the bench's figures rather than measuring them.
 *
 * Prints every main-thread task over PROFILE_MIN_MS (default 30) from the click until the page is
 * quiet, with what took its time: the renderer's own work (style, layout, paint, GC …) and the
 * JavaScript functions sampled in it (inclusive, React's internals left out), then the same
 * totalled over the run. Build unminified first for readable names:
 * `npx vite build --minify false`. PROFILE_OUT=file.json also writes the trace (DevTools'
 * Performance panel opens it).
 */
import { chromium } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/support/chromium';
import { makeReasoning } from './reasoning-corpus';
import { clickAndTimeToDone, connect, fullSpeedModel, makeBody } from './run-bench';
import { LONG_TASK_INIT, serveDist, settledLongTasks } from './support';

type TraceEvent = {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- trace payloads differ per event name
  args?: Record<string, any>;
};
type CpuNode = { id: number; parent?: number; callFrame: { functionName: string; url: string; lineNumber: number } };

/** React's and the virtualizer's plumbing: inclusive time says nothing about our code there. */
const PLUMBING =
  /^(\(root\)|\(anonymous\)|\(program\)|performWorkOnRoot|performSyncWorkOnRoot|flushSync\w*|processRootScheduleInMicrotask|renderRootSync|workLoopSync|completeRoot\w*|commitRoot|beginWork|renderWithHooks|updateFunctionComponent|commitLayoutEffectOnFiber|flushLayoutEffects|recursivelyTraverse\w+|commitHookEffectListMount|completeUnitOfWork|completeWork|update\w*MemoComponent|performUnitOfWork|commit\w+EffectsOnFiber|flush\w+Effects|exports\.\w+|performWorkUntilDeadline|performWorkOnRootViaSchedulerTask|runWithFiberInDEV|reconcile\w*|useSyncExternalStore|\w+SyncExternalStore|wrap\$?\d*|promisifyRequest)$/;

const RENDERER_WORK = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'HitTest', 'ParseHTML', 'MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'V8.GC_MARK_COMPACTOR', 'BlinkGC.AtomicPhase', 'v8.deserializeOnBackground', 'ScheduleStyleRecalculation', 'IntersectionObserverController::computeIntersections', 'ResizeObserver::BroadcastObservations', 'v8.compile', 'CommitLoad']);

function analyse(events: TraceEvent[], fromTs: number, minMs: number) {
  const threadNames = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name);
  // The page's main thread: the renderer main thread with the most task time.
  const busy = new Map<string, number>();
  for (const e of events) if (e.name === 'RunTask' && e.ph === 'X' && threadNames.get(`${e.pid}:${e.tid}`) === 'CrRendererMain') busy.set(`${e.pid}:${e.tid}`, (busy.get(`${e.pid}:${e.tid}`) ?? 0) + (e.dur ?? 0));
  const main = [...busy].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!main) throw new Error('no renderer main thread in the trace');
  const onMain = events.filter((e) => `${e.pid}:${e.tid}` === main);

  // JS samples on the main thread: ProfileChunk events carry nodes, samples and time deltas.
  const nodes = new Map<number, CpuNode>();
  const samples: { ts: number; node: number }[] = [];
  const profileStart = new Map<string, number>();
  for (const e of events) if (e.name === 'Profile' && `${e.pid}:${e.tid}` === main) profileStart.set(e.id!, e.args?.data?.startTime);
  const clock = new Map<string, number>();
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || !profileStart.has(e.id!)) continue;
    const data = e.args?.data;
    for (const n of data?.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    let ts = clock.get(e.id!) ?? profileStart.get(e.id!)!;
    const ids: number[] = data?.cpuProfile?.samples ?? [];
    const deltas: number[] = data?.timeDeltas ?? [];
    for (let i = 0; i < ids.length; i++) {
      ts += deltas[i] ?? 0;
      samples.push({ ts, node: ids[i] });
    }
    clock.set(e.id!, ts);
  }
  samples.sort((a, b) => a.ts - b.ts);
  const label = (n: CpuNode) => `${n.callFrame.functionName || '(anonymous)'}:${n.callFrame.lineNumber + 1}`;

  const describe = (t0: number, t1: number, top: number) => {
    const native = new Map<string, number>();
    for (const e of onMain) if (e.ph === 'X' && RENDERER_WORK.has(e.name) && e.ts >= t0 && e.ts < t1) native.set(e.name, (native.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
    const incl = new Map<string, number>();
    let lo = 0;
    while (lo < samples.length && samples[lo].ts < t0) lo++;
    for (let i = lo; i < samples.length && samples[i].ts < t1; i++) {
      const dt = ((samples[i + 1]?.ts ?? samples[i].ts) - samples[i].ts) / 1000;
      const seen = new Set<string>();
      for (let k: number | undefined = samples[i].node; k !== undefined; k = nodes.get(k)?.parent) {
        const n = nodes.get(k);
        if (!n || PLUMBING.test(n.callFrame.functionName)) continue;
        const l = label(n);
        if (seen.has(l)) continue;
        seen.add(l);
        incl.set(l, (incl.get(l) ?? 0) + dt);
      }
    }
    const fmt = (m: Map<string, number>, k: number) =>
      [...m].filter(([, v]) => v >= 0.5).sort((a, b) => b[1] - a[1]).slice(0, k).map(([l, v]) => `${l} ${v.toFixed(1)}`).join(' · ');
    return `    renderer: ${fmt(native, 12) || '-'}\n    js: ${fmt(incl, top) || '-'}`;
  };

  const tasks = onMain.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.ts >= fromTs).sort((a, b) => a.ts - b.ts);
  const total = tasks.reduce((a, e) => a + (e.dur ?? 0), 0) / 1000;
  const end = tasks.length ? tasks[tasks.length - 1].ts + (tasks[tasks.length - 1].dur ?? 0) : fromTs;
  console.log(`\nMain thread: ${tasks.length} tasks, ${total.toFixed(0)} ms busy over ${((end - fromTs) / 1000).toFixed(0)} ms after the click.`);
  console.log(`  all of it:\n${describe(fromTs, end, 40)}`);
  for (const task of tasks.filter((e) => (e.dur ?? 0) / 1000 >= minMs)) {
    console.log(`\n  task at +${((task.ts - fromTs) / 1000).toFixed(0)} ms, ${((task.dur ?? 0) / 1000).toFixed(1)} ms`);
    console.log(describe(task.ts, task.ts + (task.dur ?? 0), 18));
  }
}

async function main() {
  const reasoning = makeReasoning();
  const { body } = makeBody(reasoning);
  const served = await serveDist((req, res, url) => fullSpeedModel(req, res, url, body));
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const app = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await app.addInitScript(LONG_TASK_INIT + 'window.__measure = false;');
    await app.goto(`${served.origin}/`);
    await connect(app, `${served.origin}/v1`, 'Benchmark: 1 MB of reasoning');
    await browser.startTracing(app, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8', 'disabled-by-default-v8.cpu_profiler', 'blink.user_timing'] });
    await app.evaluate(() => performance.mark('profile-click'));
    const [t0, doneMs] = await clickAndTimeToDone(app, 120_000);
    // Past Done: the final publish, verification catching up, the final save.
    await app.waitForTimeout(Number(process.env.PROFILE_AFTER_MS ?? 2500));
    const trace = await browser.stopTracing();
    const tasks = await settledLongTasks(app, t0);
    console.log(`Done after ${doneMs.toFixed(0)} ms; long tasks ${tasks.tasks.map(Math.round).join('/') || '-'}`);
    if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, trace);
    const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
    const mark = events.find((e) => e.name === 'profile-click');
    analyse(events, mark?.ts ?? 0, Number(process.env.PROFILE_MIN_MS ?? 30));
  } finally {
    await browser.close();
    await served.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
