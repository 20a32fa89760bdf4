import type { LengthMeasure } from '../core/metrics';
import type { Dashboard, MonitoringRequest, MonitoringResponse, Population } from './monitoring-handler';
import { createWorkerRpc } from './rpc';

export { computeDashboard, breakpointRows, population, TREND_BUCKETS } from './monitoring-handler';
export type { Dashboard, Population } from './monitoring-handler';

let nextId = 1;
const ask = createWorkerRpc<MonitoringRequest, MonitoringResponse>(() => new Worker(new URL('./monitoring.worker.ts', import.meta.url), { type: 'module' }), 'monitoring');

/**
 * The dashboard over stored runs, computed in a Web Worker that reads them from IndexedDB
 * itself (one shared worker; the caller drops replies it no longer wants). `version` changes
 * whenever the stored runs do. Where `Worker` is missing the caller computes in-thread instead
 * (see `computeDashboard`).
 */
export async function requestDashboard(population: Population, lengthBy: LengthMeasure, version: number): Promise<Dashboard> {
  const reply = await ask({ id: nextId++, population, lengthBy, version });
  if (reply.type === 'failed') throw new Error(reply.message);
  return reply.dashboard;
}

export const canUseWorker = () => typeof Worker !== 'undefined';
