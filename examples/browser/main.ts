// A page that talks to TagoIO from the browser with @tagokit/edge (bundle it: `npm run build`). It takes the API
// and a device token from its address (index.html?api=http://127.0.0.1:8080&token=...; without `api`, us-e1), stores
// one record, reads it back and shows what an unknown token gets. The API must allow this page's origin by CORS:
// when it does not, the failure is a TagoConnectionError whose message says so.
import { AuthenticationError, createEdgeClient, getData, sendData, TagoError } from '@tagokit/edge';

const params = new URLSearchParams(location.search);
const api = params.get('api');
const clientFor = (token: string) =>
  createEdgeClient({
    token,
    tokenKind: 'device',
    region: api ? { api } : 'us-e1',
    allowInsecureHttp: api?.startsWith('http://') ?? false,
  });

async function run(): Promise<unknown> {
  const device = clientFor(params.get('token') ?? '');
  try {
    await sendData(device, { body: { variable: 'light', value: 320, unit: 'lx' } });
    const rows = await getData(device, { variables: ['light'], query: 'last_value' });
    const last = Array.isArray(rows) ? rows[0] : undefined;
    if (!last || !('variable' in last)) return { failed: { name: 'NoRecord', message: 'no record came back' } };
    const denied: unknown = await getData(clientFor('not-a-known-token'), { variables: ['light'] }).catch((e) => e);
    return {
      read: { variable: last.variable, value: last.value, unit: last.unit },
      error: { typed: denied instanceof AuthenticationError, status: (denied as AuthenticationError).status },
    };
  } catch (error) {
    if (!(error instanceof TagoError)) throw error;
    return { failed: { name: error.name, code: error.code, message: error.message } };
  }
}

const shown = document.getElementById('result');
run().then(
  (result) => {
    (globalThis as { tagokitResult?: unknown }).tagokitResult = result;
    if (shown) shown.textContent = JSON.stringify(result, null, 2);
  },
  (error: unknown) => {
    (globalThis as { tagokitResult?: unknown }).tagokitResult = { crashed: String(error) };
  },
);
