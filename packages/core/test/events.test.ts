import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  callEventStream,
  EventStreamParser,
  TagoAbortError,
  TagoConnectionError,
  TagoCore,
  type OperationDescriptor,
  type ServerSentEvent,
} from '../src/internal/index.js';

const ev = (data: string, extra: Partial<ServerSentEvent> = {}): ServerSentEvent => ({
  event: 'message',
  data,
  id: undefined,
  retry: undefined,
  ...extra,
});

describe('EventStreamParser', () => {
  it('reads events, types, ids, retries, comments and multi-line data', () => {
    const p = new EventStreamParser();
    const text =
      ': keep-alive\n\ndata: {"payload":1}\n\nevent: notification\nid: 7\nretry: 3000\ndata: line one\ndata: line two\n\ndata\n\n';
    expect(p.push(text)).toEqual([
      ev('{"payload":1}'),
      ev('line one\nline two', { event: 'notification', id: '7', retry: 3000 }),
      ev('', { id: '7', retry: 3000 }),
    ]);
  });

  it('gives the same events however the text is cut and whatever the line endings (property)', () => {
    const events = ['data: a\n\n', 'event: x\ndata: b\ndata: c\n\n', ': ping\n\n', 'id: 9\ndata: d\n\n'];
    const whole = events.join('');
    const expected = new EventStreamParser().push(whole);
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: whole.length }), { maxLength: 8 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        (cuts, eol) => {
          const text = whole.replaceAll('\n', eol);
          const points = [...new Set(cuts.map((c) => Math.min(c, text.length)))].sort((a, b) => a - b);
          const p = new EventStreamParser();
          const got: ServerSentEvent[] = [];
          let last = 0;
          for (const point of [...points, text.length]) {
            got.push(...p.push(text.slice(last, point)));
            last = point;
          }
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 500, seed: 9 },
    );
  });

  it('drops an event the stream never finished', () => {
    const p = new EventStreamParser();
    expect(p.push('data: half')).toEqual([]);
    p.end();
    expect(p.push('\n\n')).toEqual([]);
  });
});

const SUBSCRIBE: OperationDescriptor = {
  id: 'subscribeRealtimeEvents',
  method: 'GET',
  path: '/events',
  kinds: [],
  envelope: 'raw',
  accept: 'text/event-stream',
  server: 'sse',
  paging: 'none',
  pathParams: [],
  queryParams: ['token', 'channels'],
  requiredQuery: ['token'],
};

function streamingFetch(chunks: string[], seen: { url?: string; headers?: Record<string, string> } = {}, status = 200) {
  return (async (url: string, init: RequestInit) => {
    seen.url = url;
    seen.headers = init.headers as Record<string, string>;
    if (status !== 200) return new Response('{"status":false,"message":"Authorization Denied"}', { status });
    let i = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (i < chunks.length) controller.enqueue(new TextEncoder().encode(chunks[i++]));
        else controller.close();
      },
    });
    init.signal?.addEventListener('abort', () => body.cancel().catch(() => undefined));
    return new Response(body, { status, headers: { 'content-type': 'text/event-stream' } });
  }) as unknown as typeof fetch;
}

describe('event streams through the core', () => {
  it('opens the realtime host with the token in the query and yields events live', async () => {
    const seen: { url?: string; headers?: Record<string, string> } = {};
    const core = new TagoCore({
      region: 'eu-w1',
      fetch: streamingFetch(['data: {"payload":', '1}\n\n', 'data: {"payload":2}\n\n'], seen),
    });
    const events: string[] = [];
    // The server closing the stream is not a normal end: it is the typed stream_closed error, after every event.
    const iterate = async () => {
      for await (const e of callEventStream({ core }, SUBSCRIBE, { token: 'a-123456', channels: 'analysis_trigger' }))
        events.push(e.data);
    };
    await expect(iterate()).rejects.toMatchObject({
      name: 'TagoConnectionError',
      code: 'stream_closed',
      message: 'The server closed the event stream',
    });
    expect(events).toEqual(['{"payload":1}', '{"payload":2}']);
    expect(seen.url).toBe('https://sse.eu-w1.tago.io/events?token=a-123456&channels=analysis_trigger');
    expect(seen.headers).toEqual({ accept: 'text/event-stream' });
  });

  it('stops and closes the connection when the loop is left', async () => {
    const core = new TagoCore({ fetch: streamingFetch(['data: 1\n\n', 'data: 2\n\n', 'data: 3\n\n']) });
    const got: string[] = [];
    for await (const e of callEventStream({ core }, SUBSCRIBE, { token: 'a-123456' })) {
      got.push(e.data);
      if (got.length === 2) break;
    }
    expect(got).toEqual(['1', '2']);
  });

  it('turns a refused stream into the typed error', async () => {
    const core = new TagoCore({ fetch: streamingFetch([], {}, 401) });
    const iterate = async () => {
      for await (const _ of callEventStream({ core }, SUBSCRIBE, { token: 'a-123456' })) void _;
    };
    await expect(iterate()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('refuses a missing token before connecting, and honours an aborted signal', async () => {
    const core = new TagoCore({ fetch: streamingFetch(['data: 1\n\n']) });
    const noToken = async () => {
      for await (const _ of callEventStream({ core }, SUBSCRIBE, {})) void _;
    };
    await expect(noToken()).rejects.toMatchObject({ code: 'query_param_missing', field: 'token' });
    const aborted = async () => {
      for await (const _ of callEventStream(
        { core },
        SUBSCRIBE,
        { token: 'a-123456' },
        { signal: AbortSignal.abort() },
      ))
        void _;
    };
    await expect(aborted()).rejects.toBeInstanceOf(TagoAbortError);
  });
});

describe('an event stream refused in a browser', () => {
  it('is a TagoConnectionError whose message names CORS as the likely cause, without the token', async () => {
    const page = 'http://127.0.0.1:5173';
    Object.defineProperty(globalThis, 'location', { value: { origin: page }, configurable: true });
    try {
      const fetch = async (): Promise<Response> => {
        throw new TypeError('Failed to fetch');
      };
      const core = new TagoCore({ region: 'eu-w1', fetch });
      const iterate = async () => {
        for await (const _ of callEventStream({ core }, SUBSCRIBE, { token: 'a-123456' })) break;
      };
      const error = await iterate().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TagoConnectionError);
      expect((error as Error).message).toBe(
        'Connection lost: the browser gave no reason ("Failed to fetch"); likely CORS refused origin ' +
          `${page} (see the browser console), or the server is unreachable`,
      );
    } finally {
      Reflect.deleteProperty(globalThis, 'location');
    }
  });
});
