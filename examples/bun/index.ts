// Bun: @tagokit/node runs here over Bun's own fetch (Bun's `undici` module cannot dispatch, so the client does not
// use undici's pool in Bun). Send a record, read it back, one typed error; then the pool options Bun cannot honour
// are refused by name, and a closed client refuses calls.
import { AuthenticationError, createClient, TagoValidationError } from '@tagokit/node';

// TAGOIO_API points the client at another API (the emulator: http://127.0.0.1:PORT); without it, us-e1.
const api = Bun.env.TAGOIO_API;
const options = {
  tokenKind: 'device',
  region: api ? 'env' : 'us-e1',
  allowInsecureHttp: api?.startsWith('http://'),
} as const;
const device = createClient({ ...options, token: Bun.env.TAGOIO_DEVICE_TOKEN ?? '' });
await device.deviceData.sendData({ body: { variable: 'voltage', value: 3.3, unit: 'V' } });
const [last] = await device.deviceData.getData({ variables: ['voltage'], query: 'last_value' });
const intruder = createClient({ ...options, token: 'not-a-known-token' });
const error = await intruder.deviceData.getData({ variables: ['voltage'] }).catch((e: unknown) => e);
let refused: unknown;
try {
  createClient({ ...options, token: 'any', connections: 4 });
} catch (e) {
  refused = e;
}
await device.close();
await intruder.close();
const afterClose = await device.deviceData.getData({ variables: ['voltage'] }).catch((e: unknown) => e);
console.log(
  JSON.stringify({
    runtime: `bun ${Bun.version}`,
    read: { variable: last?.variable, value: last?.value, unit: last?.unit },
    error: { typed: error instanceof AuthenticationError, status: (error as AuthenticationError).status },
    poolOption: refused instanceof TagoValidationError ? refused.code : String(refused),
    afterClose: afterClose instanceof TagoValidationError ? afterClose.code : String(afterClose),
  }),
);
