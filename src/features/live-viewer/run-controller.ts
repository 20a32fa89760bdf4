import { createRunAccumulator, type RunAccumulator } from '../../core/run/accumulator';
import { getAdapter } from '../../core/providers';
import type { RequestConfig } from '../../core/providers/types';
import { createDemoFetch } from '../../lib/demo-fetch';
import { endpointFor, PROVIDERS, useSettings, type Settings } from '../../lib/settings';
import { RunFault, streamRun } from '../../lib/stream-run';
import { useLiveRun } from './run-store';

/**
 * Owns the one live run outside React: events go into a mutable accumulator and are
 * published to the store at most once per animation frame (plus a timer fallback for
 * hidden tabs), never once per token.
 */
let active: { abort: AbortController; accumulator: RunAccumulator } | null = null;
let frameRequested = false;
let fallbackTimer: ReturnType<typeof setTimeout> | undefined;
let clockTimer: ReturnType<typeof setInterval> | undefined;

const now = () => performance.timeOrigin + performance.now();

function publish() {
  frameRequested = false;
  clearTimeout(fallbackTimer);
  if (active) useLiveRun.setState({ run: active.accumulator.snapshot(), now: now() });
}

function schedulePublish() {
  if (frameRequested) return;
  frameRequested = true;
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(publish);
  // rAF does not fire in hidden tabs; publish anyway, less often.
  fallbackTimer = setTimeout(publish, 250);
}

export function requestConfigFrom(settings: Settings, prompt: string): RequestConfig {
  const { baseUrl, model } = endpointFor(settings);
  return {
    baseUrl,
    model,
    prompt,
    apiKey: settings.apiKey || undefined,
    maxTokens: settings.maxTokens,
    reasoningEffort: settings.reasoningEffort === 'default' ? undefined : settings.reasoningEffort,
    thinkingBudget: settings.thinkingBudget,
  };
}

export function startRun(prompt: string): void {
  stopRun();
  const settings = useSettings.getState();
  const isDemo = settings.provider === 'demo';
  const adapter = getAdapter(isDemo ? 'openai-compatible' : settings.provider);
  const config = requestConfigFrom(settings, prompt);
  const accumulator = createRunAccumulator({
    startedAt: now(),
    segmenter: { mode: settings.stepMode, tokensPerStep: settings.tokensPerStep },
  });
  const abort = new AbortController();
  const run = { abort, accumulator };
  active = run;
  useLiveRun.setState({
    context: {
      id: `run-${Date.now().toString(36)}`,
      prompt,
      provider: settings.provider,
      providerLabel: PROVIDERS.find((p) => p.id === settings.provider)?.label ?? settings.provider,
      model: config.model,
      baseUrl: config.baseUrl,
      reasoningNote: adapter.reasoningNote,
    },
    run: accumulator.snapshot(),
    now: now(),
  });
  clearInterval(clockTimer);
  clockTimer = setInterval(() => useLiveRun.setState({ now: now() }), 1000);

  const parser = adapter.createParser();
  streamRun({
    request: adapter.buildRequest(config),
    parser,
    describeHttpError: adapter.describeHttpError,
    signal: abort.signal,
    now,
    idleTimeoutMs: settings.idleTimeoutSeconds * 1000,
    fetchImpl: isDemo ? createDemoFetch({ tokensPerSecond: () => useSettings.getState().demoTokensPerSecond }) : undefined,
    onResponse: () => {
      accumulator.markStreaming(now());
      schedulePublish();
    },
    onEvents: (events, malformed) => {
      accumulator.apply(events);
      accumulator.setMalformedCount(malformed);
      schedulePublish();
    },
  })
    .then(() => accumulator.finish(now()))
    .catch((error: unknown) => {
      if (error instanceof RunFault && error.kind === 'aborted') accumulator.stop(now());
      else accumulator.fail(error instanceof Error ? error.message : String(error), now());
    })
    .finally(() => {
      if (active !== run) return;
      clearInterval(clockTimer);
      publish();
    });
}

/** Stops at once: the status flips to Stopped in this call, not when the network notices. */
export function stopRun(): void {
  if (!active) return;
  active.accumulator.stop(now());
  active.abort.abort();
  clearInterval(clockTimer);
  publish();
}
