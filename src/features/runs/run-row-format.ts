import { PROVIDERS } from '../../lib/settings';

/** How the runs list writes a run's provider, start time, latency and long texts. */
export const providerLabel = (id: string) => PROVIDERS.find((p) => p.id === id)?.label ?? id;
export const when = (t: number) => new Date(t).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
export const seconds = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);
export const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
