import { describe, expect, it } from 'vitest';
import { findTarget, scrollToShow } from '../../../src/app/tour/follow';

// The view is the visible content area, e.g. between a 50 px header and a caption bar at 580 px.
const view = { top: 50, bottom: 580 };
const moved = (t: { top: number; bottom: number }, delta: number) => ({ top: t.top - delta, bottom: t.bottom - delta });

describe('scrollToShow', () => {
  it('leaves a target that is already fully visible where it is', () => {
    expect(scrollToShow({ top: 50, bottom: 580 }, view)).toBe(0);
    expect(scrollToShow({ top: 200, bottom: 300 }, view)).toBe(0);
  });

  it('centres a target that fits, from below and from above', () => {
    for (const target of [
      { top: 900, bottom: 1300 },
      { top: 500, bottom: 700 },
      { top: -400, bottom: -100 },
      { top: 20, bottom: 120 },
    ]) {
      const after = moved(target, scrollToShow(target, view));
      expect((after.top + after.bottom) / 2).toBeCloseTo((view.top + view.bottom) / 2, 6);
      expect(after.top).toBeGreaterThanOrEqual(view.top);
      expect(after.bottom).toBeLessThanOrEqual(view.bottom);
    }
  });

  it('puts the top of a target taller than the view just under the view top', () => {
    const target = { top: 800, bottom: 1500 };
    const after = moved(target, scrollToShow(target, view, 12));
    expect(after.top).toBe(view.top + 12);
  });
});

describe('findTarget', () => {
  it('takes the first selector that matches a drawn element', () => {
    document.body.innerHTML = '<div id="hidden" class="a"></div><div id="b" class="b"></div><div id="a2" class="a"></div>';
    const boxes: Record<string, DOMRect> = { hidden: new DOMRect(0, 0, 0, 0), b: new DOMRect(0, 0, 10, 10), a2: new DOMRect(0, 20, 10, 10) };
    for (const el of document.querySelectorAll('div')) el.getBoundingClientRect = () => boxes[el.id];
    expect(findTarget(['.a', '.b'])?.id).toBe('a2');
    expect(findTarget(['.missing', '.b'])?.id).toBe('b');
    expect(findTarget(['.missing'])).toBeNull();
  });
});
