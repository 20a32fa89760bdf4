/// <reference lib="webworker" />
import { createVerifyHandler, type VerifyRequest } from './verify-handler';

// Wiring only: the logic is in verify-handler.ts.
const handler = createVerifyHandler();
self.onmessage = (event: MessageEvent<VerifyRequest>) => {
  const response = handler.handle(event.data);
  if (response) self.postMessage(response);
};
