/// <reference lib="webworker" />
import { createStorage } from '../storage';
import { createStoredRunsHandler, type StoredRunsRequest } from './stored-runs-handler';

// Wiring only: the logic is in stored-runs-handler.ts.
const storage = createStorage();
const handler = createStoredRunsHandler(() => storage);
self.onmessage = (event: MessageEvent<StoredRunsRequest>) => {
  void handler.handle(event.data, (part) => self.postMessage(part)).then((response) => self.postMessage(response));
};
