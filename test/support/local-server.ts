import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type LocalServer = { url: string; close: () => Promise<void> };

/**
 * Listens on a free port of 127.0.0.1. `close` also ends the connections still open (a stalled or
 * endless stream, a keep-alive socket), so closing never waits on a response that never ends.
 */
export async function listenLocally(server: Server): Promise<LocalServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
