import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const tagokit: any = require('../dist/tagokit.js');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fetchModule: any = require('../dist/fetch.js');

const TOKEN = 'b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d';

/** A server on 127.0.0.1 that records what reached it and answers with `answer`. */
async function listen(answer: (res: import('node:http').ServerResponse) => void) {
  const seen: { method: string; token: string | undefined }[] = [];
  const server: Server = createServer((req, res) => {
    seen.push({ method: req.method!, token: req.headers['token'] as string | undefined });
    req.resume();
    req.on('end', () => answer(res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { seen, port: (server.address() as AddressInfo).port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('the fetch transport (Node fetch)', () => {
  let other: Awaited<ReturnType<typeof listen>>;
  let api: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    other = await listen((res) => res.end('{"status":true,"result":"stolen"}'));
    api = await listen((res) => {
      res.writeHead(307, { location: `http://localhost:${other.port}/data` });
      res.end();
    });
  });
  afterAll(async () => {
    await api?.close();
    await other?.close();
  });

  // fetch follows redirects by default, keeping the token header and resending a 307's body to the new origin.
  it('does not follow a redirect: the token never reaches the other origin', async () => {
    const client = tagokit.createClient({ token: TOKEN, region: { api: `http://127.0.0.1:${api.port}` }, allowInsecureHttp: true, maxRetries: 2, transport: fetchModule.fetch() });
    const error = await new Promise((resolve) => client.sendData({ body: { variable: 'x', value: 1 } }, resolve));
    expect(error).toMatchObject({
      name: 'TagoRedirectError',
      code: 'unexpected_redirect',
      status: 307,
      mayHaveBeenProcessed: true,
      message: `HTTP 307 redirect to http://localhost:${other.port} was not followed (tagokit sends the token only to the configured API)`,
    });
    expect(api.seen).toHaveLength(1);
    expect(other.seen).toHaveLength(0);
  });
});
