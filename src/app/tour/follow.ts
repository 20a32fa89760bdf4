/** A vertical extent in viewport coordinates. */
export type Extent = { top: number; bottom: number };

/**
 * How far to scroll a view so that the target sits fully inside it: 0 if it already does;
 * centred if it fits; its top at the top of the view (plus a margin) if it is taller than the view.
 */
export function scrollToShow(target: Extent, view: Extent, margin = 12): number {
  if (target.top >= view.top && target.bottom <= view.bottom) return 0;
  const height = target.bottom - target.top;
  if (height > view.bottom - view.top - 2 * margin) return target.top - (view.top + margin);
  return (target.top + target.bottom) / 2 - (view.top + view.bottom) / 2;
}

/** The first selector that matches an element with a drawn box. */
export function findTarget(selectors: readonly string[], doc: Document = document): HTMLElement | null {
  for (const selector of selectors) {
    for (const el of doc.querySelectorAll<HTMLElement>(selector)) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.height > 0) return el;
    }
  }
  return null;
}

/** The element that scrolls the page content: <main> while the tour docks its caption, else the document. */
export function contentScroller(doc: Document = document): { element: Element; view: Extent } {
  const main = doc.querySelector('main');
  if (main && getComputedStyle(main).overflowY !== 'visible') {
    const box = main.getBoundingClientRect();
    return { element: main, view: { top: box.top, bottom: box.top + main.clientHeight } };
  }
  const root = doc.scrollingElement ?? doc.documentElement;
  return { element: root, view: { top: 0, bottom: doc.defaultView?.innerHeight ?? root.clientHeight } };
}

/** Scrolls the content so the stage's target is on screen; returns whether a target was found. */
export function bringIntoView(selectors: readonly string[], smooth: boolean, doc: Document = document): boolean {
  const target = findTarget(selectors, doc);
  if (!target) return false;
  const { element, view } = contentScroller(doc);
  const box = target.getBoundingClientRect();
  const delta = scrollToShow({ top: box.top, bottom: box.bottom }, view);
  if (Math.abs(delta) > 1) element.scrollBy({ top: delta, behavior: smooth ? 'smooth' : 'auto' });
  return true;
}
