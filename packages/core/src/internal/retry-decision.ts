/**
 * When to try a call again, and how long to wait. Pure functions, so every client (and the shared test vectors)
 * can check the same decisions.
 */
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../retry-policy.ts';

/** What happened on one attempt, as far as retrying is concerned. */
export type AttemptOutcome =
  | { kind: 'response'; status: number; retryAfterSeconds?: number | undefined }
  /** The connection was refused or the host did not resolve: the request never left, any method may retry. */
  | { kind: 'refused' }
  /** The connection broke after the request may have been sent. */
  | { kind: 'network' }
  | { kind: 'timeout' }
  | { kind: 'abort' };

export interface RetryDecision {
  retry: boolean;
  /** Wait before the next attempt, in ms (0 when not retrying). */
  delayMs: number;
  /** Why, in a few words (for debug logs and the test vectors). */
  reason: string;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** Whether repeating the method cannot create a second effect (RFC 9110 §9.2.2). */
export function isIdempotent(method: string): boolean {
  return IDEMPOTENT.has(method.toUpperCase());
}

/**
 * Decides whether attempt number `attempt` (1 = the first call) is followed by another.
 * - aborts never retry; a 429 or a refused connection retries for every method (nothing was processed);
 * - 5xx, timeouts and broken connections retry only when the call is idempotent: a POST that may have reached the
 *   server is never sent twice;
 * - other 4xx never retry.
 */
export function decideRetry(input: {
  method: string;
  attempt: number;
  outcome: AttemptOutcome;
  policy?: Partial<RetryPolicy>;
  idempotent?: boolean;
  random?: number;
}): RetryDecision {
  const policy = { ...DEFAULT_RETRY_POLICY, ...input.policy };
  const idempotent = input.idempotent ?? isIdempotent(input.method);
  const { outcome } = input;
  const no = (reason: string): RetryDecision => ({ retry: false, delayMs: 0, reason });
  if (outcome.kind === 'abort') return no('aborted by the caller');
  if (input.attempt > policy.maxRetries) return no('retries exhausted');
  const backoff = backoffDelay(input.attempt, policy, input.random ?? Math.random());
  switch (outcome.kind) {
    case 'refused':
      return { retry: true, delayMs: backoff, reason: 'connection refused before sending' };
    case 'network':
      return idempotent
        ? { retry: true, delayMs: backoff, reason: 'connection lost' }
        : no('connection lost on a non-idempotent call');
    case 'timeout':
      return idempotent ? { retry: true, delayMs: backoff, reason: 'timeout' } : no('timeout on a non-idempotent call');
    case 'response': {
      const { status } = outcome;
      if (status === 429) {
        if (outcome.retryAfterSeconds !== undefined) {
          const wait = outcome.retryAfterSeconds * 1000;
          if (wait > policy.maxRetryAfterMs) return no('Retry-After longer than maxRetryAfterMs');
          return { retry: true, delayMs: wait, reason: 'rate limited; waiting Retry-After' };
        }
        return { retry: true, delayMs: backoff, reason: 'rate limited' };
      }
      if (status === 408 || status >= 500) {
        return idempotent
          ? { retry: true, delayMs: backoff, reason: `HTTP ${status}` }
          : no(`HTTP ${status} on a non-idempotent call`);
      }
      return no(`HTTP ${status} is final`);
    }
  }
}

/** Exponential backoff with jitter: min(initial * 2^(attempt-1), max), minus up to `jitter` of it. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: number): number {
  const base = Math.min(policy.initialDelayMs * 2 ** Math.max(0, attempt - 1), policy.maxDelayMs);
  return Math.round(base * (1 - policy.jitter * Math.min(Math.max(random, 0), 1)));
}

/** RFC 9110 delta-seconds: digits only. */
const DELTA_SECONDS = /^\d+$/;
/** RFC 9110 IMF-fixdate, the HTTP-date form senders must use (`Sun, 06 Nov 1994 08:49:37 GMT`). */
const IMF_FIXDATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/;

/**
 * Reads the wait a 429 asks for: the `Retry-After` header as delta-seconds or an IMF-fixdate, or, as TagoIO
 * documents it, the message text `Too many requests (Retry-After: N)`. Undefined when neither says, or when the
 * header is in no RFC form (a fraction, a sign, an ISO date): the caller then backs off as for any 429, rather
 * than trusting a lenient date parser that reads `-5` or `1 2` as a year.
 */
export function retryAfterFrom(
  headers: Record<string, string>,
  message: string | undefined,
  now: number = Date.now(),
): number | undefined {
  const header = headers['retry-after'];
  if (header !== undefined) {
    const trimmed = header.trim();
    if (DELTA_SECONDS.test(trimmed)) return Number(trimmed);
    if (IMF_FIXDATE.test(trimmed)) {
      const date = Date.parse(trimmed);
      if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - now) / 1000));
    }
  }
  const match = message ? /Retry-After:\s*(\d+)/i.exec(message) : null;
  return match ? Number(match[1]) : undefined;
}

/**
 * Longest delay a timer can hold: setTimeout fires at once (after a warning, in Node) for anything above
 * 2^31 - 1 ms (about 24.8 days), so longer timeouts and delays are refused where they are configured.
 */
export const MAX_TIMER_MS = 2_147_483_647;
