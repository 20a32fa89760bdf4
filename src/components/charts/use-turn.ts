import { startTransition, useEffect, useState } from 'react';

/**
 * One turn per frame for expensive first renders (a page of charts): each caller's turn comes in
 * its own task after a frame, in the order they mounted, so five charts cost five short tasks
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

/** False until this component's turn has come (then true for good). */
export function useTurn(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (ready) return undefined;
    // A transition: React may split this first render of the chart into slices between frames.
    const grant = () => startTransition(() => setReady(true));
    waiting.push(grant);
    if (!pumping) pump();
    return () => {
      const at = waiting.indexOf(grant);
      if (at >= 0) waiting.splice(at, 1);
    };
  }, [ready]);
  return ready;
}
