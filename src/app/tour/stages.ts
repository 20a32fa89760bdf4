import { runFinished, runPrompt } from '../../features/live-viewer/run-controller';
import { useLiveRun } from '../../features/live-viewer/run-store';
import { sendToPlanner } from '../../lib/handoff';
import { useSettings, type Settings } from '../../lib/settings';

/** What a stage may do: wait (abortably) and navigate. */
export type StageContext = { signal: AbortSignal; go: (hash: string) => void; wait: (ms: number) => Promise<void> };

export type Stage = {
  id: string;
  caption: string;
  /**
   * The element the caption talks about, as selectors in order of preference (the first that
   * matches a drawn element wins). The tour keeps it on screen and clear of the caption.
   */
  target: string[];
  run: (ctx: StageContext) => Promise<void>;
};

/** Stable hooks the pages carry for the tour (data-tour attributes). */
export const TOUR_TARGET = {
  reasoning: '[data-tour="reasoning"]',
  metrics: '[data-tour="metrics"]',
  checkpoints: '[data-tour="checkpoints"]',
  runList: '[data-tour="run-list"]',
  toast: '[data-tour="toast"]',
  breakpointChart: '[data-tour="breakpoint-chart"]',
} as const;

/** Waits until an element matching `selector` is drawn (or the time is up; the stage goes on either way). */
async function waitForElement(selector: string, ctx: StageContext, timeoutMs: number): Promise<void> {
  for (let waited = 0; waited < timeoutMs; waited += 200) {
    const el = document.querySelector(selector);
    if (el && el.getBoundingClientRect().height > 0) return;
    await ctx.wait(200);
  }
}

const DEMO: Partial<Settings> = {
  provider: 'demo',
  demoTokensPerSecond: 90,
  deliveryPattern: 'streaming',
  policy: 'continue',
  verifyInterval: 2,
  checkpointEvery: 10,
  stepMode: 'paragraph',
  cacheEnabled: false,
};

async function runAndWait(prompt: string, ctx: StageContext, patch: Partial<Settings> = {}) {
  ctx.go('#/');
  useSettings.getState().update({ ...DEMO, ...patch, prompt });
  const id = await runPrompt(prompt, { fresh: true });
  await Promise.race([runFinished(id), new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))]);
}

/** The guided tour: each stage shows one thing the app is for, with a one-line caption. */
export const STAGES: Stage[] = [
  {
    id: 'short',
    target: [TOUR_TARGET.reasoning],
    caption: 'A short question: the model thinks in a few steps, numbered live as they stream, then answers.',
    run: (ctx) => runAndWait('Quick: what is 15% of 80?', ctx),
  },
  {
    id: 'medium',
    target: [TOUR_TARGET.metrics],
    caption: 'A medium chain (5–15 steps) against its 15-second target: elapsed time, time to first token, tokens per second and the tier it lands in.',
    run: (ctx) => runAndWait('A bakery word problem: cupcakes and cookies revenue', ctx, { demoTokensPerSecond: 160 }),
  },
  {
    id: 'complex',
    target: [TOUR_TARGET.metrics],
    caption: 'A complex chain (> 15 steps): the Tier card says to plan for longer than 15 s, and to consider chunked delivery.',
    run: (ctx) => runAndWait('Plan a complex project schedule with a critical path', ctx, { demoTokensPerSecond: 260 }),
  },
  {
    id: 'slip',
    target: [TOUR_TARGET.reasoning],
    caption: 'An arithmetic slip, caught inline at its step by the verifier running in a Web Worker while the model streams.',
    run: async (ctx) => {
      await runAndWait('Show me the arithmetic slip', ctx, { demoTokensPerSecond: 120 });
      const view = useLiveRun.getState();
      const current = view.viewedId ? view.views[view.viewedId] : undefined;
      const first = current?.findings.find((f) => f.severity !== 'note');
      if (first) useLiveRun.setState({ focusStep: { index: first.step, nonce: Date.now() } });
    },
  },
  {
    id: 'checkpoints',
    target: [TOUR_TARGET.checkpoints],
    caption: 'A long chain delivered in chunks: checkpoint summaries every 10 steps, the full chain on demand.',
    run: (ctx) => runAndWait('A long chain with checkpoints: monthly cash flow budget', ctx, { deliveryPattern: 'chunked', demoTokensPerSecond: 400 }),
  },
  {
    id: 'async',
    target: [TOUR_TARGET.toast, TOUR_TARGET.runList],
    caption: 'Async delivery: the run continues in the background while you look elsewhere, and calls you back when done.',
    run: async (ctx) => {
      ctx.go('#/');
      useSettings.getState().update({ ...DEMO, deliveryPattern: 'async', demoTokensPerSecond: 200, prompt: 'Plan a complex project schedule' });
      const id = await runPrompt('Plan a complex project schedule', { fresh: true });
      await ctx.wait(800);
      ctx.go('#/runs');
      await runFinished(id);
      await ctx.wait(1500);
    },
  },
  {
    id: 'planner',
    target: [TOUR_TARGET.breakpointChart],
    caption: 'The capacity planner on a sample request log: the timeout rate by reasoning length, and the breakpoint (dashed red line) where length starts to cause timeouts.',
    run: async (ctx) => {
      const response = await fetch(new URL('samples/reasoning-requests.jsonl', document.baseURI), { signal: ctx.signal });
      const text = await response.text();
      sendToPlanner({ name: 'reasoning-requests.jsonl', text, runCount: text.split('\n').filter(Boolean).length, label: 'the sample request log' });
      ctx.go('#/planner');
      await waitForElement(TOUR_TARGET.breakpointChart, ctx, 20_000);
    },
  },
];
