import { createServer, type Server } from 'node:http';
import { listenLocally } from '../../support/local-server';

/**
 * A local OpenAI-compatible server on 127.0.0.1 (port 0) that misbehaves on purpose:
 *   /huge-event/v1/chat/completions   one normal chunk, then a single 20 MB SSE event
 *   /endless/v1/chat/completions      reasoning paragraphs forever, as fast as the client reads
 *   /trickle/v1/chat/completions      one short paragraph every 200 ms, forever (a long live run)
 * GET …/models lists one model.
 */
export type HostileServer = { url: string; close: () => Promise<void>; bytesSent: () => number };

const CORS = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET, POST, OPTIONS' };
const chunk = (delta: Record<string, string>) => `data: ${JSON.stringify({ id: 'h', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`;

async function write(res: import('node:http').ServerResponse, data: string): Promise<boolean> {
  if (res.destroyed) return false;
  if (!res.write(data)) await new Promise((r) => res.once('drain', r));
  return !res.destroyed;
}

export async function startHostileServer(): Promise<HostileServer> {
  let sent = 0;
  const server: Server = createServer(async (req, res) => {
    const mode = new URL(req.url ?? '/', 'http://x').pathname.split('/').filter(Boolean)[0];
    for await (const _ of req) void _;
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS).end();
      return;
    }
    if (req.method === 'GET') {
      res.writeHead(200, { ...CORS, 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data: [{ id: 'm', object: 'model' }] }));
      return;
    }
    res.writeHead(200, { ...CORS, 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const send = (data: string) => {
      sent += Buffer.byteLength(data);
      return write(res, data);
    };
    if (mode === 'huge-event') {
      await send(chunk({ reasoning_content: 'Before the huge event: 6 × 7 = 42.\n\n' }));
      await send('data: {"id":"h","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"reasoning_content":"');
      const piece = 'x'.repeat(64 * 1024);
      for (let i = 0; i < 320; i++) if (!(await send(piece))) return;
      await send('"}}]}\n\n');
      await send('data: [DONE]\n\n');
      res.end();
      return;
    }
    if (mode === 'endless') {
      const paragraph = `${'The chain goes on and on, one more step to consider. '.repeat(60)}\n\n`;
      for (let i = 0; ; i++) if (!(await send(chunk({ reasoning_content: `Step ${i}: ${paragraph}` }).repeat(4)))) return;
    }
    if (mode === 'trickle') {
      for (let i = 0; ; i++) {
        if (!(await send(chunk({ reasoning_content: `Step ${i + 1}: still thinking about it.\n\n` })))) return;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    res.end();
  });
  return { ...(await listenLocally(server)), bytesSent: () => sent };
}
