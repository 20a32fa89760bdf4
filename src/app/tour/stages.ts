import { runFinished, runPrompt } from '../../features/live-viewer/run-controller';
import { useLiveRun } from '../../features/live-viewer/run-store';
import { sendToPlanner } from '../../lib/handoff';
import { useSettings, type Settings } from '../../lib/settings';

/** What a stage may do: wait (abortably) and navigate. */
export type StageContext = { signal: AbortSignal; go: (hash: string) => void; wait: (ms: number) => Promise<void> };

export type Stage = { id: string; caption: string; run: (ctx: StageContext) => Promise<void> };

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
    caption: 'A short question: the model thinks in a few steps, numbered live as they stream, then answers.',
    run: (ctx) => runAndWait('Quick: what is 15% of 80?', ctx),
  },
  {
    id: 'medium',
    caption: 'A medium chain (5–15 steps) against its 15-second target: time to first token, tokens per second and "Thought for N s".',
    run: (ctx) => runAndWait('A bakery word problem: cupcakes and cookies revenue', ctx, { demoTokensPerSecond: 160 }),
  },
  {
    id: 'complex',
    caption: 'A complex chain (> 15 steps): plan for longer than 15 s, and consider chunked delivery.',
    run: (ctx) => runAndWait('Plan a complex project schedule with a critical path', ctx, { demoTokensPerSecond: 260 }),
  },
  {
    id: 'slip',
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
    caption: 'A long chain delivered in chunks: checkpoint summaries every 10 steps, the full chain on demand.',
    run: (ctx) => runAndWait('A long chain with checkpoints: monthly cash flow budget', ctx, { deliveryPattern: 'chunked', demoTokensPerSecond: 400 }),
  },
  {
    id: 'async',
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
    caption: 'The capacity planner on a sample request log: the step distribution, and the latency breakpoint where length starts to cause timeouts.',
    run: async (ctx) => {
      const response = await fetch(new URL('samples/reasoning-requests.jsonl', document.baseURI), { signal: ctx.signal });
      const text = await response.text();
      sendToPlanner({ name: 'reasoning-requests.jsonl', text, runCount: text.split('\n').filter(Boolean).length, label: 'the sample request log' });
      ctx.go('#/planner');
      await ctx.wait(2500);
      document.querySelector('.breakpoint-panel, [data-testid="breakpoint-summary"]')?.scrollIntoView({ behavior: 'smooth', block: 'center' });
    },
  },
];
