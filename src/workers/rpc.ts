/**
 * One shared, lazily started worker answering requests by id: `ask` posts a request and resolves
 * with the reply carrying the same id. A crash rejects every waiting request and the next `ask`
 * starts a fresh worker.
 */
export function createWorkerRpc<Req extends { id: number }, Res extends { id: number }>(start: () => Worker, name: string): (request: Req) => Promise<Res> {
  let worker: Worker | undefined;
  const waiting = new Map<number, { resolve: (r: Res) => void; reject: (e: Error) => void }>();
  return (request) => {
    if (!worker) {
      const w = start();
      worker = w;
      w.onmessage = (event: MessageEvent<Res>) => {
        const entry = waiting.get(event.data.id);
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
      waiting.set(request.id, { resolve, reject });
      current.postMessage(request);
    });
  };
}
