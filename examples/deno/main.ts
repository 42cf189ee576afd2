// Deno, with the package as JSR publishes it: store one record, read it back, and show what an unknown token gets
// (a typed AuthenticationError). TAGOIO_API points the client at another API (the emulator, in the tests).
import { AuthenticationError, createClient, type TagoClient } from 'jsr:@tagokit/deno';

const api = Deno.env.get('TAGOIO_API');
const connect = (token: string): TagoClient<'device'> =>
  createClient({
    token,
    tokenKind: 'device',
    region: api ? 'env' : 'us-e1',
    allowInsecureHttp: api?.startsWith('http://') ?? false,
  });

const device = connect(Deno.env.get('TAGOIO_DEVICE_TOKEN') ?? '');
await device.deviceData.sendData({ body: { variable: 'level', value: 72, unit: '%' } });
const rows = await device.deviceData.getData({ variables: ['level'], query: 'last_value' });
// A row is a stored record, or an aggregate `{ time, value }` for the aggregate queries.
const first = Array.isArray(rows) ? rows[0] : undefined;
const last = first && 'variable' in first ? first : undefined;
const denied = await connect('not-a-known-token')
  .deviceData.getData({ variables: ['level'] })
  .then(
    () => undefined,
    (error: unknown) => error,
  );
console.log(
  JSON.stringify({
    runtime: `deno ${Deno.version.deno}`,
    read: { variable: last?.variable, value: last?.value, unit: last?.unit },
    error: {
      typed: denied instanceof AuthenticationError,
      status: (denied as AuthenticationError | undefined)?.status,
    },
  }),
);
