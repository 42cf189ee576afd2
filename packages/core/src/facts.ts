/**
 * Facts every tagokit runtime shares: the TypeScript core reads them from here, and the ES5 microcontroller build
 * (packages/mcu/scripts/build.mjs) injects them into its runtime, so neither runtime repeats them. Plain data only.
 */

/** The name and machine-readable code of an API error class. */
export interface ErrorFact {
  readonly name: string;
  readonly code: string;
}

/** HTTP statuses with an error class of their own. Any status >= 500 is SERVER_ERROR; any other failure API_ERROR. */
export const STATUS_ERRORS: Readonly<Record<number, ErrorFact>> = {
  400: { name: 'BadRequestError', code: 'bad_request' },
  401: { name: 'AuthenticationError', code: 'authentication' },
  403: { name: 'PermissionDeniedError', code: 'permission_denied' },
  404: { name: 'NotFoundError', code: 'not_found' },
  409: { name: 'ConflictError', code: 'conflict' },
  422: { name: 'UnprocessableEntityError', code: 'unprocessable_entity' },
  429: { name: 'RateLimitError', code: 'rate_limited' },
};

/** Every status >= 500. */
export const SERVER_ERROR: ErrorFact = { name: 'InternalServerError', code: 'server_error' };

/** A failed answer whose status has no class of its own (and a 2xx envelope with status false). */
export const API_ERROR: ErrorFact = { name: 'TagoApiError', code: 'api_error' };

/** The retry policy a client starts from (see packages/core/src/retry.ts for what each value means). */
export const RETRY_DEFAULTS = {
  maxRetries: 2,
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  jitter: 0.25,
  maxRetryAfterMs: 60_000,
} as const;

/** The public regions by id. The SDKs stream us-e1 events from sse.tago.io; REST follows the regional name. */
export const NAMED_REGIONS = {
  'us-e1': { api: 'https://api.us-e1.tago.io', sse: 'https://sse.tago.io/events' },
  'eu-w1': { api: 'https://api.eu-w1.tago.io', sse: 'https://sse.eu-w1.tago.io/events' },
} as const;

/**
 * Network error codes (Node's, undici's) that prove the request never reached the server, so even a write may be
 * retried. Read by the core's transport and by the MCU fetch adapter.
 */
export const NOT_SENT_CODES: readonly string[] = [
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_INVALID_URL',
];

/**
 * Espruino's socket error codes (libs/network/socketerrors.h) that mean the request never left the board: no
 * route, host not found, no free socket, no connection, bad argument, TLS handshake failed. Others (-1 closed,
 * -9 reset, -15 no response ...) may come after the server got the request. Read by the MCU Espruino adapter.
 */
export const ESPRUINO_NOT_SENT_CODES: readonly number[] = [-4, -6, -7, -11, -12, -13];
