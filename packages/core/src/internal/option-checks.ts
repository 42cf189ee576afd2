import { TagoValidationError } from '../errors.ts';
import type { RetryPolicy } from '../retry-policy.ts';
import { DEFAULT_EVENT_STREAM_LIMITS, type EventStreamLimits } from '../stream.ts';
import { MAX_TIMER_MS } from './retry-decision.ts';

/** Run-time checks of client and call options: plain JavaScript callers get a typed error, never a silent default. */

export function checkPositive(value: number, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_TIMER_MS) {
    throw new TagoValidationError(`${field} must be a positive number of milliseconds up to ${MAX_TIMER_MS} (2^31 - 1)`, 'option_invalid', field);
  }
  return value;
}

/**
 * A retry policy with `retry` and `maxRetries` laid over `base`, every value checked: counts are whole numbers >= 0,
 * delays finite numbers >= 0 and `jitter` a share between 0 and 1; an unknown key is refused rather than ignored.
 */
export function mergePolicy(base: RetryPolicy, retry: Partial<RetryPolicy> | undefined, maxRetries: number | undefined): RetryPolicy {
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

export function checkByteCap(value: unknown, field = 'maxResponseBytes'): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new TagoValidationError(`${field} must be a whole number of bytes > 0`, 'option_invalid', field);
  }
  return value;
}

/** The event-stream limits over their defaults, each checked; an unknown key is refused rather than ignored. */
export function checkStreamLimits(given: Partial<EventStreamLimits> | undefined): EventStreamLimits {
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
