import { lazy, Suspense } from 'react';

// The runs page (recharts, metrics, batch runner) is its own chunk, loaded on first visit,
// so the live viewer's initial bundle stays small.
const Page = lazy(() => import('./RunsPage').then((m) => ({ default: m.RunsPage })));

export function RunsPage() {
  return (
    <Suspense fallback={<p className="placeholder">Loading runs…</p>}>
      <Page />
    </Suspense>
  );
}
