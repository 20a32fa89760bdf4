import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { LiveViewerPage } from '../features/live-viewer/LiveViewerPage';
import { createQueryClient } from '../lib/query-client';
import { settingsFromQuery, useSettings } from '../lib/settings';

/** A share link carries non-secret settings in the hash query: apply them once, then tidy the URL. */
function applyShareLink() {
  const hash = window.location.hash;
  const q = hash.indexOf('?');
  if (q < 0) return;
  const patch = settingsFromQuery(hash.slice(q + 1), useSettings.getState());
  if (patch) useSettings.getState().update(patch);
  history.replaceState(null, '', `${window.location.pathname}${window.location.search}${hash.slice(0, q)}`);
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  useEffect(applyShareLink, []);
  return (
    <QueryClientProvider client={queryClient}>
      <div className="app">
        <header className="app-header">
          <a className="brand" href="#/">
            <img src="./favicon.svg" alt="" width={22} height={22} /> Reasoning Viewer
          </a>
          <nav aria-label="Pages">
            <a href="#/" aria-current="page">
              Live viewer
            </a>
          </nav>
        </header>
        <main>
          <LiveViewerPage />
        </main>
      </div>
    </QueryClientProvider>
  );
}
