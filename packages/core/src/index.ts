/**
 * What users of `@tagokit/core` are offered, name by name: the engine, its options, the errors it throws, the
 * answer types, regions, token kinds, transports and paging. Sibling packages (node, edge, deno, api) also read
 * `@tagokit/core/internal`; users never need it. test/exports.test.ts fails when this list changes unnoticed.
 */
export { TagoCore } from './tago-core.ts';
export type { ClientOptions, DebugOption, TagoWarning } from './client-options.ts';
export type { CallOptions, HttpMethod, OperationRequest, TagoResponse } from './call-types.ts';
export { TagoEventStream, TagoPagePromise, TagoPromise } from './tago-promise.ts';
export {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  TagoAbortError,
  TagoApiError,
  TagoConnectionError,
  TagoDeadlineError,
  TagoError,
  TagoRedirectError,
  TagoResponseParseError,
  TagoTimeoutError,
  TagoValidationError,
  UnprocessableEntityError,
} from './errors.ts';
export { resolveRegion, type KnownRegion, type RegionInput, type ResolvedRegion } from './regions.ts';
export { TOKEN_KINDS, type TokenKind } from './token-kinds.ts';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.ts';
export { fetchTransport, type Transport, type WireRequest, type WireResponse } from './transport.ts';
export type { ServerSentEvent } from './events.ts';
export type { EventStreamLimits } from './stream.ts';
export { paginateByCursor, paginateByPage, paginateBySkip } from './paging.ts';
// Realtime: what a user names to subscribe; channel, payload and state types are reachable through these.
export { createRealtime, RealtimeSubscription, type Realtime, type RealtimeOptions } from './realtime/subscription.ts';
