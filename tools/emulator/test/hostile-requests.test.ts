// Requests an attacker (or a broken client) could send to an emulator someone runs: patterns that made a RegExp
// backtrack, dot segments that the URL parser resolved into another route, bodies that choose existing tokens,
// bodies too large or too slow, and bodies in the wrong content type. Every raw request goes to 127.0.0.1, and
// every loop and wait here is bounded in count and time.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_DEVICE, DEFAULT_TOKENS, startEmulator, wildcardMatch, type Emulator } from '../src/index.mjs';
import { PARAM_ID, seedDevices } from './helpers.js';

const PROFILE = DEFAULT_TOKENS.profile;
const NETWORK_ID = '5bbd120d4051a50034cd1a05';
const CONNECTOR_ID = '5f5a8f3351d4db99c40ded2d';

/** The CLI in a child process: a request that hangs it cannot hang the test's own event loop. */
async function spawnEmulator(): Promise<{ url: string; child: ChildProcess }> {
  const bin = fileURLToPath(new URL('../bin/tagokit-emulator.mjs', import.meta.url));
  const child = spawn(process.execPath, [bin, '--port', '0', '--no-rate-limit'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 20_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (d) => (out += d));
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  return { url, child };
}

/** Stops a child emulator; SIGKILL, because one stuck in a regex never runs its SIGTERM handler. */
async function killChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from the start of the exchange to the complete answer. */
  ms: number;
}

/**
 * One raw HTTP/1.1 exchange over node:net with 127.0.0.1, for requests fetch() would tidy up. `answer` resolves
 * with the first complete response (status 0 when none came within `limitMs`); `closed` with the milliseconds
 * until the server closed the socket (-1 when it did not within `limitMs`). The socket is destroyed at `limitMs`.
 */
function raw(url: string, limitMs = 5_000) {
  const { port } = new URL(url);
  const started = Date.now();
  const socket: Socket = connect({ host: '127.0.0.1', port: Number(port) });
  socket.on('error', () => {}); // a reset after the answer is expected when the server refuses a body
  let data = Buffer.alloc(0);
  let settleAnswer: (a: RawAnswer) => void = () => {};
  const answer = new Promise<RawAnswer>((r) => (settleAnswer = r));
  const closed = new Promise<number>((resolve) => {
    const timer = setTimeout(() => {
      settleAnswer({ status: 0, headers: {}, body: data.toString('latin1'), ms: Date.now() - started });
      resolve(-1);
      socket.destroy();
    }, limitMs);
    socket.on('close', () => {
      clearTimeout(timer);
      settleAnswer(parse(true) ?? { status: 0, headers: {}, body: data.toString('latin1'), ms: Date.now() - started });
      resolve(Date.now() - started);
    });
  });
  const parse = (atClose = false): RawAnswer | undefined => {
    const end = data.indexOf('\r\n\r\n');
    if (end < 0) return undefined;
    const [statusLine, ...lines] = data.subarray(0, end).toString('latin1').split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const body = data.subarray(end + 4);
    const length = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
    if (length === undefined ? !atClose : body.length < length) return undefined;
    const text = body.subarray(0, length ?? body.length).toString('utf8');
    return { status: Number(statusLine!.split(' ')[1]), headers, body: text, ms: Date.now() - started };
  };
  socket.on('data', (chunk: Buffer) => {
    data = Buffer.concat([data, chunk]);
    const done = parse();
    if (done) settleAnswer(done);
  });
  return { socket, answer, closed };
}

/** Sends one whole request (head and optional body) and waits for the answer. */
async function rawRequest(
  url: string,
  method: string,
  target: string,
  headers: Record<string, string> = {},
  body = '',
) {
  const { socket, answer } = raw(url);
  const head = Object.entries({
    host: '127.0.0.1',
    ...headers,
    ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
  });
  socket.write(`${method} ${target} HTTP/1.1\r\n${head.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}`);
  const a = await answer;
  socket.destroy();
  return a;
}

describe('wildcard filters never build a regular expression', () => {
  let url: string;
  let child: ChildProcess | undefined;
  const longName = 'a'.repeat(30_000);
  beforeAll(async () => {
    ({ url, child } = await spawnEmulator());
    for (const name of [longName, `${longName}b`, 'Boiler (old).v2', 'Pump']) {
      const res = await fetch(`${url}/__emulator/devices`, { method: 'POST', body: JSON.stringify({ name }) });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => killChild(child));

  const names = async (pattern: string) => {
    const started = Date.now();
    const res = await fetch(`${url}/device?filter[name]=${encodeURIComponent(pattern)}&fields[0]=name&amount=50`, {
      headers: { token: PROFILE },
      signal: AbortSignal.timeout(2_000),
    });
    const body = await res.json();
    return {
      status: res.status,
      names: (body.result as { name: string }[]).map((d) => d.name),
      ms: Date.now() - started,
    };
  };

  it('answers a backtracking pattern against a long name within a second, with the right devices', async () => {
    // `a*a*…a*b`: 2 000 stars. The old `^a.*a.*…b$` RegExp never finished on 30 000 a's without a b.
    const hostile = `${'a*'.repeat(2_000)}b`;
    const found = await names(hostile);
    expect(found.status).toBe(200);
    expect(found.names.map((n) => n.length)).toEqual([30_001]);
    expect(found.ms).toBeLessThan(1_000);
    const none = await names(`${'a*'.repeat(2_000)}c`);
    expect(none.names).toEqual([]);
    expect(none.ms).toBeLessThan(1_000);
  });

  it("keeps the filter's meaning: whole name, case-insensitive, `*` any run, everything else literal", async () => {
    expect((await names('boil*')).names).toEqual(['Boiler (old).v2']);
    expect((await names('*(OLD).V2')).names).toEqual(['Boiler (old).v2']);
    expect((await names('B*l*r*')).names).toEqual(['Boiler (old).v2']);
    expect((await names('Boiler (old)?v2')).names).toEqual([]);
    expect((await names('Boiler (old).v.')).names).toEqual([]);
    expect((await names('pump')).names).toEqual(['Pump']);
    expect((await names('Pum')).names).toEqual([]);
  });

  it('agrees with the escaped-RegExp semantics on small inputs', () => {
    // The old implementation, kept here only as the oracle (test inputs are tiny and made by fast-check).
    const oracle = (pattern: string, text: string) =>
      new RegExp(
        `^${pattern
          .split('*')
          .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
        'is',
      ).test(text);
    fc.assert(
      fc.property(fc.stringMatching(/^[abAB.*]{0,8}$/), fc.stringMatching(/^[abAB.]{0,10}$/), (pattern, text) => {
        expect(wildcardMatch(pattern, text)).toBe(oracle(pattern, text));
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('dot segments are refused, never resolved into another route', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ devices: seedDevices(), rateLimits: false });
  });
  afterAll(() => emu?.stop());

  const id = DEFAULT_DEVICE.id;
  // Each of these resolved (through new URL()) to `DELETE /device/{id}` and deleted the device.
  const hostile = [
    `/device/${id}/params/..`,
    `/device/${id}/params/%2e%2e`,
    `/device/${id}/params/%2E%2e`,
    `/device/${id}/params/.%2E/`,
    `/device/${id}/params/../`,
    `/device/${id}/params/..?x=1`,
    `/device/${id}/./`,
    `/device/${id}/x/../`,
    `/device/${id}/params\\..`,
    `http://127.0.0.1/device/${id}/params/..`,
  ];

  it.each(hostile)('DELETE %s answers 400 and deletes nothing', async (target) => {
    const a = await rawRequest(emu.url, 'DELETE', target, { token: PROFILE });
    expect(a.status).toBe(400);
    const body = JSON.parse(a.body);
    expect(body.status).toBe(false);
    expect(body.message).toMatch(/^Invalid path: the path has (a '\.' or '\.\.' segment|a '\\')/);
    expect(emu.state.devices.has(id)).toBe(true);
    expect(emu.state.devices.get(id)!.params.map((p) => p.id)).toEqual([PARAM_ID]);
  });

  it('refuses an encoded slash inside a segment, and broken percent-encoding', async () => {
    for (const target of [`/device/${id}%2Fparams%2F${PARAM_ID}`, `/device/${id}/params/${PARAM_ID}%2f..`]) {
      const a = await rawRequest(emu.url, 'DELETE', target, { token: PROFILE });
      expect(a.status).toBe(400);
      expect(JSON.parse(a.body)).toEqual({
        status: false,
        message: "Invalid path: the path has an encoded '/' (%2F) inside a segment",
      });
    }
    const broken = await rawRequest(emu.url, 'DELETE', `/device/${id}/params/%E0%A4%A`, { token: PROFILE });
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body).message).toBe('Invalid path: the path has malformed percent-encoding');
    expect(emu.state.devices.get(id)!.params).toHaveLength(1);
  });

  it('still routes ordinary paths, percent-encoded or with a trailing slash', async () => {
    const get = await rawRequest(
      emu.url,
      'GET',
      `/device/${id.slice(0, 4)}%${id.charCodeAt(4).toString(16)}${id.slice(5)}/`,
      { token: PROFILE },
    );
    expect(get.status).toBe(200);
    expect(JSON.parse(get.body).result.id).toBe(id);
    const del = await rawRequest(emu.url, 'DELETE', `/device/${id}/params/${PARAM_ID}`, { token: PROFILE });
    expect(JSON.parse(del.body)).toEqual({ status: true, result: 'Params Successfully Removed' });
    expect(emu.state.devices.get(id)!.params).toHaveLength(0);
  });
});

describe('device creation never registers an existing token', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ devices: seedDevices(), rateLimits: false });
  });
  afterAll(() => emu?.stop());

  const existing = () => [...emu.state.tokens.keys()];
  const kinds = () => new Map([...emu.state.tokens].map(([t, e]) => [t, `${e.kind}:${e.deviceId ?? ''}`]));
  const post = (path: string, token: string, body: unknown) =>
    fetch(`${emu.url}${path}`, {
      method: 'POST',
      headers: { token, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('POST /device refuses a chosen token, tokens list, id or profile, and answers a new random token', async () => {
    const before = kinds();
    const devices = emu.state.devices.size;
    const wanted = { name: 'Hijacker', network: NETWORK_ID, connector: CONNECTOR_ID };
    const chosen = {
      ...wanted,
      id: DEFAULT_DEVICE.id,
      profile: '000000000000000000000000',
      token: DEFAULT_TOKENS.network,
      tokens: [DEFAULT_TOKENS.analysis, { token: DEFAULT_TOKENS.runUser }, DEFAULT_DEVICE.token],
    };
    // The body is closed: each key the caller may not choose is refused by name, and nothing is registered.
    const refused = await post('/device', PROFILE, chosen);
    expect(refused.status).toBe(400);
    const { field_errors } = await refused.json();
    // The emulator names at most three errors per field.
    for (const key of ['id', 'profile', 'token'])
      expect(field_errors.body).toContain(`body must NOT have additional properties ('${key}')`);
    expect(emu.state.devices.size).toBe(devices);
    for (const [t, k] of before) expect(kinds().get(t), t.slice(0, 2)).toBe(k);

    const res = await post('/device', PROFILE, wanted);
    expect(res.status).toBe(201);
    const { result } = await res.json();
    expect(existing().filter((t) => t === result.token)).toHaveLength(1);
    expect(before.has(result.token)).toBe(false);
    expect(result.token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Random, not derived from the (public) id: the old token began with the id's first 8 hex digits.
    expect(result.token.replaceAll('-', '')).not.toContain(result.device_id.slice(0, 8));
    expect(result.device_id).not.toBe(DEFAULT_DEVICE.id);
    // Every token that existed keeps its kind and owner, and the seeded device is untouched.
    for (const [t, k] of before) expect(kinds().get(t), t.slice(0, 2)).toBe(k);
    expect(emu.state.devices.get(DEFAULT_DEVICE.id)!.name).toBe(DEFAULT_DEVICE.name);
    const info = await fetch(`${emu.url}/info`, { headers: { token: DEFAULT_TOKENS.analysis } });
    expect((await info.json()).result.name).toBe('Emulated analysis');
  });

  it('POST /integration/network/device does the same with a network token', async () => {
    const before = kinds();
    const wanted = { name: 'Gateway child', connector: CONNECTOR_ID, type: 'mutable' };
    const refused = await post('/integration/network/device', DEFAULT_TOKENS.network, {
      ...wanted,
      tokens: [PROFILE],
      token: DEFAULT_TOKENS.serviceAuthorization,
    });
    expect(refused.status).toBe(400);
    expect((await refused.json()).field_errors.body).toContain("body must NOT have additional properties ('tokens')");
    for (const [t, k] of before) expect(kinds().get(t)).toBe(k);
    const res = await post('/integration/network/device', DEFAULT_TOKENS.network, wanted);
    const text = await res.text();
    expect(res.status, text).toBe(201);
    const { result } = JSON.parse(text);
    expect(before.has(result.token)).toBe(false);
    for (const [t, k] of before) expect(kinds().get(t)).toBe(k);
  });

  it('the control route answers 409 for an existing token or device id, and registers nothing', async () => {
    const before = kinds();
    const devices = emu.state.devices.size;
    for (const seed of [
      { name: 'x', token: PROFILE },
      { name: 'x', token: ['fresh-1', 'fresh-1'] },
      { id: DEFAULT_DEVICE.id },
    ]) {
      const res = await fetch(`${emu.url}/__emulator/devices`, { method: 'POST', body: JSON.stringify(seed) });
      expect(res.status).toBe(409);
      expect((await res.json()).message).toMatch(/^(Token|Device id) already exists/);
    }
    expect(kinds()).toEqual(before);
    expect(emu.state.devices.size).toBe(devices);
  });

  it('the store refuses a duplicate token of any kind, and so do the start options', async () => {
    expect(() => emu.state.createDevice({ token: DEFAULT_TOKENS.analysis })).toThrow('Token already exists');
    expect(() => emu.state.addToken('profile', DEFAULT_DEVICE.token)).toThrow('Token already exists');
    expect(emu.state.tokens.get(DEFAULT_DEVICE.token)).toMatchObject({ kind: 'device' });
    await expect(startEmulator({ tokens: { profile: 'same', analysis: 'same' } })).rejects.toThrow(
      'Token already exists',
    );
    await expect(startEmulator({ devices: [{ token: 'p-1' }], tokens: { profile: 'p-1' } })).rejects.toThrow(
      'Token already exists',
    );
  });
});

describe('bodies are capped while they stream, and slow requests time out', () => {
  const CAP = 64 * 1024;
  const TIMEOUT = 300;
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({
      rateLimits: false,
      maxBodyBytes: CAP,
      bodyTimeoutMs: TIMEOUT,
      headersTimeoutMs: TIMEOUT,
    });
  });
  afterAll(() => emu?.stop());

  const head = (extra: string) =>
    `POST /data HTTP/1.1\r\nhost: 127.0.0.1\r\ntoken: ${DEFAULT_DEVICE.token}\r\n` +
    `content-type: application/json\r\n${extra}\r\n`;
  const records = () => emu.state.devices.get(DEFAULT_DEVICE.id)!.data.length;
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('refuses a chunked body as soon as it passes the cap: 413, socket closed, the rest never read', async () => {
    const before = records();
    const { socket, answer, closed } = raw(emu.url);
    socket.write(head('transfer-encoding: chunked\r\n'));
    const chunk = Buffer.concat([
      Buffer.from(`${(64 * 1024).toString(16)}\r\n`),
      Buffer.alloc(64 * 1024, 0x20),
      Buffer.from('\r\n'),
    ]);
    const total = 1_024; // 64 MiB offered; the old reader took it all before answering
    let sent = 0;
    let answered = false;
    void answer.then(() => (answered = true));
    for (; sent < total && !answered && !socket.destroyed; sent++) {
      if (!socket.write(chunk)) await Promise.race([new Promise((r) => socket.once('drain', r)), pause(200)]);
    }
    if (!socket.destroyed) socket.write('0\r\n\r\n');
    const a = await answer;
    expect(a.status).toBe(413);
    expect(JSON.parse(a.body)).toEqual({ status: false, message: `Request body too large: the limit is ${CAP} bytes` });
    expect(a.headers['connection']).toBe('close');
    expect(await closed).toBeGreaterThanOrEqual(0);
    // What the kernel buffers took, at most a few MiB, not the 64 MiB the client had to send.
    expect(sent).toBeLessThan(total / 4);
    expect(records()).toBe(before);
  });

  it('refuses a content-length over the cap at once, before any of the body is sent', async () => {
    for (const expect100 of [false, true]) {
      const { socket, answer, closed } = raw(emu.url);
      socket.write(head(`content-length: ${100 * 1024 * 1024}\r\n${expect100 ? 'expect: 100-continue\r\n' : ''}`));
      const a = await answer;
      expect(a.status).toBe(413);
      expect(JSON.parse(a.body).message).toBe(`Request body too large: the limit is ${CAP} bytes`);
      expect(a.ms).toBeLessThan(TIMEOUT);
      expect(await closed).toBeGreaterThanOrEqual(0);
    }
  });

  it('still reads a body just under the cap', async () => {
    const body = JSON.stringify(Array.from({ length: 2_000 }, () => ({ variable: 'v', value: 1 })));
    expect(body.length).toBeLessThan(CAP);
    const a = await rawRequest(
      emu.url,
      'POST',
      '/data',
      { token: DEFAULT_DEVICE.token, 'content-type': 'application/json' },
      body,
    );
    expect(JSON.parse(a.body)).toEqual({ status: true, result: '2000 Data Added' });
  });

  it('answers 408 and closes when the body stops, or trickles, past bodyTimeoutMs', async () => {
    const before = records();
    for (const trickle of [false, true]) {
      const { socket, answer, closed } = raw(emu.url);
      socket.write(`${head('content-length: 100\r\n')}[{"variable":"x"`);
      for (let i = 0; trickle && i < 40 && !socket.destroyed; i++) {
        socket.write(' ');
        await pause(50);
      }
      const a = await answer;
      expect(a.status).toBe(408);
      expect(JSON.parse(a.body)).toEqual({
        status: false,
        message: `Request timeout: the body did not arrive within ${TIMEOUT} ms`,
      });
      const ms = await closed;
      expect(ms).toBeGreaterThanOrEqual(TIMEOUT - 50);
      expect(ms).toBeLessThan(TIMEOUT + 1_000);
    }
    expect(records()).toBe(before);
  });

  it('answers 408 with the envelope when the headers trickle or never come, within headersTimeoutMs', async () => {
    for (const trickle of [true, false]) {
      const { socket, answer, closed } = raw(emu.url);
      if (trickle) socket.write('GET /info HTTP/1.1\r\nhost: 127.0.0.1\r\n');
      for (let i = 0; trickle && i < 60 && !socket.destroyed; i++) {
        socket.write('x');
        await pause(50);
      }
      const a = await answer;
      expect(a.status).toBe(408);
      expect(JSON.parse(a.body)).toEqual({
        status: false,
        message: `Request timeout: the headers must arrive within ${TIMEOUT} ms`,
      });
      // Node checks its timeouts every headersTimeoutMs / 4 here (every second at most).
      expect(await closed).toBeLessThan(TIMEOUT + 1_000);
    }
  });

  it('keeps an idle keep-alive connection past the headers timeout', async () => {
    const { socket, closed } = raw(emu.url);
    const get = `GET /info HTTP/1.1\r\nhost: 127.0.0.1\r\ntoken: ${DEFAULT_DEVICE.token}\r\n\r\n`;
    let text = '';
    socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
    socket.write(get);
    await pause(3 * TIMEOUT);
    socket.end(get);
    await closed;
    expect(text.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(2);
  });

  it('refuses limits that are not positive integers', async () => {
    await expect(startEmulator({ bodyTimeoutMs: 0 })).rejects.toThrow('bodyTimeoutMs must be a positive integer');
    await expect(startEmulator({ maxBodyBytes: Number.NaN })).rejects.toThrow(
      'maxBodyBytes must be a positive integer',
    );
    await expect(startEmulator({ headersTimeoutMs: -1 })).rejects.toThrow(
      'headersTimeoutMs must be a positive integer',
    );
  });
});

describe('a JSON route takes JSON only, by its content type', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ devices: seedDevices(), rateLimits: false });
  });
  afterAll(() => emu?.stop());

  const newDevice = JSON.stringify({ name: 'Typed', network: NETWORK_ID, connector: CONNECTOR_ID, type: 'mutable' });
  const send = (method: string, target: string, token: string, contentType: string | undefined, body: string) =>
    rawRequest(
      emu.url,
      method,
      target,
      { token, ...(contentType === undefined ? {} : { 'content-type': contentType }) },
      body,
    );
  const stored = () => emu.state.devices.get(DEFAULT_DEVICE.id)!.data.length;

  it.each([
    ['text/plain', 'the content type must be application/json'],
    ['text/plain; charset=application/json', 'the content type must be application/json'],
    ['application/jsonp', 'the content type must be application/json'],
    ['multipart/form-data; boundary=x', 'the content type must be application/json'],
    [undefined, 'the body has no content type; send it as application/json'],
  ])('POST /device with content type %s answers 415 and creates nothing', async (contentType, reason) => {
    const devices = emu.state.devices.size;
    const a = await send('POST', '/device', PROFILE, contentType, newDevice);
    expect(a.status).toBe(415);
    expect(JSON.parse(a.body)).toEqual({
      status: false,
      message: `Error on Body parameters: ${reason}`,
      field_errors: { body: [reason] },
    });
    expect(emu.state.devices.size).toBe(devices);
  });

  it('PUT /device/{id} in text/plain changes nothing', async () => {
    const a = await send('PUT', `/device/${DEFAULT_DEVICE.id}`, PROFILE, 'text/plain', '{"name":"Renamed"}');
    expect(a.status).toBe(415);
    expect(emu.state.devices.get(DEFAULT_DEVICE.id)!.name).toBe(DEFAULT_DEVICE.name);
  });

  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON;charset=UTF-8',
    'application/vnd.tago+json',
  ])('POST /device takes %s', async (contentType) => {
    const a = await send('POST', '/device', PROFILE, contentType, newDevice);
    expect(a.status, a.body).toBe(201);
  });

  it('POST /data stores no record from a text/plain payload (no decoder runs), and refuses other types', async () => {
    const before = stored();
    const plain = await send('POST', '/data', DEFAULT_DEVICE.token, 'text/plain', '{"variable":"x","value":1}');
    expect(JSON.parse(plain.body)).toEqual({ status: true, result: '0 Data Added' });
    const xml = await send('POST', '/data', DEFAULT_DEVICE.token, 'application/xml', '<variable>x</variable>');
    expect(xml.status).toBe(415);
    expect(JSON.parse(xml.body).message).toBe(
      'Error on Body parameters: the content type must be application/json or text/plain',
    );
    const none = await send('POST', '/data', DEFAULT_DEVICE.token, undefined, '{"variable":"x","value":1}');
    expect(none.status).toBe(415);
    expect(stored()).toBe(before);
    const json = await send('POST', '/data', DEFAULT_DEVICE.token, 'application/json', '{"variable":"x","value":1}');
    expect(JSON.parse(json.body)).toEqual({ status: true, result: '1 Data Added' });
    expect(stored()).toBe(before + 1);
  });
});

describe('a query index cannot blow a list up', () => {
  let url: string;
  let child: ChildProcess | undefined;
  beforeAll(async () => {
    ({ url, child } = await spawnEmulator());
  });
  afterAll(() => killChild(child));

  const get = (query: string) =>
    fetch(`${url}/data?${query}`, { headers: { token: DEFAULT_DEVICE.token }, signal: AbortSignal.timeout(2_000) });

  it('answers `variables[40000000]=x` at once: the index is a position, not a length to allocate', async () => {
    // The old emulator walked a sparse array of length 40 000 001 and died of memory exhaustion.
    const started = Date.now();
    const res = await get('variables[40000000]=temperature&variables[4294967294]=humidity');
    expect(res.status).toBe(200);
    expect((await res.json()).result).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect((await get('variables[0]=temperature')).status).toBe(200);
  });
});
