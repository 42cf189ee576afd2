import { describe, expect, it, vi } from 'vitest';
import {
  AuthenticationError,
  fetchTransport,
  InternalServerError,
  RateLimitError,
  TagoAbortError,
  TagoConnectionError,
  TagoCore,
  TagoResponseParseError,
  TagoTimeoutError,
  TagoValidationError,
  type ClientOptions,
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
const fail = (status: number, message: string, headers: Record<string, string> = {}): WireResponse => ({
  status,
  headers,
  body: JSON.stringify({ status: false, message }),
});

/** A transport that records what went on the wire and plays back scripted answers (or throws errors). */
function scripted(...steps: (WireResponse | Error | ((req: WireRequest) => Promise<WireResponse>))[]) {
  const requests: WireRequest[] = [];
  const transport: Transport = async (req) => {
    requests.push(req);
    const step = steps[Math.min(requests.length - 1, steps.length - 1)];
    if (step instanceof Error) throw step;
    if (typeof step === 'function') return step(req);
    return step as WireResponse;
  };
  return { transport, requests };
}

const refused = () => new TagoConnectionError('Could not connect (ECONNREFUSED)', { reachedServer: false });
const reset = () => new TagoConnectionError('Connection lost (ECONNRESET)', { reachedServer: true });

function client(transport: Transport, extra: ClientOptions = {}) {
  const sleeps: number[] = [];
  const core = new TagoCore({
    token: TOKEN,
    transport,
    random: () => 0,
    sleep: async (ms) => void sleeps.push(ms),
    ...extra,
  });
  return { core, sleeps };
}

describe('TagoCore.request on the wire', () => {
  it('sends the exact request TagoIO expects', async () => {
    const { transport, requests } = scripted(ok('1 Data Added'));
    const { core } = client(transport);
    const answer = await core.request({
      method: 'POST',
      path: '/data',
      body: [{ variable: 'temperature', value: 21.5, unit: 'C' }],
    });
    expect(answer).toMatchObject({ data: '1 Data Added', status: 200, attempts: 1, warning: undefined });
    expect(requests).toHaveLength(1);
    const [req] = requests;
    expect(req!.method).toBe('POST');
    expect(req!.url).toBe('https://api.us-e1.tago.io/data');
    expect(req!.headers).toEqual({ accept: 'application/json', 'content-type': 'application/json', token: TOKEN });
    expect(req!.body).toBe('[{"variable":"temperature","value":21.5,"unit":"C"}]');
  });

  it('fills path parameters and serializes the query', async () => {
    const { transport, requests } = scripted(ok([]));
    const { core } = client(transport, { region: 'eu-w1' });
    await core.request({
      method: 'GET',
      path: '/device/{deviceID}/data',
      pathParams: { deviceID: '5dcad1c216174c001ca23ab9' },
      query: { variables: ['temp'], qty: 10, start_date: new Date('2024-01-31T10:00:00Z') },
    });
    expect(requests[0]!.url).toBe(
      'https://api.eu-w1.tago.io/device/5dcad1c216174c001ca23ab9/data?variables[0]=temp&qty=10&start_date=2024-01-31T10%3A00%3A00.000Z',
    );
    expect(requests[0]!.body).toBeUndefined();
    expect(requests[0]!.headers['content-type']).toBeUndefined();
  });

  it('escapes path parameters', async () => {
    const { transport, requests } = scripted(ok('ok'));
    const { core } = client(transport);
    await core.request({
      method: 'GET',
      path: '/account/passwordreset/{email}',
      pathParams: { email: 'a/b c@x.io' },
      auth: false,
    });
    expect(requests[0]!.url).toBe('https://api.us-e1.tago.io/account/passwordreset/a%2Fb%20c%40x.io');
    expect(requests[0]!.headers['token']).toBeUndefined();
  });

  it('uses a custom token header name', async () => {
    const { transport, requests } = scripted(ok({}));
    const { core } = client(transport, { tokenHeader: 'Device-Token' });
    await core.request({ method: 'GET', path: '/info' });
    expect(requests[0]!.headers['device-token']).toBe(TOKEN);
    expect(requests[0]!.headers['token']).toBeUndefined();
  });

  it('sends _ssl: false over plain http, and only then', async () => {
    const { transport, requests } = scripted(ok({}));
    const { core } = client(transport, { region: { api: 'http://127.0.0.1:8080' }, allowInsecureHttp: true });
    await core.request({ method: 'GET', path: '/info' });
    expect(requests[0]!.url).toBe('http://127.0.0.1:8080/info');
    expect(requests[0]!.headers['_ssl']).toBe('false');
    expect(() => new TagoCore({ token: TOKEN, region: { api: 'http://127.0.0.1:8080' } })).toThrow(
      expect.objectContaining({ code: 'insecure_http_refused' }),
    );
  });

  it('sends a text/plain body as is', async () => {
    const { transport, requests } = scripted(ok('1 Data Added'));
    const { core } = client(transport);
    await core.request({ method: 'POST', path: '/data', body: 'AA01FF', contentType: 'text/plain' });
    expect(requests[0]!.body).toBe('AA01FF');
    expect(requests[0]!.headers['content-type']).toBe('text/plain');
  });
});

describe('validation before sending', () => {
  it('refuses a bad token at construction', () => {
    expect(() => new TagoCore({ token: `${TOKEN}\r\nx-evil: 1` })).toThrow(TagoValidationError);
    expect(() => new TagoCore({ token: '' })).toThrow(expect.objectContaining({ code: 'token_empty' }));
  });

  it('refuses a call that needs a token when the client has none', async () => {
    const { transport, requests } = scripted(ok({}));
    const core = new TagoCore({ transport });
    await expect(
      core.request({
        operationId: 'getDevice',
        method: 'GET',
        path: '/device/{deviceID}',
        pathParams: { deviceID: 'x' },
      }),
    ).rejects.toThrow(
      expect.objectContaining({ code: 'token_missing', message: 'getDevice needs a token, and this client has none' }),
    );
    expect(requests).toHaveLength(0);
  });

  it('names a missing path parameter', async () => {
    const { transport, requests } = scripted(ok({}));
    const { core } = client(transport);
    const call = core.request({ method: 'GET', path: '/device/{deviceID}', pathParams: {} });
    await expect(call).rejects.toBeInstanceOf(TagoValidationError);
    await expect(
      core.request({ method: 'GET', path: '/device/{deviceID}', pathParams: { deviceID: '' } }),
    ).rejects.toThrow(expect.objectContaining({ code: 'path_param_missing', field: 'deviceID' }));
    expect(requests).toHaveLength(0);
  });

  it('refuses header values with CR/LF and bad header names', async () => {
    const { transport } = scripted(ok({}));
    const { core } = client(transport);
    await expect(core.request({ method: 'GET', path: '/info' }, { headers: { 'x-trace': 'a\r\nb' } })).rejects.toThrow(
      expect.objectContaining({ code: 'header_value_invalid' }),
    );
    expect(() => new TagoCore({ token: TOKEN, headers: { 'bad name': 'x' } })).toThrow(
      expect.objectContaining({ code: 'header_name_invalid' }),
    );
    expect(() => new TagoCore({ token: TOKEN, tokenHeader: 'to ken' })).toThrow(
      expect.objectContaining({ code: 'header_name_invalid' }),
    );
  });

  it('refuses bodies that cannot be JSON and bad options', async () => {
    const { transport } = scripted(ok({}));
    const { core } = client(transport);
    await expect(core.request({ method: 'POST', path: '/data', body: { n: 10n } })).rejects.toThrow(
      expect.objectContaining({ code: 'body_invalid', field: 'body' }),
    );
    await expect(core.request({ method: 'GET', path: '/info' }, { timeoutMs: -1 })).rejects.toThrow(
      expect.objectContaining({ code: 'option_invalid', field: 'timeoutMs' }),
    );
    await expect(core.request({ method: 'GET', path: '/info' }, { maxRetries: 1.5 })).rejects.toThrow(
      expect.objectContaining({ code: 'option_invalid' }),
    );
  });

  it('checks every retry setting and the size cap, on the client and per call, and names the bad one', async () => {
    const bad = (options: Record<string, unknown>) => () => new TagoCore({ token: TOKEN, ...options });
    expect(bad({ retry: { maxRetries: Infinity } })).toThrow(
      new TagoValidationError('retry.maxRetries must be a whole number >= 0', 'option_invalid', 'retry.maxRetries'),
    );
    expect(bad({ retry: { initialDelayMs: Number.NaN } })).toThrow(
      'retry.initialDelayMs must be a number of milliseconds from 0 to 2147483647 (2^31 - 1)',
    );
    expect(bad({ retry: { maxDelayMs: -1 } })).toThrow(
      expect.objectContaining({ code: 'option_invalid', field: 'retry.maxDelayMs' }),
    );
    expect(bad({ retry: { maxRetryAfterMs: '60000' } })).toThrow(
      expect.objectContaining({ field: 'retry.maxRetryAfterMs' }),
    );
    expect(bad({ retry: { jitter: 1.5 } })).toThrow('retry.jitter must be a number from 0 to 1');
    expect(bad({ retry: { maxRetry: 3 } })).toThrow(
      'retry.maxRetry is not a retry setting (maxRetries, initialDelayMs, maxDelayMs, jitter, maxRetryAfterMs)',
    );
    expect(bad({ retry: 3 })).toThrow(expect.objectContaining({ code: 'option_invalid', field: 'retry' }));
    expect(bad({ maxResponseBytes: Number.NaN })).toThrow(
      new TagoValidationError(
        'maxResponseBytes must be a whole number of bytes > 0',
        'option_invalid',
        'maxResponseBytes',
      ),
    );
    expect(bad({ maxResponseBytes: 0 })).toThrow(expect.objectContaining({ field: 'maxResponseBytes' }));
    const { transport, requests } = scripted(ok({}));
    const { core } = client(transport);
    await expect(core.request({ method: 'GET', path: '/info' }, { retry: { jitter: -0.1 } })).rejects.toThrow(
      expect.objectContaining({ field: 'retry.jitter' }),
    );
    expect(requests).toHaveLength(0);
  });
});

describe('warnings', () => {
  it('returns and reports a warning', async () => {
    const { transport } = scripted(ok([], { message: 'Only 10 records were returned' }));
    const onWarning = vi.fn();
    const { core } = client(transport, { onWarning });
    const answer = await core.request({ operationId: 'getData', method: 'GET', path: '/data' });
    expect(answer.warning).toBe('Only 10 records were returned');
    expect(onWarning).toHaveBeenCalledWith({
      message: 'Only 10 records were returned',
      method: 'GET',
      path: '/data',
      operationId: 'getData',
    });
  });
});

describe('retries', () => {
  it('retries a GET on 503 with backoff, then succeeds', async () => {
    const { transport, requests } = scripted(fail(503, 'busy'), fail(502, 'busy'), ok(['x']));
    const { core, sleeps } = client(transport);
    const answer = await core.request({ method: 'GET', path: '/device' });
    expect(answer.data).toEqual(['x']);
    expect(answer.attempts).toBe(3);
    expect(requests).toHaveLength(3);
    expect(sleeps).toEqual([500, 1000]);
  });

  it('gives up after maxRetries with the last error, marked as possibly processed', async () => {
    const { transport, requests } = scripted(fail(503, 'busy'));
    const { core } = client(transport, { maxRetries: 1 });
    const error = await core.request({ method: 'GET', path: '/device' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(requests).toHaveLength(2);
    expect((error as InternalServerError).mayHaveBeenProcessed).toBe(true);
  });

  it('never retries a POST that may have reached the server', async () => {
    for (const step of [fail(500, 'oops'), reset()]) {
      const { transport, requests } = scripted(step, ok('1 Data Added'));
      const { core } = client(transport);
      const error = await core
        .request({ method: 'POST', path: '/data', body: [{ variable: 'v' }] })
        .catch((e: unknown) => e);
      expect(requests).toHaveLength(1);
      expect((error as { mayHaveBeenProcessed: boolean }).mayHaveBeenProcessed).toBe(true);
    }
  });

  it('retries a POST after 429 honouring Retry-After from the header or the body', async () => {
    const { transport, requests } = scripted(
      fail(429, 'Too many requests (Retry-After: 7)'),
      fail(429, 'Too many requests', { 'retry-after': '2' }),
      ok('1 Data Added'),
    );
    const { core, sleeps } = client(transport);
    const answer = await core.request({ method: 'POST', path: '/data', body: [{ variable: 'v' }] });
    expect(answer.data).toBe('1 Data Added');
    expect(requests).toHaveLength(3);
    expect(sleeps).toEqual([7000, 2000]);
  });

  it('returns a RateLimitError with retryAfterSeconds when retries run out', async () => {
    const { transport } = scripted(fail(429, 'Too many requests (Retry-After: 3)'));
    const { core } = client(transport, { maxRetries: 0 });
    const error = await core.request({ method: 'POST', path: '/data', body: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterSeconds).toBe(3);
    expect((error as RateLimitError).mayHaveBeenProcessed).toBe(false);
  });

  it('retries a POST when the connection was refused (nothing was sent)', async () => {
    const { transport, requests } = scripted(refused(), ok('1 Data Added'));
    const { core } = client(transport);
    await expect(core.request({ method: 'POST', path: '/data', body: [] })).resolves.toMatchObject({
      data: '1 Data Added',
      attempts: 2,
    });
    expect(requests).toHaveLength(2);
  });

  it('lets a call turn retries off or mark a POST idempotent', async () => {
    const a = scripted(fail(503, 'busy'), ok(1));
    await expect(
      client(a.transport).core.request({ method: 'GET', path: '/x' }, { maxRetries: 0 }),
    ).rejects.toBeInstanceOf(InternalServerError);
    expect(a.requests).toHaveLength(1);
    const b = scripted(fail(503, 'busy'), ok(1));
    await expect(
      client(b.transport).core.request({ method: 'POST', path: '/x', body: {} }, { idempotent: true }),
    ).resolves.toMatchObject({ data: 1 });
    expect(b.requests).toHaveLength(2);
  });

  it('does not retry 4xx', async () => {
    const { transport, requests } = scripted(fail(401, 'Authorization Denied'));
    const { core } = client(transport);
    await expect(core.request({ method: 'GET', path: '/info' })).rejects.toBeInstanceOf(AuthenticationError);
    expect(requests).toHaveLength(1);
  });

  it('keeps the uncertainty of an earlier attempt on the final error', async () => {
    const { transport } = scripted(reset(), fail(404, 'gone'));
    const { core } = client(transport);
    const error = await core.request({ method: 'DELETE', path: '/data' }).catch((e: unknown) => e);
    expect((error as { status: number }).status).toBe(404);
    expect((error as { mayHaveBeenProcessed: boolean }).mayHaveBeenProcessed).toBe(true);
  });
});

describe('timeouts and aborts', () => {
  const hang: (req: WireRequest) => Promise<WireResponse> = (req) =>
    new Promise((_, reject) =>
      req.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }),
    );

  it('times out each attempt and retries idempotent calls', async () => {
    const { transport, requests } = scripted(hang, ok('late'));
    const { core } = client(transport, { timeoutMs: 20 });
    await expect(core.request({ method: 'GET', path: '/info' })).resolves.toMatchObject({ data: 'late', attempts: 2 });
    expect(requests).toHaveLength(2);
  });

  it('reports a timeout on a POST without retrying', async () => {
    const { transport, requests } = scripted(hang);
    const { core } = client(transport, { timeoutMs: 20 });
    const error = await core.request({ method: 'POST', path: '/data', body: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TagoTimeoutError);
    expect((error as TagoTimeoutError).timeoutMs).toBe(20);
    expect((error as TagoTimeoutError).mayHaveBeenProcessed).toBe(true);
    expect(requests).toHaveLength(1);
  });

  it('stops on an abort and never retries it', async () => {
    const { transport, requests } = scripted(hang);
    const { core } = client(transport);
    const controller = new AbortController();
    const call = core.request({ method: 'GET', path: '/info' }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await expect(call).rejects.toBeInstanceOf(TagoAbortError);
    expect(requests).toHaveLength(1);
  });

  it('does not send at all when the signal is already aborted', async () => {
    const { transport, requests } = scripted(ok(1));
    const { core } = client(transport);
    const error = await core
      .request({ method: 'POST', path: '/data', body: [] }, { signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TagoAbortError);
    expect((error as TagoAbortError).mayHaveBeenProcessed).toBe(false);
    expect(requests).toHaveLength(0);
  });

  it("leaves no listener on the caller's signal after each attempt, retried or not", async () => {
    const { transport } = scripted(fail(503, 'busy'), ok('done'));
    const { core } = client(transport);
    const controller = new AbortController();
    const added: unknown[] = [];
    const removed: unknown[] = [];
    const add = controller.signal.addEventListener.bind(controller.signal);
    const remove = controller.signal.removeEventListener.bind(controller.signal);
    controller.signal.addEventListener = ((type: string, listener: never, options?: never) => {
      added.push(listener);
      add(type, listener, options);
    }) as AbortSignal['addEventListener'];
    controller.signal.removeEventListener = ((type: string, listener: never) => {
      removed.push(listener);
      remove(type, listener);
    }) as AbortSignal['removeEventListener'];
    await expect(core.request({ method: 'GET', path: '/info' }, { signal: controller.signal })).resolves.toMatchObject({
      data: 'done',
      attempts: 2,
    });
    // One listener per attempt (the sleep between adds none: this client's sleep is its own), each removed again.
    expect(added).toHaveLength(2);
    expect(removed).toEqual(added);
    // An abort after the call changes nothing.
    controller.abort();
  });

  it('aborts during the backoff sleep', async () => {
    const { transport, requests } = scripted(fail(503, 'busy'));
    const core = new TagoCore({ token: TOKEN, transport, retry: { initialDelayMs: 10_000 } });
    const controller = new AbortController();
    const call = core.request({ method: 'GET', path: '/info' }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(call).rejects.toBeInstanceOf(TagoAbortError);
    expect(requests).toHaveLength(1);
  });
});

describe('the token never leaks', () => {
  it('is absent from every error text, JSON and stack', async () => {
    const answers = [
      fail(401, `Token ${TOKEN} is not valid`),
      fail(500, 'x'),
      { status: 200, headers: {}, body: `<html>${TOKEN}</html>` },
      refused(),
    ];
    for (const step of answers) {
      const { transport } = scripted(step);
      const { core } = client(transport, { maxRetries: 0 });
      const error = (await core.request({ method: 'GET', path: '/info' }).catch((e: unknown) => e)) as Error;
      const everything = `${String(error)}|${JSON.stringify(error)}|${error.stack}|${error.message}|${JSON.stringify((error as { body?: unknown }).body ?? '')}`;
      expect(everything).not.toContain(TOKEN);
    }
  });

  it('is redacted from debug lines, with token-like query values', async () => {
    const lines: string[] = [];
    const { transport } = scripted(fail(429, 'Too many requests (Retry-After: 0)'), ok('1'));
    const { core } = client(transport, { debug: (line) => lines.push(line) });
    await core.request({
      method: 'POST',
      path: '/integration/network/data',
      query: { authorization_token: 'at-secret-value' },
      body: [],
    });
    expect(lines.join('\n')).not.toContain('at-secret-value');
    expect(lines.join('\n')).not.toContain(TOKEN);
    expect(lines[0]).toBe(
      'POST https://api.us-e1.tago.io/integration/network/data?authorization_token=[redacted] -> 429 (' +
        lines[0]!.split('(')[1],
    );
  });
});

describe('fetchTransport', () => {
  it('caps the body size', async () => {
    const big = 'x'.repeat(5000);
    const fakeFetch = (async () => new Response(big, { status: 200 })) as typeof fetch;
    const core = new TagoCore({ token: TOKEN, transport: fetchTransport(fakeFetch), maxResponseBytes: 1000 });
    const error = await core.request({ method: 'GET', path: '/info' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TagoResponseParseError);
    expect((error as TagoResponseParseError).code).toBe('response_too_large');
  });

  it('maps a refused connection and sends headers and body through fetch', async () => {
    let seen: { url: string; init: RequestInit } | undefined;
    const fakeFetch = (async (url: string, init: RequestInit) => {
      seen = { url, init };
      return new Response('{"status":true,"result":"ok"}', { status: 200, headers: { 'X-Request-Id': 'r1' } });
    }) as unknown as typeof fetch;
    const core = new TagoCore({ token: TOKEN, transport: fetchTransport(fakeFetch) });
    const answer = await core.request({
      method: 'PUT',
      path: '/data',
      body: [{ id: '5dcad1c216174c001ca23ab9', value: 1 }],
    });
    expect(answer.headers['x-request-id']).toBe('r1');
    expect(seen!.url).toBe('https://api.us-e1.tago.io/data');
    expect(seen!.init.body).toBe('[{"id":"5dcad1c216174c001ca23ab9","value":1}]');

    const refusing = (async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      });
    }) as typeof fetch;
    const core2 = new TagoCore({ token: TOKEN, transport: fetchTransport(refusing), maxRetries: 0 });
    const error = await core2.request({ method: 'POST', path: '/data', body: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TagoConnectionError);
    expect((error as TagoConnectionError).code).toBe('connection_refused');
    expect((error as TagoConnectionError).mayHaveBeenProcessed).toBe(false);
  });
});
