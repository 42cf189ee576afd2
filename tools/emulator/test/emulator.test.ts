import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import fc from 'fast-check';
import { createClient, type Data, type DataAggregate, type TagoError } from '@tagokit/node';
import {
  DEFAULT_DEVICE,
  DEFAULT_TOKENS,
  FaultPlan,
  normalizeFaults,
  rpmFor,
  startEmulator,
  type Emulator,
} from '../src/index.mjs';
import { PARAM_ID, printedUrl, seedDevices, tokenFor } from './helpers.js';

const quickSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 5)));

function clients(url: string) {
  const base = { region: { api: url }, allowInsecureHttp: true, sleep: quickSleep } as const;
  return {
    device: createClient({ ...base, token: DEFAULT_DEVICE.token, tokenKind: 'device' }),
    profile: createClient({ ...base, token: DEFAULT_TOKENS.profile, tokenKind: 'profile' }),
    any: (token: string) => createClient({ ...base, token, maxRetries: 0 }),
  };
}

describe('device data', () => {
  let emu: Emulator;
  let c: ReturnType<typeof clients>;
  // Reads answer records or a number depending on `query`; the tests know which.
  const data = (args?: Parameters<ReturnType<typeof clients>['device']['deviceData']['getData']>[0]): Promise<any> =>
    c.device.deviceData.getData(args) as unknown as Promise<any>;
  beforeAll(async () => {
    emu = await startEmulator({ devices: seedDevices(), rateLimits: false });
    c = clients(emu.url);
    await c.device.deviceData.sendData({
      body: [
        { variable: 'temperature', value: 20, time: '2024-01-01T00:00:00Z', group: 'g1' },
        { variable: 'temperature', value: 21, time: '2024-01-02T00:00:00Z', group: 'g1' },
        { variable: 'Humidity', value: 40, time: '2024-01-02 12:00:00', group: 'g2', location: { lat: 10, lng: 20 } },
        { variable: 'temperature', value: 23, time: '2024-01-03T00:00:00Z', group: 'g2', metadata: { source: 'x' } },
      ],
    });
  });
  afterAll(() => emu?.stop());

  it('answers newest first by default, with qty, skip and ordination', async () => {
    const all = await data();
    expect(all.map((r: any) => r.value)).toEqual([23, 40, 21, 20]);
    expect(all[1]).toMatchObject({
      variable: 'humidity',
      location: { type: 'Point', coordinates: [20, 10] },
      device: DEFAULT_DEVICE.id,
    });
    expect((await data({ qty: 2, skip: 1 })).map((r: any) => r.value)).toEqual([40, 21]);
    expect((await data({ ordination: 'ascending', qty: 2 })).map((r: any) => r.value)).toEqual([20, 21]);
  });

  it('filters by variables, groups, ids and dates', async () => {
    expect((await data({ variables: ['temperature'] })).map((r: any) => r.value)).toEqual([23, 21, 20]);
    expect((await data({ groups: ['g2'] })).map((r: any) => r.value)).toEqual([23, 40]);
    const [first] = await data({ qty: 1 });
    expect((await data({ ids: [first!.id] })).map((r: any) => r.value)).toEqual([23]);
    const window = await data({ start_date: '2024-01-02', end_date: '2024-01-02' });
    expect(window.map((r: any) => r.value)).toEqual([40, 21]);
    // qty counts per variable when several are named.
    expect((await data({ variables: ['temperature', 'humidity'], qty: 1 })).map((r: any) => r.value)).toEqual([23, 40]);
  });

  it('answers last_*, first_* and count modes', async () => {
    expect((await data({ query: 'last_value', variables: ['temperature'] })).map((r: any) => r.value)).toEqual([23]);
    expect((await data({ query: 'first_item', variables: ['temperature'] })).map((r: any) => r.value)).toEqual([20]);
    expect((await data({ query: 'last_location' })).map((r: any) => r.value)).toEqual([40]);
    expect(await data({ query: 'count', variables: ['temperature'] })).toBe(3);
    const withDetails = await data({ qty: 1, details: true });
    expect(withDetails[0]).toHaveProperty('created_at');
  });

  it('answers min and max as records (one per variable), count, sum and avg as numbers, aggregate as buckets', async () => {
    const read = c.device.deviceData;
    // The typed overloads say the same (x-tago-result-by-query): records, numbers and buckets, no casts.
    const max = await read.getData({ query: 'max' });
    expectTypeOf(max).toEqualTypeOf<Data[]>();
    expect(max.map((r) => [r.variable, r.value])).toEqual([
      ['temperature', 23],
      ['humidity', 40],
    ]);
    expect(max[0]).toMatchObject({ time: '2024-01-03T00:00:00.000Z', group: 'g2', device: DEFAULT_DEVICE.id });
    const min = await read.getData({ query: 'min', variables: ['temperature'] });
    expect(min.map((r) => r.value)).toEqual([20]);
    const sum = await read.getData({ query: 'sum', variables: ['temperature'], start_date: '2024-01-01' });
    expectTypeOf(sum).toEqualTypeOf<number>();
    expect(sum).toBe(64);
    expect(await read.getData({ query: 'avg', variables: ['temperature'], start_date: '2024-01-01' })).toBeCloseTo(
      64 / 3,
    );
    expect(await read.getData({ query: 'count' })).toBe(4);
    const buckets = await read.getData({
      query: 'aggregate',
      interval: 'day',
      function: 'max',
      variables: ['temperature'],
    });
    expectTypeOf(buckets).toEqualTypeOf<DataAggregate[]>();
    expect(buckets).toEqual([
      { time: '2024-01-03T00:00:00.000Z', value: 23 },
      { time: '2024-01-02T00:00:00.000Z', value: 21 },
      { time: '2024-01-01T00:00:00.000Z', value: 20 },
    ]);
  });

  it('leaves values not stored as numbers out of min, max, sum and avg', async () => {
    await c.device.deviceData.sendData({
      body: [
        { variable: 'mixed', value: '90', time: '2024-02-01T00:00:00Z' },
        { variable: 'mixed', value: true, time: '2024-02-02T00:00:00Z' },
        { variable: 'mixed', value: 5, time: '2024-02-03T00:00:00Z' },
      ],
    });
    const args = { variables: 'mixed', start_date: '2024-02-01' };
    try {
      expect((await c.device.deviceData.getData({ ...args, query: 'max' })).map((r) => r.value)).toEqual([5]);
      expect((await c.device.deviceData.getData({ ...args, query: 'min' })).map((r) => r.value)).toEqual([5]);
      expect(await c.device.deviceData.getData({ ...args, query: 'sum' })).toBe(5);
      expect(await c.device.deviceData.getData({ ...args, query: 'avg' })).toBe(5);
      expect(await c.device.deviceData.getData({ ...args, query: 'count' })).toBe(3);
    } finally {
      await c.device.deviceData.deleteData({ variables: ['mixed'], qty: 10 });
    }
  });

  it('edits and deletes records', async () => {
    const [latest] = await data({ qty: 1 });
    expect(await c.device.deviceData.editData({ body: [{ id: latest!.id, value: 99 }] })).toBe('1 item(s) updated');
    expect((await data({ qty: 1 }))[0]!.value).toBe(99);
    expect(await c.device.deviceData.deleteData({ ids: [latest!.id] })).toBe('1 Data Removed');
    expect(await data({ query: 'count' })).toBe(3);
  });

  it('refuses invalid requests with a 400 that names the field', async () => {
    const res = await fetch(`${emu.url}/data?qty=0`, { headers: { token: DEFAULT_DEVICE.token } });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ status: false, field_errors: { qty: [expect.stringContaining('qty')] } });
    expect(body.message).toContain('qty');
    const bad = await fetch(`${emu.url}/data`, {
      method: 'POST',
      headers: { token: DEFAULT_DEVICE.token, 'content-type': 'application/json' },
      body: JSON.stringify([{ value: 1 }]),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toMatch(/variable/);
    await expect(c.device.deviceData.sendData({ body: [{ variable: '' }] })).rejects.toMatchObject({
      status: 400,
      mayHaveBeenProcessed: false,
    });
  });
});

describe('the newest-first read stays right', () => {
  it("after a record's time is edited, and when an empty filter comes before a real one", async () => {
    const emu = await startEmulator({ devices: seedDevices(), rateLimits: false });
    try {
      const c = clients(emu.url);
      await c.device.deviceData.sendData({
        body: [1, 2, 3].map((n) => ({ variable: 'v', value: n, time: `2024-01-0${n}T00:00:00Z` })),
      });
      const read = async (args: Record<string, unknown> = {}) =>
        ((await c.device.deviceData.getData(args as never)) as unknown as { value: number; id: string }[]).map(
          (r) => r.value,
        );
      expect(await read()).toEqual([3, 2, 1]);
      const records = (await c.device.deviceData.getData({ ordination: 'ascending' })) as unknown as { id: string }[];
      // Record 1 moves to the newest time: the answer follows the times, not the order they were stored in.
      await c.device.deviceData.editData({ body: { id: records[0]!.id, time: '2024-01-09T00:00:00Z' } });
      expect(await read()).toEqual([1, 3, 2]);
      // An empty `groups=` narrows nothing, but the `ids` after it still does.
      expect(await read({ groups: '', ids: [records[1]!.id] })).toEqual([2]);
    } finally {
      await emu.stop();
    }
  });
});

describe('devices, parameters and /info', () => {
  let emu: Emulator;
  let c: ReturnType<typeof clients>;
  beforeAll(async () => {
    emu = await startEmulator({ devices: seedDevices() });
    c = clients(emu.url);
  });
  afterAll(() => emu?.stop());

  it('creates a device whose token can send data', async () => {
    const created = await c.profile.devices.create({
      body: {
        name: 'New one',
        network: '5bbd120d4051a50034cd1a05',
        connector: '5f5a8f3351d4db99c40ded2d',
        type: 'mutable',
      },
    });
    const dev = c.any(created.token!);
    expect(await dev.deviceData.sendData({ body: { variable: 'x', value: 1 } })).toBe('1 Data Added');
    expect(emu.state.devices.get(created.device_id!)!.data).toHaveLength(1);
    expect((await c.profile.devices.get({ deviceID: created.device_id! })).name).toBe('New one');
    expect((await c.profile.devices.list({ fields: ['id', 'name'] })).map((d) => d.name)).toContain('New one');
  });

  it('creates a device with a network token, in the network, whose token can send data', async () => {
    const network = c.any(tokenFor('network'));
    const created = await network.networkIntegration.createDeviceUsingNetwork({
      body: {
        name: 'From the network',
        type: 'mutable',
        connector: '5f5a8f3351d4db99c40ded2d',
        serie_number: 'SN-0042',
      },
    });
    const stored = emu.state.devices.get(created.device_id!)!;
    expect(stored).toMatchObject({
      name: 'From the network',
      network: '5bbd120d4051a50034cd1a05',
      serie_number: 'SN-0042',
    });
    expect(await c.any(created.token).deviceData.sendData({ body: { variable: 'x', value: 2 } })).toBe('1 Data Added');
    // The serial now resolves to the new device's token for the same network.
    expect(await network.networkIntegration.resolveNetworkDeviceToken({ serial: 'SN-0042' })).toBe(created.token);
  });

  it('delivers configuration parameters and records their acknowledgement', async () => {
    await c.profile.devices.setParams({
      deviceID: DEFAULT_DEVICE.id,
      body: [{ key: 'firmware', value: '1.4.2', sent: false }],
    });
    const unread = await c.device.deviceData.listConfigParams({ sent_status: false });
    expect(unread.map((p) => p.key).sort()).toEqual(['firmware', 'param1']);
    expect(await c.device.deviceData.markConfigParamRead({ paramID: PARAM_ID, body: { sent: true } })).toBe(
      'Params Successfully Updated',
    );
    expect((await c.device.deviceData.listConfigParams({ sent_status: false })).map((p) => p.key)).toEqual([
      'firmware',
    ]);
    const account = await c.profile.devices.listParams({ deviceID: DEFAULT_DEVICE.id });
    expect(account.find((p) => p.id === PARAM_ID)).toMatchObject({ sent: true });
    await expect(
      c.device.deviceData.markConfigParamRead({ paramID: '000000000000000000000000', body: { sent: true } }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('answers /info with the owner of each kind of token', async () => {
    expect(await c.device.info.getTokenInfo()).toMatchObject({ id: DEFAULT_DEVICE.id, name: DEFAULT_DEVICE.name });
    expect(await c.any(DEFAULT_TOKENS.analysis).info.getTokenInfo()).toMatchObject({
      name: expect.any(String),
      run_on: 'external',
    });
    expect(await c.any(DEFAULT_TOKENS.network).info.getTokenInfo()).toHaveProperty('name');
    expect(await c.any(DEFAULT_TOKENS.profile).info.getTokenInfo()).toHaveProperty('id');
    await expect(c.any(DEFAULT_TOKENS.runUser).info.getTokenInfo()).rejects.toMatchObject({ status: 401 });
  });

  // The one test of the former names (kept, @deprecated, for one minor version; naming.test.ts in packages/node
  // checks the tags): each still reaches the same operation as its new name.
  it('still answers the deprecated former names as their new ones', async () => {
    const network = c.any(tokenFor('network'));
    const made = await network.networkIntegration.createDevice({
      body: { name: 'Former names', type: 'mutable', connector: '5f5a8f3351d4db99c40ded2d', serie_number: 'SN-0043' },
    });
    expect(emu.state.devices.get(made.device_id!)).toMatchObject({ name: 'Former names', serie_number: 'SN-0043' });
    expect(await network.networkIntegration.resolveToken({ serial: 'SN-0043' })).toBe(made.token);

    await c.profile.devices.setParams({
      deviceID: DEFAULT_DEVICE.id,
      body: [{ key: 'former', value: '1', sent: false }],
    });
    const unread = await c.device.deviceData.listParams({ sent_status: false });
    expect(unread).toEqual(await c.device.deviceData.listConfigParams({ sent_status: false }));
    const former = unread.find((p) => p.key === 'former')!;
    expect(await c.device.deviceData.markParamRead({ paramID: former.id, body: { sent: true } })).toBe(
      'Params Successfully Updated',
    );
    expect((await c.device.deviceData.listConfigParams({ sent_status: false })).map((p) => p.key)).not.toContain(
      'former',
    );

    expect(await c.device.info.get()).toEqual(await c.device.info.getTokenInfo());
  });
});

describe('rate limits', () => {
  it('answers 429 with the documented body and Retry-After until the calendar minute ends', async () => {
    let now = Date.UTC(2025, 0, 1, 12, 45, 9);
    const emu = await startEmulator({ rateLimits: { rpm: { 'POST /data': 3 }, now: () => now } });
    try {
      const post = () =>
        fetch(`${emu.url}/data`, {
          method: 'POST',
          headers: { token: DEFAULT_DEVICE.token, 'content-type': 'application/json' },
          body: '{"variable":"x"}',
        });
      for (let i = 0; i < 3; i++) expect((await post()).status).toBe(200);
      const limited = await post();
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('51');
      expect(await limited.json()).toEqual({ status: false, message: 'Too many requests (Retry-After: 51)' });
      // Another token has its own count; the next minute starts afresh.
      const other = await fetch(`${emu.url}/data`, { headers: { token: DEFAULT_DEVICE.token } });
      expect(other.status).toBe(200);
      now = Date.UTC(2025, 0, 1, 12, 46, 0);
      expect((await post()).status).toBe(200);
    } finally {
      await emu.stop();
    }
  });

  it('uses the documented table by plan', () => {
    expect(rpmFor('POST /data', { plan: 'free' })).toBe(250);
    expect(rpmFor('POST /data', { plan: 'scale' })).toBe(15000);
    expect(rpmFor('GET /data?query=aggregate', { plan: 'starter' })).toBe(10);
    expect(rpmFor('POST /device', { plan: 'free' })).toBe(10);
    expect(rpmFor('GET /info', { plan: 'starter' })).toBe(5000);
    expect(rpmFor('GET /status')).toBeUndefined();
  });
});

describe('fault injection', () => {
  it('draws the same fault sequence from the same seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.double({ min: 0.05, max: 1, noNaN: true }), (seed, rate) => {
        const config = normalizeFaults({ rate, kinds: 'all' });
        const a = new FaultPlan(config, seed);
        const b = new FaultPlan(config, seed);
        for (let i = 0; i < 200; i++) expect(b.next('POST /data')).toEqual(a.next('POST /data'));
      }),
      { numRuns: 50 },
    );
    const config = normalizeFaults({ rate: 0.5, kinds: 'all' });
    const one = new FaultPlan(config, 1);
    const two = new FaultPlan(config, 2);
    const seq = (p: FaultPlan) => Array.from({ length: 100 }, () => p.next('GET /x')?.kind ?? '-').join(',');
    expect(seq(one)).not.toBe(seq(two));
  });

  it('reproduces the sequence over HTTP and switches through the control endpoint', async () => {
    const run = async () => {
      const emu = await startEmulator({
        seed: 7,
        faults: { rate: 0.5, kinds: ['http5xx', 'rateLimit', 'html', 'latency'], latencyMs: 1 },
      });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await fetch(`${emu.url}/status`)).status);
      const seq = emu.faultSequence();
      await emu.stop();
      return { statuses, seq };
    };
    const [a, b] = [await run(), await run()];
    expect(a).toEqual(b);
    expect(a.statuses.some((s) => s >= 500)).toBe(true);

    const emu = await startEmulator({});
    try {
      const set = await fetch(`${emu.url}/__emulator/faults`, {
        method: 'POST',
        body: JSON.stringify({ rate: 1, kinds: ['http5xx'], burst: 1 }),
      });
      expect(set.status).toBe(200);
      expect((await fetch(`${emu.url}/status`)).status).toBeGreaterThanOrEqual(500);
      const stats = await (await fetch(`${emu.url}/__emulator/faults`)).json();
      expect(stats.result.stats.byKind.http5xx).toBe(1);
      await fetch(`${emu.url}/__emulator/faults`, { method: 'DELETE' });
      expect((await fetch(`${emu.url}/status`)).status).toBe(200);
      const bad = await fetch(`${emu.url}/__emulator/faults`, {
        method: 'POST',
        body: JSON.stringify({ kinds: ['meteor'] }),
      });
      expect(bad.status).toBe(400);
    } finally {
      await emu.stop();
    }
  });

  it.each([
    ['resetBefore', 'connection_lost', true, 0],
    ['resetAfter', 'connection_lost', true, 1],
    ['truncated', 'invalid_json', true, 1],
    ['html', 'server_error', true, 0],
    ['http5xx', 'server_error', true, 0],
    ['rateLimit', 'rate_limited', false, 0],
  ] as const)(
    '%s: the client sees %s (mayHaveBeenProcessed %s), stored %i times',
    async (kind, code, maybe, stored) => {
      const emu = await startEmulator({ faults: { rate: 1, kinds: [kind], burst: 10, routes: ['POST /data'] } });
      try {
        const c = clients(emu.url).device;
        const error = (await c.deviceData
          .sendData({ body: { variable: 'x', value: 1 } })
          .catch((e: unknown) => e)) as TagoError;
        expect(error).toMatchObject({ code, mayHaveBeenProcessed: maybe });
        expect(emu.state.devices.get(DEFAULT_DEVICE.id)!.data).toHaveLength(stored);
      } finally {
        await emu.stop();
      }
    },
  );

  it('trickles a slow body that still arrives whole, and delays with latency', async () => {
    const emu = await startEmulator({
      faults: { rate: 1, kinds: ['trickle'], trickle: { chunkBytes: 2, intervalMs: 5 } },
    });
    try {
      const started = Date.now();
      expect(await clients(emu.url).device.deviceData.sendData({ body: { variable: 'x' } })).toBe('1 Data Added');
      expect(Date.now() - started).toBeGreaterThanOrEqual(40);
      emu.setFaults({ rate: 1, kinds: ['latency'], latencyMs: 60 });
      const t = Date.now();
      expect((await fetch(`${emu.url}/status`)).status).toBe(200);
      expect(Date.now() - t).toBeGreaterThanOrEqual(55);
    } finally {
      await emu.stop();
    }
  });
});

describe('the command line', () => {
  it('starts on a free port with faults from flags and stops on SIGTERM', async () => {
    const bin = fileURLToPath(new URL('../bin/tagokit-emulator.mjs', import.meta.url));
    const child = spawn(
      process.execPath,
      [bin, '--port', '0', '--faults', 'http5xx', '--fault-rate', '1', '--burst', '1', '--seed', '3'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await printedUrl(child);
      expect((await fetch(`${url}/status`)).status).toBeGreaterThanOrEqual(500);
      const faults = await (await fetch(`${url}/__emulator/faults`)).json();
      expect(faults.result.stats).toMatchObject({ seed: 3, faulted: 1 });
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
