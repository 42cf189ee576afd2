import { TagoApiError, TagoConnectionError, TagoError, TagoTimeoutError } from '../errors.ts';
import type { Transport, WireResponse } from '../transport.ts';
import type { PreparedRequest, RequestContext } from './request-building.ts';
import type { AttemptOutcome } from './retry-decision.ts';
import { transportFailure } from './send-once.ts';
import { requestNotWritten } from './transport-support.ts';

/** The pieces of TagoCore's retry loop: one attempt under its timer, what a failure means, the wait between. */

/** What one attempt runs with. */
export interface AttemptSettings {
  readonly transport: Transport;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
}

/** One attempt through the transport, under the per-attempt timer and the caller's signal. */
export async function sendAttempt(
  req: PreparedRequest,
  settings: AttemptSettings,
  callerSignal: AbortSignal | undefined,
  ctx: RequestContext,
): Promise<WireResponse> {
  const timer = new AttemptTimer(settings.timeoutMs, callerSignal);
  try {
    return await settings.transport({
      ...req,
      signal: timer.controller.signal,
      maxResponseBytes: settings.maxResponseBytes,
    });
  } catch (error) {
    if (timer.timedOut) throw new TagoTimeoutError(settings.timeoutMs, { ...ctx, sent: !requestNotWritten(error) });
    throw transportFailure(error, ctx, callerSignal, req.secrets);
  } finally {
    timer.stop();
  }
}

/**
 * The abort controller of one attempt, fired by its timeout or by the caller's signal. One object is both the
 * timer's argument and the signal's listener (`handleEvent`), so an attempt allocates no closures for them.
 */
class AttemptTimer {
  readonly controller = new AbortController();
  timedOut = false;
  readonly #timer: ReturnType<typeof setTimeout>;
  readonly #callerSignal: AbortSignal | undefined;

  constructor(timeoutMs: number, callerSignal: AbortSignal | undefined) {
    this.#timer = setTimeout(fireTimeout, timeoutMs, this);
    this.#callerSignal = callerSignal;
    callerSignal?.addEventListener('abort', this, { once: true });
  }

  /** The caller aborted. */
  handleEvent(): void {
    this.controller.abort();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#callerSignal?.removeEventListener('abort', this);
  }
}

function fireTimeout(timer: AttemptTimer): void {
  timer.timedOut = true;
  timer.controller.abort();
}

/** A failed attempt that the retry policy may repeat, with what happened as the policy reads it. */
export class RetryableFailure {
  constructor(
    readonly error: TagoError,
    readonly outcome: AttemptOutcome,
  ) {}
}

/**
 * What a transport failure means for retrying; undefined when it ends the call at once (an abort, or any other
 * typed error). A request that waited for a connection the whole time was never written: as safe to resend as a
 * refused connection.
 */
export function transportRetryable(error: unknown): RetryableFailure | undefined {
  if (error instanceof TagoTimeoutError)
    return new RetryableFailure(error, { kind: error.mayHaveBeenProcessed ? 'timeout' : 'refused' });
  if (error instanceof TagoConnectionError)
    return new RetryableFailure(error, { kind: error.mayHaveBeenProcessed ? 'network' : 'refused' });
  return undefined;
}

/** What an API error answer means for retrying: its status, and the wait a 429 asked for. */
export function responseRetryable(error: TagoApiError): RetryableFailure {
  const retryAfterSeconds = 'retryAfterSeconds' in error ? (error.retryAfterSeconds as number | undefined) : undefined;
  return new RetryableFailure(error, { kind: 'response', status: error.status, retryAfterSeconds });
}

/** The error of a call that already made an attempt which may have reached the server: it says so. */
export function markProcessed<E>(error: E, mayHaveReached: boolean): E {
  if (mayHaveReached && error instanceof TagoError && !error.mayHaveBeenProcessed) {
    Object.defineProperty(error, 'mayHaveBeenProcessed', { value: true });
  }
  return error;
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
