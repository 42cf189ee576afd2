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
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, settings.timeoutMs);
  const onAbort = (): void => controller.abort();
  callerSignal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await settings.transport({ ...req, signal: controller.signal, maxResponseBytes: settings.maxResponseBytes });
  } catch (error) {
    if (timedOut) throw new TagoTimeoutError(settings.timeoutMs, { ...ctx, sent: !requestNotWritten(error) });
    throw transportFailure(error, ctx, callerSignal, req.secrets);
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', onAbort);
  }
}

/** A failed attempt that the retry policy may repeat, with what happened as the policy reads it. */
export interface RetryableFailure {
  readonly error: TagoError;
  readonly outcome: AttemptOutcome;
}

/**
 * What a transport failure means for retrying; undefined when it ends the call at once (an abort, or any other
 * typed error). A request that waited for a connection the whole time was never written: as safe to resend as a
 * refused connection.
 */
export function transportRetryable(error: unknown): RetryableFailure | undefined {
  if (error instanceof TagoTimeoutError)
    return { error, outcome: { kind: error.mayHaveBeenProcessed ? 'timeout' : 'refused' } };
  if (error instanceof TagoConnectionError)
    return { error, outcome: { kind: error.mayHaveBeenProcessed ? 'network' : 'refused' } };
  return undefined;
}

/** What an API error answer means for retrying: its status, and the wait a 429 asked for. */
export function responseRetryable(error: TagoApiError): RetryableFailure {
  const retryAfterSeconds = 'retryAfterSeconds' in error ? (error.retryAfterSeconds as number | undefined) : undefined;
  return { error, outcome: { kind: 'response', status: error.status, retryAfterSeconds } };
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
