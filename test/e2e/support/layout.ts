import type { Page } from '@playwright/test';

export type Overflow = { what: string; left: number; right: number };

/**
 * Elements that reach outside the viewport horizontally and are not clipped by a scrolling (or
 * clipping) ancestor that itself fits: what a reader on a narrow screen would have to pan to see.
 */
export function overflowingElements(page: Page): Promise<Overflow[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const clippedBy = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (style.overflowX !== 'visible') {
          const r = p.getBoundingClientRect();
          if (r.left >= -0.5 && r.right <= width + 0.5) return true;
        }
      }
      return false;
    };
    const describe = (el: Element) => {
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      const label = el.getAttribute('aria-label') ?? (el.textContent ?? '').trim().slice(0, 40);
      return `${el.tagName.toLowerCase()}${cls} "${label}"`;
    };
    const out: { what: string; left: number; right: number }[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right <= width + 0.5 && r.left >= -0.5) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.position === 'fixed' && style.clip !== 'auto') continue;
      // The visually-hidden pattern: 1 px boxes clipped to nothing.
      if (r.width <= 1 && r.height <= 1) continue;
      if (clippedBy(el)) continue;
      out.push({ what: describe(el), left: Math.round(r.left), right: Math.round(r.right) });
    }
    return out;
  });
}

export function pageScrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}
