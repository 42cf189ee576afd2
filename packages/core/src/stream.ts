import type { CallOptions, OperationRequest } from './call-types.ts';
import {
  TagoAbortError,
  TagoConnectionError,
  TagoError,
  TagoRedirectError,
  TagoResponseParseError,
  TagoTimeoutError,
} from './errors.ts';
import {
  DEFAULT_EVENT_PARSER_LIMITS,
  EventStreamParser,
  type EventParserLimits,
  type ServerSentEvent,
} from './events.ts';
import { parseAnswer } from './internal/envelope.ts';
import { redactedExcerpt, withoutSecrets } from './internal/redaction.ts';
import {
  buildHeaders,
  buildUrl,
  secretsOf,
  withEncoders,
  type Endpoint,
  type RequestContext,
} from './internal/request-building.ts';
import { corsHint } from './internal/cors-hint.ts';
import { connectionError, headersOf, readBodyCapped } from './internal/transport-support.ts';

/** What bounds an event stream besides the connection timeout. */
export interface EventStreamLimits extends EventParserLimits {
  /** Longest silence (no bytes at all) before the stream is given up as dead, in ms. */
  idleTimeoutMs: number;
  /** Largest error answer (non-2xx, or a 2xx that is not an event stream) read for its message, in bytes. */
  maxErrorBodyBytes: number;
}

/**
 * Defaults: 5 minutes of silence (TagoIO documents no heartbeat, so a quiet channel must not look dead too soon),
 * 1 MiB a line, 4 MiB an event, 64 KiB of an error answer.
 */
export const DEFAULT_EVENT_STREAM_LIMITS: Readonly<EventStreamLimits> = {
  ...DEFAULT_EVENT_PARSER_LIMITS,
  idleTimeoutMs: 300_000,
  maxErrorBodyBytes: 64 * 1024,
};

export interface EventStreamSettings {
  /** The fetch to use; the platform's by default. */
  fetch?: typeof fetch | undefined;
  /** Longest wait for the answer's status and headers, in ms (the client's `timeoutMs` by default: 30 s). */
  connectTimeoutMs?: number;
  limits?: Partial<EventStreamLimits>;
  /** Called once the answer is a 2xx event stream, before its first event (realtime reports the state `open`). */
  onOpen?: (() => void) | undefined;
}

const EXCERPT_LENGTH = 200;

/**
 * Opens an event stream and yields its events as they arrive. It ends quietly only when the caller stops (an
 * abort of `call.signal`, or leaving the `for await`); everything else is a typed error: a redirect (never
 * followed), an error status, a 2xx that is not `text/event-stream` (`not_event_stream`), no answer within the
 * connect timeout or silence past `idleTimeoutMs` (TagoTimeoutError), a line or event over its cap, and the server
 * closing the stream (`stream_closed`, a TagoConnectionError). Not retried: a consumer reconnects by calling again.
 */
export async function* openEventStream(
  endpoint: Endpoint,
  op: OperationRequest,
  call: CallOptions = {},
  settings: EventStreamSettings = {},
): AsyncGenerator<ServerSentEvent, void, undefined> {
  const ctx = { method: op.method, path: op.path };
  const limits: EventStreamLimits = { ...DEFAULT_EVENT_STREAM_LIMITS, ...settings.limits };
  const connectTimeoutMs = settings.connectTimeoutMs ?? 30_000;
  const url = buildUrl(endpoint, withEncoders(op), ctx);
  const headers = buildHeaders(endpoint, { ...op, accept: op.accept ?? 'text/event-stream' }, call.headers, ctx);
  const secrets = secretsOf(endpoint, op);
  if (call.signal?.aborted) throw new TagoAbortError({ ...ctx, sent: false });
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  call.signal?.addEventListener('abort', onAbort, { once: true });
  let expired: 'connect' | 'idle' | undefined;
  const expireAfter = (ms: number, which: 'connect' | 'idle') =>
    setTimeout(() => {
      expired = which;
      controller.abort();
    }, ms);
  const failure = (error: unknown, hint = ''): TagoError => {
    if (call.signal?.aborted) return new TagoAbortError({ ...ctx, sent: true });
    if (expired === 'connect')
      return new TagoTimeoutError(connectTimeoutMs, {
        ...ctx,
        message: `No event-stream answer within ${connectTimeoutMs} ms`,
      });
    if (expired === 'idle')
      return new TagoTimeoutError(limits.idleTimeoutMs, {
        ...ctx,
        message: `The event stream was silent for ${limits.idleTimeoutMs} ms`,
      });
    return error instanceof TagoError ? error : connectionError(withoutSecrets(error, secrets), ctx, hint);
  };
  try {
    let response: Response;
    const connectTimer = expireAfter(connectTimeoutMs, 'connect');
    try {
      // Never follow a redirect: the token travels in a header (and in the query for the realtime host).
      response = await (settings.fetch ?? globalThis.fetch)(url, {
        method: op.method,
        headers,
        signal: controller.signal,
        redirect: 'manual',
      });
    } catch (error) {
      // A browser refusing the stream by CORS says nothing more than a failed fetch (internal/cors-hint.ts).
      throw failure(error, corsHint(error, url));
    } finally {
      clearTimeout(connectTimer);
    }
    yield* readEvents(response, {
      ctx,
      limits,
      secrets,
      signal: controller.signal,
      expireAfter,
      failure,
      onOpen: settings.onOpen,
    });
  } finally {
    call.signal?.removeEventListener('abort', onAbort);
    // Leaving the loop early (break, return, throw) closes the connection.
    controller.abort();
  }
}

interface ReadContext {
  ctx: RequestContext;
  limits: EventStreamLimits;
  secrets: readonly string[];
  signal: AbortSignal;
  expireAfter: (ms: number, which: 'idle') => ReturnType<typeof setTimeout>;
  failure: (error: unknown) => TagoError;
  onOpen?: (() => void) | undefined;
}

async function* readEvents(response: Response, read: ReadContext): AsyncGenerator<ServerSentEvent, void, undefined> {
  const { ctx, limits, secrets } = read;
  if (response.type === 'opaqueredirect') throw new TagoRedirectError(0, undefined, ctx);
  const headers = headersOf(response);
  const status = response.status;
  const errorBody = async (): Promise<string> => {
    try {
      return await readBodyCapped(response.body, limits.maxErrorBodyBytes, status, read.signal);
    } catch (error) {
      // An error answer over its cap is judged by its first bytes.
      if (error instanceof TagoResponseParseError) return error.excerpt;
      throw read.failure(error);
    }
  };
  if (status < 200 || status >= 300) {
    parseAnswer({ ...ctx, status, headers, body: await errorBody(), mode: 'envelope', secrets });
  }
  const type = (headers['content-type'] ?? '').toLowerCase();
  if (!type.startsWith('text/event-stream')) {
    const excerpt = redactedExcerpt(await errorBody(), secrets, EXCERPT_LENGTH);
    const what = type ? type.split(';')[0] : 'no content type';
    throw new TagoResponseParseError(
      `HTTP ${status} answer is ${what}, not an event stream (text/event-stream)`,
      'not_event_stream',
      status,
      excerpt,
      ctx,
    );
  }
  if (!response.body) throw closed(ctx, false);
  read.onOpen?.();
  const parser = new EventStreamParser(limits);
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      const idle = read.expireAfter(limits.idleTimeoutMs, 'idle');
      try {
        chunk = await reader.read();
      } catch (error) {
        throw read.failure(error);
      } finally {
        clearTimeout(idle);
      }
      if (chunk.done) break;
      yield* withContext(() => parser.push(decoder.decode(chunk.value, { stream: true })), ctx);
    }
    yield* withContext(() => parser.push(decoder.decode()), ctx);
    throw closed(ctx, parser.end());
  } finally {
    reader.releaseLock();
  }
}

/** Runs the parser, giving its cap errors the call's method and path. */
function withContext(parse: () => ServerSentEvent[], ctx: RequestContext): ServerSentEvent[] {
  try {
    return parse();
  } catch (error) {
    if (error instanceof TagoResponseParseError)
      throw new TagoResponseParseError(error.message, error.code, error.status, error.excerpt, ctx);
    throw error;
  }
}

function closed(ctx: RequestContext, partial: boolean): TagoConnectionError {
  const message = partial
    ? 'The server closed the event stream in the middle of an event (it was dropped)'
    : 'The server closed the event stream';
  return new TagoConnectionError(message, { ...ctx, reachedServer: true, code: 'stream_closed' });
}
