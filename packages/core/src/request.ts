import { parseAnswer, type EnvelopeMode } from './envelope.js';
import { TagoAbortError, TagoApiError, TagoConnectionError, TagoError, TagoResponseParseError, TagoTimeoutError, TagoValidationError } from './errors.js';
import { serializeQuery, type QueryValue } from './query.js';
import { resolveRegion, type RegionInput, type ResolvedRegion } from './regions.js';
import { decideRetry, DEFAULT_RETRY_POLICY, type AttemptOutcome, type RetryPolicy } from './retry.js';
import { DEFAULT_TOKEN_HEADER, redact, validateHeaderName, validateHeaderValue, validateToken } from './tokens.js';
import { EventStreamParser, type ServerSentEvent } from './events.js';
import { connectionError, fetchTransport, type Transport, type WireResponse } from './transport.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD';

/** A warning the API attached to a successful answer (`status:true` with a `message`). */
export interface TagoWarning {
  message: string;
  method: string;
  path: string;
  operationId: string | undefined;
}

export interface ClientOptions {
  /** The token sent with every authenticated call. */
  token?: string;
  /** Header that carries the token; `token` by default (what TagoIO's SDKs send). */
  tokenHeader?: string;
  /** Where the API is: `us-e1` (default), `eu-w1`, `env`, `{ tdeploy }` or `{ api, sse }`. */
  region?: RegionInput;
  /** Accept an `http://` API URL; the client then sends `_ssl: false` as TagoIO requires. */
  allowInsecureHttp?: boolean;
  /** Variables for region `env` (read from the process only when region is `env` and this is absent). */
  env?: Record<string, string | undefined>;
  /** How requests travel; the platform's fetch by default. */
  transport?: Transport;
  /** Per-attempt timeout in ms (default 30 000). */
  timeoutMs?: number;
  /** Retries after the first attempt (default 2). */
  maxRetries?: number;
  /** Finer retry settings; see DEFAULT_RETRY_POLICY. */
  retry?: Partial<RetryPolicy>;
  /** Headers added to every call. */
  headers?: Record<string, string>;
  /** Largest answer accepted, in bytes (default 32 MiB). */
  maxResponseBytes?: number;
  /** Called with every warning. Warnings are also returned by `withResponse` calls. */
  onWarning?: (warning: TagoWarning) => void;
  /** Receives one line per attempt (method, path, status, timing). Tokens and token-like query values are redacted. */
  debug?: (line: string) => void;
  /** The fetch used for event streams (which the buffered transport cannot carry); the platform's by default. */
  fetch?: typeof fetch;
  /** Test hooks: the clock's sleep and the jitter's randomness. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

/** Options of one call; they override the client's. */
export interface CallOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  maxRetries?: number;
  retry?: Partial<RetryPolicy>;
  headers?: Record<string, string>;
  /** Treat the call as safe to repeat after a lost answer (e.g. a POST you made idempotent yourself). */
  idempotent?: boolean;
}

/** What an operation needs to be sent; filled in by generated code. */
export interface OperationRequest {
  operationId?: string | undefined;
  method: HttpMethod;
  /** Path template, e.g. `/device/{deviceID}`. */
  path: string;
  pathParams?: Record<string, string | number | undefined>;
  /** Path parameters whose `/` is kept (file paths). */
  reservedPathParams?: readonly string[] | undefined;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Media type of the body; JSON by default. */
  contentType?: 'application/json' | 'text/plain' | undefined;
  /** `raw` for routes that answer outside the envelope. */
  envelope?: EnvelopeMode;
  /** False for routes that need no token (login, status ...). */
  auth?: boolean;
  /** Media type asked for; JSON by default. */
  accept?: string | undefined;
  /** `sse`: the realtime host (region.sse, a full URL) instead of the REST API. */
  server?: 'api' | 'sse' | undefined;
}

/** A full answer: the result plus what came with it. */
export interface TagoResponse<T> {
  data: T;
  warning: string | undefined;
  status: number;
  headers: Record<string, string>;
  /** How many attempts the call took. */
  attempts: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/** Query parameters that carry credentials (network data routes, SSE); never printed. */
const SECRET_QUERY_KEYS = /^(token|authorization|authorization_token|authorized)$/i;

/** Replaces `{name}` placeholders, refusing missing or empty values and escaping the rest. */
export function buildPath(
  template: string,
  params: Record<string, string | number | undefined> = {},
  ctx: { method?: string } = {},
  reserved: readonly string[] = [],
): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null || value === '') {
      throw new TagoValidationError(`Missing required path parameter "${name}"`, 'path_param_missing', name, { method: ctx.method, path: template });
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new TagoValidationError(`Path parameter "${name}" must be a string or a number`, 'path_param_invalid', name, { method: ctx.method, path: template });
    }
    if (!reserved.includes(name)) return encodeURIComponent(String(value));
    // A file path keeps its slashes; dot segments would let it climb out of the route, so they are refused.
    const segments = String(value).replace(/^\/+/, '').split('/');
    if (segments.some((s) => s === '.' || s === '..' || s === '')) {
      throw new TagoValidationError(`Path parameter "${name}" must not contain empty, "." or ".." segments`, 'path_param_invalid', name, { method: ctx.method, path: template });
    }
    return segments.map(encodeURIComponent).join('/');
  });
}

/**
 * The engine every generated client calls: resolves the region once, checks the token and headers before any
 * request, sends through the transport, parses the envelope into a result or a typed error, and retries what is
 * safe to retry.
 */
export class TagoCore {
  readonly region: ResolvedRegion;
  readonly #token: string | undefined;
  readonly #tokenHeader: string;
  readonly #headers: Record<string, string>;
  readonly #transport: Transport;
  readonly #options: ClientOptions;

  constructor(options: ClientOptions = {}) {
    this.#options = options;
    this.region = resolveRegion(options.region, { allowInsecureHttp: options.allowInsecureHttp ?? false, ...(options.env ? { env: options.env } : {}) });
    this.#token = options.token === undefined ? undefined : validateToken(options.token);
    this.#tokenHeader = validateHeaderName(options.tokenHeader ?? DEFAULT_TOKEN_HEADER, 'tokenHeader').toLowerCase();
    this.#headers = checkHeaders(options.headers ?? {});
    this.#transport = options.transport ?? fetchTransport();
    if (options.timeoutMs !== undefined) checkPositive(options.timeoutMs, 'timeoutMs');
    if (options.maxRetries !== undefined) checkCount(options.maxRetries, 'maxRetries');
  }

  /** Whether this client holds a token. */
  get hasToken(): boolean {
    return this.#token !== undefined;
  }

  /** Sends one operation and returns its full answer. */
  async request<T = unknown>(op: OperationRequest, call: CallOptions = {}): Promise<TagoResponse<T>> {
    const method = op.method;
    const ctx = { method, path: op.path };
    const url = this.#url(op, ctx);
    const headers = this.#buildHeaders(op, call, ctx);
    const body = encodeBody(op, ctx);
    const timeoutMs = call.timeoutMs ?? this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    checkPositive(timeoutMs, 'timeoutMs');
    const policy: RetryPolicy = {
      ...DEFAULT_RETRY_POLICY,
      ...this.#options.retry,
      ...(this.#options.maxRetries !== undefined ? { maxRetries: this.#options.maxRetries } : {}),
      ...call.retry,
      ...(call.maxRetries !== undefined ? { maxRetries: checkCount(call.maxRetries, 'maxRetries') } : {}),
    };
    const sleep = this.#options.sleep ?? abortableSleep;
    const random = this.#options.random ?? Math.random;
    const secrets = [this.#token];
    let mayHaveReached = false;

    for (let attempt = 1; ; attempt++) {
      if (call.signal?.aborted) throw new TagoAbortError({ ...ctx, sent: mayHaveReached });
      const started = Date.now();
      let outcome: AttemptOutcome;
      let failure: TagoError;
      try {
        const wire = await this.#send({ method, url, headers, body }, timeoutMs, call.signal, ctx);
        if (this.#options.debug) this.#log(`${method} ${redactUrl(url)} -> ${wire.status} (${Date.now() - started} ms, attempt ${attempt})`);
        try {
          const answer = parseAnswer<T>({ ...ctx, status: wire.status, headers: wire.headers, body: wire.body, mode: op.envelope ?? 'envelope', secrets });
          if (answer.warning !== undefined) {
            this.#options.onWarning?.({ message: answer.warning, method, path: op.path, operationId: op.operationId });
          }
          return { data: answer.data, warning: answer.warning, status: wire.status, headers: wire.headers, attempts: attempt };
        } catch (error) {
          if (!(error instanceof TagoApiError)) throw markProcessed(error, mayHaveReached);
          failure = error;
          outcome = { kind: 'response', status: error.status, retryAfterSeconds: 'retryAfterSeconds' in error ? (error.retryAfterSeconds as number | undefined) : undefined };
        }
      } catch (error) {
        if (error instanceof TagoAbortError) throw markProcessed(error, mayHaveReached);
        if (error instanceof TagoTimeoutError) {
          failure = error;
          outcome = { kind: 'timeout' };
        } else if (error instanceof TagoConnectionError) {
          failure = error;
          outcome = { kind: error.mayHaveBeenProcessed ? 'network' : 'refused' };
        } else if (error instanceof TagoError) {
          throw markProcessed(error, mayHaveReached);
        } else {
          throw error;
        }
        if (this.#options.debug) this.#log(`${method} ${redactUrl(url)} -> ${failure.code} (${Date.now() - started} ms, attempt ${attempt})`);
      }
      mayHaveReached ||= failure.mayHaveBeenProcessed;
      const decision = decideRetry({ method, attempt, outcome, policy, random: random(), ...(call.idempotent !== undefined ? { idempotent: call.idempotent } : {}) });
      if (!decision.retry) throw markProcessed(failure, mayHaveReached);
      this.#log(`retrying ${method} ${op.path} in ${decision.delayMs} ms: ${decision.reason}`);
      try {
        await sleep(decision.delayMs, call.signal);
      } catch {
        throw new TagoAbortError({ ...ctx, sent: mayHaveReached });
      }
    }
  }

  /**
   * Opens an event stream and yields its events as they arrive, until the server closes it or the caller aborts
   * (through `call.signal` or by leaving the `for await`). Not retried: a consumer reconnects by calling again.
   */
  async *streamEvents(op: OperationRequest, call: CallOptions = {}): AsyncGenerator<ServerSentEvent, void, undefined> {
    const ctx = { method: op.method, path: op.path };
    const url = this.#url(op, ctx);
    const headers = this.#buildHeaders({ ...op, accept: op.accept ?? 'text/event-stream' }, call, ctx);
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    if (call.signal?.aborted) throw new TagoAbortError({ ...ctx, sent: false });
    call.signal?.addEventListener('abort', onAbort, { once: true });
    const fetchImpl = this.#options.fetch ?? globalThis.fetch;
    let response: Response;
    try {
      response = await fetchImpl(url, { method: op.method, headers, signal: controller.signal });
    } catch (error) {
      call.signal?.removeEventListener('abort', onAbort);
      if (call.signal?.aborted) throw new TagoAbortError({ ...ctx, sent: true });
      throw connectionError(error, ctx);
    }
    try {
      if (response.status < 200 || response.status >= 300) {
        const answerHeaders: Record<string, string> = {};
        response.headers.forEach((value, key) => (answerHeaders[key.toLowerCase()] = value));
        parseAnswer({ ...ctx, status: response.status, headers: answerHeaders, body: await response.text(), mode: 'envelope', secrets: [this.#token] });
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

  #url(op: OperationRequest, ctx: { method: string; path: string }): string {
    if (op.server === 'sse') return `${this.region.sse}${queryPart(op.query)}`;
    return `${this.region.api}${buildPath(op.path, op.pathParams, ctx, op.reservedPathParams)}${queryPart(op.query)}`;
  }

  async #send(req: { method: string; url: string; headers: Record<string, string>; body: string | undefined }, timeoutMs: number, callerSignal: AbortSignal | undefined, ctx: { method: string; path: string }): Promise<WireResponse> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = (): void => controller.abort();
    callerSignal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await this.#transport({ ...req, signal: controller.signal, maxResponseBytes: this.#options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES });
    } catch (error) {
      if (timedOut) throw new TagoTimeoutError(timeoutMs, ctx);
      if (callerSignal?.aborted) throw new TagoAbortError({ ...ctx, sent: true });
      if (error instanceof TagoConnectionError) throw new TagoConnectionError(error.message, { ...ctx, reachedServer: error.mayHaveBeenProcessed, cause: error.cause, code: error.code });
      if (error instanceof TagoResponseParseError) throw new TagoResponseParseError(error.message, error.code, error.status, error.excerpt, ctx);
      if (error instanceof TagoError) throw error;
      throw connectionError(error, ctx);
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onAbort);
    }
  }

  #buildHeaders(op: OperationRequest, call: CallOptions, ctx: { method: string; path: string }): Record<string, string> {
    const headers: Record<string, string> = { accept: op.accept ?? 'application/json', ...this.#headers, ...checkHeaders(call.headers ?? {}) };
    if (op.body !== undefined) headers['content-type'] = op.contentType ?? 'application/json';
    if (this.region.insecure) headers['_ssl'] = 'false';
    if (op.auth !== false) {
      if (this.#token === undefined) {
        throw new TagoValidationError(`${op.operationId ?? `${op.method} ${op.path}`} needs a token, and this client has none`, 'token_missing', 'token', ctx);
      }
      headers[this.#tokenHeader] = this.#token;
    }
    return headers;
  }

  #log(line: string): void {
    const debug = this.#options.debug;
    if (debug) debug(redact(line, [this.#token]));
  }
}

function queryPart(query: Record<string, QueryValue> | undefined): string {
  const text = serializeQuery(query);
  return text ? `?${text}` : '';
}

function encodeBody(op: OperationRequest, ctx: { method: string; path: string }): string | undefined {
  if (op.body === undefined) return undefined;
  if (op.contentType === 'text/plain') {
    if (typeof op.body !== 'string') throw new TagoValidationError('A text/plain body must be a string', 'body_invalid', 'body', ctx);
    return op.body;
  }
  try {
    return JSON.stringify(op.body);
  } catch (error) {
    throw new TagoValidationError(`The body cannot be sent as JSON: ${(error as Error).message}`, 'body_invalid', 'body', ctx);
  }
}

function checkHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    validateHeaderName(name);
    if (typeof value !== 'string') throw new TagoValidationError(`The value of header "${name}" must be a string`, 'header_value_invalid', name);
    out[name.toLowerCase()] = validateHeaderValue(name, value);
  }
  return out;
}

function checkPositive(value: number, field: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new TagoValidationError(`${field} must be a positive number of milliseconds`, 'option_invalid', field);
  return value;
}

function checkCount(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 0) throw new TagoValidationError(`${field} must be a whole number >= 0`, 'option_invalid', field);
  return value;
}

function markProcessed<E>(error: E, mayHaveReached: boolean): E {
  // An earlier attempt that may have reached the server makes the whole call uncertain.
  if (mayHaveReached && error instanceof TagoError && !error.mayHaveBeenProcessed) {
    Object.defineProperty(error, 'mayHaveBeenProcessed', { value: true });
  }
  return error;
}

/** Hides credential-bearing query values in a URL meant for logs. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
      return SECRET_QUERY_KEYS.test(key) ? `${pair.slice(0, eq < 0 ? pair.length : eq)}=[redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${query}`;
}

/** Waits, or rejects as soon as the signal aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
