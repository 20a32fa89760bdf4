import { useEffect, useState, type ReactNode } from 'react';
import { runSaves, useSaveState } from '../lib/save-queue';

/**
 * Runs the browser refused to store (a full quota): how many, that they are kept in memory and
 * retried on their own, and a "Retry saving" button. `children` adds an export of what is kept.
 */
export function UnsavedRunsNotice({ children }: { children?: ReactNode }) {
  const { unsaved, error, nextRetryAt } = useSaveState();
  const [now, setNow] = useState(() => Date.now());
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!unsaved) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [unsaved]);
  if (!unsaved) return null;
  const wait = nextRetryAt !== undefined ? Math.max(0, Math.ceil((nextRetryAt - now) / 1000)) : undefined;
  return (
    <div className="flag flag-warn" role="alert" data-testid="unsaved-runs">
      <p>
        {error} {unsaved} run{unsaved === 1 ? ' is' : 's are'} not saved yet and kept in memory; saving is retried
        {wait !== undefined ? ` in ${wait} s` : ''} and as soon as space frees. Leaving the app before then loses {unsaved === 1 ? 'it' : 'them'}.
      </p>
      <p className="toolbar">
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void runSaves.retryNow().finally(() => setBusy(false));
          }}
        >
          {busy ? 'Retrying…' : 'Retry saving'}
        </button>
        {children}
      </p>
    </div>
  );
}
