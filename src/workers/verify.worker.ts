/// <reference lib="webworker" />
import { createVerifyHandler, warmUpVerifier, type VerifyRequest } from './verify-handler';

// Wiring only: the logic is in verify-handler.ts.
const handler = createVerifyHandler();
let requested = false;
// Idle time before the first run compiles the verifier; the first request ends the warm-up.
warmUpVerifier((work) => setTimeout(work, 0), () => requested);
self.onmessage = (event: MessageEvent<VerifyRequest>) => {
  requested = true;
  const response = handler.handle(event.data);
  if (response) self.postMessage(response);
};
