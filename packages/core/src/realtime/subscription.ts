import {
  TagoAbortError,
  TagoApiError,
  TagoConnectionError,
  TagoError,
  TagoTimeoutError,
  TagoValidationError,
} from '../errors.ts';
import type { ServerSentEvent } from '../events.ts';
import type { TagoEventStream } from '../tago-promise.ts';
import { abortableSleep } from '../internal/attempt.ts';
import { MAX_TIMER_MS } from '../internal/retry-decision.ts';
import { validateToken } from '../internal/header-checks.ts';
import type { CallOptions, OperationRequest } from '../call-types.ts';
import { serializeChannels, type ChannelInput } from './channels.ts';
import { parseRealtimeData, type PayloadOf, type RealtimeMessage } from './payloads.ts';

/** What opens one event-stream connection (TagoCore does; `onOpen` runs when the answer is a 2xx event stream). */
export interface RealtimeEngine {
  streamEvents(
    op: OperationRequest,
    call?: CallOptions,
    onOpen?: () => void,
  ): AsyncGenerator<ServerSentEvent, void, undefined>;
}

/** `connecting` (first attempt), `open`, `reconnecting` (waiting or retrying after a drop), `closed` (for good). */
export type RealtimeState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/**
 * Why a subscription closed: `stopped` (close(), the caller's signal, or leaving the loop), `deadline`
 * (`deadlineMs` passed), `refused` (an answer that will not change: 4xx but 408/429, not an event stream, a
 * redirect, a cap exceeded), `gave_up` (`reconnect.maxAttempts` drops in a row).
 */
export type RealtimeCloseReason = 'stopped' | 'deadline' | 'refused' | 'gave_up';

export interface RealtimeStateChange {
  state: RealtimeState;
  /** Failed connections in a row (0 once open). */
  failures: number;
  /** With `reconnecting`: the wait before the next attempt, in ms. */
  delayMs?: number;
  /** The error that caused a `reconnecting` or a `closed` (`refused`, `gave_up`). */
  error?: TagoError;
  /** With `closed`. */
  reason?: RealtimeCloseReason;
}

export interface ReconnectPolicy {
  /** First wait after a drop, in ms (default 1 000); the server's `retry:` replaces it once sent. */
  initialDelayMs: number;
  /** Longest wait, in ms (default 30 000). */
  maxDelayMs: number;
  /** Share of each wait drawn at random and taken off, 0..1 (default 0.5), so clients dropped together spread out. */
  jitter: number;
  /** Failed connections in a row before giving up (default: never give up). */
  maxAttempts: number;
}

export const DEFAULT_RECONNECT_POLICY: Readonly<ReconnectPolicy> = {
  initialDelayMs: 1000,
  maxDelayMs: 30_000,
  jitter: 0.5,
  maxAttempts: Number.POSITIVE_INFINITY,
};

export interface RealtimeOptions {
  /** The token sent as `token=` (TagoIO's realtime host takes it in the query); the client's by default. */
  token?: string;
  /** Stops the subscription (the loop ends quietly). */
  signal?: AbortSignal;
  /** Resume after this event id (sent as `Last-Event-ID` on the first connection). */
  lastEventId?: string;
  /**
   * Idle watchdog: longest silence (not even a comment) before the connection is dropped and reopened, also the
   * longest wait for an answer, in ms. Default: the client's `eventStream.idleTimeoutMs` (silence) and `timeoutMs`.
   */
  idleTimeoutMs?: number;
  reconnect?: Partial<ReconnectPolicy>;
  /** Wall-clock limit of the whole subscription, in ms (an edge worker ends with its request); then it closes. */
  deadlineMs?: number;
  /** `channel` for hosts that take one `channel=` (TagoIO's Python SDK and CLI send that); `channels` by default. */
  channelParam?: 'channels' | 'channel';
  /** Called on every state change. */
  onStateChange?: (change: RealtimeStateChange) => void;
  /** Test hooks: the wait between attempts and the jitter's randomness. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
}

/** The generated one-shot operation (`subscribeRealtimeEvents`): raw `token` and `channels`, one connection. */
export interface OneShotRealtime {
  subscribe(args: { token: string; channels: string }, options?: CallOptions): TagoEventStream;
}

/** `client.realtime`: subscriptions with the client's token. */
export interface Realtime {
  /** A reconnecting subscription to typed channels, with the client's token unless `options.token` says. */
  subscribe<const C extends ChannelInput>(
    channels: readonly C[],
    options?: RealtimeOptions,
  ): RealtimeSubscription<PayloadOf<C>>;
  /** The raw operation, one connection, no reconnect (kept for callers of the generated form). */
  subscribe(args: { token: string; channels: string }, options?: CallOptions): TagoEventStream;
}

/**
 * Realtime over an engine; `token` is the client's, used when a subscription names none; `oneShot` is the
 * generated operation, which an object argument (instead of a channel list) still reaches.
 */
export function createRealtime(
  engine: RealtimeEngine,
  defaults: { token?: string | undefined; oneShot?: OneShotRealtime } = {},
): Realtime {
  function subscribe<const C extends ChannelInput>(
    channels: readonly C[],
    options?: RealtimeOptions,
  ): RealtimeSubscription<PayloadOf<C>>;
  function subscribe(args: { token: string; channels: string }, options?: CallOptions): TagoEventStream;
  function subscribe(
    first: readonly ChannelInput[] | { token: string; channels: string },
    options?: RealtimeOptions | CallOptions,
  ): unknown {
    if (!Array.isArray(first) && first !== null && typeof first === 'object' && defaults.oneShot) {
      return defaults.oneShot.subscribe(
        first as { token: string; channels: string },
        options as CallOptions | undefined,
      );
    }
    return new RealtimeSubscription(
      engine,
      first as readonly ChannelInput[],
      (options ?? {}) as RealtimeOptions,
      defaults.token,
    );
  }
  return { subscribe };
}

/**
 * A live subscription: iterate it once with `for await`. It reconnects after drops (a network error, the server
 * closing the stream, a 5xx, 408 or 429, the idle watchdog) with exponential backoff and jitter, honours `retry:`
 * and `Retry-After`, and resends `Last-Event-ID` once the server has sent ids. It ends quietly when stopped or at
 * its deadline, and throws the typed error when refused for good or when it gives up.
 */
export class RealtimeSubscription<P = unknown> implements AsyncIterable<RealtimeMessage<P>> {
  readonly #engine: RealtimeEngine;
  readonly #channels: string[];
  readonly #token: string;
  readonly #options: RealtimeOptions;
  readonly #policy: ReconnectPolicy;
  readonly #controller = new AbortController();
  #state: RealtimeState = 'connecting';
  #reason: RealtimeCloseReason | undefined;
  #lastEventId: string | undefined;
  #iterated = false;

  constructor(
    engine: RealtimeEngine,
    channels: readonly ChannelInput[],
    given: RealtimeOptions,
    defaultToken: string | undefined,
  ) {
    const options = Object.assign(Object.create(null) as RealtimeOptions, given);
    this.#engine = engine;
    this.#channels = serializeChannels(channels);
    const token = options.token ?? defaultToken;
    if (token === undefined) {
      throw new TagoValidationError(
        'realtime.subscribe needs a token: the client has none and options.token is absent',
        'token_missing',
        'token',
      );
    }
    this.#token = validateToken(token, 'token');
    if (options.channelParam === 'channel' && this.#channels.length > 1) {
      throw new TagoValidationError(
        'channelParam "channel" carries one channel only',
        'channels_invalid',
        'channelParam',
      );
    }
    if (
      options.channelParam !== undefined &&
      options.channelParam !== 'channel' &&
      options.channelParam !== 'channels'
    ) {
      throw new TagoValidationError('channelParam must be "channels" or "channel"', 'option_invalid', 'channelParam');
    }
    if (options.idleTimeoutMs !== undefined) checkMs(options.idleTimeoutMs, 'idleTimeoutMs', false);
    if (options.deadlineMs !== undefined) checkMs(options.deadlineMs, 'deadlineMs', false);
    this.#policy = reconnectPolicy(options.reconnect);
    this.#options = options;
    this.#lastEventId = options.lastEventId;
  }

  get state(): RealtimeState {
    return this.#state;
  }

  /** Why it closed, once `state` is `closed`. */
  get closeReason(): RealtimeCloseReason | undefined {
    return this.#reason;
  }

  /** The id of the last event received (what a reconnect resends as `Last-Event-ID`). */
  get lastEventId(): string | undefined {
    return this.#lastEventId;
  }

  /** Stops the subscription: the connection is cut and the loop ends quietly. */
  close(): void {
    this.#reason ??= 'stopped';
    this.#controller.abort();
  }

  [Symbol.asyncIterator](): AsyncIterator<RealtimeMessage<P>> {
    if (this.#iterated) {
      throw new TagoValidationError(
        'A realtime subscription is iterated once; subscribe again for a second reader',
        'subscription_iterated',
      );
    }
    this.#iterated = true;
    return this.#run();
  }

  #setState(change: RealtimeStateChange): void {
    this.#state = change.state;
    if (change.reason) this.#reason = change.reason;
    this.#options.onStateChange?.(change);
  }

  async *#run(): AsyncGenerator<RealtimeMessage<P>, void, undefined> {
    const options = this.#options;
    const signal = this.#controller.signal;
    const onCallerAbort = (): void => this.close();
    if (options.signal?.aborted) this.close();
    options.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const deadline =
      options.deadlineMs === undefined
        ? undefined
        : setTimeout(() => {
            this.#reason ??= 'deadline';
            this.#controller.abort();
          }, options.deadlineMs);
    const sleep = options.sleep ?? abortableSleep;
    const random = options.random ?? Math.random;
    let failures = 0;
    let serverRetryMs: number | undefined;
    this.#setState({ state: 'connecting', failures });
    try {
      for (;;) {
        if (signal.aborted) break;
        let error: TagoError | undefined;
        try {
          for await (const event of this.#connect(() => {
            failures = 0;
            this.#setState({ state: 'open', failures });
          })) {
            if (event.id !== undefined) this.#lastEventId = event.id;
            if (event.retry !== undefined) serverRetryMs = event.retry;
            yield parseRealtimeData<P>(event);
          }
        } catch (caught) {
          if (signal.aborted || caught instanceof TagoAbortError) break;
          if (!(caught instanceof TagoError)) throw caught;
          error = caught;
        }
        if (signal.aborted) break;
        // A stream always ends in an error (stream_closed at the least); an engine that just returns is a drop too.
        const failure =
          error ??
          new TagoConnectionError('The server closed the event stream', { reachedServer: true, code: 'stream_closed' });
        if (!isTransient(failure)) {
          this.#setState({ state: 'closed', failures, error: failure, reason: 'refused' });
          throw failure;
        }
        failures++;
        if (failures > this.#policy.maxAttempts) {
          this.#setState({ state: 'closed', failures, error: failure, reason: 'gave_up' });
          throw failure;
        }
        const delayMs = this.#delay(failures, serverRetryMs, failure, random());
        this.#setState({ state: 'reconnecting', failures, delayMs, error: failure });
        try {
          await sleep(delayMs, signal);
        } catch {
          break;
        }
      }
      this.#setState({ state: 'closed', failures, reason: this.#reason ?? 'stopped' });
    } finally {
      clearTimeout(deadline);
      options.signal?.removeEventListener('abort', onCallerAbort);
      // Leaving the loop early (break, return, a throw in the consumer) stops the subscription.
      if (!signal.aborted) {
        this.#reason ??= 'stopped';
        this.#controller.abort();
      }
      if (this.#state !== 'closed') this.#setState({ state: 'closed', failures, reason: this.#reason ?? 'stopped' });
    }
  }

  #connect(onOpen: () => void): AsyncGenerator<ServerSentEvent, void, undefined> {
    const param = this.#options.channelParam ?? 'channels';
    const op: OperationRequest = {
      operationId: 'subscribeRealtimeEvents',
      method: 'GET',
      path: '/events',
      server: 'sse',
      auth: false,
      envelope: 'raw',
      accept: 'text/event-stream',
      query: { [param]: this.#channels.join(','), token: this.#token },
    };
    const call: CallOptions = { signal: this.#controller.signal };
    if (this.#lastEventId !== undefined) call.headers = { 'last-event-id': this.#lastEventId };
    if (this.#options.idleTimeoutMs !== undefined) call.timeoutMs = this.#options.idleTimeoutMs;
    return this.#engine.streamEvents(op, call, onOpen);
  }

  /** Exponential from the server's `retry:` (else initialDelayMs), capped, minus jitter; never under Retry-After. */
  #delay(failures: number, serverRetryMs: number | undefined, failure: TagoError, draw: number): number {
    const { initialDelayMs, maxDelayMs, jitter } = this.#policy;
    const base = serverRetryMs ?? initialDelayMs;
    const exponential = Math.min(maxDelayMs, base * 2 ** Math.min(failures - 1, 30));
    const delay = Math.round(exponential * (1 - jitter * draw));
    const retryAfter = (failure as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    return typeof retryAfter === 'number' ? Math.min(Math.max(delay, retryAfter * 1000), MAX_TIMER_MS) : delay;
  }
}

/** Drops worth reconnecting after: network errors, the server closing, timeouts, 5xx, 408 and 429. */
function isTransient(error: TagoError): boolean {
  if (error instanceof TagoConnectionError || error instanceof TagoTimeoutError) return true;
  if (error instanceof TagoApiError) return error.status === 408 || error.status === 429 || error.status >= 500;
  return false;
}

function reconnectPolicy(given: Partial<ReconnectPolicy> | undefined): ReconnectPolicy {
  const policy = { ...DEFAULT_RECONNECT_POLICY };
  if (given === undefined) return policy;
  if (given === null || typeof given !== 'object' || Array.isArray(given)) {
    throw new TagoValidationError('reconnect must be an object', 'option_invalid', 'reconnect');
  }
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined) continue;
    const field = `reconnect.${key}`;
    if (key === 'initialDelayMs' || key === 'maxDelayMs') policy[key] = checkMs(value, field, true);
    else if (key === 'jitter') {
      if (typeof value !== 'number' || !(value >= 0 && value <= 1))
        throw new TagoValidationError(`${field} must be a number from 0 to 1`, 'option_invalid', field);
      policy.jitter = value;
    } else if (key === 'maxAttempts') {
      if (!(value === Number.POSITIVE_INFINITY || (Number.isInteger(value) && value >= 0))) {
        throw new TagoValidationError(`${field} must be a whole number >= 0 (or Infinity)`, 'option_invalid', field);
      }
      policy.maxAttempts = value;
    } else {
      throw new TagoValidationError(
        `${field} is not a reconnect setting (initialDelayMs, maxDelayMs, jitter, maxAttempts)`,
        'option_invalid',
        field,
      );
    }
  }
  return policy;
}

function checkMs(value: unknown, field: string, zeroAllowed: boolean): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < 0 ||
    (!zeroAllowed && value === 0) ||
    value > MAX_TIMER_MS
  ) {
    const range = zeroAllowed ? 'from 0' : 'above 0';
    throw new TagoValidationError(
      `${field} must be a number of milliseconds ${range} up to ${MAX_TIMER_MS} (2^31 - 1)`,
      'option_invalid',
      field,
    );
  }
  return value;
}
