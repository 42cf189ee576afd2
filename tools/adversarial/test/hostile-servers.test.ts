import { inspect } from 'node:util';
import {
  deleteDeviceParam,
  deleteDeviceToken,
  deleteProfileToken,
  getData,
  listDevices,
  sendData,
  subscribeRealtimeEvents,
} from '@tagokit/edge';
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

describe.each(SUBJECTS)('redirects are never followed ($name)', (subject) => {
  it.each([301, 302, 303, 307, 308])(
    'a %i to another origin: no token or body reaches it, and a typed error names it',
    async (status) => {
      const evil = await serve((_req, res) => void json(res, 200, { status: true, result: 'stolen' }));
      const api = await serve((_req, res) => {
        res.writeHead(status, { location: `${evil.url}/data?steal=1` });
        res.end();
      });
      const error = await rejection(sendData(subject.make(api.url), { body: RECORD }));
      expect(error).toMatchObject({
        name: 'TagoRedirectError',
        code: 'unexpected_redirect',
        status,
        location: evil.url,
        mayHaveBeenProcessed: true,
      });
      expect(error.message).toBe(
        `HTTP ${status} redirect to ${evil.url} was not followed (tagokit sends the token only to the configured API)`,
      );
      expect(evil.seen).toHaveLength(0);
      expect(api.seen).toHaveLength(1);
    },
  );

  it('a 307 to itself is not a loop: the POST is sent once', async () => {
    const api = await serve((_req, res) => {
      res.writeHead(307, { location: '/data' });
      res.end();
    });
    const error = await rejection(sendData(subject.make(api.url), { body: RECORD }));
    expect(error).toMatchObject({ code: 'unexpected_redirect', location: undefined });
    expect(api.seen.map((r) => r.method)).toEqual(['POST']);
  });

  it('the realtime stream does not follow a redirect either (its token travels in the query)', async () => {
    const evil = await serve((_req, res) => void res.end());
    const api = await serve((_req, res) => {
      res.writeHead(302, { location: `${evil.url}/events` });
      res.end();
    });
    const client = subject.make(api.url, subject.full ? {} : {});
    if (!subject.full) return; // the lean client awaits streams, it cannot iterate them
    const stream = subscribeRealtimeEvents(client, { token: TOKEN, channels: 'analysis_trigger' });
    const error = await rejection(
      (async () => {
        for await (const _ of stream) void _;
      })(),
    );
    expect(error).toMatchObject({ name: 'TagoRedirectError', location: evil.url });
    expect(evil.seen).toHaveLength(0);
  });
});

describe.each(SUBJECTS)('path values cannot climb into another route ($name)', (subject) => {
  it.each(['.', '..', '%2e%2e', '.%2E', '%2E'])(
    'deleteDeviceParam with paramID %j is refused before sending',
    async (paramID) => {
      const api = await serve((_req, res) => json(res, 200, { status: true, result: 'Device deleted' }));
      const error = await rejection(deleteDeviceParam(subject.make(api.url), { deviceID: '65f0a1', paramID }));
      expect(error).toMatchObject({
        name: 'TagoValidationError',
        code: 'path_param_invalid',
        field: 'paramID',
        mayHaveBeenProcessed: false,
      });
      expect(api.seen).toHaveLength(0);
    },
  );

  it('deleteProfileToken with token ".." would reach the delete-profile route: refused', async () => {
    const api = await serve((_req, res) => json(res, 200, { status: true, result: 'Profile deleted' }));
    const error = await rejection(deleteProfileToken(subject.make(api.url), { profileID: 'p1', token: '..' }));
    expect(error).toMatchObject({ code: 'path_param_invalid', field: 'token' });
    expect(api.seen).toHaveLength(0);
  });

  it('lone surrogates in a path or query value are typed errors, not URIError', async () => {
    const api = await serve((_req, res) => json(res, 200, { status: true, result: [] }));
    const client = subject.make(api.url);
    expect(await rejection(deleteDeviceParam(client, { deviceID: 'a\ud800', paramID: 'p' }))).toMatchObject({
      name: 'TagoValidationError',
      code: 'path_param_invalid',
    });
    expect(await rejection(getData(client, { variables: ['x\udc00'] }))).toMatchObject({
      name: 'TagoValidationError',
      code: 'query_invalid_value',
    });
    expect(api.seen).toHaveLength(0);
  });
});

describe.each(SUBJECTS)('redaction ($name)', (subject) => {
  const leaks = (error: unknown): string[] => {
    const places = {
      message: (error as Error).message,
      stack: String((error as Error).stack),
      json: JSON.stringify(error),
      inspect: inspect(error, { depth: 10 }),
      headers: JSON.stringify((error as { headers?: unknown }).headers ?? {}),
      excerpt: String((error as { excerpt?: unknown }).excerpt ?? ''),
    };
    return Object.entries(places)
      .filter(([, text]) => text.includes(TOKEN) || text.includes(TOKEN.slice(0, 12)))
      .map(([where]) => where);
  };

  it('a 401 echoing the token in its message, a header and a cookie leaks it nowhere', async () => {
    const api = await serve((_req, res) =>
      json(
        res,
        401,
        { status: false, message: `Token ${TOKEN} is invalid`, result: { token: TOKEN } },
        { 'x-echo': TOKEN, 'set-cookie': `s=${TOKEN}` },
      ),
    );
    const error = await rejection(sendData(subject.make(api.url), { body: RECORD }));
    expect(error).toMatchObject({
      name: 'AuthenticationError',
      message: 'Token [redacted] is invalid',
      body: { result: { token: '[redacted]' } },
    });
    expect((error as unknown as { headers: Record<string, string> }).headers['set-cookie']).toBeUndefined();
    expect((error as unknown as { headers: Record<string, string> }).headers['x-echo']).toBe('[redacted]');
    expect(leaks(error)).toEqual([]);
  });

  it('a token at the 200-character edge of an excerpt is redacted before the cut', async () => {
    const api = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`${'x'.repeat(195)}${TOKEN}${'y'.repeat(100)}`);
    });
    const error = await rejection(sendData(subject.make(api.url), { body: RECORD }));
    expect(error).toMatchObject({ code: 'invalid_json', excerpt: `${'x'.repeat(195)}[reda` });
    expect(leaks(error)).toEqual([]);
  });

  it.skipIf(!subject.full)('an answer over the size cap keeps no part of the token in its excerpt', async () => {
    const api = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`${'x'.repeat(190)}${TOKEN}${'z'.repeat(5000)}`);
    });
    const error = await rejection(sendData(subject.make(api.url, { maxResponseBytes: 1000 }), { body: RECORD }));
    expect(error).toMatchObject({ code: 'response_too_large', excerpt: `${'x'.repeat(190)}[redacted]` });
    expect(leaks(error)).toEqual([]);
  });

  it('a token in the path (/device/token/{deviceIDOrToken}) echoed back is redacted', async () => {
    const other = 'f00dcafe-1111-2222-3333-444455556666';
    const api = await serve((req, res) =>
      json(res, 404, { status: false, message: `No device for ${decodeURIComponent(req.url ?? '')}` }),
    );
    const error = await rejection(deleteDeviceToken(subject.make(api.url), { deviceIDOrToken: other }));
    expect(error.message).toBe('No device for /device/token/[redacted]');
  });
});

describe.each(SUBJECTS)('hostile answers ($name)', (subject) => {
  const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

  it('an error body nested 100 000 levels is the normal typed error, and the error still serializes', async () => {
    const api = await serve((_req, res) =>
      json(res, 400, `{"status":false,"message":"Bad nesting","result":${deep(100_000)}}`),
    );
    const error = await rejection(sendData(subject.make(api.url), { body: RECORD }));
    expect(error).toMatchObject({ name: 'BadRequestError', status: 400, message: 'Bad nesting' });
    expect(() => JSON.stringify(error)).not.toThrow();
  });

  it('a status:false answer on HTTP 200 nested deeply is a typed error too', async () => {
    const api = await serve((_req, res) =>
      json(res, 200, `{"status":false,"message":"Nope","result":${deep(50_000)}}`),
    );
    expect(await rejection(sendData(subject.make(api.url), { body: RECORD }))).toMatchObject({
      name: 'TagoApiError',
      message: 'Nope',
    });
  });

  it('a UTF-8 byte order mark before the envelope is ignored', async () => {
    const api = await serve((_req, res) => json(res, 200, '\ufeff{"status":true,"result":"1 Data Added"}'));
    await expect(sendData(subject.make(api.url), { body: RECORD })).resolves.toBe('1 Data Added');
  });

  it('header values fetch or undici would refuse are typed validation errors, not lost connections, and nothing is sent', async () => {
    const api = await serve((_req, res) => json(res, 200, { status: true, result: 'ok' }));
    const client = subject.make(api.url);
    const cases: [Record<string, string>, string][] = [
      [{ 'transfer-encoding': 'chunked' }, 'header_forbidden'],
      [{ host: 'evil.example' }, 'header_forbidden'],
      [{ 'content-length': '1' }, 'header_forbidden'],
      [{ 'x-note': 'caf\u00e9 \u20ac' }, 'header_value_invalid'],
      [{ 'x-note': 'a\u0001b' }, 'header_value_invalid'],
    ];
    for (const [headers, code] of cases) {
      expect(await rejection(sendData(client, { body: RECORD }, { headers }))).toMatchObject({
        name: 'TagoValidationError',
        code,
      });
    }
    expect(api.seen).toHaveLength(0);
  });
});

describe.each(SUBJECTS)('paging against a server that ignores the page size ($name)', (subject) => {
  it.each([0, -1, 1.5])('amount %s is refused before sending', async (amount) => {
    const api = await serve((_req, res) => json(res, 200, { status: true, result: [] }));
    expect(await rejection(listDevices(subject.make(api.url), { amount }))).toMatchObject({
      code: 'paging_invalid',
      field: 'amount',
    });
    expect(await rejection(getData(subject.make(api.url), { qty: 0 }))).toMatchObject({
      code: 'paging_invalid',
      field: 'qty',
    });
    expect(api.seen).toHaveLength(0);
  });

  it('a page larger than asked stops the iterator with a typed error', async () => {
    const api = await serve((_req, res) =>
      json(res, 200, { status: true, result: Array.from({ length: 50 }, (_, i) => ({ id: `d${i}` })) }),
    );
    const walk = async () => {
      for await (const _ of listDevices(subject.make(api.url), { amount: 20 })) void _;
    };
    expect(await rejection(walk())).toMatchObject({ name: 'TagoResponseParseError', code: 'paging_page_too_large' });
    expect(api.seen).toHaveLength(1);
  });

  it('the same full page again and again stops after the second', async () => {
    const api = await serve((_req, res) =>
      json(res, 200, { status: true, result: Array.from({ length: 20 }, (_, i) => ({ id: `d${i}` })) }),
    );
    const walk = async () => {
      for await (const _ of listDevices(subject.make(api.url), { amount: 20 })) void _;
    };
    expect(await rejection(walk())).toMatchObject({ code: 'paging_page_repeated' });
    expect(api.seen).toHaveLength(2);
  });
});
