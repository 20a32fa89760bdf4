/// <reference lib="webworker" />
import { createLogParseHandler, type LogParseRequest } from './log-parse-handler';

// Wiring only: the logic is in log-parse-handler.ts.
const handler = createLogParseHandler((message, transfer) => self.postMessage(message, { transfer }));
self.onmessage = (event: MessageEvent<LogParseRequest>) => {
  void handler.handle(event.data);
};
