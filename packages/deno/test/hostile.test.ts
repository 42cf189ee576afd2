// Hostile servers on 127.0.0.1 against the Deno client (its own fetch transport): the same guarantees as the
// Node and edge clients in tools/adversarial. Every server stops with its test.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { createClient, TagoRedirectError, TagoValidationError } from '../mod.ts';

const TOKEN = 'b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d';

async function withServer(
  handler: (req: Request) => Response | Promise<Response>,
  run: (url: string, seen: Request[]) => Promise<void>,
) {
  const seen: Request[] = [];
  const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: () => undefined }, (req) => {
    seen.push(req);
    return handler(req);
  });
  try {
    await run(`http://127.0.0.1:${server.addr.port}`, seen);
  } finally {
    await server.shutdown();
  }
}

async function failure(promise: PromiseLike<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error('expected the call to fail');
}

const client = (url: string) =>
  createClient({ token: TOKEN, region: { api: url }, allowInsecureHttp: true, maxRetries: 0 });

Deno.test('hostile: a 307 to another origin is not followed, and no token reaches it', async () => {
  await withServer(
    () => Response.json({ status: true, result: 'stolen' }),
    async (evil, evilSeen) => {
      await withServer(
        () => new Response(null, { status: 307, headers: { location: `${evil}/data` } }),
        async (url, seen) => {
          const error = await failure(client(url).deviceData.sendData({ body: [{ variable: 't', value: 1 }] }));
          ok(error instanceof TagoRedirectError, String(error));
          strictEqual(error['location'], evil);
          strictEqual(evilSeen.length, 0);
          strictEqual(seen.length, 1);
        },
      );
    },
  );
});

Deno.test('hostile: dot-segment path values are refused before sending', async () => {
  await withServer(
    () => Response.json({ status: true, result: 'deleted' }),
    async (url, seen) => {
      for (const paramID of ['.', '..', '%2e%2e']) {
        const error = await failure(client(url).devices.deleteParam({ deviceID: 'd1', paramID }));
        ok(error instanceof TagoValidationError);
        deepStrictEqual([error['code'], error['field']], ['path_param_invalid', 'paramID']);
      }
      strictEqual(seen.length, 0);
    },
  );
});

Deno.test('hostile: a token echoed at the excerpt edge is redacted before the cut', async () => {
  await withServer(
    () => new Response(`${'x'.repeat(195)}${TOKEN}`, { status: 200 }),
    async (url) => {
      const error = await failure(client(url).deviceData.sendData({ body: [{ variable: 't', value: 1 }] }));
      strictEqual(error['excerpt'], `${'x'.repeat(195)}[reda`);
      ok(!JSON.stringify(error).includes(TOKEN.slice(0, 8)));
    },
  );
});

Deno.test('hostile: an endless event-stream line is cut at maxLineBytes', async () => {
  let timer: ReturnType<typeof setInterval> | undefined;
  const endless = () =>
    new Response(
      new ReadableStream({
        start(controller) {
          let sent = 0;
          controller.enqueue(new TextEncoder().encode('data: '));
          timer = setInterval(() => {
            if (sent++ > 400) return clearInterval(timer);
            try {
              controller.enqueue(new TextEncoder().encode('x'.repeat(16384)));
            } catch {
              clearInterval(timer);
            }
          }, 1);
        },
        cancel: () => clearInterval(timer),
      }),
      { headers: { 'content-type': 'text/event-stream' } },
    );
  await withServer(endless, async (url) => {
    const c = createClient({
      token: TOKEN,
      region: { api: url, sse: `${url}/events` },
      allowInsecureHttp: true,
      eventStream: { maxLineBytes: 128 * 1024 },
    });
    const error = await failure(
      (async () => {
        for await (const _ of c.realtime.subscribe({ token: TOKEN, channels: 'device_data' })) void _;
      })(),
    );
    strictEqual(error['code'], 'stream_line_too_large');
  });
  clearInterval(timer);
});
