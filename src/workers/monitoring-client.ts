import type { LengthMeasure } from '../core/metrics';
import type { Dashboard, MonitoringRequest, MonitoringResponse, Population } from './monitoring-handler';

export { computeDashboard, breakpointRows, population, TREND_BUCKETS } from './monitoring-handler';
export type { Dashboard, Population } from './monitoring-handler';

let worker: Worker | undefined;
let nextId = 1;
const waiting = new Map<number, { resolve: (d: Dashboard) => void; reject: (e: Error) => void }>();

/**
 * The dashboard over stored runs, computed in a Web Worker that reads them from IndexedDB
 * itself (one shared worker; the latest request wins, earlier ones are dropped by the caller).
 * `version` changes whenever the stored runs do. Where `Worker` is missing the caller computes
 * in-thread instead (see `computeDashboard`).
 */
export function requestDashboard(population: Population, lengthBy: LengthMeasure, version: number): Promise<Dashboard> {
  if (!worker) {
    worker = new Worker(new URL('./monitoring.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<MonitoringResponse>) => {
      const m = event.data;
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (!w) return;
      if (m.type === 'done') w.resolve(m.dashboard);
      else w.reject(new Error(m.message));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      for (const w of waiting.values()) w.reject(new Error(event.message || 'The monitoring worker crashed.'));
      waiting.clear();
      worker?.terminate();
      worker = undefined;
    };
  }
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    worker!.postMessage({ id, population, lengthBy, version } satisfies MonitoringRequest);
  });
}

export const canUseWorker = () => typeof Worker !== 'undefined';
