// The Deno entry point: token-kind scoping, region `env` through Deno.env, and Deno's network errors.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import {
  createClient,
  denoFetchTransport,
  denoNetworkCode,
  TagoConnectionError,
  TagoValidationError,
  type GetDataArgs,
} from '../mod.ts';
import type { operations } from '../schema.ts';

const TOKEN = 'a1b2c3d4-0000-4000-8000-000000000000';

Deno.test('client: a device client hides account operations, in types and at run time', async () => {
  const device = createClient({ token: TOKEN, tokenKind: 'device' });
  strictEqual(device.tokenKind, 'device');
  ok(typeof device.deviceData.sendData === 'function');
  // @ts-expect-error: a device token cannot list devices (an account operation), so the group is not in the type.
  const devices: { list(): Promise<unknown> } = device.devices;
  let error: unknown;
  try {
    await devices.list();
  } catch (e) {
    error = e;
  }
  ok(error instanceof TagoValidationError, String(error));
  const any = createClient({ token: TOKEN });
  ok(typeof any.devices.list === 'function');
});

Deno.test('client: a misspelt body key is refused before sending, with the closest known key', async () => {
  const sent: unknown[] = [];
  const transport = (request: unknown) => {
    sent.push(request);
    return Promise.resolve({ status: 200, headers: {}, body: '{"status":true,"result":"Successfully Updated"}' });
  };
  const profile = createClient({ token: TOKEN, tokenKind: 'profile', transport });
  let error: unknown;
  try {
    // @ts-expect-error: `lable` is not a key of the (closed) dashboard edit body.
    await profile.dashboards.update({ dashboardID: '5dcad1c216174c001ca23ab9', body: { lable: 'Plant' } });
  } catch (e) {
    error = e;
  }
  ok(error instanceof TagoValidationError, String(error));
  deepStrictEqual(
    [error.code, error.field, error.message],
    ['body_field_unknown', 'body.lable', 'updateDashboard: body has no field "lable"; did you mean "label"?'],
  );
  strictEqual(sent.length, 0);
});

Deno.test('client: region env reads TAGOIO_API through Deno.env', () => {
  Deno.env.set('TAGOIO_API', 'https://api.example-tdeploy.tagoio.net');
  try {
    const client = createClient({ token: TOKEN, region: 'env' });
    strictEqual(client.core.region.api, 'https://api.example-tdeploy.tagoio.net');
  } finally {
    Deno.env.delete('TAGOIO_API');
  }
  let error: unknown;
  try {
    createClient({ token: TOKEN, region: 'env' });
  } catch (e) {
    error = e;
  }
  ok(error instanceof TagoValidationError);
  strictEqual(error.code, 'region_env_missing');
});

Deno.test('client: a refused connection never reached the server', async () => {
  const listener = Deno.listen({ hostname: '127.0.0.1', port: 0 });
  const { port } = listener.addr;
  listener.close();
  const client = createClient({
    region: { api: `http://127.0.0.1:${port}` },
    allowInsecureHttp: true,
    maxRetries: 0,
    transport: denoFetchTransport(),
  });
  let error: unknown;
  try {
    await client.info.status();
  } catch (e) {
    error = e;
  }
  ok(error instanceof TagoConnectionError, String(error));
  strictEqual(error.code, 'connection_refused');
  strictEqual(error.mayHaveBeenProcessed, false);
});

Deno.test('client: Deno fetch failures map to Node error codes', () => {
  const wrap = (message: string) => new TypeError('fetch failed', { cause: new Error(message) });
  deepStrictEqual(
    [
      'error sending request for url (http://127.0.0.1:1/): client error (Connect): tcp connect error: Connection refused (os error 111)',
      'client error (Connect): dns error: failed to lookup address information: Name or service not known',
      'connection closed before message completed',
    ].map((m) => denoNetworkCode(wrap(m))),
    ['ECONNREFUSED', 'ENOTFOUND', undefined],
  );
});

Deno.test("schema: ./schema carries openapi-typescript's operations, which the signatures of mod.ts equal", () => {
  const args: GetDataArgs = { variables: ['temperature'], qty: 1 };
  // Compiles only while the two types agree in both directions (deno check runs on this file).
  const query: NonNullable<operations['getData']['parameters']['query']> = args;
  const back: GetDataArgs = query;
  deepStrictEqual(back, { variables: ['temperature'], qty: 1 });
});
