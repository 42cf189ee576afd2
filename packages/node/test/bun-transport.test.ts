// The transport @tagokit/node uses in Bun (Bun's fetch instead of undici's pool), run here over Node's fetch: the
// same close() contract as the undici transport, on a loopback server.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TagoCore, TagoValidationError } from '@tagokit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bunFetchTransport } from '../src/bun-transport.js';

let server: Server;
let url: string;
const held: (() => void)[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const answer = () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: true, result: req.url }));
    };
    // /hold answers only when the test releases it.
    if (req.url?.startsWith('/hold')) held.push(answer);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const core = (transport: ReturnType<typeof bunFetchTransport>) =>
  new TagoCore({ token: 't', region: { api: url }, allowInsecureHttp: true, transport, maxRetries: 0 });
const waitForHeld = async (count: number) => {
  while (held.length < count) await new Promise((r) => setTimeout(r, 5));
};

describe('bunFetchTransport', () => {
  it('sends over fetch, lets a call in flight finish on close(), then refuses calls with client_closed', async () => {
    const transport = bunFetchTransport();
    const client = core(transport);
    expect((await client.request({ method: 'GET', path: '/status', auth: false })).data).toBe('/status');
    const inFlight = client.request({ method: 'GET', path: '/hold', auth: false });
    await waitForHeld(1);
    const closing = transport.close();
    held.shift()?.();
    expect((await inFlight).data).toBe('/hold');
    await closing;
    const refused = await client.request({ method: 'GET', path: '/status', auth: false }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TagoValidationError);
    expect(refused).toMatchObject({ code: 'client_closed' });
    await expect(transport.fetch(`${url}/status`)).rejects.toMatchObject({ code: 'client_closed' });
  });

  it('close({ timeoutMs }) cuts the calls still running at the deadline: they fail as lost connections', async () => {
    const transport = bunFetchTransport();
    const inFlight = core(transport)
      .request({ method: 'GET', path: '/hold-forever', auth: false })
      .catch((e: unknown) => e);
    await waitForHeld(1);
    await transport.close({ timeoutMs: 20 });
    expect(await inFlight).toMatchObject({ name: 'TagoConnectionError', code: 'connection_lost' });
    held.length = 0;
    await expect(transport.close({ timeoutMs: -1 })).rejects.toThrow(
      'close: timeoutMs must be a number of milliseconds from 0 to 2^31 - 1',
    );
  });
});
