import { describe, expect, it } from 'vitest';
import { createEdgeClient, createRealtime } from '../src/index.js';

const TOKEN = 'a-1b2c3d4e-0000-4000-8000-000000000001';

describe('edge realtime', () => {
  it('streams with the client token and closes at its wall-clock deadline', async () => {
    const urls: string[] = [];
    const fetchStub = (async (url: string, init: RequestInit) => {
      urls.push(url);
      let stream: ReadableStreamDefaultController<Uint8Array> | undefined;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          stream = controller;
          controller.enqueue(new TextEncoder().encode('data: {"payload":{"message":"hi","timestamp":1}}\n\n'));
        },
      });
      init.signal?.addEventListener('abort', () => stream?.error(new DOMException('aborted', 'AbortError')));
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    }) as unknown as typeof fetch;
    // Realtime is opt-in on the edge (createEdgeClient stays small): the core's createRealtime over the client.
    const client = createEdgeClient({ token: TOKEN, fetch: fetchStub });
    const sub = createRealtime(client.core, { token: TOKEN }).subscribe([{ channel: 'analysis_console', id: 'an1' }], {
      deadlineMs: 40,
    });
    const got: unknown[] = [];
    for await (const message of sub) got.push(message.payload);
    expect(got).toEqual([{ message: 'hi', timestamp: 1 }]);
    expect(urls).toEqual([`https://sse.tago.io/events?channels=analysis_console.an1&token=${TOKEN}`]);
    expect(sub.closeReason).toBe('deadline');
  });
});
