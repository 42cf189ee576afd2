import { createClient, TagoApiError } from '../mod.ts';

// A device token: the client exposes only what a device token may call.
const client = createClient({ token: Deno.env.get('TAGOIO_TOKEN') ?? '', tokenKind: 'device', region: 'us-e1' });

await client.deviceData.sendData({ body: { variable: 'temperature', value: 21.5, unit: 'C' } });

// Await a paged call for one page, or walk every row with `for await`.
const rows = await client.deviceData.getData({ variables: ['temperature'], qty: 1 });
if (Array.isArray(rows)) console.log(`latest temperature: ${rows[0]?.value}`);

try {
  await client.deviceData.getData({ variables: ['temperature'], qty: 1 }, { timeoutMs: 5_000 });
} catch (error) {
  if (error instanceof TagoApiError) console.error(error.status, error.message);
  else throw error;
}
