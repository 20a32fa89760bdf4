import { startTransition, useEffect, useState } from 'react';

/**
 * One turn per frame for expensive first renders (a page of charts): each caller's turn comes in
 * its own task after a frame, in the order they asked, so five charts cost five short tasks
 * instead of one long one and the page paints between them.
 */
const waiting: (() => void)[] = [];
let pumping = false;

const nextFrame = (run: () => void) => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(run, 0));
  else setTimeout(run, 16);
};

function pump(): void {
  if (waiting.length === 0) {
    pumping = false;
    return;
  }
  pumping = true;
  nextFrame(() => {
    waiting.shift()?.();
    pump();
  });
}

/** Runs `run` in its own turn (after a frame, after the turns queued before it); returns a cancel. */
export function queueTurn(run: () => void): () => void {
  const entry = () => run();
  waiting.push(entry);
  if (!pumping) pump();
  return () => {
    const at = waiting.indexOf(entry);
    if (at >= 0) waiting.splice(at, 1);
  };
}

/** False until this component's turn has come (then true for good). */
export function useTurn(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (ready) return undefined;
    // A transition: React may split this first render of the chart into slices between frames.
    return queueTurn(() => startTransition(() => setReady(true)));
  }, [ready]);
  return ready;
}

/**
 * A component shown for exactly one turn: its turn mounts it, a later turn (queued behind the
 * turns already waiting) unmounts it. For warm-up renders whose teardown should also be its own
 * short task, not part of whatever render removes their parent.
 */
export function useOneTurn(): boolean {
  const [stage, setStage] = useState<0 | 1 | 2>(0);
  useEffect(() => {
    if (stage === 2) return undefined;
    return queueTurn(() => startTransition(() => setStage(stage === 0 ? 1 : 2)));
  }, [stage]);
  return stage === 1;
}
