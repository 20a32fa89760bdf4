import { getAdapter } from '../../src/core/providers';
import type { NormalizedEvent } from '../../src/core/providers/types';
import { RunFault, streamRun } from '../../src/lib/stream-run';

/** The in-thread stream loop against an OpenAI-compatible body: the events it delivered and the fault it ended with. */
export const openAiAdapter = getAdapter('openai-compatible');
export const openAiRequest = openAiAdapter.buildRequest({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', prompt: 'hi' });

export async function runStream(fetchImpl: typeof fetch, extra: Partial<Parameters<typeof streamRun>[0]> = {}) {
  const events: NormalizedEvent[] = [];
  let error: unknown;
  try {
    await streamRun({
      request: openAiRequest,
      parser: openAiAdapter.createParser(),
      describeHttpError: openAiAdapter.describeHttpError,
      signal: new AbortController().signal,
      now: () => 0,
      idleTimeoutMs: 5000,
      onEvents: (e) => events.push(...e),
      fetchImpl,
      appOrigin: 'http://127.0.0.1:4173',
      ...extra,
    });
  } catch (e) {
    error = e;
  }
  return { events, error: error as RunFault | undefined };
}

/** The reasoning text among delivered events. */
export const reasoningOf = (events: readonly NormalizedEvent[]) => events.map((e) => (e.type === 'reasoning' ? e.text : '')).join('');
