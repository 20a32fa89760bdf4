import { memo, useState } from 'react';
import type { Checkpoint } from '../../core/checkpoints';
import { formatDuration } from '../../core/number-format';
import { selectView, useLiveRun } from './run-store';

/** Checkpoints are immutable once taken (a model summary makes a new object), so cards render once. */
const CheckpointCard = memo(function CheckpointCard({ cp }: { cp: Checkpoint }) {
  return (
    <li className="checkpoint">
      <p className="checkpoint-head">
        <strong>Checkpoint {cp.number}</strong> · {cp.stepCount} steps · {formatDuration(cp.elapsedMs)}
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
  );
});

/** Long chains make hundreds of checkpoints; the newest are what a reader wants. */
const SHOWN = 30;

/** Checkpoint cards every K steps: number, steps so far, elapsed time, and a summary. */
export function CheckpointsPanel() {
  const checkpoints = useLiveRun((s) => selectView(s)?.checkpoints);
  const [all, setAll] = useState(false);
  const shown = !checkpoints ? [] : all ? checkpoints : checkpoints.slice(-SHOWN);
  return (
    <section className="panel checkpoints" aria-label="Checkpoints" data-tour="checkpoints">
      <h2>Checkpoints</h2>
      {!checkpoints?.length ? (
        <p className="placeholder">A checkpoint summary appears every K steps (see “Checkpoint every”).</p>
      ) : (
        <>
          {checkpoints.length > SHOWN && (
            <button type="button" className="button-quiet" onClick={() => setAll(!all)}>
              {all ? `Show the latest ${SHOWN}` : `Show all ${checkpoints.length} checkpoints`}
            </button>
          )}
          <ol className="checkpoint-list">
            {shown.map((cp) => (
              <CheckpointCard key={cp.number} cp={cp} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
