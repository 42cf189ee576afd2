import { TagoAbortError, TagoApiError, TagoConnectionError, TagoError, TagoTimeoutError, TagoValidationError } from './errors.ts';
import type { ServerSentEvent } from './events.ts';
import type { RequestEngine } from './operation.ts';
import { resolveRegion, type RegionInput, type ResolvedRegion } from './regions.ts';
import { decideRetry, DEFAULT_RETRY_POLICY, MAX_TIMER_MS, type AttemptOutcome, type RetryPolicy } from './retry.ts';
import { readAnswer, transportFailure } from './send.ts';
import { DEFAULT_EVENT_STREAM_LIMITS, openEventStream, type EventStreamLimits } from './stream.ts';
import { redact } from './tokens.ts';
import { DEFAULT_MAX_RESPONSE_BYTES, fetchTransport, requestNotWritten, type Transport, type WireResponse } from './transport.ts';
import {
  createEndpoint,
  ownProperties,
  prepareRequest,
  type CallOptions,
  type Endpoint,
  type OperationRequest,
  type PreparedRequest,
  type RequestContext,
  type TagoResponse,
} from './wire.ts';

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
  /** Caps and idle timeout of event streams (realtime); see DEFAULT_EVENT_STREAM_LIMITS. */
  eventStream?: Partial<EventStreamLimits>;
  /** Test hooks: the clock's sleep and the jitter's randomness. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** Query parameters that carry credentials (network data routes, SSE); never printed. */
const SECRET_QUERY_KEYS = /^(token|authorization|authorization_token|authorized)$/i;

/**
 * The full-featured engine every generated client calls: resolves the region once, checks the token and headers
 * before any request, and sends each call through the same pieces as the plain `send` (prepareRequest,
 * the transport, readAnswer), adding per-attempt timeouts, caller aborts, retries with backoff, the warnings
 * hook and debug lines around them.
 */
export class TagoCore implements RequestEngine {
  readonly region: ResolvedRegion;
  readonly #endpoint: Endpoint;
  readonly #transport: Transport;
  readonly #options: ClientOptions;
  /** The client's retry policy, merged and checked once; a call's own `retry` or `maxRetries` is merged over it. */
  readonly #policy: RetryPolicy;
  readonly #timeoutMs: number;
  readonly #maxResponseBytes: number;
  readonly #streamLimits: EventStreamLimits;

  constructor(input: ClientOptions = {}) {
    // Own properties only: a polluted Object.prototype (say, a `transport`) must not reach the client or its token.
    const options = ownProperties(input);
    this.#options = options;
    this.region = resolveRegion(options.region, { allowInsecureHttp: options.allowInsecureHttp ?? false, ...(options.env ? { env: options.env } : {}) });
    this.#endpoint = createEndpoint(this.region, options);
    this.#transport = options.transport ?? fetchTransport();
    this.#timeoutMs = options.timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : checkPositive(options.timeoutMs, 'timeoutMs');
    this.#maxResponseBytes = options.maxResponseBytes === undefined ? DEFAULT_MAX_RESPONSE_BYTES : checkByteCap(options.maxResponseBytes);
    this.#policy = mergePolicy(DEFAULT_RETRY_POLICY, options.retry, options.maxRetries);
    this.#streamLimits = checkStreamLimits(options.eventStream);
  }

  /** Whether this client holds a token. */
  get hasToken(): boolean {
    return this.#endpoint.token !== undefined;
  }

  /** Sends one operation and returns its full answer. */
  async request<T = unknown>(op: OperationRequest, options?: CallOptions): Promise<TagoResponse<T>> {
    const call = options === undefined ? NO_CALL_OPTIONS : ownProperties(options);
    const method = op.method;
    const ctx = { method, path: op.path };
    const req = prepareRequest(this.#endpoint, op, call.headers);
    const timeoutMs = call.timeoutMs === undefined ? this.#timeoutMs : checkPositive(call.timeoutMs, 'timeoutMs');
    const policy = call.retry === undefined && call.maxRetries === undefined ? this.#policy : mergePolicy(this.#policy, call.retry, call.maxRetries);
    const sleep = this.#options.sleep ?? abortableSleep;
    const random = this.#options.random ?? Math.random;
    let mayHaveReached = false;

    for (let attempt = 1; ; attempt++) {
      if (call.signal?.aborted) throw new TagoAbortError({ ...ctx, sent: mayHaveReached });
      const started = Date.now();
      let outcome: AttemptOutcome;
      let failure: TagoError;
      try {
        const wire = await this.#send(req, timeoutMs, call.signal, ctx);
        if (this.#options.debug) this.#log(`${method} ${redactUrl(req.url)} -> ${wire.status} (${Date.now() - started} ms, attempt ${attempt})`, req.secrets);
        try {
          const answer = readAnswer<T>(req, op, wire, attempt);
          if (answer.warning !== undefined) {
            this.#options.onWarning?.({ message: answer.warning, method, path: op.path, operationId: op.operationId });
          }
          return answer;
        } catch (error) {
          if (!(error instanceof TagoApiError)) throw markProcessed(error, mayHaveReached);
          failure = error;
          outcome = {
            kind: 'response',
            status: error.status,
            retryAfterSeconds: 'retryAfterSeconds' in error ? (error.retryAfterSeconds as number | undefined) : undefined,
          };
        }
      } catch (error) {
        if (error instanceof TagoAbortError) throw markProcessed(error, mayHaveReached);
        if (error instanceof TagoTimeoutError) {
          failure = error;
          // A request that waited for a connection the whole time was never written: as safe to resend as a refusal.
          outcome = { kind: error.mayHaveBeenProcessed ? 'timeout' : 'refused' };
        } else if (error instanceof TagoConnectionError) {
          failure = error;
          outcome = { kind: error.mayHaveBeenProcessed ? 'network' : 'refused' };
        } else if (error instanceof TagoError) {
          throw markProcessed(error, mayHaveReached);
        } else {
          throw error;
        }
        if (this.#options.debug) this.#log(`${method} ${redactUrl(req.url)} -> ${failure.code} (${Date.now() - started} ms, attempt ${attempt})`, req.secrets);
      }
      mayHaveReached ||= failure.mayHaveBeenProcessed;
      const decision = decideRetry({
        method,
        attempt,
        outcome,
        policy,
        random: random(),
        ...(call.idempotent !== undefined ? { idempotent: call.idempotent } : {}),
      });
      if (!decision.retry) throw markProcessed(failure, mayHaveReached);
      this.#log(`retrying ${method} ${op.path} in ${decision.delayMs} ms: ${decision.reason}`, req.secrets);
      try {
        await sleep(decision.delayMs, call.signal);
      } catch {
        throw new TagoAbortError({ ...ctx, sent: mayHaveReached });
      }
    }
  }

  /**
   * Opens an event stream and yields its events as they arrive, until the caller stops (an abort of `signal`, or
   * leaving the `for await`) or the stream fails: a server close is a `stream_closed` error. `timeoutMs` (the
   * call's, else the client's) bounds the wait for the answer; `eventStream.idleTimeoutMs` (or the call's
   * `timeoutMs`) the silence between two chunks; `onOpen` runs once the answer is a 2xx event stream. Not retried:
   * `createRealtime` (realtime/) reconnects.
   */
  streamEvents(op: OperationRequest, options?: CallOptions, onOpen?: () => void): AsyncGenerator<ServerSentEvent, void, undefined> {
    const call = options === undefined ? NO_CALL_OPTIONS : ownProperties(options);
    const connectTimeoutMs = call.timeoutMs === undefined ? this.#timeoutMs : checkPositive(call.timeoutMs, 'timeoutMs');
    const limits = { ...this.#streamLimits, ...(call.timeoutMs === undefined ? {} : { idleTimeoutMs: connectTimeoutMs }) };
    return openEventStream(this.#endpoint, op, call, { fetch: this.#options.fetch, connectTimeoutMs, limits, onOpen });
  }

  /** One attempt through the transport, under the per-attempt timer and the caller's signal. */
  async #send(req: PreparedRequest, timeoutMs: number, callerSignal: AbortSignal | undefined, ctx: RequestContext): Promise<WireResponse> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = (): void => controller.abort();
    callerSignal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await this.#transport({ ...req, signal: controller.signal, maxResponseBytes: this.#maxResponseBytes });
    } catch (error) {
      if (timedOut) throw new TagoTimeoutError(timeoutMs, { ...ctx, sent: !requestNotWritten(error) });
      throw transportFailure(error, ctx, callerSignal, req.secrets);
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onAbort);
    }
  }

  #log(line: string, secrets: readonly string[]): void {
    const debug = this.#options.debug;
    if (debug) debug(redact(line, secrets));
  }
}

/** Call options when none are given: without a prototype, so a polluted Object.prototype adds nothing. */
const NO_CALL_OPTIONS: CallOptions = Object.freeze(Object.create(null) as CallOptions);

function checkPositive(value: number, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_TIMER_MS) {
    throw new TagoValidationError(`${field} must be a positive number of milliseconds up to ${MAX_TIMER_MS} (2^31 - 1)`, 'option_invalid', field);
  }
  return value;
}

/**
 * A retry policy with `retry` and `maxRetries` laid over `base`, every value checked: counts are whole numbers >= 0,
 * delays finite numbers >= 0 and `jitter` a share between 0 and 1; an unknown key is refused rather than ignored.
 */
function mergePolicy(base: RetryPolicy, retry: Partial<RetryPolicy> | undefined, maxRetries: number | undefined): RetryPolicy {
  const policy = { ...base };
  if (retry !== undefined) {
    if (typeof retry !== 'object' || retry === null || Array.isArray(retry)) throw new TagoValidationError('retry must be an object', 'option_invalid', 'retry');
    for (const [key, value] of Object.entries(retry)) {
      if (value === undefined) continue;
      const field = `retry.${key}`;
      if (key === 'maxRetries') policy.maxRetries = checkCount(value, field);
      else if (key === 'jitter') policy.jitter = checkShare(value, field);
      else if (key === 'initialDelayMs' || key === 'maxDelayMs' || key === 'maxRetryAfterMs') policy[key] = checkDelay(value, field);
      else throw new TagoValidationError(`${field} is not a retry setting (maxRetries, initialDelayMs, maxDelayMs, jitter, maxRetryAfterMs)`, 'option_invalid', field);
    }
  }
  if (maxRetries !== undefined) policy.maxRetries = checkCount(maxRetries, 'maxRetries');
  return policy;
}

function checkDelay(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_TIMER_MS) {
    throw new TagoValidationError(`${field} must be a number of milliseconds from 0 to ${MAX_TIMER_MS} (2^31 - 1)`, 'option_invalid', field);
  }
  return value;
}

function checkShare(value: unknown, field: string): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new TagoValidationError(`${field} must be a number from 0 to 1`, 'option_invalid', field);
  return value;
}

function checkByteCap(value: unknown, field = 'maxResponseBytes'): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new TagoValidationError(`${field} must be a whole number of bytes > 0`, 'option_invalid', field);
  }
  return value;
}

/** The event-stream limits over their defaults, each checked; an unknown key is refused rather than ignored. */
function checkStreamLimits(given: Partial<EventStreamLimits> | undefined): EventStreamLimits {
  const limits = { ...DEFAULT_EVENT_STREAM_LIMITS };
  if (given === undefined) return limits;
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw new TagoValidationError('eventStream must be an object', 'option_invalid', 'eventStream');
  }
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined) continue;
    const field = `eventStream.${key}`;
    if (key === 'idleTimeoutMs') limits.idleTimeoutMs = checkPositive(value, field);
    else if (key === 'maxLineBytes' || key === 'maxEventBytes' || key === 'maxErrorBodyBytes') limits[key] = checkByteCap(value, field);
    else {
      throw new TagoValidationError(
        `${field} is not an event-stream setting (idleTimeoutMs, maxLineBytes, maxEventBytes, maxErrorBodyBytes)`,
        'option_invalid',
        field,
      );
    }
  }
  return limits;
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
