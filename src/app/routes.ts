import { useSyncExternalStore } from 'react';

/** Hash routes: the app is static files, so the path after # picks the page. */
export type RouteId = 'viewer' | 'runs' | 'planner';

export const ROUTES: { id: RouteId; path: string; label: string }[] = [
  { id: 'viewer', path: '/', label: 'Live viewer' },
  { id: 'runs', path: '/runs', label: 'Runs' },
  { id: 'planner', path: '/planner', label: 'Capacity planner' },
];

function currentPath(): string {
  const hash = window.location.hash.replace(/^#/, '');
  const q = hash.indexOf('?');
  return (q >= 0 ? hash.slice(0, q) : hash) || '/';
}

function subscribe(callback: () => void) {
  window.addEventListener('hashchange', callback);
  return () => window.removeEventListener('hashchange', callback);
}

export function useRoute(): RouteId {
  const path = useSyncExternalStore(subscribe, currentPath, () => '/');
  return ROUTES.find((r) => r.path === path)?.id ?? 'viewer';
}
