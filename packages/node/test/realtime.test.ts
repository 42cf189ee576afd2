import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, type Dispatcher } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../src/index.js';

const TOKEN = 'a-1b2c3d4e-0000-4000-8000-000000000001';
let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

describe('realtime in Node', () => {
  it('goes through the client dispatcher and reconnects with Last-Event-ID', async () => {
    const asked: { url: string; lastEventId: string | undefined }[] = [];
    server = createServer((req, res) => {
      asked.push({ url: req.url ?? '', lastEventId: req.headers['last-event-id'] as string | undefined });
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      // The first connection sends one event and drops; the second sends the next one.
      res.end(asked.length === 1 ? 'id: 1\ndata: {"payload":"one"}\n\n' : 'id: 2\ndata: {"payload":"two"}\n\n');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dispatched: string[] = [];
    const dispatcher = new Agent().compose((dispatch: Dispatcher['dispatch']) => (options, handler) => {
      dispatched.push(`${options.method} ${options.path}`);
      return dispatch(options, handler);
    });
    const client = createClient({
      token: TOKEN,
      region: { api: url, sse: `${url}/events` },
      allowInsecureHttp: true,
      dispatcher,
    });
    const payloads: unknown[] = [];
    for await (const message of client.realtime.subscribe(['analysis_trigger'], { reconnect: { initialDelayMs: 5 } })) {
      payloads.push(message.payload);
      if (payloads.length === 2) break;
    }
    expect(payloads).toEqual(['one', 'two']);
    const path = `/events?channels=analysis_trigger&token=${TOKEN}`;
    expect(asked).toEqual([
      { url: path, lastEventId: undefined },
      { url: path, lastEventId: '1' },
    ]);
    expect(dispatched).toEqual([`GET ${path}`, `GET ${path}`]);
    await client.close();
    await dispatcher.close();
  });
});
