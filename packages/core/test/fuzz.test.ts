import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fetchTransport,
  TagoCore,
  TagoError,
  TagoResponseParseError,
  type WireResponse,
} from '../src/internal/index.js';

const TOKEN = 'b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d';

/** Bodies that servers, proxies and broken networks actually produce, mixed with noise. */
const body = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc
    .record({
      status: fc.oneof(fc.boolean(), fc.string(), fc.constant(null)),
      result: fc.jsonValue({ maxDepth: 3 }),
      message: fc.oneof(fc.string(), fc.integer(), fc.constant(undefined)),
    })
    .map((v) => JSON.stringify(v)),
  fc.tuple(fc.jsonValue({ maxDepth: 3 }), fc.nat()).map(([v, cut]) => {
    const text = JSON.stringify({ status: true, result: v });
    return text.slice(0, cut % (text.length + 1));
  }),
  fc.constantFrom(
    '',
    ' ',
    '<html><body>502 Bad Gateway</body></html>',
    '<!DOCTYPE html>',
    'null',
    '[]',
    '{}',
    '{"status":true',
    '\u0000\u0001',
    `{"status":false,"message":"${TOKEN}"}`,
    '{"status":false,"message":"Too many requests (Retry-After: 99999999999)"}',
  ),
);
const headers = fc.dictionary(
  fc.constantFrom('content-type', 'retry-after', 'x-request-id', 'content-length'),
  fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom('text/html', 'application/json', '-1', 'NaN', 'Thu, 01 Jan 2099 00:00:00 GMT', '1e309'),
  ),
);
const answer = fc.record({ status: fc.integer({ min: 100, max: 599 }), headers, body });

describe('fuzz: adversarial answers through the whole request pipeline', () => {
  it('100 000 answers: every one resolves or rejects with a typed tagokit error, never leaking the token', async () => {
    let current: WireResponse = { status: 200, headers: {}, body: '' };
    const core = new TagoCore({ token: TOKEN, transport: async () => current, maxRetries: 0 });
    let resolved = 0;
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(answer, fc.constantFrom('envelope' as const, 'raw' as const), async (a, mode) => {
        current = a;
        try {
          await core.request({ method: 'GET', path: '/data', envelope: mode });
          resolved++;
        } catch (error) {
          rejected++;
          if (!(error instanceof TagoError)) throw new Error(`foreign error: ${String(error)}`);
          const text = `${error.message}|${JSON.stringify(error)}`;
          if (text.includes(TOKEN)) throw new Error('token leaked into an error');
        }
      }),
      { numRuns: 100_000, seed: 20261125 },
    );
    expect(resolved + rejected).toBe(100_000);
    expect(rejected).toBeGreaterThan(10_000);
  }, 120_000);
});

describe('bounded memory and time', () => {
  it('stops reading an endless body at the cap', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(64 * 1024).fill(120));
      },
    });
    const core = new TagoCore({
      token: TOKEN,
      transport: fetchTransport((async () => new Response(endless)) as typeof fetch),
      maxResponseBytes: 1024 * 1024,
      maxRetries: 0,
    });
    const error = await core.request({ method: 'GET', path: '/data' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TagoResponseParseError);
    expect((error as TagoResponseParseError).code).toBe('response_too_large');
    expect(pulled).toBeLessThan(40);
  });

  it('a body that trickles forever ends in a timeout', async () => {
    const trickle = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise((r) => setTimeout(r, 5));
        controller.enqueue(new Uint8Array([32]));
      },
    });
    const fakeFetch = (async (_url: string, init: RequestInit) => {
      init.signal?.addEventListener('abort', () => trickle.cancel().catch(() => undefined));
      return new Response(trickle);
    }) as unknown as typeof fetch;
    const core = new TagoCore({ token: TOKEN, transport: fetchTransport(fakeFetch), timeoutMs: 100, maxRetries: 0 });
    const started = Date.now();
    const error = await core.request({ method: 'POST', path: '/data', body: [] }).catch((e: unknown) => e);
    expect((error as TagoError).code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
