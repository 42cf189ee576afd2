import type { ServerResponse } from 'node:http';
import { TagoCore, type Transport } from '@tagokit/core';
import { createEdgeClient, sendData, subscribeRealtimeEvents } from '@tagokit/edge';
import { createClient } from '@tagokit/node';
import { afterEach, describe, expect, it } from 'vitest';
import { json, startHostileServer, type HostileServer } from '../src/hostile-server.js';
import { rejection, SUBJECTS, TOKEN } from './subjects.js';

let servers: HostileServer[] = [];
async function serve(handler: Parameters<typeof startHostileServer>[0]): Promise<HostileServer> {
  const server = await startHostileServer(handler);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

const RECORD = [{ variable: 'temperature', value: 21.5 }];
const STREAM_SUBJECTS = SUBJECTS.filter((s) => s.full);

/** Writes `chunk` every few ms, at most `count` times (every loop here is bounded), then leaves the socket open. */
function drip(res: ServerResponse, chunk: string, count: number): void {
  let sent = 0;
  const timer = setInterval(() => {
    if (sent++ >= count || res.destroyed) return clearInterval(timer);
    res.write(chunk);
  }, 1);
  res.on('close', () => clearInterval(timer));
}

const eventStream = (res: ServerResponse) => res.writeHead(200, { 'content-type': 'text/event-stream' });

async function drain(
  client: ReturnType<(typeof SUBJECTS)[number]['make']>,
  options = {},
): Promise<{ events: string[]; error: Record<string, unknown> }> {
  const events: string[] = [];
  const error = await rejection(
    (async () => {
      for await (const e of subscribeRealtimeEvents(client, { token: TOKEN, channels: 'device_data' }, options))
        events.push(e.data);
    })(),
  );
  return { events, error };
}

describe.each(STREAM_SUBJECTS)('hostile event streams ($name)', (subject) => {
  it('an endless line is cut at maxLineBytes with a typed error', async () => {
    const api = await serve((_req, res) => {
      eventStream(res);
      res.write('data: ');
      drip(res, 'x'.repeat(16 * 1024), 400);
    });
    const { error } = await drain(subject.make(api.url, { eventStream: { maxLineBytes: 256 * 1024 } }));
    expect(error).toMatchObject({ name: 'TagoResponseParseError', code: 'stream_line_too_large', path: '/events' });
  });

  it('an event that never ends is cut at maxEventBytes', async () => {
    const api = await serve((_req, res) => {
      eventStream(res);
      drip(res, `data: ${'y'.repeat(1000)}\n`, 2000);
    });
    const { error } = await drain(subject.make(api.url, { eventStream: { maxEventBytes: 64 * 1024 } }));
    expect(error).toMatchObject({ code: 'stream_event_too_large' });
  });

  it('a stream that goes silent ends with a timeout after idleTimeoutMs', async () => {
    const api = await serve((_req, res) => {
      eventStream(res);
      res.write('data: one\n\n');
    });
    const { events, error } = await drain(subject.make(api.url, { eventStream: { idleTimeoutMs: 150 } }));
    expect(events).toEqual(['one']);
    expect(error).toMatchObject({
      name: 'TagoTimeoutError',
      code: 'timeout',
      message: 'The event stream was silent for 150 ms',
    });
  });

  it('a server that never answers is a connect timeout (the call timeoutMs)', async () => {
    const api = await serve(() => undefined);
    const { error } = await drain(subject.make(api.url), { timeoutMs: 150 });
    expect(error).toMatchObject({ name: 'TagoTimeoutError', message: 'No event-stream answer within 150 ms' });
  });

  it('an HTML page with status 200 is not an event stream', async () => {
    const api = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<html>login ${TOKEN}</html>`);
    });
    const { error } = await drain(subject.make(api.url));
    expect(error).toMatchObject({
      code: 'not_event_stream',
      message: 'HTTP 200 answer is text/html, not an event stream (text/event-stream)',
    });
    expect(String(error['excerpt'])).toBe('<html>login [redacted]</html>');
  });

  it('a server close is a stream_closed error, a partial event is said to be dropped', async () => {
    const api = await serve((_req, res) => {
      eventStream(res);
      res.end('data: whole\n\ndata: half');
    });
    const { events, error } = await drain(subject.make(api.url));
    expect(events).toEqual(['whole']);
    expect(error).toMatchObject({
      name: 'TagoConnectionError',
      code: 'stream_closed',
      message: 'The server closed the event stream in the middle of an event (it was dropped)',
    });
  });

  it('an endless error body is read only up to maxErrorBodyBytes, and the token in it is redacted', async () => {
    const api = await serve((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.write(`{"status":false,"message":"Bad token ${TOKEN}"`);
      drip(res, ' '.repeat(4096), 2000);
    });
    const { error } = await drain(subject.make(api.url, { eventStream: { maxErrorBodyBytes: 8192 } }));
    expect(error).toMatchObject({ name: 'AuthenticationError', status: 401 });
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });
});

describe('timers and Retry-After', () => {
  it.each([
    [{ timeoutMs: 2 ** 31 }, 'timeoutMs'],
    [{ retry: { maxDelayMs: 2 ** 32 } }, 'retry.maxDelayMs'],
    [{ retry: { maxRetryAfterMs: 1e12 } }, 'retry.maxRetryAfterMs'],
    [{ eventStream: { idleTimeoutMs: 2 ** 31 } }, 'eventStream.idleTimeoutMs'],
  ])('a delay above 2^31-1 ms (which setTimeout would fire at once) is refused: %j', (options, field) => {
    expect(() => new TagoCore({ token: TOKEN, ...options })).toThrow(
      expect.objectContaining({ code: 'option_invalid', field }),
    );
  });

  it.each(['-5', '2030-01-01', '1 2', '+5', '1.5'])(
    'Retry-After %j is no RFC form: the client backs off, never waits 0 ms',
    async (value) => {
      const delays: number[] = [];
      let calls = 0;
      const api = await serve((_req, res) => {
        if (calls++ === 0) json(res, 429, { status: false, message: 'Too many requests' }, { 'retry-after': value });
        else json(res, 200, { status: true, result: 'ok' });
      });
      const sleep = async (ms: number) => void delays.push(ms);
      const client = createEdgeClient({
        token: TOKEN,
        region: { api: api.url },
        allowInsecureHttp: true,
        retry: { initialDelayMs: 40, jitter: 0 },
        sleep,
      });
      await expect(sendData(client, { body: RECORD })).resolves.toBe('ok');
      expect(delays).toEqual([40]);
    },
  );

  it('a POST that timed out while queued for a connection was never written: reported as not processed, and resent once', async () => {
    let posts = 0;
    const api = await serve((req, res) => {
      if (req.method === 'GET') setTimeout(() => json(res, 200, { status: true, result: 'slow' }), 600);
      else json(res, 200, { status: true, result: `post ${++posts}` });
    });
    const client = createClient({
      token: TOKEN,
      region: { api: api.url },
      allowInsecureHttp: true,
      connections: 1,
      retry: { initialDelayMs: 700, jitter: 0 },
    });
    const slow = client.core.request({ method: 'GET', path: '/info' });
    const error = await rejection(sendData({ core: client.core }, { body: RECORD }, { timeoutMs: 150, maxRetries: 0 }));
    expect(error).toMatchObject({ name: 'TagoTimeoutError', mayHaveBeenProcessed: false });
    // With a retry allowed, the queued POST is resent after the wait and stored exactly once.
    await expect(sendData({ core: client.core }, { body: RECORD }, { timeoutMs: 150, maxRetries: 1 })).resolves.toBe(
      'post 1',
    );
    await slow;
    expect(api.seen.filter((r) => r.method === 'POST')).toHaveLength(1);
    await client.close();
  });
});

describe('options are own properties only', () => {
  it('a polluted Object.prototype.transport never receives the token (Node, edge, lean)', async () => {
    const api = await serve((_req, res) => json(res, 200, { status: true, result: 'ok' }));
    const stolen: string[] = [];
    const evil: Transport = async (request) => {
      stolen.push(request.headers['token'] ?? '');
      return { status: 200, headers: {}, body: '{"status":true,"result":"evil"}' };
    };
    const proto = Object.prototype as Record<string, unknown>;
    proto['transport'] = evil;
    proto['tdeploy'] = 'evil';
    proto['headers'] = { 'x-evil': '1' };
    try {
      for (const subject of SUBJECTS) {
        const client = subject.make(api.url);
        await expect(sendData(client, { body: RECORD })).resolves.toBe('ok');
        await client.close?.();
      }
    } finally {
      delete proto['transport'];
      delete proto['tdeploy'];
      delete proto['headers'];
    }
    expect(stolen).toEqual([]);
    expect(api.seen).toHaveLength(3);
    expect(api.seen.every((r) => r.headers['x-evil'] === undefined)).toBe(true);
  });

  it('close() takes a deadline: a hung call is cut and close returns', async () => {
    const api = await serve(() => undefined);
    const client = createClient({ token: TOKEN, region: { api: api.url }, allowInsecureHttp: true });
    const hung = rejection(sendData({ core: client.core }, { body: RECORD }, { maxRetries: 0 }));
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await client.close({ timeoutMs: 100 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await hung).toMatchObject({ name: 'TagoConnectionError' });
    await expect(client.close({ timeoutMs: -1 })).rejects.toMatchObject({ code: 'option_invalid' });
  });
});
