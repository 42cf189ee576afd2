// A Cloudflare Worker: POST {"variable": "...", "value": ...} stores one record with the device token bound as
// TAGOIO_DEVICE_TOKEN, reads it back and answers it, plus what an unknown token gets (a typed AuthenticationError).
import { AuthenticationError, createEdgeClient, getData, sendData, TagoError } from '@tagokit/edge';

interface Env {
  TAGOIO_DEVICE_TOKEN: string;
  /** Another API than us-e1 (the emulator, in the tests); `allowInsecureHttp` only applies to it. */
  TAGOIO_API?: string;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const region = env.TAGOIO_API ? { api: env.TAGOIO_API } : 'us-e1';
    const allowInsecureHttp = env.TAGOIO_API?.startsWith('http://') ?? false;
    const device = createEdgeClient({ token: env.TAGOIO_DEVICE_TOKEN, tokenKind: 'device', region, allowInsecureHttp });
    const { variable, value } = (await request.json()) as { variable: string; value: number };
    try {
      await sendData(device, { body: { variable, value } });
      // getData answers records, aggregates ({ time, value }) or, for `count`, a number: last_value gives records.
      const rows = await getData(device, { variables: [variable], query: 'last_value' });
      const last = Array.isArray(rows) ? rows.find((row) => 'variable' in row) : undefined;
      const stranger = createEdgeClient({ token: 'not-a-known-token', region, allowInsecureHttp });
      const denied = await getData(stranger, { variables: [variable] }).then(
        () => undefined,
        (error: unknown) => error,
      );
      return Response.json({
        read: { variable: last?.variable, value: last?.value },
        error: { typed: denied instanceof AuthenticationError, status: (denied as AuthenticationError).status },
      });
    } catch (error) {
      if (error instanceof TagoError)
        return Response.json({ failed: error.code, message: error.message }, { status: 502 });
      throw error;
    }
  },
};
