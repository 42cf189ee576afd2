import {
  TagoResponseParseError,
  TagoValidationError,
  type Transport,
  type WireRequest,
  type WireResponse,
} from '@tagokit/core';
import { connectionError, notWritten, responseTooLarge } from '@tagokit/core/internal';
import { fetch as undiciFetch, Pool, type Dispatcher } from 'undici';

/**
 * A dispatcher as the options take it: undici's `Dispatcher` (an Agent, a Pool, one composed with interceptors)
 * fits. Written structurally so that the package's declarations do not import undici's, 46 files a consumer's type
 * check would otherwise parse for any import of @tagokit/node.
 */
export interface UndiciDispatcher {
  dispatch(options: never, handler: never): boolean;
}

export interface UndiciTransportOptions {
  /** A dispatcher of your own: an Agent, a Pool, or one composed with undici interceptors. */
  dispatcher?: UndiciDispatcher;
  /** Connections kept per origin when the transport makes its own pools (default 16). */
  connections?: number;
  /** How long an idle keep-alive socket stays open, in ms (default 10 000). */
  keepAliveTimeout?: number;
}

/** The Node transport, with a way to close the connection pools it opened. */
export interface UndiciTransport extends Transport {
  /**
   * Lets the requests in flight finish, then closes the keep-alive pools this transport opened (a dispatcher of
   * your own stays open: it is yours to close). Later calls are refused with `client_closed`. With `timeoutMs`,
   * requests still running at the deadline are cut (they fail as lost connections) and the sockets destroyed.
   */
  close(options?: CloseOptions): Promise<void>;
  /** undici's fetch over the same dispatcher (the realtime streams' path, so they share its pools and interceptors). */
  fetch: typeof fetch;
}

export interface CloseOptions {
  /** Longest wait for the requests in flight, in ms; then they are cut. Without it, close waits for them all. */
  timeoutMs?: number;
}

/**
 * The Node transport: undici's low-level `dispatch` over a keep-alive pool per origin. A small handler collects the
 * body itself (no response stream), stops at the size cap, and reports which failures happened before anything was
 * sent.
 */
export function undiciTransport(options: UndiciTransportOptions = {}): UndiciTransport {
  // Used as the undici Dispatcher it is expected to be (the interface only spells out the one method called).
  const own = options.dispatcher as Dispatcher | undefined;
  const poolOptions = { connections: options.connections ?? 16, keepAliveTimeout: options.keepAliveTimeout ?? 10_000 };
  // One Pool per origin (what an Agent keeps too, minus its per-call origin lookup and event relaying).
  const pools = new Map<string, Dispatcher>();
  // The origin of the previous call and its dispatcher: a client nearly always talks to one origin, so most calls
  // neither cut a new origin string nor hash it for the map.
  let lastOrigin = '';
  let lastDispatcher: Dispatcher | undefined;
  let closed = false;
  const dispatcherFor = (origin: string): Dispatcher => {
    let dispatcher = own ?? pools.get(origin);
    if (dispatcher === undefined) {
      dispatcher = new Pool(origin, poolOptions);
      pools.set(origin, dispatcher);
    }
    return dispatcher;
  };
  const fetchOver = (async (input: string | URL, init?: RequestInit) => {
    if (closed) throw clientClosed();
    const url = new URL(String(input));
    return await undiciFetch(url, { ...(init as object), dispatcher: dispatcherFor(url.origin) });
  }) as unknown as typeof fetch;
  const transport: Transport = (req) =>
    new Promise<WireResponse>((resolve, reject) => {
      const signal = req.signal;
      if (signal.aborted) return reject(signal.reason);
      if (closed) return reject(clientClosed());
      // The URL is always `<origin><path>`; splitting it by hand avoids a URL parse per call.
      const url = req.url;
      let origin = lastOrigin;
      let dispatcher = lastDispatcher;
      let slash = origin.length;
      if (
        dispatcher === undefined ||
        !url.startsWith(origin) ||
        (url.length > slash && !endsOrigin(url.charCodeAt(slash)))
      ) {
        slash = url.indexOf('//') + 2;
        while (slash < url.length && !endsOrigin(url.charCodeAt(slash))) slash++;
        origin = url.slice(0, slash);
        dispatcher = dispatcherFor(origin);
        lastOrigin = origin;
        lastDispatcher = dispatcher;
      }
      const exchange = new Exchange(req, resolve, reject);
      signal.addEventListener('abort', exchange);
      dispatcher.dispatch(
        {
          origin,
          path: slash === url.length ? '/' : url.charCodeAt(slash) === 47 ? url.slice(slash) : `/${url.slice(slash)}`,
          method: req.method as Dispatcher.HttpMethod,
          headers: req.headers,
          // undici writes Blobs and async iterables (a web ReadableStream is one) itself; its types list fewer.
          body: (req.body ?? null) as Dispatcher.DispatchOptions['body'],
        },
        exchange,
      );
    });
  return Object.assign(transport, {
    fetch: fetchOver,
    async close(options: CloseOptions = {}): Promise<void> {
      const timeoutMs = closeTimeout(options);
      closed = true;
      const opened = [...pools.values()];
      pools.clear();
      lastDispatcher = undefined;
      const graceful = Promise.all(opened.map((pool) => pool.close()));
      if (timeoutMs === undefined) {
        await graceful;
        return;
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const deadline = new Promise<'deadline'>((resolve) => (timer = setTimeout(() => resolve('deadline'), timeoutMs)));
      const first = await Promise.race([graceful.then(() => 'closed' as const), deadline]);
      clearTimeout(timer);
      if (first === 'deadline') await Promise.all(opened.map((pool) => pool.destroy()));
    },
  });
}

/** The error of a call on a closed client. */
export function clientClosed(): TagoValidationError {
  return new TagoValidationError(
    'This client was closed; create a new one to send more requests',
    'client_closed',
    'client',
  );
}

/** close()'s `timeoutMs`, checked; undefined when absent. */
export function closeTimeout(options: CloseOptions): number | undefined {
  const timeoutMs = Object.hasOwn(options, 'timeoutMs') ? options.timeoutMs : undefined;
  if (timeoutMs !== undefined && (typeof timeoutMs !== 'number' || !(timeoutMs >= 0) || timeoutMs > 2 ** 31 - 1)) {
    throw new TagoValidationError(
      'close: timeoutMs must be a number of milliseconds from 0 to 2^31 - 1',
      'option_invalid',
      'timeoutMs',
    );
  }
  return timeoutMs;
}

/** `/`, `?` or `#`: where the origin of a URL ends (a realtime host may be given without a path). */
function endsOrigin(code: number): boolean {
  return code === 47 || code === 63 || code === 35;
}

/**
 * One request's handler (undici's DispatchHandler) and its abort listener (`handleEvent`): a class rather than
 * closures, so a call allocates one small object.
 */
class Exchange implements Dispatcher.DispatchHandler {
  #req: WireRequest;
  #resolve: (answer: WireResponse) => void;
  #reject: (error: unknown) => void;
  #controller: Dispatcher.DispatchController | null = null;
  #settled = false;
  #status = 0;
  #headers: Record<string, string> | null = null;
  #first: Buffer | null = null;
  #chunks: Buffer[] | null = null;
  #size = 0;

  constructor(req: WireRequest, resolve: (answer: WireResponse) => void, reject: (error: unknown) => void) {
    this.#req = req;
    this.#resolve = resolve;
    this.#reject = reject;
  }

  /**
   * The signal aborted: fail now (even while still queued for a connection) and cut the exchange. Before
   * onRequestStart nothing was written, which the core needs to know: a timeout spent waiting for a connection
   * is not a request the server may have processed.
   */
  handleEvent(): void {
    if (this.#settled) return;
    const reason = this.#req.signal.reason as Error;
    this.#fail(this.#controller === null ? notWritten(reason) : reason);
    this.#controller?.abort(reason);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    // Aborted while waiting for a connection: do not send.
    if (this.#settled) controller.abort(this.#req.signal.reason as Error);
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    this.#status = statusCode;
    // undici hands over lower-case names; a copy, since an interceptor (a cache) may keep its object.
    this.#headers = copyHeaders(headers);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#settled) return;
    this.#size += chunk.length;
    const size = this.#size;
    if (size > this.#req.maxResponseBytes) {
      const error = responseTooLarge(
        this.#req.maxResponseBytes,
        this.#status,
        (this.#first ?? chunk).toString('utf8', 0, 800),
      );
      this.#fail(error);
      controller.abort(error);
      return;
    }
    if (this.#first === null) this.#first = chunk;
    else {
      this.#chunks ??= [this.#first];
      this.#chunks.push(chunk);
    }
  }

  onResponseEnd(): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#req.signal.removeEventListener('abort', this);
    this.#resolve({ status: this.#status, headers: this.#headers ?? {}, body: this.#text() });
  }

  onResponseError(_controller: Dispatcher.DispatchController | null, error: Error): void {
    if (this.#settled) return;
    // An abort surfaces as is (the core tells a timeout from a caller's abort); anything else is a connection error
    // that says whether the request could have reached the server.
    this.#fail(this.#req.signal.aborted ? error : connectionError(error, {}));
  }

  #fail(error: unknown): void {
    this.#settled = true;
    this.#req.signal.removeEventListener('abort', this);
    this.#reject(error);
  }

  #text(): string {
    if (this.#chunks !== null) return Buffer.concat(this.#chunks).toString('utf8');
    return this.#first === null ? '' : this.#first.toString('utf8');
  }
}

/** A copy of undici's headers with repeated ones joined as HTTP allows (`a, b`). */
function copyHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    // for-in also walks inherited keys: a polluted Object.prototype must not add response headers.
    if (!Object.hasOwn(headers, name)) continue;
    const value = headers[name];
    if (value !== undefined) out[name] = typeof value === 'string' ? value : value.join(', ');
  }
  return out;
}
