import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { listenLocally } from '../../support/local-server';

const FIXTURES = fileURLToPath(new URL('../../fixtures/providers/', import.meta.url));
/** Real recordings from other projects, read in place from the shared data folder beside the repository. */
export const CONFORMANCE_STREAMS = fileURLToPath(new URL('../../../../shared/conformance/streams/', import.meta.url));

/**
 * A local model server on 127.0.0.1 that sends recorded wire bytes, for end-to-end tests.
 * The base URL's path picks the behaviour:
 *   /fx/<fixture-file>/…        replays test/fixtures/providers/<fixture-file> for any POST
 *   /conf/<recording>/…         replays ../shared/conformance/streams/<recording> byte for byte
 *   /status/<code>/…            answers POSTs with that HTTP status and an OpenAI-style error body
 *   /nocors/…                   answers without CORS headers (the browser must refuse it)
 *   /stall/<fixture-file>/…     sends the first third of the fixture, then nothing
 *   /drop/<fixture-file>/…      sends the first half of the fixture, then destroys the socket
 *   /slow/<fixture-file>/…      replays the fixture over ~3 s (for Stop tests)
 * GET …/models and …/api/tags list two models in the OpenAI and Ollama shapes.
 */
export type MockServer = { url: string; close: () => Promise<void>; requests: { method: string; path: string; body: string; headers: IncomingMessage['headers'] }[] };

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-expose-headers': 'retry-after',
};

function contentType(file: string): string {
  return file.endsWith('.ndjson') ? 'application/x-ndjson' : 'text/event-stream; charset=utf-8';
}

function chunksOf(bytes: Buffer, parts: number): Buffer[] {
  // Odd, uneven cut points (mid-line, mid-character) are part of the test.
  const out: Buffer[] = [];
  let start = 0;
  const size = Math.max(1, Math.ceil(bytes.length / parts));
  while (start < bytes.length) {
    const len = Math.max(1, size + ((start * 7) % 13) - 6);
    out.push(bytes.subarray(start, start + len));
    start += len;
  }
  return out;
}

async function replay(res: ServerResponse, bytes: Buffer, file: string, totalMs: number, stopAt = bytes.length) {
  res.writeHead(200, { ...CORS, 'content-type': contentType(file), 'cache-control': 'no-cache' });
  const chunks = chunksOf(bytes.subarray(0, stopAt), 40);
  for (const chunk of chunks) {
    if (res.destroyed) return;
    res.write(chunk);
    await new Promise((r) => setTimeout(r, totalMs / chunks.length));
  }
}

export async function startMockServer(): Promise<MockServer> {
  const requests: MockServer['requests'] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const parts = url.pathname.split('/').filter(Boolean);
    const [mode, arg] = parts;
    let body = '';
    for await (const chunk of req) body += chunk;
    requests.push({ method: req.method ?? '', path: url.pathname, body, headers: req.headers });

    if (mode === 'nocors') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"object":"list","data":[]}');
      return;
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS);
      res.end();
      return;
    }
    if (mode === 'status') {
      const status = Number(arg);
      const headers: Record<string, string> = { ...CORS, 'content-type': 'application/json' };
      if (status === 429) headers['retry-after'] = '17';
      res.writeHead(status, headers);
      res.end(JSON.stringify({ error: { message: `Mock server says ${status}`, type: 'mock_error', code: status } }));
      return;
    }
    if (req.method === 'GET' && (url.pathname.endsWith('/models') || url.pathname.endsWith('/api/tags'))) {
      res.writeHead(200, { ...CORS, 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          object: 'list',
          data: [{ id: 'mock-reasoner-7b', object: 'model' }, { id: 'mock-reasoner-32b', object: 'model' }],
          models: [{ name: 'mock-reasoner:7b', model: 'mock-reasoner:7b' }, { name: 'mock-reasoner:32b', model: 'mock-reasoner:32b' }],
        }),
      );
      return;
    }
    const file = arg ?? '';
    let bytes: Buffer;
    try {
      // Only a plain file name: the path must not leave the folder.
      if (file.includes('/') || file.includes('\\') || file.startsWith('.')) throw new Error('bad name');
      bytes = readFileSync((mode === 'conf' ? CONFORMANCE_STREAMS : FIXTURES) + file);
    } catch {
      res.writeHead(404, { ...CORS, 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `No fixture ${file}` } }));
      return;
    }
    if (mode === 'fx' || mode === 'conf') await replay(res, bytes, file, 400);
    else if (mode === 'slow') await replay(res, bytes, file, 3000);
    else if (mode === 'stall') {
      await replay(res, bytes, file, 200, Math.floor(bytes.length / 3));
      return; // keep the socket open, send nothing more
    } else if (mode === 'drop') {
      await replay(res, bytes, file, 200, Math.floor(bytes.length / 2));
      res.socket?.destroy();
      return;
    }
    res.end();
  });
  return { ...(await listenLocally(server)), requests };
}
