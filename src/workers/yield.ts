/**
 * Gives the browser a chance to render and handle input. A fast local stream resolves every
 * read() as a microtask, so without this a 1 MB body would be parsed in one long task.
 *
 * A MessageChannel task, not setTimeout(0) (nested timeouts are clamped to 4 ms, which left the
 * thread idle a third of the time in the benchmark) and not scheduler.yield() (its
 * continuations outrank rendering, which left frames ~100 ms apart).
 */
const channel = typeof MessageChannel === 'function' ? new MessageChannel() : null;
const waiting: (() => void)[] = [];
if (channel) {
  channel.port1.onmessage = () => waiting.shift()?.();
}

export function yieldToEventLoop(): Promise<void> {
  if (!channel) return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
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
