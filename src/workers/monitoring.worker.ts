/// <reference lib="webworker" />
import { createStorage } from '../storage';
import { createMonitoringHandler, type MonitoringRequest } from './monitoring-handler';

// Wiring only: the logic is in monitoring-handler.ts. The runs are read from IndexedDB here,
// so a 100,000-run population never crosses from the page.
const storage = createStorage();
const handle = createMonitoringHandler(() => storage.listRuns());
self.onmessage = (event: MessageEvent<MonitoringRequest>) => {
  void handle(event.data).then((response) => self.postMessage(response));
};
