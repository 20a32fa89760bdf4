import { formatSeconds } from '../../core/run/format';
import { selectView, useLiveRun } from './run-store';

/** Checkpoint cards every K steps: number, steps so far, elapsed time, and a summary. */
export function CheckpointsPanel() {
  const checkpoints = useLiveRun((s) => selectView(s)?.checkpoints);
  const every = useLiveRun((s) => s.viewedId !== null);
  if (!every) return null;
  return (
    <section className="panel checkpoints" aria-label="Checkpoints">
      <h2>Checkpoints</h2>
      {!checkpoints?.length ? (
        <p className="placeholder">A checkpoint summary appears every K steps (see “Checkpoint every”).</p>
      ) : (
        <ol className="checkpoint-list">
          {checkpoints.map((cp) => (
            <li key={cp.number} className="checkpoint">
              <p className="checkpoint-head">
                <strong>Checkpoint {cp.number}</strong> · {cp.stepCount} steps · {formatSeconds(cp.elapsedMs)}
              </p>
              <ul className="checkpoint-summary">
                {cp.summary.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
              {cp.modelSummaryStatus === 'pending' && <p className="hint">Asking the model for a one-paragraph summary…</p>}
              {cp.modelSummary && <p className="checkpoint-model">{cp.modelSummary}</p>}
              {cp.modelSummaryStatus && cp.modelSummaryStatus !== 'pending' && cp.modelSummaryStatus !== 'done' && <p className="hint warn">{cp.modelSummaryStatus}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
