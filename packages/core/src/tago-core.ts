import type { CallOptions, OperationRequest, TagoResponse } from './call-types.ts';
import type { ClientOptions } from './client-options.ts';
import {
  TagoAbortError,
  TagoApiError,
  TagoDeadlineError,
  TagoTimeoutError,
  TagoValidationError,
  type TagoError,
} from './errors.ts';
import type { ServerSentEvent } from './events.ts';
import { resolveRegion, type ResolvedRegion } from './regions.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.ts';
import { openEventStream, type EventStreamLimits } from './stream.ts';
import { fetchTransport, type Transport } from './transport.ts';
import {
  abortableSleep,
  markProcessed,
  responseRetryable,
  sendAttempt,
  transportRetryable,
  RetryableFailure,
  type AttemptSettings,
} from './internal/attempt.ts';
import type { RequestEngine } from './internal/call-operation.ts';
import {
  CALL_OPTION_NAMES,
  checkByteCap,
  checkFunction,
  checkOptionNames,
  checkPositive,
  checkStreamLimits,
  CLIENT_OPTION_NAMES,
  debugSink,
  mergePolicy,
} from './internal/option-checks.ts';
import { ownProperties } from './internal/own-properties.ts';
import { redact } from './internal/redaction.ts';
import {
  createEndpoint,
  finishBody,
  prepareRequest,
  type Endpoint,
  type PreparedRequest,
  withEncoders,
} from './internal/request-building.ts';
import { encodeRequestBody } from './internal/request-body.ts';
import { decideRetry } from './internal/retry-decision.ts';
import { readAnswer } from './internal/send-once.ts';
import { DEFAULT_MAX_RESPONSE_BYTES } from './internal/transport-support.ts';
import { redactUrl } from './internal/url-redaction.ts';

const DEFAULT_TIMEOUT_MS = 30_000;

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
  /** What every attempt runs with unless its call sets its own timeout (one object for all of them). */
  readonly #settings: AttemptSettings;
  readonly #deadlineMs: number | undefined;
  readonly #maxResponseBytes: number;
  readonly #debug: ((line: string) => void) | undefined;
  readonly #streamLimits: EventStreamLimits;

  constructor(input: ClientOptions = {}) {
    // Own properties only: a polluted Object.prototype (say, a `transport`) must not reach the client or its token.
    const options = ownProperties(input);
    checkOptionNames(options, CLIENT_OPTION_NAMES, 'client');
    for (const hook of ['transport', 'onWarning', 'fetch', 'sleep', 'random'] as const)
      checkFunction(options[hook], hook);
    this.#debug = debugSink(options.debug);
    this.#options = options;
    const regionOptions = {
      allowInsecureHttp: options.allowInsecureHttp ?? false,
      ...(options.env ? { env: options.env } : {}),
    };
    this.region = resolveRegion(options.region, regionOptions);
    this.#endpoint = createEndpoint(this.region, options);
    this.#transport = options.transport ?? fetchTransport();
    this.#timeoutMs =
      options.timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : checkPositive(options.timeoutMs, 'timeoutMs');
    this.#deadlineMs = options.deadlineMs === undefined ? undefined : checkPositive(options.deadlineMs, 'deadlineMs');
    this.#maxResponseBytes =
      options.maxResponseBytes === undefined ? DEFAULT_MAX_RESPONSE_BYTES : checkByteCap(options.maxResponseBytes);
    this.#policy = mergePolicy(DEFAULT_RETRY_POLICY, options.retry, options.maxRetries);
    this.#settings = {
      transport: this.#transport,
      timeoutMs: this.#timeoutMs,
      maxResponseBytes: this.#maxResponseBytes,
    };
    this.#streamLimits = checkStreamLimits(options.eventStream);
  }

  /** Whether this client holds a token. */
  get hasToken(): boolean {
    return this.#endpoint.token !== undefined;
  }

  /**
   * Sends one operation and returns its full answer: attempt, and while the policy (and the deadline) allows,
   * wait and attempt again. An error that ends the call says `mayHaveBeenProcessed` if any attempt may have
   * reached the server.
   */
  async request<T = unknown>(op: OperationRequest, options?: CallOptions): Promise<TagoResponse<T>> {
    const call = callOptions(options);
    const ctx = { method: op.method, path: op.path };
    let req = prepareRequest(this.#endpoint, withEncoders(op), call.headers, encodeRequestBody);
    if (req.form !== undefined) req = await finishBody(req);
    const timeoutMs = call.timeoutMs === undefined ? this.#timeoutMs : checkPositive(call.timeoutMs, 'timeoutMs');
    const deadlineMs = call.deadlineMs === undefined ? this.#deadlineMs : checkPositive(call.deadlineMs, 'deadlineMs');
    const deadlineAt = deadlineMs === undefined ? Infinity : Date.now() + deadlineMs;
    // The client's settings object unless the call sets its own timeout: most calls allocate none.
    const base: AttemptSettings =
      timeoutMs === this.#settings.timeoutMs ? this.#settings : { ...this.#settings, timeoutMs };
    // A call's own retry options are checked before anything is sent, like the client's.
    const policy =
      call.retry === undefined && call.maxRetries === undefined
        ? this.#policy
        : mergePolicy(this.#policy, call.retry, call.maxRetries);
    let mayHaveReached = false;
    let lastFailure: TagoError | undefined;

    for (let attempt = 1; ; attempt++) {
      if (call.signal?.aborted) throw new TagoAbortError({ method: op.method, path: op.path, sent: mayHaveReached });
      // Within a deadline, an attempt gets what is left of it when that is less than its own timeout.
      const left = deadlineMs === undefined ? Infinity : deadlineAt - Date.now();
      if (left <= 0)
        throw deadlinePassed(op, deadlineMs!, mayHaveReached, `passed before attempt ${attempt}`, lastFailure);
      const cut = left < timeoutMs;
      const settings = cut ? { ...base, timeoutMs: Math.ceil(left) } : base;
      let result: TagoResponse<T> | RetryableFailure;
      try {
        result = await this.#attempt<T>(req, op, settings, call.signal, attempt);
      } catch (error) {
        throw markProcessed(error, mayHaveReached);
      }
      if (!(result instanceof RetryableFailure)) {
        this.#warn(result, op);
        return result;
      }
      const { error, outcome } = result;
      mayHaveReached ||= error.mayHaveBeenProcessed;
      lastFailure = error;
      if (cut && error instanceof TagoTimeoutError) {
        throw deadlinePassed(op, deadlineMs!, mayHaveReached, `passed during attempt ${attempt}`, error);
      }
      const idempotent = call.idempotent === undefined ? {} : { idempotent: call.idempotent };
      const random = (this.#options.random ?? Math.random)();
      const decision = decideRetry({ method: op.method, attempt, outcome, policy, random, ...idempotent });
      if (!decision.retry) throw markProcessed(error, mayHaveReached);
      if (!req.replayable) throw markProcessed(notReplayable(ctx, decision.reason, error), mayHaveReached);
      if (Date.now() + decision.delayMs >= deadlineAt) {
        const detail = `would pass before attempt ${attempt + 1} (${decision.reason}: ${decision.delayMs} ms)`;
        throw deadlinePassed(op, deadlineMs!, mayHaveReached, detail, error);
      }
      this.#log(`retrying ${op.method} ${op.path} in ${decision.delayMs} ms: ${decision.reason}`, req.secrets);
      try {
        await (this.#options.sleep ?? abortableSleep)(decision.delayMs, call.signal);
      } catch {
        throw new TagoAbortError({ method: op.method, path: op.path, sent: mayHaveReached });
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
  streamEvents(
    op: OperationRequest,
    options?: CallOptions,
    onOpen?: () => void,
  ): AsyncGenerator<ServerSentEvent, void, undefined> {
    const call = callOptions(options);
    if (call.deadlineMs !== undefined) {
      throw new TagoValidationError(
        'deadlineMs does not apply to an event stream, which runs until stopped; pass signal: AbortSignal.timeout(ms)',
        'option_unsupported',
        'deadlineMs',
        { method: op.method, path: op.path },
      );
    }
    const connectTimeoutMs =
      call.timeoutMs === undefined ? this.#timeoutMs : checkPositive(call.timeoutMs, 'timeoutMs');
    const limits = {
      ...this.#streamLimits,
      ...(call.timeoutMs === undefined ? {} : { idleTimeoutMs: connectTimeoutMs }),
    };
    return openEventStream(this.#endpoint, op, call, { fetch: this.#options.fetch, connectTimeoutMs, limits, onOpen });
  }

  /**
   * One attempt: the answer, or a failure the policy may retry (a timeout, a lost or refused connection, an API
   * error status). Anything else (an abort, a redirect, an unreadable answer) is thrown: it ends the call.
   */
  async #attempt<T>(
    req: PreparedRequest,
    op: OperationRequest,
    settings: AttemptSettings,
    signal: AbortSignal | undefined,
    attempt: number,
  ): Promise<TagoResponse<T> | RetryableFailure> {
    const started = this.#debug ? Date.now() : 0;
    let wire: Awaited<ReturnType<typeof sendAttempt>>;
    try {
      wire = await sendAttempt(req, settings, signal, { method: op.method, path: op.path });
    } catch (error) {
      const failed = transportRetryable(error);
      if (failed === undefined) throw error;
      if (this.#debug) this.#logAttempt(req, op, failed.error.code, started, attempt);
      return failed;
    }
    if (this.#debug) this.#logAttempt(req, op, wire.status, started, attempt);
    try {
      return readAnswer<T>(req, op, wire, attempt);
    } catch (error) {
      if (error instanceof TagoApiError) return responseRetryable(error);
      throw error;
    }
  }

  #logAttempt(req: PreparedRequest, op: OperationRequest, ended: string | number, started: number, attempt: number) {
    this.#log(
      `${op.method} ${redactUrl(req.url)} -> ${ended} (${Date.now() - started} ms, attempt ${attempt})`,
      req.secrets,
    );
  }

  /** Hands a warning of the answer to `onWarning`. */
  #warn(answer: TagoResponse<unknown>, op: OperationRequest): void {
    if (answer.warning === undefined) return;
    this.#options.onWarning?.({
      message: answer.warning,
      method: op.method,
      path: op.path,
      operationId: op.operationId,
    });
  }

  #log(line: string, secrets: readonly string[]): void {
    this.#debug?.(redact(line, secrets));
  }
}

/** A retry the policy wanted but a stream body (read once, by the failed attempt) cannot have. */
function notReplayable(ctx: { method: string; path: string }, reason: string, cause: TagoError): TagoValidationError {
  const error = new TagoValidationError(
    `${ctx.method} ${ctx.path} would be retried (${reason}: ${cause.message}), but its body is a stream that was ` +
      'already read; pass a Blob or bytes to let it be sent again',
    'body_not_replayable',
    'body',
    ctx,
  );
  Object.defineProperty(error, 'cause', { value: cause, configurable: true, writable: true });
  return error;
}

/** The error of a call whose deadline passed (`detail` says when), carrying the last attempt's failure. */
function deadlinePassed(
  op: OperationRequest,
  deadlineMs: number,
  sent: boolean,
  detail: string,
  cause: TagoError | undefined,
): TagoDeadlineError {
  return new TagoDeadlineError(deadlineMs, {
    method: op.method,
    path: op.path,
    sent,
    cause,
    message: `The call's deadline of ${deadlineMs} ms ${detail}`,
  });
}

/** Call options when none are given: without a prototype, so a polluted Object.prototype adds nothing. */
const NO_CALL_OPTIONS: CallOptions = Object.freeze(Object.create(null) as CallOptions);

/** A call's options, own properties only, every name a known one. */
function callOptions(options: CallOptions | undefined): CallOptions {
  if (options === undefined) return NO_CALL_OPTIONS;
  const call = ownProperties(options);
  checkOptionNames(call, CALL_OPTION_NAMES, 'call');
  return call;
}
