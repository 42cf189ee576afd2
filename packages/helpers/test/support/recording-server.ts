// A loopback HTTP server that records every request exactly (method, path with query, headers, body) and answers
// from a table, for checking what helpers send to hosts other than the emulator.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Route = (request: RecordedRequest) => { status?: number; body: unknown; headers?: Record<string, string> };

export interface RecordingServer {
  url: string;
  requests: RecordedRequest[];
  stop(): Promise<void>;
}

/**
 * Routes are keyed `METHOD /path` (the query is not part of the key); an unknown route answers 404. `GET
 * /__recorded` answers the requests recorded so far and `DELETE /__recorded` forgets them (neither is recorded), so
 * code in another runtime (a Worker) can check what reached the server.
 */
export async function startRecordingServer(routes: Record<string, Route>): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      // Any origin may call it (a page in Chromium runs the scenarios cross-origin); preflights are not recorded.
      res.setHeader('access-control-allow-origin', '*');
      if (req.method === 'OPTIONS') {
        const requested = req.headers['access-control-request-headers'];
        res.writeHead(204, {
          'access-control-allow-methods': 'GET, POST, DELETE',
          ...(requested ? { 'access-control-allow-headers': requested } : {}),
        });
        res.end();
        return;
      }
      if (req.url === '/__recorded') {
        if (req.method === 'DELETE') requests.length = 0;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(req.method === 'GET' ? requests : []));
        return;
      }
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      requests.push(recorded);
      const route = routes[`${recorded.method} ${recorded.url.split('?')[0]}`];
      const answer = route ? route(recorded) : { status: 404, body: { status: false, message: 'no such route' } };
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
      res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
