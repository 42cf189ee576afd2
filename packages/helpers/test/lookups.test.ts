// Token lookups against the emulator: exact names, the device with a token, and the cached serial resolver.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeviceToken, createEdgeClient, fetchTransport, getTokenInfo } from '@tagokit/edge';
import { DEFAULT_TOKENS, startEmulator, type Emulator } from '../../../tools/emulator/src/index.mjs';
import { createSerialResolver, findDeviceToken, getDeviceWithToken } from '../src/index.ts';

const DEVICE = {
  id: '65f00000000000000000e001',
  name: 'lookup rig',
  token: 'd0000000-0000-4000-8000-00000000e001',
  serie_number: 'SN-0042',
};

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ devices: [DEVICE], rateLimits: false });
});
afterAll(() => emulator.stop());

function client(token: string, requests: string[] = []) {
  const inner = fetchTransport();
  return createEdgeClient({
    token,
    region: { api: emulator.url },
    allowInsecureHttp: true,
    transport: (r) => {
      requests.push(`${r.method} ${new URL(r.url).pathname}`);
      return inner(r);
    },
  });
}

describe('findDeviceToken and getDeviceWithToken', () => {
  it('matches the name exactly (not "preprod" for "prod") and gives a token that acts as the device', async () => {
    const profile = client(DEFAULT_TOKENS.profile);
    const made = await createDeviceToken(profile, { body: { device: DEVICE.id, name: 'preprod', permission: 'full' } });
    const prod = await createDeviceToken(profile, { body: { device: DEVICE.id, name: 'prod', permission: 'full' } });
    expect((await findDeviceToken(profile, DEVICE.id, 'prod')).token).toBe(prod.token);
    expect((await findDeviceToken(profile, DEVICE.id, 'preprod')).token).toBe(made.token);
    await expect(findDeviceToken(profile, DEVICE.id, 'pro')).rejects.toMatchObject({
      code: 'token_not_found',
      message: `device ${DEVICE.id} has no token named "pro"`,
    });
    const { device, token } = await getDeviceWithToken(profile, DEVICE.id, 'prod');
    expect(device.id).toBe(DEVICE.id);
    expect((await getTokenInfo(client(token))).id).toBe(DEVICE.id);
  });

  it('refuses an empty id before sending', async () => {
    const requests: string[] = [];
    await expect(findDeviceToken(client(DEFAULT_TOKENS.profile, requests), '')).rejects.toMatchObject({
      name: 'TagoValidationError',
      field: 'deviceId',
    });
    expect(requests).toEqual([]);
  });
});

describe('createSerialResolver', () => {
  it('resolves once per serial, shares concurrent asks, and asks again after the TTL', async () => {
    const requests: string[] = [];
    let now = 0;
    const resolver = createSerialResolver(client(DEFAULT_TOKENS.network, requests), { ttlMs: 1_000, now: () => now });
    const tokens = await Promise.all([resolver.resolve('SN-0042'), resolver.resolve('SN-0042')]);
    expect(tokens).toEqual([DEVICE.token, DEVICE.token]);
    expect(requests).toEqual(['GET /integration/network/resolve/SN-0042']);
    now = 999;
    await resolver.resolve('SN-0042');
    expect(requests).toHaveLength(1);
    now = 1_000;
    await resolver.resolve('SN-0042');
    expect(requests).toHaveLength(2);
    resolver.forget('SN-0042');
    expect(resolver.size).toBe(0);
  });

  it('does not cache a failure, and evicts the least recently used serial beyond maxEntries', async () => {
    const requests: string[] = [];
    const resolver = createSerialResolver(client(DEFAULT_TOKENS.network, requests), { maxEntries: 1 });
    await expect(resolver.resolve('UNKNOWN')).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(resolver.resolve('UNKNOWN')).rejects.toMatchObject({ name: 'NotFoundError' });
    expect(requests).toHaveLength(2);
    await resolver.resolve('SN-0042');
    expect(resolver.size).toBe(1);
    await expect(resolver.resolve('')).rejects.toMatchObject({ field: 'serial' });
    expect(() => createSerialResolver(client(DEFAULT_TOKENS.network), { maxEntries: 0 })).toThrow(
      expect.objectContaining({ field: 'maxEntries' }),
    );
  });
});
