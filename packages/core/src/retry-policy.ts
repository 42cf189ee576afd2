import { RETRY_DEFAULTS } from './facts.ts';

/** How a client retries; every value can be set per client and per call (`retry`, `maxRetries`). */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Wait before the first retry, in ms; doubles each time. */
  initialDelayMs: number;
  /** Upper bound of the backoff, in ms. */
  maxDelayMs: number;
  /** Share of the delay removed at random (0 = none, 0.25 = up to a quarter) so clients do not retry in step. */
  jitter: number;
  /** Longest Retry-After the client waits for; a longer one is not waited out (the 429 is returned). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = RETRY_DEFAULTS;
