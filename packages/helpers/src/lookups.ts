// Lookups TagoIO code reaches for: a device with a token to act as it, a token by exact name, and the serial ->
// device-token resolution every network middleware does per uplink, cached.
import { TagoError, TagoValidationError } from '@tagokit/core';
import { type OperationContext } from '@tagokit/core/internal';
import {
  getDevice,
  listDeviceTokens,
  resolveNetworkDeviceToken,
  resolveNetworkDeviceTokenWithAuthorization,
} from '@tagokit/api/functions';

type DeviceInfo = Awaited<ReturnType<typeof getDevice>>;

/** One device token as `listDeviceTokens` answers it. */
export interface DeviceTokenRecord {
  token: string;
  name?: string;
  permission?: string;
  expire_time?: string | null;
  [field: string]: unknown;
}

/**
 * The device's tokens named exactly `name`, or the first token when no name is given. Rejects with a typed error
 * when there is none (the official helper matches names by substring, so "prod" also found "preprod").
 */
export async function findDeviceToken(
  client: OperationContext,
  deviceId: string,
  name?: string,
): Promise<DeviceTokenRecord> {
  checkId(deviceId, 'deviceId');
  for (let page = 1; ; page++) {
    const rows = (await listDeviceTokens(client, {
      deviceIDOrToken: deviceId,
      page,
      amount: 100,
      fields: ['name', 'token', 'permission', 'expire_time'],
    })) as DeviceTokenRecord[];
    const hit = rows.find((t) => typeof t.token === 'string' && (name === undefined || t.name === name));
    if (hit) return hit;
    if (rows.length < 100) break;
  }
  throw new TagoError(
    name === undefined
      ? `device ${deviceId} has no token`
      : `device ${deviceId} has no token named ${JSON.stringify(name)}`,
    'token_not_found',
  );
}

/** The device and one of its tokens (see findDeviceToken), to build a device-token client in the same region. */
export async function getDeviceWithToken(
  client: OperationContext,
  deviceId: string,
  tokenName?: string,
): Promise<{ device: DeviceInfo; token: string }> {
  const [device, token] = await Promise.all([
    getDevice(client, { deviceID: checkId(deviceId, 'deviceId') }),
    findDeviceToken(client, deviceId, tokenName),
  ]);
  return { device, token: token.token };
}

export interface SerialResolverOptions {
  /** How long a resolved token is reused, ms; 5 minutes by default. */
  ttlMs?: number;
  /** Most serials kept; the least recently used goes first. 10 000 by default. */
  maxEntries?: number;
  now?: () => number;
}

export interface SerialResolver {
  /**
   * The device token for a serial (`GET /integration/network/resolve/{serial}[/{authorization}]`, network token).
   * Concurrent asks for one serial share one request; failures are not cached.
   */
  resolve(serial: string, authorization?: string): Promise<string>;
  /** Forgets one serial (e.g. after the device token was revoked and a send answered 401), or all. */
  forget(serial?: string, authorization?: string): void;
  readonly size: number;
}

export function createSerialResolver(client: OperationContext, options: SerialResolverOptions = {}): SerialResolver {
  const ttlMs = options.ttlMs ?? 300_000;
  const maxEntries = options.maxEntries ?? 10_000;
  if (!Number.isFinite(ttlMs) || ttlMs < 0) {
    throw new TagoValidationError('ttlMs must be a number of milliseconds >= 0', 'invalid_option', 'ttlMs');
  }
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new TagoValidationError('maxEntries must be a positive integer', 'invalid_option', 'maxEntries');
  }
  const now = options.now ?? Date.now;
  // A Map keeps insertion order: re-inserting on use makes the first key the least recently used.
  const cache = new Map<string, { token: string; expiresAt: number }>();
  const inFlight = new Map<string, Promise<string>>();
  const keyOf = (serial: string, authorization?: string) => `${serial}\u0000${authorization ?? ''}`;

  async function fetchToken(serial: string, authorization?: string): Promise<string> {
    const answer: unknown =
      authorization === undefined
        ? await resolveNetworkDeviceToken(client, { serial })
        : await resolveNetworkDeviceTokenWithAuthorization(client, { serial, authorization });
    const token = typeof answer === 'string' ? answer : (answer as { token?: unknown } | null)?.token;
    if (typeof token !== 'string' || token === '') {
      throw new TagoError(`no device token came back for serial ${serial}`, 'token_not_found');
    }
    return token;
  }

  return {
    resolve(serial, authorization) {
      if (typeof serial !== 'string' || serial === '') {
        return Promise.reject(
          new TagoValidationError('serial must be a non-empty string', 'invalid_argument', 'serial'),
        );
      }
      const key = keyOf(serial, authorization);
      const hit = cache.get(key);
      if (hit && hit.expiresAt > now()) {
        cache.delete(key);
        cache.set(key, hit);
        return Promise.resolve(hit.token);
      }
      const pending = inFlight.get(key);
      if (pending) return pending;
      const request = fetchToken(serial, authorization).finally(() => inFlight.delete(key));
      inFlight.set(key, request);
      return request.then((token) => {
        if (ttlMs > 0) {
          cache.delete(key);
          cache.set(key, { token, expiresAt: now() + ttlMs });
          while (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
        }
        return token;
      });
    },
    forget(serial, authorization) {
      if (serial === undefined) cache.clear();
      else cache.delete(keyOf(serial, authorization));
    },
    get size() {
      return cache.size;
    },
  };
}

function checkId(id: unknown, field: string): string {
  if (typeof id !== 'string' || id === '') {
    throw new TagoValidationError(`${field} must be a non-empty string`, 'invalid_argument', field);
  }
  return id;
}
