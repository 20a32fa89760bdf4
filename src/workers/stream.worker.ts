/// <reference lib="webworker" />
import { createStreamHandler, type StreamToWorker } from './stream-handler';
import { createYielder } from './yield';

// Wiring only: the logic is in stream-handler.ts.
const handler = createStreamHandler({
  post: (message, transfer) => self.postMessage(message, { transfer }),
  fetchImpl: (input, init) => fetch(input, init),
  createYielder: () => createYielder(),
});
self.onmessage = (event: MessageEvent<StreamToWorker>) => handler.handle(event.data);
