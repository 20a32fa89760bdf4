import { useEffect } from 'react';
import { STAGES } from './stages';
import { exitTour, pauseTour, resumeTour, stepTour, useTour } from './tour';

/** The guided demo's caption bar: stage, caption, pause/resume, step back and forth, exit. */
export function TourBar() {
  const { active, stage, paused, busy, error, presentation } = useTour();
  useEffect(() => {
    document.documentElement.classList.toggle('presentation', presentation);
  }, [presentation]);
  if (!active) return null;
  return (
    <div className="tour-bar" role="region" aria-label="Guided demo">
      <p className="tour-caption" aria-live="polite">
        <span className="tour-stage">
          {stage + 1} / {STAGES.length}
        </span>{' '}
        {STAGES[stage].caption}
        {error && <span className="tour-error"> — {error}</span>}
      </p>
      <div className="toolbar">
        <button type="button" onClick={() => stepTour(-1)} disabled={stage === 0}>
          Previous stage
        </button>
        {paused ? (
          <button type="button" className="button-primary" onClick={resumeTour}>
            Resume tour
          </button>
        ) : (
          <button type="button" onClick={pauseTour}>
            Pause tour
          </button>
        )}
        <button type="button" onClick={() => stepTour(1)} disabled={stage === STAGES.length - 1}>
          Next stage
        </button>
        <button type="button" className="button-quiet" onClick={exitTour}>
          Exit tour
        </button>
        <span className="hint">{busy ? 'running…' : paused ? 'paused' : stage === STAGES.length - 1 ? 'last stage' : 'next stage in a moment'}</span>
      </div>
    </div>
  );
}
