import type { CallOptions } from '../call-types.ts';
import type { ClientOptions } from '../client-options.ts';
import { TagoValidationError } from '../errors.ts';
import type { RetryPolicy } from '../retry-policy.ts';
import { TOKEN_KINDS, type TokenKind } from '../token-kinds.ts';
import { DEFAULT_EVENT_STREAM_LIMITS, type EventStreamLimits } from '../stream.ts';
import { MAX_TIMER_MS } from './retry-decision.ts';
import { printable } from './printable.ts';
import { didYouMean } from './suggest.ts';

/** Run-time checks of client and call options: plain JavaScript callers get a typed error, never a silent default. */

export function checkPositive(value: number, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_TIMER_MS) {
    throw new TagoValidationError(
      `${field} must be a positive number of milliseconds up to ${MAX_TIMER_MS} (2^31 - 1)`,
      'option_invalid',
      field,
    );
  }
  return value;
}

/**
 * A retry policy with `retry` and `maxRetries` laid over `base`, every value checked: counts are whole numbers >= 0,
 * delays finite numbers >= 0 and `jitter` a share between 0 and 1; an unknown key is refused rather than ignored.
 */
export function mergePolicy(
  base: RetryPolicy,
  retry: Partial<RetryPolicy> | undefined,
  maxRetries: number | undefined,
): RetryPolicy {
  const policy = { ...base };
  if (retry !== undefined) {
    if (typeof retry !== 'object' || retry === null || Array.isArray(retry))
      throw new TagoValidationError('retry must be an object', 'option_invalid', 'retry');
    for (const [key, value] of Object.entries(retry)) {
      if (value === undefined) continue;
      const field = `retry.${key}`;
      if (key === 'maxRetries') policy.maxRetries = checkCount(value, field);
      else if (key === 'jitter') policy.jitter = checkShare(value, field);
      else if (key === 'initialDelayMs' || key === 'maxDelayMs' || key === 'maxRetryAfterMs')
        policy[key] = checkDelay(value, field);
      else
        throw new TagoValidationError(
          `${field} is not a retry setting (maxRetries, initialDelayMs, maxDelayMs, jitter, maxRetryAfterMs)`,
          'option_invalid',
          field,
        );
    }
  }
  if (maxRetries !== undefined) policy.maxRetries = checkCount(maxRetries, 'maxRetries');
  return policy;
}

function checkDelay(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_TIMER_MS) {
    throw new TagoValidationError(
      `${field} must be a number of milliseconds from 0 to ${MAX_TIMER_MS} (2^31 - 1)`,
      'option_invalid',
      field,
    );
  }
  return value;
}

function checkShare(value: unknown, field: string): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1))
    throw new TagoValidationError(`${field} must be a number from 0 to 1`, 'option_invalid', field);
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
    else if (key === 'maxLineBytes' || key === 'maxEventBytes' || key === 'maxErrorBodyBytes')
      limits[key] = checkByteCap(value, field);
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
  if (!Number.isInteger(value) || value < 0)
    throw new TagoValidationError(`${field} must be a whole number >= 0`, 'option_invalid', field);
  return value;
}

// Written as records so that the compiler fails when an option is added to the interface but not here.
const CLIENT_OPTION_KEYS: Record<keyof ClientOptions, true> = {
  token: true,
  tokenHeader: true,
  region: true,
  allowInsecureHttp: true,
  env: true,
  transport: true,
  timeoutMs: true,
  deadlineMs: true,
  maxRetries: true,
  retry: true,
  headers: true,
  maxResponseBytes: true,
  onWarning: true,
  debug: true,
  fetch: true,
  eventStream: true,
  sleep: true,
  random: true,
};
const CALL_OPTION_KEYS: Record<keyof CallOptions, true> = {
  timeoutMs: true,
  deadlineMs: true,
  signal: true,
  maxRetries: true,
  retry: true,
  headers: true,
  idempotent: true,
};

// Marked pure so a bundle that never checks client options (the lean edge worker) leaves the list out.
/** The options TagoCore takes; a runtime's client adds its own to this list when it checks names. */
export const CLIENT_OPTION_NAMES: readonly string[] = /* @__PURE__ */ Object.keys(CLIENT_OPTION_KEYS);
/** The options of one call. */
export const CALL_OPTION_NAMES: readonly string[] = /* @__PURE__ */ Object.keys(CALL_OPTION_KEYS);

/**
 * Refuses an option name that is not in `known`, with the closest known one as a suggestion: a mistyped
 * `regoin` would otherwise silently leave the default region in place.
 */
export function checkOptionNames(options: object, known: readonly string[], kind: 'client' | 'call'): void {
  for (const name of Object.keys(options)) {
    if (known.includes(name)) continue;
    const shown = printable(name);
    throw new TagoValidationError(
      `Unknown ${kind} option "${shown}"${didYouMean(name, known)}`,
      'option_unknown',
      name,
    );
  }
}

/** A `tokenKind` as given, checked against the one list of token kinds (undefined stays undefined). */
export function checkTokenKind(value: unknown): TokenKind | undefined {
  if (value === undefined || (TOKEN_KINDS as readonly unknown[]).includes(value)) return value as TokenKind | undefined;
  const shown = typeof value === 'string' ? `"${printable(value)}"` : `of type ${typeof value}`;
  const hint = typeof value === 'string' ? didYouMean(value, TOKEN_KINDS) : '';
  throw new TagoValidationError(
    `tokenKind ${shown} is not a token kind (${TOKEN_KINDS.join(', ')})${hint}`,
    'option_invalid',
    'tokenKind',
  );
}

/** Where debug lines go: the function given, `console.debug` for `true`, nowhere for `false` or nothing. */
export function debugSink(value: unknown): ((line: string) => void) | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return (line) => console.debug(line);
  if (typeof value === 'function') return value as (line: string) => void;
  throw new TagoValidationError(
    'debug must be a function (line: string) => void, or true to print to console.debug',
    'option_invalid',
    'debug',
  );
}

/** A function-valued option (transport, onWarning, fetch ...), checked when given. */
export function checkFunction<F>(value: F | undefined, field: string): F | undefined {
  if (value !== undefined && typeof value !== 'function') {
    throw new TagoValidationError(`${field} must be a function`, 'option_invalid', field);
  }
  return value;
}
