import { useEffect } from 'react';
import { selectStatus, useLiveRun } from '../../features/live-viewer/run-store';
import { keyFocus } from './keys';
import { STAGES } from './stages';
import { setPresentation, useTour } from './tour';

/**
 * Presentation mode's switch and its visible "on" state: the pressed toggle and a "Presenting"
 * badge that says how to leave. Also sets the classes the presentation styles hang on.
 */
export function PresentationToggle() {
  const presentation = useTour((s) => s.presentation);
  const touring = useTour((s) => s.active);
  usePresentationClasses(presentation, touring);
  useEscapeLeavesPresentation(presentation && !touring);
  return (
    <>
      {presentation && (
        <span className="presentation-badge">
          Presenting{touring ? '' : <> · <kbd>Esc</kbd> exits</>}
        </span>
      )}
      <button
        type="button"
        className="presentation-toggle"
        aria-pressed={presentation}
        onClick={() => setPresentation(!presentation)}
        disabled={touring}
        title={touring ? 'The guided demo presents; end it to leave presentation mode' : presentation ? 'Leave presentation mode (Esc)' : 'Large text and full-width pages for a projector'}
      >
        Presentation mode
      </button>
    </>
  );
}

function usePresentationClasses(presentation: boolean, touring: boolean) {
  const stageId = useTour((s) => (s.active ? STAGES[s.stage].id : null));
  useEffect(() => {
    const root = document.documentElement;
    root.classList.toggle('presentation', presentation);
    root.classList.toggle('touring', touring);
    return () => {
      root.classList.remove('presentation', 'touring');
    };
  }, [presentation, touring]);
  // Which stage shows, for styles that depend on it (notifications only where a stage talks about them).
  useEffect(() => {
    const root = document.documentElement;
    if (stageId) root.dataset.tourStage = stageId;
    return () => {
      delete root.dataset.tourStage;
    };
  }, [stageId]);
}

/**
 * Esc leaves presentation mode, one level at a time: while a run streams, Esc is the viewer's
 * Stop, so the first press stops it and the next one leaves. Listens in the capture phase to read
 * the run's state before the viewer's own handler stops it.
 */
function useEscapeLeavesPresentation(enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.ctrlKey || e.metaKey || e.altKey) return;
      if (keyFocus(e.target, document).dialogOpen) return;
      const status = selectStatus(useLiveRun.getState());
      if (status === 'streaming' || status === 'connecting') return;
      setPresentation(false);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [enabled]);
}
