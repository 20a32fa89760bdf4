import { streamRun as streamBody, type StreamRunOptions } from '../workers/stream-fetch';
import { createYielder } from './yield';

// The loop lives beside the stream worker, which runs the same code off the page.
export { corsAdvice, parseRetryAfter, RunFault, type FaultKind, type StreamRunOptions } from '../workers/stream-fetch';

/**
 * Sends one request and feeds the decoded body to the adapter's parser on this thread, yielding
 * every few milliseconds so rendering and input get their turn (see workers/stream-fetch).
 */
export function streamRun(options: StreamRunOptions): Promise<void> {
  return streamBody({ maybeYield: createYielder(), ...options });
}
