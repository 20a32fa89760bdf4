import { dismissToast, viewRun } from './run-controller';
import { useLiveRun } from './run-store';

const LIVE = new Set(['connecting', 'streaming']);

/** The jobs list and call-back toasts; shown on every page so async runs can call the user back. */
export function BackgroundJobs() {
  const order = useLiveRun((s) => s.order);
  const views = useLiveRun((s) => s.views);
  const toasts = useLiveRun((s) => s.toasts);
  const running = order.filter((id) => LIVE.has(views[id]?.run.status));
  const open = (id: string) => {
    viewRun(id);
    window.location.assign('#/');
  };
  return (
    <>
      {order.length > 0 && (
        <details className="jobs">
          <summary>
            Jobs{running.length ? ` (${running.length} running)` : ''}
          </summary>
          <ul aria-label="Jobs" className="jobs-list">
            {order.slice(0, 12).map((id) => {
              const v = views[id];
              if (!v) return null;
              return (
                <li key={id}>
                  <button type="button" className="button-quiet" onClick={() => open(id)}>
                    <span className={`job-status job-${v.run.status}`}>{v.run.status}</span> {v.context.prompt.slice(0, 48) || '(empty prompt)'}
                    {v.context.deliveryPattern === 'async' ? ' · async' : ''}
                  </button>
                </li>
              );
            })}
          </ul>
        </details>
      )}
      <div className="toasts" role="region" aria-label="Notifications">
        {toasts.map((t) => (
          <div key={t.id} className="toast" role="alert" data-tour="toast">
            <span>{t.text}</span>
            <button
              type="button"
              className="button-primary"
              onClick={() => {
                open(t.runId);
                dismissToast(t.id);
              }}
            >
              Open
            </button>
            <button type="button" className="button-quiet" aria-label="Dismiss" onClick={() => dismissToast(t.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </>
  );
}
