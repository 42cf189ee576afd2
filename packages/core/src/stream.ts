import { parseAnswer } from './envelope.js';
import { TagoAbortError, TagoError } from './errors.js';
import { EventStreamParser, type ServerSentEvent } from './events.js';
import { connectionError, headersOf } from './transport.js';
import { buildHeaders, buildUrl, type CallOptions, type Endpoint, type OperationRequest } from './wire.js';

/**
 * Opens an event stream and yields its events as they arrive, until the server closes it or the caller aborts
 * (through `call.signal` or by leaving the `for await`). Not retried: a consumer reconnects by calling again.
 */
export async function* openEventStream(
  endpoint: Endpoint,
  op: OperationRequest,
  call: CallOptions = {},
  fetchImpl?: typeof fetch,
): AsyncGenerator<ServerSentEvent, void, undefined> {
  const ctx = { method: op.method, path: op.path };
  const url = buildUrl(endpoint, op, ctx);
  const headers = buildHeaders(endpoint, { ...op, accept: op.accept ?? 'text/event-stream' }, call.headers, ctx);
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  if (call.signal?.aborted) throw new TagoAbortError({ ...ctx, sent: false });
  call.signal?.addEventListener('abort', onAbort, { once: true });
  const doFetch = fetchImpl ?? globalThis.fetch;
  let response: Response;
  try {
    response = await doFetch(url, { method: op.method, headers, signal: controller.signal });
  } catch (error) {
    call.signal?.removeEventListener('abort', onAbort);
    if (call.signal?.aborted) throw new TagoAbortError({ ...ctx, sent: true });
    throw connectionError(error, ctx);
  }
  try {
    if (response.status < 200 || response.status >= 300) {
      parseAnswer({ ...ctx, status: response.status, headers: headersOf(response), body: await response.text(), mode: 'envelope', secrets: [endpoint.token] });
    }
    if (!response.body) return;
    const parser = new EventStreamParser();
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        yield* parser.push(decoder.decode(value, { stream: true }));
      }
      yield* parser.push(decoder.decode());
      parser.end();
    } catch (error) {
      if (call.signal?.aborted || controller.signal.aborted) throw new TagoAbortError({ ...ctx, sent: true });
      throw error instanceof TagoError ? error : connectionError(error, ctx);
    } finally {
      reader.releaseLock();
    }
  } finally {
    call.signal?.removeEventListener('abort', onAbort);
    // Leaving the loop early (break, return, throw) closes the connection.
    controller.abort();
  }
}
