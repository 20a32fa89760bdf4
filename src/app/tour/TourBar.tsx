import { useEffect, useRef, useState } from 'react';
import { bringIntoView } from './follow';
import { keyFocus, tourKeyAction } from './keys';
import { STAGES } from './stages';
import { exitTour, pauseTour, resumeTour, stepTour, useTour } from './tour';

/**
 * The guided demo's caption bar: stage, caption, pause/resume, step back and forth, exit, and
 * the keys that do the same. While it shows, it is docked under the page (the content scrolls
 * above it, so it never covers anything) and keeps the element its caption describes on screen.
 */
export function TourBar() {
  const { active, stage, paused, busy, error } = useTour();
  const bar = useRef<HTMLDivElement>(null);
  useDockedSizes(active, bar);
  useTourKeys(active);
  useFollowTarget(active ? STAGES[stage].target : null, stage);
  if (!active) return null;
  const last = stage === STAGES.length - 1;
  return (
    <div className="tour-bar" role="region" aria-label="Guided demo" ref={bar}>
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
        <button type="button" onClick={() => stepTour(1)} disabled={last}>
          Next stage
        </button>
        <button type="button" className="button-quiet" onClick={exitTour}>
          Exit tour
        </button>
        <span className="hint tour-progress" data-testid="tour-progress">
          {busy ? 'running…' : last ? 'last stage' : paused ? 'paused' : <Countdown />}
        </span>
        <span className="hint tour-keys" data-testid="tour-keys">
          <kbd>→</kbd> <kbd>Space</kbd> <kbd>PgDn</kbd> next · <kbd>←</kbd> <kbd>PgUp</kbd> back · <kbd>Esc</kbd> end
        </span>
      </div>
    </div>
  );
}

/** "next stage in 9 s", ticking down to the moment the tour moves on. */
function Countdown() {
  const advanceAt = useTour((s) => s.advanceAt);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(tick);
  }, []);
  if (advanceAt === undefined) return <>next stage in a moment</>;
  return <>next stage in {Math.max(0, Math.ceil((advanceAt - now) / 1000))} s</>;
}

/** Publishes the bar's height and the content's visible height as CSS variables for the docked layout. */
function useDockedSizes(active: boolean, bar: React.RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    if (!active) return;
    const root = document.documentElement;
    const main = document.querySelector('main');
    const publish = () => {
      root.style.setProperty('--tour-bar-height', `${bar.current?.offsetHeight ?? 0}px`);
      if (main) root.style.setProperty('--tour-view-height', `${main.clientHeight}px`);
    };
    publish();
    const observer = new ResizeObserver(publish);
    if (bar.current) observer.observe(bar.current);
    if (main) observer.observe(main);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--tour-bar-height');
      root.style.removeProperty('--tour-view-height');
    };
  }, [active, bar]);
}

function useTourKeys(active: boolean) {
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      const action = tourKeyAction(e, keyFocus(e.target, document));
      if (!action) return;
      e.preventDefault();
      if (action === 'next') stepTour(1);
      else if (action === 'back') stepTour(-1);
      else exitTour();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);
}

/** Keys and gestures by which a reader scrolls the page themselves; after one, the tour stops steering. */
const SCROLL_KEYS = new Set(['ArrowUp', 'ArrowDown', 'Home', 'End']);

/**
 * Keeps the stage's target on screen while the stage shows: content streaming in above it or a
 * page change moves it, so it is checked a few times a second, until the reader scrolls by hand.
 */
function useFollowTarget(target: readonly string[] | null, stage: number) {
  useEffect(() => {
    if (!target) return;
    let steering = true;
    const stop = (e: Event) => {
      if (e instanceof KeyboardEvent && !SCROLL_KEYS.has(e.key)) return;
      steering = false;
    };
    const smooth = !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    const follow = () => {
      if (steering) bringIntoView(target, smooth);
    };
    follow();
    const tick = setInterval(follow, 300);
    window.addEventListener('wheel', stop, { passive: true, capture: true });
    window.addEventListener('touchmove', stop, { passive: true, capture: true });
    window.addEventListener('keydown', stop, true);
    return () => {
      clearInterval(tick);
      window.removeEventListener('wheel', stop, true);
      window.removeEventListener('touchmove', stop, true);
      window.removeEventListener('keydown', stop, true);
    };
  }, [target, stage]);
}
