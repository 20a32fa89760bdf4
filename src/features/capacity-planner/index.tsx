import { lazy, Suspense } from 'react';

// The planner (recharts, the analysis client, the page) is its own chunk, loaded on first visit,
// so the live viewer's initial bundle stays small.
const PlannerPage = lazy(() => import('./PlannerPage'));

export function CapacityPlannerPage() {
  return (
    <Suspense fallback={<p className="placeholder">Loading the capacity planner…</p>}>
      <PlannerPage />
    </Suspense>
  );
}
