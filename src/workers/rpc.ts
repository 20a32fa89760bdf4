/**
 * One shared, lazily started worker answering requests by id: `ask` posts a request and resolves
 * with the reply carrying the same id. A reply marked `more: true` is a part: it goes to
 * `onPart` and the request keeps waiting (a large answer comes in parts so that no one message
 * costs the page a long task to deserialise). A crash rejects every waiting request and the next
 * `ask` starts a fresh worker.
 */
export function createWorkerRpc<Req extends { id: number }, Res extends { id: number }>(
  start: () => Worker,
  name: string,
): (request: Req, onPart?: (part: Res) => void) => Promise<Res> {
  let worker: Worker | undefined;
  const waiting = new Map<number, { resolve: (r: Res) => void; reject: (e: Error) => void; onPart?: (part: Res) => void }>();
  return (request, onPart) => {
    if (!worker) {
      const w = start();
      worker = w;
      w.onmessage = (event: MessageEvent<Res>) => {
        const entry = waiting.get(event.data.id);
        if ((event.data as { more?: boolean }).more === true) {
          entry?.onPart?.(event.data);
          return;
        }
        waiting.delete(event.data.id);
        entry?.resolve(event.data);
      };
      w.onerror = (event) => {
        event.preventDefault();
        for (const entry of waiting.values()) entry.reject(new Error(event.message || `The ${name} worker crashed.`));
        waiting.clear();
        w.terminate();
        if (worker === w) worker = undefined;
      };
    }
    const current = worker;
    return new Promise<Res>((resolve, reject) => {
      waiting.set(request.id, { resolve, reject, onPart });
      current.postMessage(request);
    });
  };
}
