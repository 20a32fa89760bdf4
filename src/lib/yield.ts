/**
 * Gives the browser a chance to render and handle input. A fast local stream resolves every
 * read() as a microtask, so without this a 1 MB body would be parsed in one long task.
 * A macrotask rather than scheduler.yield(): yield() continuations outrank rendering, which
 * left frames ~100 ms apart in the benchmark.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Calls `yieldToEventLoop` once at least `budgetMs` of work has passed since the last yield. */
export function createYielder(budgetMs = 10): () => Promise<void> | undefined {
  let sliceStart = performance.now();
  return () => {
    if (performance.now() - sliceStart < budgetMs) return undefined;
    return yieldToEventLoop().then(() => {
      sliceStart = performance.now();
    });
  };
}
