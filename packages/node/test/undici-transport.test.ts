import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, interceptors } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createClient,
  TagoAbortError,
  TagoConnectionError,
  TagoResponseParseError,
  TagoTimeoutError,
  undiciTransport,
} from '../src/index.js';
import { DEVICE_TOKEN } from './helpers.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(
  handler: (req: IncomingMessage, res: ServerResponse, body: string) => void,
): Promise<{ url: string; sockets: () => number }> {
  let sockets = 0;
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => handler(req, res, body));
  });
  server.on('connection', () => sockets++);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, sockets: () => sockets };
}

const client = (url: string, extra: Record<string, unknown> = {}) =>
  createClient({ token: DEVICE_TOKEN, tokenKind: 'device', region: { api: url }, allowInsecureHttp: true, ...extra });

describe('undici transport', () => {
  it('sends the token, _ssl and JSON body, and reuses keep-alive connections', async () => {
    const seen: { headers: IncomingMessage['headers']; body: string; url: string | undefined }[] = [];
    const { url, sockets } = await serve((req, res, body) => {
      seen.push({ headers: req.headers, body, url: req.url });
      res.setHeader('content-type', 'application/json');
      res.end('{"status":true,"result":"1 Data Added"}');
    });
    const c = client(url);
    for (let i = 0; i < 20; i++)
      expect(await c.deviceData.sendData({ body: { variable: 'v', value: i } })).toBe('1 Data Added');
    // Sequential calls share the pool's sockets (undici may open a second one while the first is released).
    expect(sockets()).toBeLessThanOrEqual(2);
    expect(seen[19]).toMatchObject({ url: '/data', body: '{"variable":"v","value":19}' });
    expect(seen[19]!.headers).toMatchObject({
      token: DEVICE_TOKEN,
      _ssl: 'false',
      'content-type': 'application/json',
      accept: 'application/json',
    });
  });

  it('works with undici interceptors on a dispatcher of your own', async () => {
    let header: string | string[] | undefined;
    const { url } = await serve((req, res) => {
      header = req.headers['x-from-interceptor'];
      res.end('{"status":true,"result":{}}');
    });
    const dispatcher = new Agent().compose(
      (dispatch) => (opts, handler) =>
        dispatch(
          { ...opts, headers: { ...(opts.headers as Record<string, string>), 'x-from-interceptor': 'yes' } },
          handler,
        ),
      interceptors.dns(),
    );
    await client(url, { dispatcher }).info.getTokenInfo();
    expect(header).toBe('yes');
  });

  it('reports a refused connection as not sent, and retries it', async () => {
    const { url } = await serve((_, res) => res.end('{}'));
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const error = await client(url, { maxRetries: 1, retry: { initialDelayMs: 1 } })
      .deviceData.sendData({ body: { variable: 'v' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TagoConnectionError);
    expect(error).toMatchObject({
      code: 'connection_refused',
      mayHaveBeenProcessed: false,
      method: 'POST',
      path: '/data',
    });
  });

  it('reports a connection cut mid-answer as possibly processed, and does not resend a POST', async () => {
    let hits = 0;
    const { url } = await serve((req, res) => {
      hits++;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"status":true,');
      setTimeout(() => req.socket.destroy(), 10);
    });
    const error = await client(url)
      .deviceData.sendData({ body: { variable: 'v' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TagoConnectionError);
    expect(error).toMatchObject({ code: 'connection_lost', mayHaveBeenProcessed: true });
    expect(hits).toBe(1);
  });

  it('stops reading at the size cap', async () => {
    const { url } = await serve((_, res) => res.end(JSON.stringify({ status: true, result: 'x'.repeat(10_000) })));
    const error = await client(url, { maxResponseBytes: 1000 })
      .info.getTokenInfo()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TagoResponseParseError);
    expect(error).toMatchObject({ code: 'response_too_large' });
  });

  it('times out a silent server', async () => {
    const { url } = await serve(() => undefined);
    const error = await client(url, { timeoutMs: 50, maxRetries: 0 })
      .info.getTokenInfo()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TagoTimeoutError);
  });

  it('is usable on its own', async () => {
    const { url } = await serve((req, res, body) => res.end(JSON.stringify({ method: req.method, body })));
    const transport = undiciTransport({ connections: 2 });
    const answer = await transport({
      method: 'PUT',
      url: `${url}/x?a=1`,
      headers: { 'content-type': 'text/plain' },
      body: 'hi',
      signal: new AbortController().signal,
      maxResponseBytes: 1000,
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ method: 'PUT', body: 'hi' });
  });
  it('gives up on a call still waiting for a connection at once, and never sends it', async () => {
    let hits = 0;
    const { url } = await serve(() => void hits++);
    const c = client(url, { connections: 1, maxRetries: 0 });
    const first = c.info.getTokenInfo(undefined, { timeoutMs: 400 }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 20));
    const started = Date.now();
    const queued = await c.info.getTokenInfo(undefined, { timeoutMs: 50 }).catch((e: unknown) => e);
    expect(queued).toBeInstanceOf(TagoTimeoutError);
    // It failed while the only connection was still taken, not when that one freed up.
    expect(Date.now() - started).toBeLessThan(300);
    expect(await first).toBeInstanceOf(TagoTimeoutError);
    await new Promise((r) => setTimeout(r, 50));
    expect(hits).toBe(1);
  });

  it('stops an exchange when the caller aborts', async () => {
    const { url } = await serve(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const error = await client(url)
      .info.getTokenInfo(undefined, { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TagoAbortError);
    expect(error).toMatchObject({ mayHaveBeenProcessed: true });
  });

  it('reads a body sent in many chunks, joins repeated headers and leaves no listener behind', async () => {
    const { url } = await serve((_, res) => {
      res.setHeader('x-twice', ['a', 'b']);
      res.setHeader('Content-Type', 'application/json');
      res.write('{"status":true,');
      setTimeout(() => res.end(`"result":"${'é'.repeat(50_000)}"}`), 5);
    });
    const transport = undiciTransport();
    const { signal } = new AbortController();
    let listeners = 0;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<typeof add>) => (listeners++, add(...args))) as typeof add;
    signal.removeEventListener = ((...args: Parameters<typeof remove>) => (
      listeners--, remove(...args)
    )) as typeof remove;
    const answer = await transport({
      method: 'GET',
      url: `${url}/info`,
      headers: {},
      signal,
      maxResponseBytes: 1_000_000,
    });
    expect(answer.headers).toMatchObject({ 'x-twice': 'a, b', 'content-type': 'application/json' });
    expect(JSON.parse(answer.body)).toEqual({ status: true, result: 'é'.repeat(50_000) });
    expect(listeners).toBe(0);
  });

  it('keeps one pool per origin', async () => {
    const { url } = await serve((req, res) => res.end(`a${req.url}`));
    const other = createServer((req, res) => res.end(`b${req.url}`));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    try {
      const transport = undiciTransport();
      const call = async (u: string) =>
        (
          await transport({
            method: 'GET',
            url: u,
            headers: {},
            signal: new AbortController().signal,
            maxResponseBytes: 100,
          })
        ).body;
      expect(await call(`${url}/x`)).toBe('a/x');
      expect(await call(`${otherUrl}/y?z=1`)).toBe('b/y?z=1');
      expect(await call(url)).toBe('a/');
      expect(await call(`${otherUrl}/`)).toBe('b/');
      // A URL with a query but no path (a realtime host given without one) still splits at the origin.
      expect(await call(`${url}?channel=x`)).toBe('a/?channel=x');
      expect(await call(`${otherUrl}?token=t`)).toBe('b/?token=t');
      expect(await call(`${url}/after`)).toBe('a/after');
    } finally {
      other.closeAllConnections();
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });
});

describe('closing the client', () => {
  it('waits for the call in flight, closes its pools, then refuses new calls with client_closed', async () => {
    let release: () => void = () => {};
    const { url } = await serve((_, res) => {
      release = () => res.end('{"status":true,"result":"1 Data Added"}');
    });
    const c = client(url);
    // A TagoPromise starts on first use: then() sends it now.
    const inFlight = c.deviceData.sendData({ body: { variable: 'v' } }).then((data) => data);
    await new Promise((r) => setTimeout(r, 50));
    let closed = false;
    const closing = c.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(closed).toBe(false);
    release();
    expect(await inFlight).toBe('1 Data Added');
    await closing;
    expect(closed).toBe(true);
    const error = await c.deviceData.sendData({ body: { variable: 'v' } }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'TagoValidationError',
      code: 'client_closed',
      mayHaveBeenProcessed: false,
      message: 'This client was closed; create a new one to send more requests',
      method: 'POST',
      path: '/data',
    });
  });

  it('leaves a dispatcher of your own open', async () => {
    const { url } = await serve((_, res) => res.end('{"status":true,"result":{}}'));
    const dispatcher = new Agent();
    const c = client(url, { dispatcher });
    await c.info.getTokenInfo();
    await c.close();
    // The client's own transport is closed; the Agent still works for its owner.
    await expect(c.info.getTokenInfo()).rejects.toMatchObject({ code: 'client_closed' });
    const res = await dispatcher.request({ origin: url, path: '/info', method: 'GET' });
    expect(res.statusCode).toBe(200);
    await res.body.text();
    await dispatcher.close();
  });

  it('closes with await using', async () => {
    const { url } = await serve((_, res) => res.end('{"status":true,"result":{}}'));
    let kept: ReturnType<typeof client> | undefined;
    {
      await using c = client(url);
      kept = c;
      await c.info.getTokenInfo();
    }
    await expect(kept!.info.getTokenInfo()).rejects.toMatchObject({ code: 'client_closed' });
  });
});
