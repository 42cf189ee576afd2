import type { EnvelopeMode } from './internal/envelope.ts';
import type { QueryEncoder, QueryValue } from './internal/query.ts';
import type { PathEncoder } from './internal/request-building.ts';
import type { RetryPolicy } from './retry-policy.ts';

/** The types of one call: what goes in (OperationRequest, CallOptions) and what comes back (TagoResponse). */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD';

/** Options of one call; they override the client's. */
export interface CallOptions {
  /** Per-attempt timeout in ms. */
  timeoutMs?: number;
  /** Whole-call deadline in ms: attempts, retry waits and Retry-After waits together. */
  deadlineMs?: number;
  signal?: AbortSignal;
  maxRetries?: number;
  retry?: Partial<RetryPolicy>;
  headers?: Record<string, string>;
  /** Treat the call as safe to repeat after a lost answer (e.g. a POST you made idempotent yourself). */
  idempotent?: boolean;
}

/** What an operation needs to be sent; filled in by generated code. */
export interface OperationRequest {
  operationId?: string | undefined;
  method: HttpMethod;
  /** Path template, e.g. `/device/{deviceID}`. */
  path: string;
  pathParams?: Record<string, string | number | undefined>;
  /** Path parameters whose `/` is kept (file paths). */
  reservedPathParams?: readonly string[] | undefined;
  query?: Record<string, QueryValue>;
  /**
   * What serializes `query` (generated operations carry the core's `serializeQuery`). TagoCore, `send` and event
   * streams use `serializeQuery` when it is unset; the lean engine of `sender()` refuses a query without it, so a
   * small bundle holds the serializer only when one of its operations takes a query.
   */
  encodeQuery?: QueryEncoder | undefined;
  /**
   * What fills the path's `{name}` placeholders (generated operations with path parameters carry the core's
   * `buildPath`). As with `encodeQuery`, TagoCore, `send` and event streams use `buildPath` when it is unset and
   * the lean engine refuses a placeholder without it, so a bundle of operations without one leaves it out.
   */
  encodePath?: PathEncoder | undefined;
  body?: unknown;
  /**
   * Media type of the body. Unset, it follows the value: JSON for JSON values, `multipart/form-data` with its
   * boundary for a FormData, the Blob's own type or `application/octet-stream` for binary bodies.
   */
  contentType?: string | undefined;
  /** Media types the operation takes (the spec's list): a FormData, Blob or bytes body must fit one of them. */
  mediaTypes?: readonly string[] | undefined;
  /** `raw` for routes that answer outside the envelope. */
  envelope?: EnvelopeMode;
  /** False for routes that need no token (login, status ...). */
  auth?: boolean;
  /** Media type asked for; JSON by default. */
  accept?: string | undefined;
  /** `sse`: the realtime host (region.sse, a full URL) instead of the REST API. */
  server?: 'api' | 'sse' | undefined;
}

/** A full answer: the result plus what came with it. */
export interface TagoResponse<T> {
  data: T;
  warning: string | undefined;
  status: number;
  headers: Record<string, string>;
  /** How many attempts the call took. */
  attempts: number;
}
