import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { BackgroundJobs } from '../features/live-viewer/BackgroundJobs';
import { LiveViewerPage } from '../features/live-viewer/LiveViewerPage';
import { RunsPage } from '../features/runs';
import { CapacityPlannerPage } from '../features/capacity-planner';
import { createQueryClient } from '../lib/query-client';
import { runLocks } from '../lib/run-locks';
import { openShareLink } from '../lib/share-link';
import { markInterruptedRuns } from '../storage';
import { LinkProposal } from './LinkProposal';
import { ROUTES, useRoute, type RouteId } from './routes';
import { TourBar } from './tour/TourBar';
import { PresentationToggle } from './tour/Presentation';
import { startTour, useTour } from './tour/tour';

const PAGES: Record<RouteId, () => React.JSX.Element> = { viewer: LiveViewerPage, runs: RunsPage, planner: CapacityPlannerPage };

/**
 * A share link carries settings in the hash query: read it (its endpoint only as a proposal,
 * see lib/share-link), then tidy the URL. On opening the page and whenever the hash changes.
 */
function readShareLinkFromHash() {
  const hash = window.location.hash;
  const q = hash.indexOf('?');
  if (q < 0) return;
  openShareLink(hash.slice(q + 1));
  history.replaceState(null, '', `${window.location.pathname}${window.location.search}${hash.slice(0, q)}`);
}

function useShareLinks() {
  useEffect(() => {
    readShareLinkFromHash();
    window.addEventListener('hashchange', readShareLinkFromHash);
    return () => window.removeEventListener('hashchange', readShareLinkFromHash);
  }, []);
}

function HeaderButtons() {
  const active = useTour((s) => s.active);
  return (
    <>
      <PresentationToggle />
      <button type="button" className="button-primary" onClick={startTour} disabled={active}>
        Guided demo
      </button>
    </>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  useShareLinks();
  // Runs left 'running' by a closed tab or a reload are kept, marked interrupted, unless another
  // tab still holds them (it is streaming them). A second look catches a reloading tab whose
  // locks were released a moment late.
  useEffect(() => {
    const sweep = () => void markInterruptedRuns((ids) => runLocks().held(ids)).catch(() => {});
    sweep();
    const again = setTimeout(sweep, 5000);
    return () => clearTimeout(again);
  }, []);
  const route = useRoute();
  const Page = PAGES[route];
  return (
    <QueryClientProvider client={queryClient}>
      <div className="app">
        <header className="app-header">
          <a className="brand" href="#/">
            <img src="./favicon.svg" alt="" width={22} height={22} /> Reasoning Viewer
          </a>
          <nav aria-label="Pages">
            {ROUTES.map((r) => (
              <a key={r.id} href={`#${r.path}`} aria-current={r.id === route ? 'page' : undefined}>
                {r.label}
              </a>
            ))}
          </nav>
          <div className="header-right">
            <BackgroundJobs />
            <HeaderButtons />
          </div>
        </header>
        <main>
          <LinkProposal />
          <Page />
        </main>
        <TourBar />
      </div>
    </QueryClientProvider>
  );
}
