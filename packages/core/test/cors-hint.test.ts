// A fetch that fails in a browser page with a bare TypeError, calling another origin, is reported as a likely CORS
// refusal; the same failure elsewhere (no page origin, same origin, a failure with a network code) is not.
import { afterEach, describe, expect, it } from 'vitest';
import { fetchTransport, plainFetchTransport, TagoConnectionError, type Transport } from '../src/internal/index.js';

const API = 'http://127.0.0.1:8080';
const PAGE = 'http://127.0.0.1:5173';
const failingWith = (error: Error) => async (): Promise<Response> => {
  throw error;
};
const call = (transport: Transport, url = `${API}/data?token=secret`) =>
  transport({ method: 'GET', url, headers: {}, signal: new AbortController().signal, maxResponseBytes: 1024 }).then(
    () => undefined,
    (error: unknown) => error,
  );
const setPage = (origin: string | undefined) => {
  if (origin === undefined) Reflect.deleteProperty(globalThis, 'location');
  else Object.defineProperty(globalThis, 'location', { value: { origin }, configurable: true });
};

afterEach(() => setPage(undefined));

describe('the CORS hint of a failed fetch', () => {
  it.each([
    ['fetchTransport', fetchTransport],
    ['plainFetchTransport', plainFetchTransport],
  ])('%s: a page calling another origin is told CORS is the likely cause', async (_, make) => {
    setPage(PAGE);
    const error = await call(make(failingWith(new TypeError('Failed to fetch'))));
    expect(error).toBeInstanceOf(TagoConnectionError);
    expect(error).toMatchObject({
      code: 'connection_lost',
      mayHaveBeenProcessed: true,
      message:
        'Connection lost: the browser gave no reason ("Failed to fetch"); likely CORS refused origin ' +
        `${PAGE} (see the browser console), or the server is unreachable`,
    });
    expect((error as Error).message).not.toContain('secret');
  });

  it('says nothing of CORS outside a browser, for the same origin, or when the failure has a network code', async () => {
    const bare = () => fetchTransport(failingWith(new TypeError('Failed to fetch')));
    expect(await call(bare())).toMatchObject({ message: 'Connection lost' });
    setPage(API);
    expect(await call(bare())).toMatchObject({ message: 'Connection lost' });
    setPage(PAGE);
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const nodeLike = new TypeError('fetch failed', { cause: refused });
    expect(await call(fetchTransport(failingWith(nodeLike)))).toMatchObject({
      message: 'Could not connect (ECONNREFUSED)',
    });
    expect(await call(fetchTransport(failingWith(new Error('boom'))))).toMatchObject({ message: 'Connection lost' });
  });
});
