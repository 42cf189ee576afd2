import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen { method: string; url: string; headers: IncomingMessage['headers']; body: string }

/** Arrays nested n deep, as text (no JSON.stringify of a deep value needed). */
export const nested = (n: number): string => '['.repeat(n) + ']'.repeat(n);

/**
 * A small TagoIO stand-in on 127.0.0.1 for the device operations; token "bad" gets 401, "busy" gets 429, "abyss" a
 * 400 whose body nests 5,000 levels, "abyss-ok" a 200 that does.
 */
export async function startMock(): Promise<{ port: number; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString('latin1')));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'Content-Type': 'application/json', 'X-Request-Id': `req-${seen.length}`, ...headers });
        res.end(JSON.stringify(payload));
      };
      const token = req.headers['token'];
      if (token === 'abyss' || token === 'abyss-ok') {
        res.writeHead(token === 'abyss' ? 400 : 200, { 'Content-Type': 'application/json' });
        return res.end(`{"status":${token === 'abyss' ? 'false,"message":"Deep"' : 'true'},"result":${nested(5000)}}`);
      }
      if (token === 'bad') return send(401, { status: false, message: 'Invalid token' });
      if (token === 'busy') return send(429, { status: false, message: 'Too many requests' }, { 'Retry-After': '5' });
      const path = req.url!.split('?')[0];
      if (req.method === 'POST' && path === '/data') return send(202, { status: true, result: '1 Data Added' });
      if (req.method === 'GET' && path === '/data') return send(200, { status: true, result: [{ id: 'v1', variable: 'temperature', value: 21.5 }] });
      if (req.method === 'GET' && path === '/device/params') return send(200, { status: true, result: [{ id: 'p1', key: 'interval', value: '60', sent: false }] });
      if (req.method === 'PUT' && path === '/device/params/p1') return send(200, { status: true, result: 'Params updated' });
      if (req.method === 'GET' && path === '/info') return send(200, { status: true, result: { id: 'd1', name: 'board', type: 'device' } });
      return send(404, { status: false, message: 'Not found' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, seen, close: () => new Promise((r) => server.close(() => r())) };
}
