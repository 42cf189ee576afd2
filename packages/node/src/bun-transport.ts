import { fetchTransport, type Transport } from '@tagokit/core';
import { clientClosed, closeTimeout, type CloseOptions, type UndiciTransport } from './undici-transport.js';

/** Whether this is Bun, whose `undici` module is a stand-in: its Pool and Agent have no `dispatch`. */
export const inBun = typeof (globalThis as { Bun?: unknown }).Bun !== 'undefined';

/**
 * The transport createClient uses in Bun: Bun's own fetch (it keeps connections alive itself), with the Node
 * transport's close() contract: calls in flight finish (or are cut at `timeoutMs` and fail as lost connections),
 * later calls are refused with `client_closed`.
 */
export function bunFetchTransport(): UndiciTransport {
  const base = fetchTransport(globalThis.fetch);
  const running = new Set<{ done: Promise<unknown>; cut: AbortController }>();
  let closed = false;
  const transport: Transport = async (request) => {
    if (closed) throw clientClosed();
    const cut = new AbortController();
    const done = base({ ...request, signal: AbortSignal.any([request.signal, cut.signal]) });
    const call = { done, cut };
    running.add(call);
    try {
      return await done;
    } finally {
      running.delete(call);
    }
  };
  const fetchOver = ((input: string | URL | Request, init?: RequestInit) => {
    if (closed) return Promise.reject(clientClosed());
    return globalThis.fetch(input, init);
  }) as typeof fetch;
  return Object.assign(transport, {
    fetch: fetchOver,
    async close(options: CloseOptions = {}): Promise<void> {
      const timeoutMs = closeTimeout(options);
      closed = true;
      const settled = () => Promise.allSettled([...running].map((call) => call.done));
      if (timeoutMs === undefined) {
        await settled();
        return;
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const deadline = new Promise<'deadline'>((resolve) => (timer = setTimeout(() => resolve('deadline'), timeoutMs)));
      const first = await Promise.race([settled().then(() => 'settled' as const), deadline]);
      clearTimeout(timer);
      if (first === 'deadline') {
        for (const call of running) call.cut.abort();
        await settled();
      }
    },
  });
}
