import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClient, OPERATION_IDS, TagoValidationError, type TagoClient } from '../src/index.js';
import { DEVICE_TOKEN, envelope, PROFILE_TOKEN, recorder } from './helpers.js';

describe('the Node client on the wire', () => {
  it('sends device data exactly as TagoIO expects', async () => {
    const { transport, requests } = recorder(envelope('2 Data Added'));
    const client = createClient({ token: DEVICE_TOKEN, tokenKind: 'device', transport });
    const result = await client.deviceData.sendData({
      body: [
        { variable: 'temperature', value: 21.5, unit: 'C' },
        { variable: 'humidity', value: 40 },
      ],
    });
    expect(result).toBe('2 Data Added');
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      method: 'POST',
      url: 'https://api.us-e1.tago.io/data',
      headers: { accept: 'application/json', 'content-type': 'application/json', token: DEVICE_TOKEN },
      body: '[{"variable":"temperature","value":21.5,"unit":"C"},{"variable":"humidity","value":40}]',
    });
  });

  it("serializes list queries in TagoIO's bracket convention", async () => {
    const { transport, requests } = recorder(envelope([]));
    const client = createClient({ token: PROFILE_TOKEN, tokenKind: 'profile', region: 'eu-w1', transport });
    await client.devices.list({
      page: 2,
      amount: 50,
      fields: ['id', 'name'],
      filter: { tags: [{ key: 'type', value: 'sensor' }] },
      orderBy: 'name,asc',
    });
    expect(requests[0]!.url).toBe(
      'https://api.eu-w1.tago.io/device?page=2&amount=50&fields[0]=id&fields[1]=name&filter[tags][0][key]=type&filter[tags][0][value]=sensor&orderBy=name%2Casc',
    );
    expect(requests[0]!.body).toBeUndefined();
  });

  it('fills path parameters', async () => {
    const { transport, requests } = recorder(envelope({ id: '5dcad1c216174c001ca23ab9' }));
    const client = createClient({ token: PROFILE_TOKEN, transport });
    await client.devices.get({ deviceID: '5dcad1c216174c001ca23ab9' });
    expect(requests[0]!.url).toBe('https://api.us-e1.tago.io/device/5dcad1c216174c001ca23ab9');
  });

  it('keeps the slashes of a file path and refuses dot segments', async () => {
    const { transport, requests } = recorder(envelope('https://signed.example/x'));
    const client = createClient({ token: PROFILE_TOKEN, transport });
    await client.files.get({
      profileID: '61fab40aa5c9f40012a5ff93',
      path: 'reports/2024/jan report.csv',
      noRedirect: true,
    });
    expect(requests[0]!.url).toBe(
      'https://api.us-e1.tago.io/file/61fab40aa5c9f40012a5ff93/reports/2024/jan%20report.csv?noRedirect=true',
    );
    await expect(
      client.files.get({ profileID: '61fab40aa5c9f40012a5ff93', path: '../../account' }),
    ).rejects.toMatchObject({ code: 'path_param_invalid', field: 'path' });
    expect(requests).toHaveLength(1);
  });

  it('sends no token on public routes', async () => {
    const { transport, requests } = recorder(envelope({ version: '9.1.19' }));
    const client = createClient({ transport });
    expect(await client.info.status()).toEqual({ version: '9.1.19' });
    expect(requests[0]!.headers['token']).toBeUndefined();
  });

  it('returns raw bodies of routes outside the envelope', async () => {
    const raw = {
      message: 'Backup started',
      profile: '5bbcb03b667d7a002e56664b',
      backup_id: '65a0f1c2e4b0a1b2c3d4e5f6',
    };
    const { transport } = recorder({ status: 200, headers: {}, body: JSON.stringify(raw) });
    const client = createClient({ token: PROFILE_TOKEN, transport });
    expect(await client.profiles.createBackup({ profileID: '5bbcb03b667d7a002e56664b' })).toEqual(raw);
  });

  it('gives the warning, status and headers with withResponse()', async () => {
    const { transport } = recorder({
      ...envelope([], { message: 'Only the first 10 000 records were returned' }),
      headers: { 'x-request-id': 'r-1' },
    });
    const client = createClient({ token: DEVICE_TOKEN, tokenKind: 'device', transport });
    const answer = await client.deviceData.getData({ qty: 10000 }).withResponse();
    expect(answer).toEqual({
      data: [],
      warning: 'Only the first 10 000 records were returned',
      status: 200,
      headers: { 'x-request-id': 'r-1' },
      attempts: 1,
    });
  });

  it('passes per-call headers, and refuses unsafe ones', async () => {
    const { transport, requests } = recorder(envelope({}));
    const client = createClient({ token: DEVICE_TOKEN, tokenKind: 'device', transport });
    await client.info.getTokenInfo(undefined, { headers: { 'x-trace-id': 'abc' } });
    expect(requests[0]!.headers['x-trace-id']).toBe('abc');
    await expect(client.info.getTokenInfo(undefined, { headers: { 'x-trace-id': 'a\r\nb' } })).rejects.toMatchObject({
      code: 'header_value_invalid',
    });
  });
});

const DASHBOARD = '5dcad1c216174c001ca23ab9';

describe('bad input is refused before sending', () => {
  const device = () => {
    const r = recorder(envelope('ok'));
    return { ...r, client: createClient({ token: DEVICE_TOKEN, tokenKind: 'device', transport: r.transport }) };
  };

  it('names a missing path parameter', async () => {
    const { transport, requests } = recorder(envelope({}));
    const client = createClient({ token: PROFILE_TOKEN, transport });
    const error = await client.devices.get({} as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TagoValidationError);
    expect(error).toMatchObject({
      code: 'path_param_missing',
      field: 'deviceID',
      message: 'getDevice: missing required path parameter "deviceID"',
    });
    expect(requests).toHaveLength(0);
  });

  it('refuses a path parameter that is not a string or a finite number', async () => {
    const { transport, requests } = recorder(envelope({}));
    const client = createClient({ token: PROFILE_TOKEN, transport });
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, { id: 1 }]) {
      const error = await client.devices.get({ deviceID: bad } as never).catch((e: unknown) => e);
      expect(error).toMatchObject({
        name: 'TagoValidationError',
        code: 'path_param_invalid',
        field: 'deviceID',
        message: 'getDevice: path parameter "deviceID" must be a string or a finite number',
      });
    }
    // The engine itself refuses the same values in a request built by hand.
    const raw = await client.core
      .request({ method: 'GET', path: '/device/{deviceID}', pathParams: { deviceID: Number.NaN } })
      .catch((e: unknown) => e);
    expect(raw).toMatchObject({
      code: 'path_param_invalid',
      message: 'Path parameter "deviceID" must be a string or a finite number',
    });
    expect(requests).toHaveLength(0);
  });

  it('names a missing required query parameter', async () => {
    const { transport, requests } = recorder(envelope('ok'));
    const client = createClient({ token: 'n-5c2d9a7e-1b3f-4e6a-8d0c-9f1e2a3b4c5d', tokenKind: 'network', transport });
    await expect(
      client.networkIntegration.sendNetworkData({ body: [{ variable: 'x' }] } as never),
    ).rejects.toMatchObject({
      code: 'query_param_missing',
      field: 'authorization_token',
    });
    expect(requests).toHaveLength(0);
  });

  it('refuses a missing body, a body of the wrong shape and a record without variable', async () => {
    const { client, requests } = device();
    await expect(client.deviceData.sendData({} as never)).rejects.toMatchObject({
      code: 'body_missing',
      field: 'body',
    });
    await expect(client.deviceData.sendData({ body: 'x' as never })).rejects.toMatchObject({
      code: 'body_invalid',
      message: 'sendData: body must be object or array, got string',
    });
    await expect(
      client.deviceData.sendData({ body: [{ variable: 'a' }, { value: 1 } as never] }),
    ).rejects.toMatchObject({ code: 'body_field_missing', field: 'body[1].variable' });
    expect(requests).toHaveLength(0);
  });

  it('refuses a misspelt body key, naming it and the closest known one; open bodies take any key', async () => {
    const { transport, requests } = recorder(envelope('Successfully Updated'), envelope('1 item(s) added'));
    const client = createClient({ token: PROFILE_TOKEN, tokenKind: 'profile', transport });
    // @ts-expect-error `lable` is not a key of DashboardEdit (the spec closes the body)
    const error = await client.dashboards.update({ dashboardID: DASHBOARD, body: { lable: 'Plant' } }).catch((e) => e);
    expect(error).toBeInstanceOf(TagoValidationError);
    expect(error).toMatchObject({
      code: 'body_field_unknown',
      field: 'body.lable',
      message: 'updateDashboard: body has no field "lable"; did you mean "label"?',
    });
    expect(requests).toHaveLength(0);
    // Entity rows are open on purpose (the entity's own columns): any key goes through.
    await client.entities.sendData({ entityID: DASHBOARD, body: [{ temperature: 21 }] });
    expect(requests).toHaveLength(1);
    expect(JSON.parse(String(requests[0]!.body))).toEqual([{ temperature: 21 }]);
  });

  it('refuses unknown arguments', async () => {
    const { client, requests } = device();
    await expect(client.deviceData.getData({ qtty: 5 } as never)).rejects.toMatchObject({
      code: 'arg_unknown',
      field: 'qtty',
    });
    expect(requests).toHaveLength(0);
  });

  it('refuses, at run time too, an operation the token kind cannot call', async () => {
    const { client, requests } = device();
    const untyped = client as unknown as TagoClient;
    await expect(untyped.devices.list()).rejects.toMatchObject({
      code: 'token_kind_mismatch',
      message: 'listDevices does not accept a device token (it accepts: profile, analysis)',
    });
    expect(requests).toHaveLength(0);
  });
});

describe('auto-pagination', () => {
  it('walks page/amount lists with for await and stops at a short page', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({ id: String(i).padStart(24, '0'), name: `d${i}` }));
    const { transport, requests } = recorder((req) => {
      const page = Number(new URL(req.url).searchParams.get('page'));
      return envelope(rows.slice((page - 1) * 2, page * 2));
    });
    const client = createClient({ token: PROFILE_TOKEN, transport });
    const seen: string[] = [];
    for await (const device of client.devices.list({ amount: 2, fields: ['id', 'name'] })) seen.push(device.name!);
    expect(seen).toEqual(['d0', 'd1', 'd2', 'd3', 'd4']);
    expect(requests.map((r) => r.url.replace('https://api.us-e1.tago.io', ''))).toEqual([
      '/device?amount=2&fields[0]=id&fields[1]=name&page=1',
      '/device?amount=2&fields[0]=id&fields[1]=name&page=2',
      '/device?amount=2&fields[0]=id&fields[1]=name&page=3',
    ]);
  });

  it('walks data with qty/skip', async () => {
    const records = Array.from({ length: 7 }, (_, i) => ({
      id: String(i).padStart(24, '0'),
      variable: 't',
      value: i,
      time: '2024-01-01T00:00:00.000Z',
    }));
    const { transport, requests } = recorder((req) => {
      const q = new URL(req.url).searchParams;
      const skip = Number(q.get('skip'));
      return envelope(records.slice(skip, skip + Number(q.get('qty'))));
    });
    const client = createClient({ token: DEVICE_TOKEN, tokenKind: 'device', transport });
    const values: unknown[] = [];
    for await (const r of client.deviceData.getData({ variables: 't', qty: 3 })) values.push(r.value);
    expect(values).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(requests.map((r) => new URL(r.url).search)).toEqual([
      '?variables=t&qty=3&skip=0',
      '?variables=t&qty=3&skip=3',
      '?variables=t&qty=3&skip=6',
    ]);
  });

  it('awaited, a paged method gives the one page asked for', async () => {
    const { transport, requests } = recorder(envelope([{ id: '5dcad1c216174c001ca23ab9' }]));
    const client = createClient({ token: PROFILE_TOKEN, transport });
    expect(await client.devices.list({ page: 3 })).toEqual([{ id: '5dcad1c216174c001ca23ab9' }]);
    expect(requests).toHaveLength(1);
  });
});

describe('coverage', () => {
  it('exposes every operation of the bundled spec as a method (trailing-slash variants excepted)', () => {
    const spec = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', '..', '..', 'specs', 'dist', 'tagoio.openapi.json'), 'utf8'),
    );
    const ids: string[] = [];
    const methods: [string, string][] = [];
    type RawOp = { operationId?: string; tags?: string[]; 'x-tago-method'?: string; 'x-tago-path-variant-of'?: string };
    for (const item of Object.values<Record<string, RawOp>>(spec.paths)) {
      for (const op of Object.values(item)) {
        // A variant is its canonical operation with a slash; the client sends the canonical path.
        if (op && typeof op === 'object' && op.operationId && !op['x-tago-path-variant-of']) {
          ids.push(op.operationId);
          methods.push([op.tags![0]!, op['x-tago-method']!]);
        }
      }
    }
    expect([...OPERATION_IDS].sort()).toEqual(ids.sort());
    const client = createClient({ token: PROFILE_TOKEN }) as unknown as Record<string, Record<string, unknown>>;
    const groupOf = (tag: string) =>
      Object.keys(client).find((g) => g.toLowerCase() === tag.replace(/[^A-Za-z]/g, '').toLowerCase())!;
    for (const [tag, method] of methods)
      expect(typeof client[groupOf(tag)]?.[method], `${tag}.${method}`).toBe('function');
    expect(ids.length).toBeGreaterThanOrEqual(265);
  });
});
