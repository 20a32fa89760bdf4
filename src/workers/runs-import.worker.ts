/// <reference lib="webworker" />
import { createStorage } from '../storage';
import { createRunsImportHandler, type RunsImportRequest } from './runs-import-handler';

// Wiring only: the logic is in runs-import-handler.ts. IndexedDB works in a worker, so the
// records are parsed, checked and stored here without ever reaching the page.
const storage = createStorage();
const handler = createRunsImportHandler(() => storage);
self.onmessage = (event: MessageEvent<RunsImportRequest>) => {
  void handler.handle(event.data, (response) => self.postMessage(response));
};
