// A Vercel Edge Function: GET /api?variable=... answers the last value of a variable of the device whose token is
// in TAGOIO_DEVICE_TOKEN; POST /api with {"variable", "value"} stores one record first. A refused token is answered
// with its status (a typed TagoApiError), any other failure with 502.
import { createEdgeClient, getData, sendData, TagoApiError } from '@tagokit/edge';

export const config = { runtime: 'edge' };

export default async function handler(request: Request): Promise<Response> {
  // TAGOIO_API: another API than us-e1 (the emulator, in the tests).
  const api = process.env.TAGOIO_API;
  const client = createEdgeClient({
    token: request.headers.get('x-device-token') ?? process.env.TAGOIO_DEVICE_TOKEN,
    tokenKind: 'device',
    region: api ? { api } : 'us-e1',
    allowInsecureHttp: Boolean(api?.startsWith('http://')),
  });
  const variable = new URL(request.url).searchParams.get('variable') ?? 'temperature';
  try {
    if (request.method === 'POST') await sendData(client, { body: await request.json() });
    const rows = await getData(client, { variables: [variable], query: 'last_value' });
    // A number only for `query: 'count'`; otherwise a list of rows.
    const value = typeof rows === 'number' ? rows : (rows[0]?.value ?? null);
    return Response.json({ variable, value });
  } catch (error) {
    if (error instanceof TagoApiError) return Response.json({ error: error.name }, { status: error.status });
    return Response.json({ error: String(error) }, { status: 502 });
  }
}
