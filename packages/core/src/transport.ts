import { TagoRedirectError, TagoResponseParseError } from './errors.ts';
import type { WireBody } from './internal/request-body.ts';
import { corsHint } from './internal/cors-hint.ts';
import { connectionError, headersOf, readBodyCapped } from './internal/transport-support.ts';

/** One HTTP request as it goes on the wire. Header names are lower-case. */
export interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Text, bytes, a Blob, or a stream (sent once; a transport over fetch streams it with `duplex: 'half'`). */
  body?: WireBody | undefined;
  /** Aborts the exchange (the caller's signal combined with the timeout). */
  signal: AbortSignal;
  /** Largest body the client accepts; a larger answer is a TagoResponseParseError (`response_too_large`). */
  maxResponseBytes: number;
}

/** The answer: status, lower-cased headers and the body as text. */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Moves one request over the network. Implementations throw TagoConnectionError for network failures (with
 * `reachedServer: false` only when the request surely never left, e.g. a refused connection) and let an abort of
 * `signal` surface as any error: the core tells timeouts and caller aborts apart itself. A transport that knows
 * an aborted request was never written (it was still waiting for a connection) says so with `notWritten()`, so
 * a timeout spent queueing is not reported as a request the server may have processed.
 */
export type Transport = (request: WireRequest) => Promise<WireResponse>;

/** A transport over the platform's `fetch` (Node >= 22, Deno, workers, browsers), capping the body at `maxResponseBytes`. */
export function fetchTransport(fetchImpl: typeof fetch = globalThis.fetch): Transport {
  return overFetch(fetchImpl, (response, request) =>
    readBodyCapped(response.body, request.maxResponseBytes, response.status, request.signal),
  );
}

/**
 * A transport over the platform's `fetch` that reads the answer with `response.text()`, without a size cap (the
 * runtime's own memory limit applies): what a one-shot worker needs, and a few hundred bytes less than fetchTransport.
 */
export function plainFetchTransport(fetchImpl: typeof fetch = globalThis.fetch): Transport {
  return overFetch(fetchImpl, (response) => response.text());
}

function overFetch(
  fetchImpl: typeof fetch,
  read: (response: Response, request: WireRequest) => Promise<string>,
): Transport {
  return async (request) => {
    let response: Response;
    try {
      // Never follow a redirect: fetch keeps custom headers (the token) across origins and resends 307/308 bodies.
      const init: RequestInit = {
        method: request.method,
        headers: request.headers,
        signal: request.signal,
        redirect: 'manual',
      };
      if (request.body !== undefined) {
        init.body = request.body as BodyInit;
        // fetch refuses a stream body unless told it sends the whole request before reading the answer.
        if (request.body instanceof ReadableStream) (init as { duplex?: string }).duplex = 'half';
      }
      response = await fetchImpl(request.url, init);
    } catch (error) {
      if (request.signal.aborted) throw error;
      throw connectionError(error, {}, corsHint(error, request.url));
    }
    // Browsers hide a manual redirect's status and Location behind an opaque answer.
    if (response.type === 'opaqueredirect') throw new TagoRedirectError(0, undefined);
    const headers = headersOf(response);
    let body: string;
    try {
      body = await read(response, request);
    } catch (error) {
      if (error instanceof TagoResponseParseError || request.signal.aborted) throw error;
      throw connectionError(error, {});
    }
    return { status: response.status, headers, body };
  };
}
