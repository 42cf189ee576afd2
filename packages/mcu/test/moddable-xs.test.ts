import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostForwarder, MODDABLE_STAND_INS, moddableModule } from './helpers/moddable.js';
import { nested, startMock, type Seen } from './helpers/mock-server.js';
import { REPLY, startXs, xsAvailable, type Meter, type XsWorker } from './helpers/xs.js';

describe.runIf(xsAvailable())('Moddable transport in real XS (xsnap) against a local HTTP mock', () => {
  let xs: XsWorker;
  let mock: Awaited<ReturnType<typeof startMock>>;
  const meters: Record<string, Meter> = {};

  const host = hostForwarder();
  const calls = host.calls;

  // Runs `expr` (which calls the client with callback `done`) and returns what the callback received.
  const run = async (expr: string, meterName?: string) => {
    // The stand-in answers from a promise job, which XS runs after the evaluation; the next evaluation reads it.
    await xs.evaluate(`var result = null; var done = function (e, d, r) { result = { error: e || null, data: d === undefined ? null : d, status: r ? r.status : null, headers: r ? r.headers : null }; };\n${expr};`);
    const answer = await xs.evaluate(`${meterName ? 'gc();' : ''}${REPLY('result')}`);
    if (meterName) meters[meterName] = answer.meter;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return JSON.parse(answer.reply) as { error: any; data: any; status: number; headers: Record<string, string> };
  };
  const lastSeen = (): Seen => mock.seen[mock.seen.length - 1]!;

  beforeAll(async () => {
    mock = await startMock();
    xs = startXs(host.handle);
    const empty = await xs.evaluate(`gc(); ${REPLY('1')}`);
    meters['empty'] = empty.meter;
    const loaded = await xs.evaluate(`${MODDABLE_STAND_INS}${moddableModule()}\nvar client = function (token, port) { return tagokit.connect({ token: token, region: { api: 'http://127.0.0.1:' + port }, allowInsecureHttp: true, maxRetries: 0 }); };\ngc();\n${REPLY('typeof tagokit.createClient')}`);
    expect(loaded.reply).toBe('"function"');
    meters['loaded'] = loaded.meter;
  });
  afterAll(async () => {
    const slots = (m: Meter) => m.currentHeapCount;
    if (meters['empty'] && meters['loaded'] && meters['request']) {
      console.log(`[mcu] XS heap (slots in use after gc): empty machine ${slots(meters['empty'])}, after loading the module ${slots(meters['loaded'])} (+${slots(meters['loaded']) - slots(meters['empty'])}), after one sendData ${slots(meters['request'])} (+${slots(meters['request']) - slots(meters['loaded'])})`);
    }
    await xs?.close();
    await mock?.close();
  });

  it('sends data (POST /data) with the token, _ssl=false and a flat header array', async () => {
    const r = await run(`client('b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d', ${mock.port}).sendData({ body: { variable: 'temperature', value: 21.5, unit: '\\u00b0C' } }, done)`, 'request');
    expect(r.error).toBeNull();
    expect(r.data).toBe('1 Data Added');
    expect(r.status).toBe(202);
    const call = calls[calls.length - 1]!;
    expect(call.response).toBe(true);
    expect(call.bodyType).toBe('string');
    expect(call.headers.length % 2).toBe(0);
    const seen = lastSeen();
    expect(seen.headers['token']).toBe('b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d');
    expect(seen.headers['_ssl']).toBe('false');
    expect(JSON.parse(seen.body)).toEqual({ variable: 'temperature', value: 21.5, unit: '\u00b0C' });
  });

  it('gets data (GET /data) with a query', async () => {
    const r = await run(`client('b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d', ${mock.port}).getData({ variables: ['temperature'], qty: 1 }, done)`);
    expect(r.data).toEqual([{ id: 'v1', variable: 'temperature', value: 21.5 }]);
    expect(r.headers['x-request-id']).toMatch(/^req-/);
    expect(lastSeen().url).toBe('/data?variables[0]=temperature&qty=1');
  });

  it('lists config params and acknowledges one', async () => {
    const list = await run(`client('b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d', ${mock.port}).listConfigParams({ sent_status: false }, done)`);
    expect(list.data[0]).toMatchObject({ id: 'p1', key: 'interval' });
    const ack = await run(`client('b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d', ${mock.port}).markConfigParamRead({ paramID: 'p1', body: { sent: true } }, done)`);
    expect(ack.data).toBe('Params updated');
    expect(lastSeen()).toMatchObject({ method: 'PUT', url: '/device/params/p1', body: '{"sent":true}' });
  });

  it('reads /info', async () => {
    const r = await run(`client('b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d', ${mock.port}).getTokenInfo(done)`);
    expect(r.data).toMatchObject({ type: 'device' });
  });

  it('maps 401 to AuthenticationError', async () => {
    const r = await run(`client('bad', ${mock.port}).getTokenInfo(done)`);
    expect(r.error).toMatchObject({ name: 'AuthenticationError', code: 'authentication', status: 401, message: 'Invalid token', mayHaveBeenProcessed: false });
  });

  it('maps 429 with Retry-After to RateLimitError', async () => {
    const r = await run(`client('busy', ${mock.port}).sendData({ body: { variable: 'x', value: 1 } }, done)`);
    expect(r.error).toMatchObject({ name: 'RateLimitError', code: 'rate_limited', status: 429, retryAfterSeconds: 5 });
  });

  it('reports a refused connection as a connection error and clears its timer', async () => {
    const before = calls.length;
    const r = await run(`client('b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d', 1).getTokenInfo(done)`);
    // The request really went out (Request was built and reported its error): Moddable's Request gives the same
    // message (-2) for a refused and a dropped connection, so the client must assume the server may have it.
    expect(calls.length).toBe(before + 1);
    expect(r.error).toMatchObject({ name: 'TagoConnectionError', code: 'connection_lost', mayHaveBeenProcessed: true, method: 'GET', path: '/info' });
    const pending = await xs.evaluate(REPLY('FakeTimer.pending()'));
    expect(pending.reply).toBe('0');
  });

  it('plain HTTP leaves Request its default Socket (no TLS keys in the dictionary)', async () => {
    await run(`client('b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d', ${mock.port}).getTokenInfo(done)`);
    const call = calls[calls.length - 1]!;
    expect(call).toMatchObject({ host: '127.0.0.1', port: mock.port, secure: false, tls: null, method: 'GET', path: '/info' });
    // Request would write `Host: 127.0.0.1` (no port); the adapter names the port, as HTTP asks for a non-default one.
    expect(call.headers.slice(-2)).toEqual(['host', `127.0.0.1:${mock.port}`]);
    expect(lastSeen().headers['host']).toBe(`127.0.0.1:${mock.port}`);
  });

  it('HTTPS goes through the SecureSocket given to connect, on port 443 of the regional host', async () => {
    const before = calls.length;
    // The test host has no TLS, so the call fails; what matters is how Request was built.
    const r = await run(`tagokit.connect({ token: 'b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d', region: 'eu-w1', SecureSocket: FakeSecureSocket, maxRetries: 0, timeoutMs: 2000 }).getTokenInfo(done)`);
    expect(calls.length).toBe(before + 1);
    expect(calls[calls.length - 1]).toMatchObject({ host: 'api.eu-w1.tago.io', port: 443, secure: true, tls: { protocolVersion: 0x303 }, path: '/info' });
    expect(calls[calls.length - 1]!.headers).not.toContain('host');
    expect(r.error).toMatchObject({ name: 'TagoConnectionError' });
    expect(calls[calls.length - 1]!.headers).not.toContain('_ssl');
  });

  // XS aborts the whole machine (xsnap exits with 12) on a C stack overflow inside JSON.parse, at about 3,500
  // levels here and far sooner on a device: the client must never hand it such a text.
  it('answers bodies nested 5,000 and 100,000 levels deep with typed errors, the machine alive', async () => {
    const bad = await run(`client('abyss', ${mock.port}).getTokenInfo(done)`);
    expect(bad.error).toMatchObject({ name: 'BadRequestError', code: 'bad_request', status: 400, message: 'HTTP 400 with a body nested more than 32 levels deep (not read)' });
    const ok = await run(`client('abyss-ok', ${mock.port}).getTokenInfo(done)`);
    expect(ok.error).toMatchObject({ name: 'TagoResponseParseError', code: 'invalid_json', status: 200 });
    const direct = await xs.evaluate(`var deep = ''; for (var i = 0; i < 100000; i++) deep += '[';
      var caught; try { tagokit.parseAnswer({ status: 500, headers: {}, body: '{"status":false,"result":' + deep, mode: 'envelope', max: 200000 }); } catch (e) { caught = e; }
      ${REPLY('caught')}`);
    expect(JSON.parse(direct.reply)).toMatchObject({ name: 'InternalServerError', code: 'server_error', status: 500, mayHaveBeenProcessed: true });
    // A body nested as deep as TagoIO's answers go is still read.
    const shallow = await xs.evaluate(REPLY(`tagokit.parseAnswer({ status: 200, headers: {}, body: '{"status":true,"result":${nested(30)}}', mode: 'envelope' }).data.length`));
    expect(shallow.reply).toBe('1');
  });

  it('refuses an https region without SecureSocket instead of sending in clear text', async () => {
    const before = calls.length;
    const r = await run(`tagokit.connect({ token: 'b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d', region: 'us-e1', maxRetries: 0 }).getTokenInfo(done)`);
    expect(calls.length).toBe(before);
    expect(r.error).toMatchObject({ name: 'TagoConnectionError', code: 'connection_refused', mayHaveBeenProcessed: false, message: 'no SecureSocket for https' });
  });
});
