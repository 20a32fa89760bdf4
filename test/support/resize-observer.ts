/**
 * recharts' ResponsiveContainer measures with ResizeObserver, which jsdom lacks: pages with charts
 * get one that never reports. Called per test file (not globally), since some code under test
 * behaves differently when the browser has no ResizeObserver.
 */
export function stubResizeObserver(): void {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
}
