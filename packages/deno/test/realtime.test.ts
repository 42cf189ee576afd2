// The reconnecting realtime subscription over Deno's fetch, against a Deno.serve server on 127.0.0.1 that drops
// the stream after each event.
import { deepStrictEqual } from 'node:assert/strict';
import { createClient } from '../mod.ts';

const TOKEN = 'a-1b2c3d4e-0000-4000-8000-000000000001';

Deno.test('realtime reconnects after a drop and resends Last-Event-ID', async () => {
  const asked: [string, string | null][] = [];
  const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: () => undefined }, (req) => {
    asked.push([new URL(req.url).search, req.headers.get('last-event-id')]);
    const n = asked.length;
    return new Response(`id: ${n}\ndata: {"payload":${n}}\n\n`, { headers: { 'content-type': 'text/event-stream' } });
  });
  try {
    const url = `http://127.0.0.1:${server.addr.port}`;
    const client = createClient({ token: TOKEN, region: { api: url, sse: `${url}/events` }, allowInsecureHttp: true });
    const got: unknown[] = [];
    const sub = client.realtime.subscribe([{ channel: 'device_data', id: 'dev1' }], {
      reconnect: { initialDelayMs: 5 },
    });
    for await (const message of sub) {
      got.push(message.payload);
      if (got.length === 3) break;
    }
    deepStrictEqual(got, [1, 2, 3]);
    const search = `?channels=device_data.dev1&token=${TOKEN}`;
    deepStrictEqual(asked, [
      [search, null],
      [search, '1'],
      [search, '2'],
    ]);
    deepStrictEqual([sub.state, sub.closeReason], ['closed', 'stopped']);
  } finally {
    await server.shutdown();
  }
});
