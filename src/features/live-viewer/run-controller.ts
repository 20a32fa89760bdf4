import { createRunEngine, type RunEngine, type RunView } from '../../lib/run-engine';
import { lookupCache, rememberRun } from '../../lib/prompt-cache';
import { createRunPersister, toRunRecord } from '../../lib/run-record';
import { getRun } from '../../storage';
import { runLocks } from '../../lib/run-locks';
import { runSaves } from '../../lib/save-queue';
import type { RunRecord } from '../../core/stored-runs/types';
import { useSettings, type Settings } from '../../lib/settings';
import { createStreamClient, type StreamClient } from '../../workers/stream-client';
import { createVerifyClient, type VerifyClient } from '../../workers/verify-client';
import { createPublishCadence } from './publish-cadence';
import { useLiveRun } from './run-store';
import { recordThinkingMs } from './thinking-label';

/**
 * Owns this session's runs outside React. Engines change many times per frame; the store is
 * updated at most once per animation frame (plus a timer fallback for hidden tabs), never once
 * per token.
 */
const engines = new Map<string, RunEngine>();
const dirty = new Set<string>();
let frameRequested = false;
let fallbackTimer: ReturnType<typeof setTimeout> | undefined;
let cadenceTimer: ReturnType<typeof setTimeout> | undefined;
const cadence = createPublishCadence();
let verifyClient: VerifyClient | undefined;
let streamClient: StreamClient | undefined;
let crashNote: string | undefined;
/** Per run, in memory only: the settings it started with (Retry reuses them). */
const startedWith = new Map<string, Settings>();
/** Per cache replay: how long the original run thought. */
const originalThinking = new Map<string, number>();

const now = () => performance.timeOrigin + performance.now();

// Every run is stored as it happens; a refused write (quota) stays in memory and is retried by
// the save queue, which the page reports.
const persister = createRunPersister(runSaves.save, () => {});

function getVerifyClient(): VerifyClient {
  if (!verifyClient) {
    verifyClient = createVerifyClient();
    verifyClient.onCrash = (message) => {
      crashNote = `The verification worker crashed (${message}) and was restarted; verification resumed.`;
    };
  }
  return verifyClient;
}

/** One stream worker for the page's runs: fetching and parsing stay off the main thread. */
function getStreamClient(): StreamClient {
  streamClient ??= createStreamClient();
  return streamClient;
}

/** Starts the run workers ahead of the first run, once the page is idle. */
export function prepareRunWorkers(): void {
  const prepare = () => {
    getStreamClient();
    getVerifyClient();
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(prepare, { timeout: 1000 });
  else setTimeout(prepare, 0);
}

export function verifyCrashNote(): string | undefined {
  return crashNote;
}

function publish() {
  frameRequested = false;
  clearTimeout(fallbackTimer);
  clearTimeout(cadenceTimer);
  if (!dirty.size) return;
  const started = performance.now();
  const views = { ...useLiveRun.getState().views };
  const changed: string[] = [];
  for (const id of dirty) {
    const engine = engines.get(id);
    if (engine) {
      views[id] = engine.view();
      changed.push(id);
    }
  }
  dirty.clear();
  useLiveRun.setState({ views, now: now() });
  // React renders the store's update in a microtask queued by setState; this one runs after it.
  queueMicrotask(() => cadence.record(started, performance.now() - started));
  // Persist after the frame is on screen: serialising a long run for IndexedDB takes a few ms.
  setTimeout(() => {
    for (const id of changed) {
      const view = views[id];
      // An ended run is stored once it settles (retireWhenSettled); storing it at the end too
      // would clone a long run twice in a row. If settling takes a while (a judge, a summary),
      // the ended run is stored after END_SAVE_GRACE_MS all the same.
      if (endedUnsaved(view)) continue;
      persister.update(view, now());
    }
  }, 0);
}

/** How long an ended run may wait for its settled save before its ended state is stored anyway. */
const END_SAVE_GRACE_MS = 1500;
const endSaveTimers = new Map<string, ReturnType<typeof setTimeout>>();

function endedUnsaved(view: RunView): boolean {
  const id = view.context.id;
  const live = view.run.status === 'connecting' || view.run.status === 'streaming';
  if (live || !engines.has(id)) return false;
  if (!endSaveTimers.has(id))
    endSaveTimers.set(
      id,
      setTimeout(() => {
        const latest = useLiveRun.getState().views[id];
        if (engines.has(id) && latest) persister.update(latest, now());
      }, END_SAVE_GRACE_MS),
    );
  return true;
}

function schedulePublish() {
  if (frameRequested) return;
  frameRequested = true;
  // Renders that cost much wait a little longer (see publish-cadence), so a fast stream is not
  // slowed down by drawing every frame of it.
  const wait = cadence.waitMs(performance.now());
  if (typeof requestAnimationFrame === 'function') {
    if (wait > 0) cadenceTimer = setTimeout(() => requestAnimationFrame(publish), wait);
    else requestAnimationFrame(publish);
  }
  // rAF does not fire in hidden tabs; publish anyway, less often.
  fallbackTimer = setTimeout(publish, 250);
}

function markDirty(id: string) {
  dirty.add(id);
  schedulePublish();
}

function notify(text: string) {
  if (typeof Notification !== 'undefined' && Notification.permission === 'granted' && document.visibilityState !== 'visible') {
    try {
      new Notification('Reasoning Viewer', { body: text });
    } catch {
      /* some browsers only allow notifications from a service worker */
    }
  }
}

/**
 * Runs a prompt, first checking the similarity cache: a close enough finished chain replays at
 * once, marked as cached, unless `fresh` is asked for.
 */
export async function runPrompt(prompt: string, { fresh = false }: { fresh?: boolean } = {}): Promise<string> {
  const settings = useSettings.getState();
  let notice: string | undefined;
  if (!fresh && settings.cacheEnabled) {
    try {
      const { hit, note } = await lookupCache(prompt, settings);
      notice = note;
      const record = hit ? await getRun(hit.runId) : undefined;
      if (hit && record && record.status === 'done') return startRun(prompt, { replay: { record, similarity: hit.similarity }, notice });
    } catch (error) {
      notice = `The similarity cache was unavailable (${error instanceof Error ? error.message : String(error)}); running fresh.`;
    }
  }
  return startRun(prompt, { notice });
}

export function startRun(prompt: string, extra: { replay?: { record: RunRecord; similarity: number }; notice?: string; settings?: Settings } = {}): string {
  const state = useLiveRun.getState();
  const viewed = state.viewedId ? engines.get(state.viewedId) : undefined;
  // A background (async) run keeps going; any other live run gives way to the new one.
  if (viewed?.live && state.views[viewed.id]?.context.deliveryPattern !== 'async') viewed.stop();
  const id = `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  const fixed = extra.settings;
  startedWith.set(id, fixed ?? useSettings.getState());
  const thought = extra.replay && recordThinkingMs(extra.replay.record);
  if (thought !== undefined) originalThinking.set(id, thought);
  const engine = createRunEngine({
    id,
    prompt,
    // A retry runs with the settings of the run it repeats; keys are always the current ones.
    settings: fixed ? () => ({ ...fixed, keys: useSettings.getState().keys }) : () => useSettings.getState(),
    verifyClient: getVerifyClient(),
    streamClient: getStreamClient(),
    now,
    onChange: () => markDirty(id),
    replay: extra.replay,
    notice: extra.notice,
  });
  engines.set(id, engine);
  // While this tab holds the run, another tab's start-up never marks it interrupted.
  const release = runLocks().hold(id);
  useLiveRun.setState((s) => ({ focusStep: undefined, viewedId: id, order: [id, ...s.order].slice(0, 50), views: { ...s.views, [id]: engine.view() }, now: now() }));
  void engine.start().then(() => {
    dirty.add(id);
    publish();
    const view = engine.view();
    void rememberRun(toRunRecord(view, now()), useSettings.getState()).catch(() => {});
    if (view.context.deliveryPattern === 'async') {
      const text = `Run finished (${view.run.status}): “${view.context.prompt.slice(0, 60)}”`;
      useLiveRun.setState((s) => ({ toasts: [...s.toasts, { id: `toast-${id}`, runId: id, text }] }));
      notify(text);
    }
  });
  // The lock goes once the settled record is stored.
  void retireWhenSettled(engine).then(() => runSaves.settled(id)).then(release);
  return id;
}

/** Runs the prompt of run `id` again, fresh (no cache), with the settings that run started with. */
export function retryRun(id = useLiveRun.getState().viewedId): string | undefined {
  const view = id ? useLiveRun.getState().views[id] : undefined;
  if (!id || !view) return undefined;
  return startRun(view.context.prompt, { settings: startedWith.get(id) });
}

/** For a replay from the cache: how long the run it replays thought. */
export function originalThinkingMs(id: string): number | undefined {
  return originalThinking.get(id);
}

/**
 * Once a run is settled: publishes and stores its final view, then disposes the engine and
 * forgets it, so a long session holds only the views it shows.
 */
async function retireWhenSettled(engine: RunEngine): Promise<void> {
  await engine.settled();
  dirty.add(engine.id);
  publish();
  clearTimeout(endSaveTimers.get(engine.id));
  endSaveTimers.delete(engine.id);
  persister.final(engine.view(), now());
  engine.dispose();
  engines.delete(engine.id);
}

type Replay = { record: RunRecord; similarity: number };

/** A finished chain from the similarity cache for this prompt, or why there is none. */
export async function findCachedChain(prompt: string): Promise<Replay | string> {
  const settings = useSettings.getState();
  if (!settings.cacheEnabled) return 'The similarity cache is switched off (Cache settings).';
  const { hit } = await lookupCache(prompt, settings);
  const record = hit ? await getRun(hit.runId) : undefined;
  if (!hit || !record || record.status !== 'done') return 'No cached chain for this prompt yet: run it once (Compare off), then compare it with its replay.';
  return { record, similarity: hit.similarity };
}

/** One side of a comparison: what differs from the current settings. */
export type CompareSide = { provider: Settings['provider']; baseUrl: string; model: string; reasoningEffort: Settings['reasoningEffort'] };

function withSide(s: Settings, side: CompareSide): Settings {
  return { ...s, provider: side.provider, endpoints: { ...s.endpoints, [side.provider]: { baseUrl: side.baseUrl, model: side.model } }, reasoningEffort: side.reasoningEffort, deliveryPattern: 'streaming' };
}

/**
 * Compare mode: two live runs of one prompt, each with its own provider, model and effort,
 * through the same engine as any run (and stored like any run). The viewed run is left alone.
 */
export function startCompare(prompt: string, left: CompareSide, right: CompareSide, replays: { left?: Replay; right?: Replay } = {}): { leftId: string; rightId: string } {
  const previous = useLiveRun.getState().compare;
  if (previous) for (const id of [previous.leftId, previous.rightId]) engines.get(id)?.stop();
  const [leftId, rightId] = [left, right].map((side, k) => {
    const id = `run-${Date.now().toString(36)}-${k ? 'r' : 'l'}${Math.random().toString(36).slice(2, 5)}`;
    const replay = k ? replays.right : replays.left;
    const engine = createRunEngine({ id, prompt, settings: () => withSide(useSettings.getState(), side), verifyClient: getVerifyClient(), streamClient: getStreamClient(), now, onChange: () => markDirty(id), ...(replay ? { replay } : {}) });
    engines.set(id, engine);
    useLiveRun.setState((s) => ({ views: { ...s.views, [id]: engine.view() }, now: now() }));
    void engine.start().then(() => {
      dirty.add(id);
      publish();
    });
    void retireWhenSettled(engine);
    return id;
  });
  useLiveRun.setState({ compare: { leftId, rightId } });
  return { leftId, rightId };
}

export function stopCompare(): void {
  const c = useLiveRun.getState().compare;
  if (!c) return;
  for (const id of [c.leftId, c.rightId]) {
    const engine = engines.get(id);
    if (engine?.live) {
      engine.stop();
      dirty.add(id);
    }
  }
  publish();
}

/** Stops at once: the status flips to Stopped in this call, not when the network notices. */
export function stopRun(id = useLiveRun.getState().viewedId): void {
  const engine = id ? engines.get(id) : undefined;
  if (!engine) return;
  engine.stop();
  dirty.add(engine.id);
  publish();
}

export function resumeRun(id = useLiveRun.getState().viewedId): void {
  if (id) engines.get(id)?.resume();
}

export function viewRun(id: string): void {
  if (useLiveRun.getState().views[id]) useLiveRun.setState({ viewedId: id });
}

/** Resolves when the run has ended (done, stopped or error). */
export function runFinished(id: string): Promise<void> {
  const engine = engines.get(id);
  if (!engine || !engine.live) return Promise.resolve();
  return new Promise((resolve) => {
    const unsubscribe = useLiveRun.subscribe((s) => {
      const status = s.views[id]?.run.status;
      if (status === 'done' || status === 'stopped' || status === 'error') {
        unsubscribe();
        resolve();
      }
    });
  });
}

/** Brings the next (or previous) step with an error or warning into view. */
export function focusWarning(direction: 1 | -1): number | undefined {
  const state = useLiveRun.getState();
  const view = state.viewedId ? state.views[state.viewedId] : undefined;
  if (!view) return undefined;
  const flagged = [...new Set(view.findings.filter((f) => f.severity !== 'note').map((f) => f.step))].sort((a, b) => a - b);
  if (!flagged.length) return undefined;
  const current = state.focusStep?.index ?? (direction === 1 ? -1 : Number.POSITIVE_INFINITY);
  const next = direction === 1 ? (flagged.find((i) => i > current) ?? flagged[0]) : ([...flagged].reverse().find((i) => i < current) ?? flagged[flagged.length - 1]);
  useLiveRun.setState({ focusStep: { index: next, nonce: (state.focusStep?.nonce ?? 0) + 1 } });
  return next;
}

export function dismissToast(toastId: string): void {
  useLiveRun.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== toastId) }));
}
