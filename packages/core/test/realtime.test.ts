import { describe, expect, expectTypeOf, it } from 'vitest';
import { createRealtime, TagoCore } from '../src/index.js';
import type { AnalysisTriggerPayload, RealtimeMessage, RealtimeStateChange } from '../src/internal/index.js';

const TOKEN = 'a-1b2c3d4e-0000-4000-8000-000000000001';

/** One scripted answer per connection: a status, a content type, chunks (then it closes, or stays `open`). */
interface Answer {
  status?: number;
  type?: string;
  headers?: Record<string, string>;
  chunks?: string[];
  /** Keep the stream open after the chunks (it ends only when the client aborts). */
  open?: boolean;
  body?: string;
}

interface Seen {
  url: string;
  headers: Record<string, string>;
}

/** A fetch that answers each connection with the next scripted answer and records what it was asked. */
function scriptedFetch(answers: Answer[], seen: Seen[]): typeof fetch {
  return (async (url: string, init: RequestInit) => {
    seen.push({ url, headers: { ...(init.headers as Record<string, string>) } });
    const answer = answers.shift();
    if (!answer) throw new Error('no more scripted answers');
    const status = answer.status ?? 200;
    const headers = { 'content-type': answer.type ?? 'text/event-stream', ...answer.headers };
    if (answer.body !== undefined || status !== 200) return new Response(answer.body ?? '', { status, headers });
    const chunks = [...(answer.chunks ?? [])];
    let stream: ReadableStreamDefaultController<Uint8Array> | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        stream = controller;
      },
      pull(controller) {
        const next = chunks.shift();
        if (next !== undefined) controller.enqueue(new TextEncoder().encode(next));
        else if (!answer.open) controller.close();
      },
    });
    // As fetch does: an abort errors the body, which ends a pending read.
    init.signal?.addEventListener('abort', () => stream?.error(new DOMException('aborted', 'AbortError')));
    return new Response(body, { status, headers });
  }) as unknown as typeof fetch;
}

function setup(answers: Answer[], given: string | null = TOKEN) {
  const token = given ?? undefined;
  const seen: Seen[] = [];
  const core = new TagoCore({ region: 'us-e1', fetch: scriptedFetch(answers, seen), ...(token ? { token } : {}) });
  const delays: number[] = [];
  const states: RealtimeStateChange[] = [];
  const hooks = {
    sleep: async (ms: number) => void delays.push(ms),
    random: () => 0.5,
    onStateChange: (change: RealtimeStateChange) => states.push(change),
  };
  return { seen, realtime: createRealtime(core, { token }), delays, states, hooks };
}

const triggerPayload = (run: number) => ({ analysis_id: 'an1', token: TOKEN, environment: [], data: [{ run }] });
const trigger = (id: string, run: number) => `id: ${id}\ndata: ${JSON.stringify({ payload: triggerPayload(run) })}\n\n`;

async function collect<P>(
  iterable: AsyncIterable<RealtimeMessage<P>>,
  max = 100,
): Promise<{ got: RealtimeMessage<P>[]; error: unknown }> {
  const got: RealtimeMessage<P>[] = [];
  try {
    for await (const message of iterable) {
      got.push(message);
      if (got.length >= max) break;
    }
  } catch (error) {
    return { got, error };
  }
  return { got, error: undefined };
}

describe('realtime.subscribe', () => {
  it('sends typed channels as TagoIO writes them, with the client token in the query', async () => {
    const { seen, realtime, hooks } = setup([{ chunks: [trigger('1', 1)] }]);
    const sub = realtime.subscribe(['analysis_trigger', { channel: 'device_data', id: '65f0000000000000000000a1' }], {
      ...hooks,
    });
    const { got } = await collect(sub, 1);
    expect(seen[0]).toEqual({
      url: `https://sse.tago.io/events?channels=analysis_trigger%2Cdevice_data.65f0000000000000000000a1&token=${TOKEN}`,
      headers: { accept: 'text/event-stream' },
    });
    expect(got[0]).toEqual({
      event: 'message',
      id: '1',
      channel: undefined,
      payload: { analysis_id: 'an1', token: TOKEN, environment: [], data: [{ run: 1 }] },
      data: JSON.stringify({ payload: { analysis_id: 'an1', token: TOKEN, environment: [], data: [{ run: 1 }] } }),
    });
    expect(sub.state).toBe('closed');
    expect(sub.closeReason).toBe('stopped');
  });

  it('types the payload by channel', () => {
    const { realtime } = setup([]);
    const sub = realtime.subscribe(['analysis_trigger']);
    expectTypeOf(sub).toMatchTypeOf<AsyncIterable<RealtimeMessage<AnalysisTriggerPayload>>>();
  });

  it('reconnects after a drop and resends Last-Event-ID (the server resumes after it)', async () => {
    const { seen, realtime, delays, states, hooks } = setup([
      { chunks: [trigger('1', 1), trigger('2', 2)] },
      { chunks: [trigger('3', 3)] },
    ]);
    const { got } = await collect(realtime.subscribe(['analysis_trigger'], hooks), 3);
    expect(got.map((m) => m.id)).toEqual(['1', '2', '3']);
    expect(seen).toHaveLength(2);
    expect(seen[0]!.headers).toEqual({ accept: 'text/event-stream' });
    expect(seen[1]!.headers).toEqual({ accept: 'text/event-stream', 'last-event-id': '2' });
    // 1 000 ms minus half the jitter (random 0.5 of 50 %).
    expect(delays).toEqual([750]);
    expect(states.map((s) => s.state)).toEqual(['connecting', 'open', 'reconnecting', 'open', 'closed']);
    expect(states[2]).toMatchObject({ failures: 1, delayMs: 750, error: { code: 'stream_closed' } });
  });

  it('backs off exponentially up to maxDelayMs, honours retry: and Retry-After, and resets once open', async () => {
    const { realtime, delays, hooks } = setup([
      { status: 503, body: '{"status":false,"message":"down"}', type: 'application/json' },
      { status: 502, body: '{"status":false,"message":"down"}', type: 'application/json' },
      { status: 500, body: '{"status":false,"message":"down"}', type: 'application/json' },
      { chunks: ['retry: 200\ndata: {"payload":1}\n\n'] },
      {
        status: 429,
        body: '{"status":false,"message":"Too many requests (Retry-After: 7)"}',
        type: 'application/json',
      },
      { chunks: ['data: {"payload":2}\n\n'] },
    ]);
    const { got } = await collect(
      realtime.subscribe(['notification'], { ...hooks, reconnect: { jitter: 0, maxDelayMs: 3000 } }),
      2,
    );
    expect(got.map((m) => m.payload)).toEqual([1, 2]);
    // 1 s, 2 s, 3 s (capped); after the open, the server's retry (200 ms) is the base; the 429's Retry-After wins.
    expect(delays).toEqual([1000, 2000, 3000, 200, 7000]);
  });

  it('reconnects when the stream goes silent past idleTimeoutMs (the watchdog)', async () => {
    const { seen, realtime, states, hooks } = setup([
      { chunks: ['data: {"payload":"a"}\n\n'], open: true },
      { chunks: ['data: {"payload":"b"}\n\n'] },
    ]);
    const { got } = await collect(realtime.subscribe(['ui'], { ...hooks, idleTimeoutMs: 60 }), 2);
    expect(got.map((m) => m.payload)).toEqual(['a', 'b']);
    expect(seen).toHaveLength(2);
    expect(states[2]).toMatchObject({
      state: 'reconnecting',
      error: { name: 'TagoTimeoutError', message: 'The event stream was silent for 60 ms' },
    });
  });

  it.each([
    [401, 'AuthenticationError'],
    [403, 'PermissionDeniedError'],
    [404, 'NotFoundError'],
  ])('stops for good on %i (%s), after one connection', async (status, name) => {
    const { seen, realtime, states, hooks } = setup([
      { status, body: '{"status":false,"message":"Authorization Denied"}', type: 'application/json' },
    ]);
    const sub = realtime.subscribe(['analysis_trigger'], hooks);
    const { error } = await collect(sub);
    expect(error).toMatchObject({ name, status, message: 'Authorization Denied' });
    expect(seen).toHaveLength(1);
    expect(sub.closeReason).toBe('refused');
    expect(states.at(-1)).toMatchObject({ state: 'closed', reason: 'refused' });
  });

  it('stops for good on a 2xx that is not an event stream, and on a cap exceeded', async () => {
    const notStream = setup([{ body: '<html>login</html>', type: 'text/html' }]);
    const first = await collect(notStream.realtime.subscribe(['analysis_trigger'], notStream.hooks));
    expect(first.error).toMatchObject({
      code: 'not_event_stream',
      message: 'HTTP 200 answer is text/html, not an event stream (text/event-stream)',
    });
    expect(notStream.seen).toHaveLength(1);
    const seen: Seen[] = [];
    const core = new TagoCore({
      token: TOKEN,
      fetch: scriptedFetch([{ chunks: [`data: ${'x'.repeat(2000)}\n\n`] }], seen),
      eventStream: { maxLineBytes: 1024 },
    });
    const capped = await collect(
      createRealtime(core, { token: TOKEN }).subscribe(['ui'], { sleep: async () => undefined }),
    );
    expect(capped.error).toMatchObject({ code: 'stream_line_too_large' });
    expect(seen).toHaveLength(1);
  });

  it('gives up after reconnect.maxAttempts failures in a row', async () => {
    const down = { status: 503, body: '{"status":false,"message":"down"}', type: 'application/json' };
    const { seen, realtime, hooks } = setup([down, down, down]);
    const sub = realtime.subscribe(['ui'], { ...hooks, reconnect: { maxAttempts: 2 } });
    const { error } = await collect(sub);
    expect(error).toMatchObject({ status: 503 });
    expect(seen).toHaveLength(3);
    expect(sub.closeReason).toBe('gave_up');
  });

  it('ends quietly at its wall-clock deadline and on the caller signal', async () => {
    const { realtime } = setup([{ chunks: ['data: {"payload":1}\n\n'], open: true }]);
    const sub = realtime.subscribe(['ui'], { deadlineMs: 50 });
    const { got, error } = await collect(sub);
    expect([got.length, error, sub.closeReason]).toEqual([1, undefined, 'deadline']);
    const second = setup([{ chunks: [], open: true }]);
    const controller = new AbortController();
    const stopped = second.realtime.subscribe(['ui'], { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect(await collect(stopped)).toEqual({ got: [], error: undefined });
    expect(stopped.closeReason).toBe('stopped');
  });

  it('keeps a non-JSON data line as text, without a payload', async () => {
    const { realtime, hooks } = setup([{ chunks: ['event: ping\ndata: hello\n\n'] }]);
    const { got } = await collect(realtime.subscribe(['ui'], hooks), 1);
    expect(got[0]).toEqual({ event: 'ping', id: undefined, channel: undefined, payload: undefined, data: 'hello' });
  });

  it('uses a token of its own, the channel= fallback, and a resume id', async () => {
    const { seen, realtime, hooks } = setup([{ chunks: ['data: {"payload":1}\n\n'] }], null);
    await collect(
      realtime.subscribe([{ channel: 'analysis_console', id: 'an1' }], {
        ...hooks,
        token: 'p-other',
        channelParam: 'channel',
        lastEventId: '41',
      }),
      1,
    );
    expect(seen[0]).toEqual({
      url: 'https://sse.tago.io/events?channel=analysis_console.an1&token=p-other',
      headers: { accept: 'text/event-stream', 'last-event-id': '41' },
    });
  });

  it('refuses bad channels, a missing token and bad options before connecting', () => {
    const { realtime } = setup([]);
    const tokenless = setup([], null).realtime;
    const refusal = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return {
          name: (error as Error).name,
          code: (error as { code: string }).code,
          message: (error as Error).message,
        };
      }
      return undefined;
    };
    expect(refusal(() => realtime.subscribe([]))).toEqual({
      name: 'TagoValidationError',
      code: 'channels_invalid',
      message: 'realtime.subscribe needs a non-empty list of channels',
    });
    expect(refusal(() => realtime.subscribe([{ channel: 'device_data' } as never]))?.message).toBe(
      'channels[0]: channel "device_data" needs the id of its resource (letters, digits, _ or -)',
    );
    expect(refusal(() => realtime.subscribe([{ channel: 'device_data', id: 'a,b' }]))?.code).toBe('channels_invalid');
    expect(refusal(() => realtime.subscribe(['devices' as never]))?.message).toMatch(
      /^channels\[0\]: unknown channel "devices" \(known: analysis_console/,
    );
    expect(refusal(() => realtime.subscribe(['ui', 'ui']))?.message).toBe(
      'realtime.subscribe: a channel is listed twice',
    );
    expect(refusal(() => realtime.subscribe(['ui', 'notification'], { channelParam: 'channel' }))?.message).toBe(
      'channelParam "channel" carries one channel only',
    );
    expect(refusal(() => realtime.subscribe(['ui'], { reconnect: { jitter: 2 } }))?.message).toBe(
      'reconnect.jitter must be a number from 0 to 1',
    );
    expect(refusal(() => realtime.subscribe(['ui'], { reconnect: { tries: 1 } as never }))?.code).toBe(
      'option_invalid',
    );
    expect(refusal(() => realtime.subscribe(['ui'], { deadlineMs: 0 }))?.message).toBe(
      'deadlineMs must be a number of milliseconds above 0 up to 2147483647 (2^31 - 1)',
    );
    expect(refusal(() => tokenless.subscribe(['ui']))).toEqual({
      name: 'TagoValidationError',
      code: 'token_missing',
      message: 'realtime.subscribe needs a token: the client has none and options.token is absent',
    });
    const sub = realtime.subscribe(['ui']);
    void sub[Symbol.asyncIterator]();
    expect(refusal(() => sub[Symbol.asyncIterator]())?.code).toBe('subscription_iterated');
  });
});
