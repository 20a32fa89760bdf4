import { runMetrics } from '../core/run/accumulator';
import { tierOf } from '../core/run/tiers';
import type { RunRecord } from '../core/stored-runs/types';
import { demoLabelFor } from './demo-fetch';
import type { RunView } from './run-engine';

/** The stored form of a run (never the API key: the view holds none). */
export function toRunRecord(view: RunView, now: number): RunRecord {
  const { context, run } = view;
  const m = runMetrics(run, now);
  const steps = run.steps.map((s) => ({ text: s.text, startedAt: s.startedAt, completedAt: s.completedAt, ...(s.supersededBy !== undefined ? { supersededBy: s.supersededBy } : {}) }));
  const timedOut = Boolean(run.error && /stalled|timed out/i.test(run.error)) || view.findings.some((f) => f.kind === 'timeout');
  return {
    schema: 1,
    id: context.id,
    prompt: context.prompt,
    provider: context.provider,
    baseUrl: context.baseUrl,
    model: context.model,
    settings: context.settings,
    status: run.status === 'done' || run.status === 'error' || run.status === 'stopped' ? run.status : 'running',
    ...(run.error ? { error: run.error } : {}),
    startedAt: Math.round(run.startedAt),
    ...(run.endedAt !== undefined ? { endedAt: Math.round(run.endedAt), latencyMs: Math.round(run.endedAt - run.startedAt) } : {}),
    ...(m.ttftMs !== undefined ? { ttftMs: Math.round(m.ttftMs) } : {}),
    timedOut,
    stopped: run.status === 'stopped',
    steps,
    reasoningKind: run.reasoningKind,
    answer: run.answer,
    ...(run.usage ? { usage: run.usage } : {}),
    reasoningTokens: m.reasoningTokens,
    reasoningTokensSource: m.reasoningTokensSource,
    tier: tierOf(steps.length),
    findings: view.findings.map((f) => ({
      step: f.step,
      kind: f.kind,
      severity: f.severity,
      message: f.message,
      ...(f.kind === 'arithmetic' ? { evidence: { expression: f.evidence.expression, stated: f.evidence.stated, exact: f.evidence.exact } } : {}),
    })),
    ...(view.chainScore !== undefined ? { consistencyScore: view.chainScore } : {}),
    checkpoints: [...view.checkpoints],
    ...(context.cache ? { cache: context.cache } : {}),
    ...(context.batchId ? { batchId: context.batchId } : {}),
    ...demoField(context),
  };
}

/** What the demo played (a cache replay plays a stored run, not the demo). */
function demoField(context: RunView['context']): Pick<RunRecord, 'demo'> {
  if (context.provider !== 'demo' || context.cache) return {};
  const demo = demoLabelFor(context.prompt, context.model);
  return demo ? { demo } : {};
}

/**
 * How long a live run's saves are spaced: a second, or a millisecond per completed step when
 * that is longer. Storing a run clones all of it on the main thread (about 25 ms for 10,000
 * steps, 1 MB), so a long chain is saved every 10 s while it streams rather than every second;
 * the end of the run is saved at once whatever its size.
 */
export function liveSaveIntervalMs(steps: number): number {
  return Math.max(1000, steps);
}

export type RunPersister = {
  /** Saves while the run is live at most every liveSaveIntervalMs, and at once when it ends. */
  update(view: RunView, now: number): void;
  /** Saves the settled run (late verification results included); nothing of it is saved after. */
  final(view: RunView, now: number): void;
  /** The last write failure (quota), if any; the run stays in memory either way. */
  readonly error: string | undefined;
};

export function createRunPersister(save: (record: RunRecord) => Promise<unknown>, onError: (message: string) => void): RunPersister {
  const lastSaved = new Map<string, number>();
  const finished = new Set<string>();
  let error: string | undefined;
  const write = (view: RunView, now: number) =>
    save(toRunRecord(view, now)).catch((e: unknown) => {
      error = e instanceof Error ? e.message : String(e);
      onError(error);
    });
  return {
    update(view, now) {
      const id = view.context.id;
      if (finished.has(id)) return;
      const live = view.run.status === 'connecting' || view.run.status === 'streaming';
      if (live && now - (lastSaved.get(id) ?? 0) < liveSaveIntervalMs(view.run.steps.length)) return;
      lastSaved.set(id, now);
      if (!live) finished.add(id);
      void write(view, now);
    },
    final(view, now) {
      const id = view.context.id;
      lastSaved.delete(id);
      // Kept so a late publish of this run does not save it again.
      finished.add(id);
      void write(view, now);
    },
    get error() {
      return error;
    },
  };
}
