/**
 * @internal `@tagokit/core/internal`: the pieces the sibling packages are built from (the generated code of
 * `@tagokit/api`, the node, edge and deno wrappers, the shared test vectors). Not a public API: names here may
 * change in any release. Users import from `@tagokit/core` (or their runtime's package), which offers all they need.
 *
 * @module
 */
export * from '../index.ts';
export { acceptsKind, callEventStream, callOperation, callPagedOperation } from './call-operation.ts';
export type { OperationContext, RequestEngine } from './call-operation.ts';
export type { BodyShape, OperationArgs, OperationDescriptor } from './operation-descriptor.ts';
export { buildOperationRequest } from './build-operation-request.ts';
export {
  bodyKeyCheck,
  checkBodyKeys,
  checkQueryValues,
  type BodyKeyCheck,
  type BodyKeyTable,
  type QueryValueTable,
} from './body-keys.ts';
export type {
  EnvelopeResult,
  FieldsRow,
  ItemOf,
  PathParams,
  QueryParams,
  RawResult,
  RequestBody,
} from './operation-types.ts';
export type {
  AnonymousKind,
  ClientMembers,
  ForKind,
  KindMark,
  KindsOf,
  ScopedClient,
  ScopedContext,
  ScopedGroup,
} from './token-scoping.ts';
export { ownProperties } from './own-properties.ts';
export { CALL_OPTION_NAMES, checkOptionNames, checkTokenKind, CLIENT_OPTION_NAMES } from './option-checks.ts';
export { closestName, didYouMean } from './suggest.ts';
export {
  buildHeaders,
  buildPath,
  buildUrl,
  checkHeaders,
  createEndpoint,
  finishBody,
  isPathValue,
  prepareRequest,
  secretsOf,
  withEncoders,
} from './request-building.ts';
export type { Endpoint, PathEncoder, PreparedRequest, RequestContext } from './request-building.ts';
export {
  bodyKindOf,
  encodeForm,
  encodeJsonBody,
  encodeRequestBody,
  type BinaryBody,
  type BodyEncoder,
  type BodyKind,
  type EncodedBody,
  type WireBody,
} from './request-body.ts';
export { readAnswer, send, sender, transportFailure } from './send-once.ts';
export { originOf, parseAnswer } from './envelope.ts';
export type { AnswerInput, EnvelopeMode, ParsedAnswer } from './envelope.ts';
export { parseQuery, serializeQuery, type QueryEncoder, type QueryValue } from './query.ts';
export { backoffDelay, decideRetry, isIdempotent, MAX_TIMER_MS, retryAfterFrom } from './retry-decision.ts';
export type { AttemptOutcome, RetryDecision } from './retry-decision.ts';
export {
  checkAllowedHeader,
  DEFAULT_TOKEN_HEADER,
  validateHeaderName,
  validateHeaderValue,
  validateToken,
} from './header-checks.ts';
export { longestSecret, redact, redactedExcerpt, withoutSecrets } from './redaction.ts';
export { redactUrl } from './url-redaction.ts';
export {
  connectionError,
  DEFAULT_MAX_RESPONSE_BYTES,
  headersOf,
  networkErrorCode,
  notWritten,
  readBodyCapped,
  requestNotWritten,
  responseTooLarge,
} from './transport-support.ts';
export { plainFetchTransport } from '../transport.ts';
export { regionById, REGIONS, type RegionOptions } from '../regions.ts';
export type { ApiErrorInit, ErrorContext } from '../errors.ts';
export { apiErrorFor } from './status-errors.ts';
export { abortableSleep } from './attempt.ts';
export { checkPageSize } from '../paging.ts';
export { DEFAULT_EVENT_PARSER_LIMITS, EventStreamParser, type EventParserLimits } from '../events.ts';
export { DEFAULT_EVENT_STREAM_LIMITS, openEventStream, type EventStreamSettings } from '../stream.ts';
export { GLOBAL_CHANNELS, RESOURCE_CHANNELS, serializeChannels } from '../realtime/channels.ts';
export { parseRealtimeData } from '../realtime/payloads.ts';
export { DEFAULT_RECONNECT_POLICY } from '../realtime/subscription.ts';
export type {
  OneShotRealtime,
  RealtimeCloseReason,
  RealtimeEngine,
  RealtimeState,
  RealtimeStateChange,
  ReconnectPolicy,
} from '../realtime/subscription.ts';
export type {
  ChannelInput,
  ChannelName,
  GlobalChannelName,
  RealtimeChannel,
  ResourceChannelName,
} from '../realtime/channels.ts';
export type {
  AnalysisConsolePayload,
  AnalysisTriggerPayload,
  DeviceInspectorEntry,
  EnvironmentVariable,
  NameOf,
  PayloadOf,
  RealtimeMessage,
  RealtimePayloads,
} from '../realtime/payloads.ts';
