// The README's usage snippet is examples/usage.ts with the JSR import: this test checks they match, then runs
// the example against a stubbed `fetch` (no network) and checks what it sent and printed.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

const README = new URL('../README.md', import.meta.url);
const EXAMPLE = new URL('../examples/usage.ts', import.meta.url);

Deno.test('readme: the usage snippet is examples/usage.ts', async () => {
  const readme = await Deno.readTextFile(README);
  const snippet = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  ok(snippet, 'README.md has no ```ts block');
  const example = (await Deno.readTextFile(EXAMPLE)).replace("from '../mod.ts'", "from 'jsr:@tagokit/deno'");
  strictEqual(snippet, example);
});

Deno.test('readme: the usage snippet runs', async () => {
  const sent: { method: string; url: string; token: string | null; body: unknown }[] = [];
  const printed: unknown[][] = [];
  const original = { fetch: globalThis.fetch, log: console.log, error: console.error };
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers = new Headers(init?.headers);
    sent.push({
      method: init?.method ?? 'GET',
      url: String(input),
      token: headers.get('token'),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    });
    await Promise.resolve();
    const answer = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (sent.length === 1) return answer({ status: true, result: '1 Data Added' });
    if (sent.length === 2)
      return answer({
        status: true,
        result: [
          { id: '6298fcc3e0b6840012b6abfa', variable: 'temperature', value: 21.5, time: '2026-01-01T00:00:00.000Z' },
        ],
      });
    return answer({ status: false, message: 'Invalid token' }, 401);
  };
  console.log = (...args: unknown[]) => void printed.push(['log', ...args]);
  console.error = (...args: unknown[]) => void printed.push(['error', ...args]);
  Deno.env.set('TAGOIO_TOKEN', 'a1b2c3d4-0000-4000-8000-000000000000');
  try {
    await import(EXAMPLE.href);
  } finally {
    Object.assign(globalThis, { fetch: original.fetch });
    console.log = original.log;
    console.error = original.error;
    Deno.env.delete('TAGOIO_TOKEN');
  }
  deepStrictEqual(
    sent.map((s) => `${s.method} ${s.url}`),
    [
      'POST https://api.us-e1.tago.io/data',
      'GET https://api.us-e1.tago.io/data?variables[0]=temperature&qty=1',
      'GET https://api.us-e1.tago.io/data?variables[0]=temperature&qty=1',
    ],
  );
  ok(sent.every((s) => s.token === 'a1b2c3d4-0000-4000-8000-000000000000'));
  deepStrictEqual(sent[0]?.body, { variable: 'temperature', value: 21.5, unit: 'C' });
  deepStrictEqual(printed, [
    ['log', 'latest temperature: 21.5'],
    ['error', 401, 'Invalid token'],
  ]);
});
