// Token kinds are enforced exactly as each operation's `security` says, and no token leaks into an error, its
// JSON, its stack, the emulator's error bodies or the client's debug log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, TagoError } from '@tagokit/node';
import { TOKEN_KINDS } from '@tagokit/spec-model';
import {
  DEFAULT_DEVICE,
  loadSpec,
  schemeKinds,
  startEmulator,
  type Emulator,
  type FaultKind,
  type TokenKind,
} from '../src/index.mjs';
import { exampleRequest, operations, seedDevices, seedResources, tokenFor } from './helpers.js';

const DENIED = { status: false, message: 'Authorization Denied' };

describe('token kinds per operation', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ devices: seedDevices(), rateLimits: false });
    seedResources(emu.state);
  });
  afterAll(() => emu?.stop());

  // Every kind against a sample of up to 12 operations that accept it and 12 that do not, spread over the spec.
  const sample = (list: typeof operations) =>
    list.filter((_, i) => i % Math.max(1, Math.floor(list.length / 12)) === 0).slice(0, 12);
  const cases: [string, TokenKind | 'none', (typeof operations)[number]][] = [];
  for (const kind of TOKEN_KINDS) {
    for (const op of sample(operations.filter((o) => o.kinds.includes(kind) && o.method !== 'DELETE')))
      cases.push([`${kind} may call ${op.id}`, kind, op]);
    for (const op of sample(operations.filter((o) => o.kinds.length > 0 && !o.kinds.includes(kind))))
      cases.push([`${kind} may not call ${op.id}`, kind, op]);
  }
  for (const op of sample(operations.filter((o) => o.kinds.length > 0)))
    cases.push([`no token may not call ${op.id}`, 'none', op]);

  it('samples every kind both ways', () => {
    for (const kind of TOKEN_KINDS) {
      expect(cases.filter(([, k, op]) => k === kind && op.kinds.includes(kind)).length, kind).toBeGreaterThan(0);
      expect(cases.filter(([, k, op]) => k === kind && !op.kinds.includes(kind)).length, kind).toBeGreaterThan(0);
    }
  });

  it.each(cases)('%s', async (_name, kind, op) => {
    const req = exampleRequest(op);
    const headers: Record<string, string> = {};
    if (kind !== 'none') headers['token'] = tokenFor(kind);
    if (req.contentType) headers['content-type'] = req.contentType;
    const res = await fetch(`${emu.url}${req.path}`, {
      method: op.method,
      headers,
      ...(req.body !== undefined ? { body: req.body } : {}),
    });
    const text = await res.text();
    if (kind !== 'none' && op.kinds.includes(kind)) {
      expect(res.status, text.slice(0, 200)).toBe(op.successStatus);
    } else {
      expect(res.status).toBe(401);
      expect(JSON.parse(text)).toEqual(DENIED);
    }
  });

  it('refuses unknown tokens and tokens of removed devices', async () => {
    const unknown = await fetch(`${emu.url}/data`, { headers: { token: 'p-ffffffff-ffff-4fff-8fff-ffffffffffff' } });
    expect(unknown.status).toBe(401);
    const d = emu.state.createDevice({ name: 'Short-lived' });
    const token = d.tokens[0]!.token;
    expect((await fetch(`${emu.url}/data`, { headers: { token } })).status).toBe(200);
    await fetch(`${emu.url}/device/${d.id}`, { method: 'DELETE', headers: { token: tokenFor('profile') } });
    expect((await fetch(`${emu.url}/data`, { headers: { token } })).status).toBe(401);
  });
});

describe('the token never leaks', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ devices: seedDevices(), rateLimits: { rpm: { 'GET /device/params': 1 } } });
  });
  afterAll(() => emu?.stop());

  const token = DEFAULT_DEVICE.token;
  const profileToken = tokenFor('profile');

  it('from the emulator error bodies', async () => {
    const bodies: string[] = [];
    const get = async (path: string, t: string, init: RequestInit = {}) => {
      const res = await fetch(`${emu.url}${path}`, {
        ...init,
        headers: { token: t, 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      bodies.push(await res.text());
    };
    await get('/device', token); // wrong kind
    await get(`/data?qty=${token}`, token); // invalid query holding the token
    await get(`/device/${token}`, profileToken); // invalid path holding the token
    await get('/data', token, { method: 'POST', body: JSON.stringify({ variable: 7, value: token }) }); // invalid body
    await get('/data', token, { method: 'POST', body: `{"variable":"${token}` }); // broken JSON
    await fetch(`${emu.url}/device/params`, { headers: { token } }); // uses the one request a minute allows
    await get('/device/params', token); // rate limited
    await get(`/nothing/${token}`, token); // no route
    expect(bodies).toHaveLength(7);
    for (const b of bodies) {
      expect(b).not.toContain(token);
      expect(b).not.toContain(profileToken);
    }
  });

  it('from client errors, their JSON and stacks, and the debug log, through every fault', async () => {
    const lines: string[] = [];
    const errors: TagoError[] = [];
    const make = (t: string) =>
      createClient({
        token: t,
        region: { api: emu.url },
        allowInsecureHttp: true,
        maxRetries: 1,
        sleep: async () => {},
        debug: (l) => lines.push(l),
      });
    const device = make(token);
    const profile = make(profileToken);
    const attempt = async (p: PromiseLike<unknown>) => {
      try {
        await p;
      } catch (e) {
        if (!(e instanceof TagoError)) throw e;
        errors.push(e);
      }
    };
    await attempt(device.devices.list()); // 401
    await attempt(device.deviceData.getData({ qty: 0 })); // 400
    await attempt(device.deviceData.sendData({ body: { variable: '', value: token } })); // 400 with the token in the body
    await attempt(profile.devices.get({ deviceID: '000000000000000000000000' })); // 404
    for (const kind of ['http5xx', 'rateLimit', 'resetBefore', 'resetAfter', 'truncated', 'html'] as FaultKind[]) {
      emu.setFaults({ rate: 1, kinds: [kind], burst: 5 });
      await attempt(device.deviceData.sendData({ body: { variable: 'x', value: token } }));
      await attempt(device.deviceData.getData({ variables: [token] }));
    }
    emu.setFaults(null);
    expect(errors.length).toBeGreaterThanOrEqual(14);
    expect(new Set(errors.map((e) => e.code)).size).toBeGreaterThanOrEqual(6);
    expect(lines.length).toBeGreaterThan(10);
    for (const e of errors) {
      for (const text of [e.message, JSON.stringify(e.toJSON()), String(e.stack), JSON.stringify(e)]) {
        expect(text).not.toContain(token);
        expect(text).not.toContain(profileToken);
      }
    }
    for (const l of lines) {
      expect(l).not.toContain(token);
      expect(l).not.toContain(profileToken);
    }
  });
});

describe('the spec', () => {
  it('is read and indexed once per process and path', () => {
    expect(loadSpec()).toBe(loadSpec());
  });
});

describe('token kinds of the spec', () => {
  it("reads each scheme's x-tago-token-kind and refuses a scheme without one", () => {
    expect(
      schemeKinds({
        components: { securitySchemes: { deviceToken: { type: 'apiKey', 'x-tago-token-kind': 'device' } } },
      }),
    ).toEqual({ deviceToken: 'device' });
    expect(() => schemeKinds({ components: { securitySchemes: { bearer: { type: 'http' } } } })).toThrow(
      'security scheme "bearer": x-tago-token-kind must be one of profile, device, analysis, network, runUser, serviceAuthorization (got undefined)',
    );
  });
});
