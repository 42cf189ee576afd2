import { describe, expect, it } from 'vitest';
import {
  buildPath,
  callEventStream,
  callOperation,
  createEndpoint,
  NotFoundError,
  plainFetchTransport,
  regionById,
  resolveRegion,
  send,
  sender,
  serializeQuery,
  TagoAbortError,
  TagoConnectionError,
  TagoCore,
  TagoValidationError,
  type OperationDescriptor,
  type OperationRequest,
  type Transport,
  type WireRequest,
  type WireResponse,
} from '../src/internal/index.js';

const TOKEN = 'b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d';
const ok = (result: unknown, extra: Record<string, unknown> = {}): WireResponse => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ status: true, result, ...extra }),
});

function recorder(answer: WireResponse | Error = ok('1 Data Added')) {
  const requests: WireRequest[] = [];
  const transport: Transport = async (req) => {
    requests.push(req);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { transport, requests };
}

const endpoint = (extra: Parameters<typeof createEndpoint>[1] = {}) =>
  createEndpoint(regionById('us-e1'), { token: TOKEN, ...extra });

describe('send: the plain one-attempt path', () => {
  const ops: OperationRequest[] = [
    { operationId: 'sendData', method: 'POST', path: '/data', body: [{ variable: 'temperature', value: 21.5 }] },
    {
      method: 'GET',
      path: '/device/{deviceID}/data',
      pathParams: { deviceID: '5dcad1c216174c001ca23ab9' },
      query: { variables: ['temp'], qty: 10 },
    },
    { method: 'POST', path: '/data', body: 'AA01FF', contentType: 'text/plain' },
    { method: 'GET', path: '/status', auth: false },
  ];

  it.each(ops)('puts on the wire exactly what TagoCore puts ($method $path)', async (op) => {
    const lean = recorder();
    const full = recorder();
    await send(endpoint({ headers: { 'X-Trace': 't' } }), op, { headers: { 'x-call': '1' } }, lean.transport);
    await new TagoCore({ token: TOKEN, headers: { 'X-Trace': 't' }, transport: full.transport }).request(op, {
      headers: { 'x-call': '1' },
    });
    const strip = ({ signal: _s, ...rest }: WireRequest) => rest;
    expect(strip(lean.requests[0]!)).toEqual(strip(full.requests[0]!));
  });

  it('returns the full answer of its single attempt', async () => {
    const { transport } = recorder(ok('1 Data Added', { message: 'careful' }));
    await expect(send(endpoint(), ops[0]!, {}, transport)).resolves.toEqual({
      data: '1 Data Added',
      warning: 'careful',
      status: 200,
      headers: { 'content-type': 'application/json' },
      attempts: 1,
    });
  });

  it('throws the same typed errors as TagoCore, without retrying', async () => {
    const { transport, requests } = recorder({
      status: 404,
      headers: {},
      body: `{"status":false,"message":"Device ${TOKEN} not found"}`,
    });
    const error = await send(endpoint(), { method: 'GET', path: '/info' }, {}, transport).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      code: 'not_found',
      status: 404,
      method: 'GET',
      path: '/info',
      message: 'Device [redacted] not found',
    });
    const busy = recorder({ status: 503, headers: {}, body: '{"status":false,"message":"busy"}' });
    await expect(send(endpoint(), { method: 'GET', path: '/info' }, {}, busy.transport)).rejects.toMatchObject({
      code: 'server_error',
    });
    expect(busy.requests).toHaveLength(1);
    expect(requests).toHaveLength(1);
  });

  it('refuses the options only TagoCore honours instead of ignoring them', async () => {
    const { transport, requests } = recorder();
    for (const call of [{ timeoutMs: 1000 }, { maxRetries: 2 }, { retry: { maxRetries: 1 } }]) {
      await expect(send(endpoint(), ops[0]!, call, transport)).rejects.toMatchObject({
        code: 'option_unsupported',
        field: Object.keys(call)[0],
      });
    }
    await expect(send(endpoint(), ops[0]!, { idempotent: true }, transport)).resolves.toMatchObject({ attempts: 1 });
    expect(requests).toHaveLength(1);
  });

  it('checks the request like TagoCore before sending', async () => {
    const { transport, requests } = recorder();
    await expect(
      send(
        createEndpoint(regionById('eu-w1'), {}),
        { operationId: 'getDevice', method: 'GET', path: '/device/{deviceID}', pathParams: { deviceID: 'x' } },
        {},
        transport,
      ),
    ).rejects.toThrow(
      expect.objectContaining({ code: 'token_missing', message: 'getDevice needs a token, and this client has none' }),
    );
    await expect(
      send(endpoint(), { method: 'GET', path: '/info' }, { headers: { 'x-trace': 'a\r\nb' } }, transport),
    ).rejects.toMatchObject({ code: 'header_value_invalid' });
    expect(() => endpoint({ token: `${TOKEN}\r\nx: 1` })).toThrow(TagoValidationError);
    expect(() => endpoint({ tokenHeader: 'to ken' })).toThrow(expect.objectContaining({ code: 'header_name_invalid' }));
    expect(requests).toHaveLength(0);
  });

  it('honours the caller signal and names connection failures with the call', async () => {
    const { transport, requests } = recorder();
    await expect(send(endpoint(), ops[0]!, { signal: AbortSignal.abort() }, transport)).rejects.toMatchObject({
      code: 'aborted',
      mayHaveBeenProcessed: false,
    });
    expect(requests).toHaveLength(0);
    const refused = recorder(new TagoConnectionError('Could not connect (ECONNREFUSED)', { reachedServer: false }));
    const error = await send(endpoint(), ops[0]!, {}, refused.transport).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TagoConnectionError);
    expect(error).toMatchObject({
      code: 'connection_refused',
      method: 'POST',
      path: '/data',
      mayHaveBeenProcessed: false,
    });
    const hang: Transport = (req) =>
      new Promise((_, reject) =>
        req.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }),
      );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    await expect(send(endpoint(), ops[0]!, { signal: controller.signal }, hang)).rejects.toBeInstanceOf(TagoAbortError);
  });

  it('plainFetchTransport reads the answer with text() and maps a refused connection', async () => {
    const fakeFetch = (async () =>
      new Response('{"status":true,"result":"ok"}', {
        status: 200,
        headers: { 'X-Request-Id': 'r1' },
      })) as unknown as typeof fetch;
    await expect(send(endpoint(), ops[0]!, {}, plainFetchTransport(fakeFetch))).resolves.toMatchObject({
      data: 'ok',
      headers: { 'x-request-id': 'r1' },
    });
    const refusing = (async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      });
    }) as typeof fetch;
    await expect(send(endpoint(), ops[0]!, {}, plainFetchTransport(refusing))).rejects.toMatchObject({
      code: 'connection_refused',
      path: '/data',
    });
  });
});

describe('regionById', () => {
  it('is resolveRegion for named regions', () => {
    for (const id of ['us-e1', 'eu-w1', 'usa-1'] as const) expect(regionById(id)).toEqual(resolveRegion(id));
    expect(() => regionById('mars-1' as never)).toThrow(
      expect.objectContaining({
        code: 'region_unknown',
        message: 'Unknown region "mars-1"; use us-e1, eu-w1, env, { tdeploy: id } or { api, sse }',
      }),
    );
  });
});

describe('sender: generated functions over the plain path', () => {
  const sendData: OperationDescriptor = {
    id: 'sendData',
    method: 'POST',
    path: '/data',
    kinds: ['device'],
    envelope: 'envelope',
    paging: 'none',
    pathParams: [],
    queryParams: [],
    requiredQuery: [],
    body: { required: true, contentType: 'application/json', shape: 'object-or-array', requiredKeys: ['variable'] },
  };

  it('validates arguments and token kinds, then sends', async () => {
    const { transport, requests } = recorder(ok('1 Data Added', { message: 'w' }));
    const ctx = { core: sender(endpoint(), transport), tokenKind: 'device' as const };
    await expect(callOperation(ctx, sendData, { body: [{ value: 1 }] })).rejects.toMatchObject({
      code: 'body_field_missing',
      message: 'sendData: missing required field body[0].variable',
    });
    await expect(callOperation({ ...ctx, tokenKind: 'profile' }, sendData, { body: [] })).rejects.toMatchObject({
      code: 'token_kind_mismatch',
    });
    await expect(
      callOperation(ctx, sendData, { body: [{ variable: 't', value: 1 }] }).withResponse(),
    ).resolves.toMatchObject({ data: '1 Data Added', warning: 'w', attempts: 1 });
    expect(requests).toHaveLength(1);
  });

  it('refuses a first argument that is no client (plain JavaScript forgot it), naming what it got', async () => {
    const { transport, requests } = recorder(ok('1 Data Added'));
    const args = { body: [{ variable: 't', value: 1 }] };
    const refusal = (got: string) => ({
      name: 'TagoValidationError',
      code: 'client_invalid',
      message: `sendData: the first argument must be a client (as createEdgeClient makes), got ${got}; the arguments come second`,
      method: 'POST',
      path: '/data',
    });
    const cases: [unknown, string][] = [
      [args, 'an object without a request engine'],
      [undefined, 'undefined'],
      [null, 'null'],
      [[args], 'an array'],
      ['a-token', 'string'],
      [{ core: transport }, 'an object without a request engine'],
    ];
    for (const [ctx, got] of cases) {
      await expect(callOperation(ctx as never, sendData, args)).rejects.toMatchObject(refusal(got));
      const stream = callEventStream(ctx as never, sendData, args)[Symbol.asyncIterator]();
      await expect(stream.next()).rejects.toMatchObject(refusal(got));
    }
    expect(requests).toHaveLength(0);
  });

  const getData: OperationDescriptor = {
    id: 'getData',
    method: 'GET',
    path: '/data',
    kinds: ['device'],
    envelope: 'envelope',
    paging: 'skip',
    pathParams: [],
    queryParams: ['qty', 'variables'],
    requiredQuery: [],
  };

  it('serializes a query with the encoder the descriptor carries, and skips it for an empty query', async () => {
    const { transport, requests } = recorder(ok([]));
    const ctx = { core: sender(endpoint(), transport), tokenKind: 'device' as const };
    const encoded: unknown[] = [];
    const encodeQuery = (query: Readonly<Record<string, unknown>>) => {
      encoded.push(query);
      return serializeQuery(query as Parameters<typeof serializeQuery>[0]);
    };
    await callOperation(ctx, { ...getData, encodeQuery }, { qty: 10, variables: ['temp'] });
    await callOperation(ctx, { ...getData, encodeQuery }, {});
    expect(requests.map((r) => r.url)).toEqual([
      'https://api.us-e1.tago.io/data?qty=10&variables[0]=temp',
      'https://api.us-e1.tago.io/data',
    ]);
    expect(encoded).toEqual([{ qty: 10, variables: ['temp'] }]);
  });

  it('refuses a query it has no encoder for, before sending; send and TagoCore bring their own', async () => {
    const { transport, requests } = recorder(ok([]));
    const ctx = { core: sender(endpoint(), transport), tokenKind: 'device' as const };
    const refused = callOperation(ctx, getData, { qty: 10 });
    await expect(refused).rejects.toThrow(TagoValidationError);
    await expect(refused).rejects.toMatchObject({
      code: 'query_encoder_missing',
      field: 'query',
      method: 'GET',
      path: '/data',
      message: 'getData: a query needs encodeQuery (serializeQuery, or call a generated operation)',
    });
    expect(requests).toHaveLength(0);
    const raw: OperationRequest = { method: 'GET', path: '/data', query: { qty: 10 } };
    await send(endpoint(), raw, {}, transport);
    await new TagoCore({ token: TOKEN, transport }).request(raw);
    expect(requests.map((r) => r.url)).toEqual([
      'https://api.us-e1.tago.io/data?qty=10',
      'https://api.us-e1.tago.io/data?qty=10',
    ]);
  });

  it('fills path placeholders with the encoder the descriptor carries; refuses them without one', async () => {
    const { transport, requests } = recorder(ok({}));
    const ctx = { core: sender(endpoint(), transport), tokenKind: 'profile' as const };
    const getDevice: OperationDescriptor = {
      id: 'getDevice',
      method: 'GET',
      path: '/device/{deviceID}',
      kinds: ['profile'],
      envelope: 'envelope',
      paging: 'none',
      pathParams: ['deviceID'],
      queryParams: [],
      requiredQuery: [],
    };
    const filled: unknown[] = [];
    const encodePath: typeof buildPath = (template, params, where, reserved) => {
      filled.push([template, params]);
      return buildPath(template, params, where, reserved);
    };
    await callOperation(ctx, { ...getDevice, encodePath }, { deviceID: 'a b' });
    expect(requests.map((r) => r.url)).toEqual(['https://api.us-e1.tago.io/device/a%20b']);
    expect(filled).toEqual([['/device/{deviceID}', { deviceID: 'a b' }]]);
    const refused = callOperation(ctx, getDevice, { deviceID: 'd1' });
    await expect(refused).rejects.toThrow(TagoValidationError);
    await expect(refused).rejects.toMatchObject({
      code: 'path_encoder_missing',
      field: 'path',
      method: 'GET',
      path: '/device/{deviceID}',
      message: 'getDevice: a path needs encodePath (buildPath, or call a generated operation)',
    });
    expect(requests).toHaveLength(1);
    // The entry points that take hand-written requests fill the path themselves.
    const raw: OperationRequest = { method: 'GET', path: '/device/{id}', pathParams: { id: 'd1' } };
    await send(endpoint(), raw, {}, transport);
    await new TagoCore({ token: TOKEN, transport }).request(raw);
    expect(requests.slice(1).map((r) => r.url)).toEqual([
      'https://api.us-e1.tago.io/device/d1',
      'https://api.us-e1.tago.io/device/d1',
    ]);
  });

  it('awaits an event stream but refuses to iterate it', async () => {
    const stream: OperationDescriptor = {
      id: 'subscribe',
      method: 'GET',
      path: '/events',
      kinds: ['profile'],
      envelope: 'raw',
      accept: 'text/event-stream',
      server: 'sse',
      paging: 'none',
      pathParams: [],
      queryParams: [],
      requiredQuery: [],
    };
    const { transport } = recorder({ status: 200, headers: {}, body: 'data: 1\n\n' });
    const ctx = { core: sender(endpoint(), transport) };
    await expect(callEventStream(ctx, stream, undefined)).resolves.toBe('data: 1\n\n');
    const iterator = callEventStream(ctx, stream, undefined)[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toMatchObject({ code: 'stream_unsupported' });
  });
});
