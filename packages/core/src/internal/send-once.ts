import type { CallOptions, OperationRequest, TagoResponse } from '../call-types.ts';
import {
  TagoAbortError,
  TagoConnectionError,
  TagoError,
  TagoResponseParseError,
  TagoValidationError,
} from '../errors.ts';
import { plainFetchTransport, type Transport, type WireResponse } from '../transport.ts';
import type { RequestEngine } from './call-operation.ts';
import { parseAnswer } from './envelope.ts';
import { CALL_OPTION_NAMES, checkOptionNames } from './option-checks.ts';
import { ownProperties } from './own-properties.ts';
import { redact, redactedExcerpt, withoutSecrets } from './redaction.ts';
import { prepareRequest, withEncoders, type Endpoint, type RequestContext } from './request-building.ts';
import { connectionError, DEFAULT_MAX_RESPONSE_BYTES, requestNotWritten } from './transport-support.ts';

/**
 * The plain request path: one attempt, built by prepareRequest, carried by a transport, read by parseAnswer. It
 * holds no timer, no retry loop, no logging: TagoCore composes those around the same pieces, and a tiny worker
 * can use `send` alone (its bundle then holds nothing else).
 */

/**
 * Turns what a transport threw into the error of the call: an abort of the caller's signal, or a connection or
 * body error carrying the call's method and path. (Timeouts are the timer owner's to report.)
 */
export function transportFailure(
  error: unknown,
  ctx: RequestContext,
  signal?: AbortSignal,
  secrets: readonly string[] = [],
): TagoError {
  if (signal?.aborted) return new TagoAbortError({ ...ctx, sent: !requestNotWritten(error) });
  if (error instanceof TagoConnectionError) {
    const message = redact(error.message, secrets);
    return new TagoConnectionError(message, {
      ...ctx,
      reachedServer: error.mayHaveBeenProcessed,
      cause: withoutSecrets(error.cause, secrets),
      code: error.code,
    });
  }
  if (error instanceof TagoResponseParseError) {
    return new TagoResponseParseError(
      error.message,
      error.code,
      error.status,
      redactedExcerpt(error.excerpt, secrets, EXCERPT_LENGTH),
      ctx,
    );
  }
  if (error instanceof TagoError) {
    // A transport's own typed error (e.g. a closed client) still says which call it belongs to.
    if (error.method === undefined) Object.assign(error, { method: ctx.method, path: ctx.path });
    return error;
  }
  return connectionError(withoutSecrets(error, secrets), ctx);
}

/** Characters of a body an error shows (the envelope's excerpt length). */
const EXCERPT_LENGTH = 200;

/** Reads one HTTP answer into the call's result (or throws its typed error); the call's secrets are scrubbed. */
export function readAnswer<T>(
  request: { secrets: readonly string[] },
  op: OperationRequest,
  wire: WireResponse,
  attempts: number,
): TagoResponse<T> {
  // The answer's status, headers and body as the transport gave them (parseAnswer reads nothing else of it).
  const answer = parseAnswer<T>({
    ...wire,
    method: op.method,
    path: op.path,
    mode: op.envelope ?? 'envelope',
    secrets: request.secrets,
  });
  return { data: answer.data, warning: answer.warning, status: wire.status, headers: wire.headers, attempts };
}

/**
 * Sends one operation once and returns its full answer. Per call it honours `signal` and `headers`;
 * `timeoutMs`, `deadlineMs`, `maxRetries` and `retry` belong to TagoCore and are refused here rather than ignored (for a
 * deadline, pass `signal: AbortSignal.timeout(ms)`). `idempotent` only matters to retries, so it changes nothing.
 */
export function send<T = unknown>(
  endpoint: Endpoint,
  op: OperationRequest,
  options: CallOptions = {},
  transport: Transport = plainFetchTransport(),
): Promise<TagoResponse<T>> {
  return sendOnce<T>(endpoint, withEncoders(op), options, transport);
}

/** `send` for requests built from descriptors, which carry their query encoder (or take no query). */
async function sendOnce<T>(
  endpoint: Endpoint,
  op: OperationRequest,
  options: CallOptions = {},
  transport: Transport = plainFetchTransport(),
): Promise<TagoResponse<T>> {
  const call = ownProperties(options);
  checkOptionNames(call, CALL_OPTION_NAMES, 'call');
  const ctx = { method: op.method, path: op.path };
  for (const option of ['timeoutMs', 'deadlineMs', 'maxRetries', 'retry'] as const) {
    if (call[option] !== undefined) {
      throw new TagoValidationError(
        `${option} needs TagoCore: this client sends one attempt`,
        'option_unsupported',
        option,
        ctx,
      );
    }
  }
  // JSON and text bodies only: the binary and form encoders stay out of a small worker's bundle.
  const request = prepareRequest(endpoint, op, call.headers);
  const signal = call.signal;
  if (signal?.aborted) throw new TagoAbortError({ ...ctx, sent: false });
  let wire: WireResponse;
  try {
    wire = await transport({
      ...request,
      signal: signal ?? new AbortController().signal,
      maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
    });
  } catch (error) {
    throw transportFailure(error, ctx, signal, request.secrets);
  }
  return readAnswer<T>(request, op, wire, 1);
}

/**
 * An engine for generated functions that sends every call like `send` (one attempt, no timer). It uses the query
 * encoder the request carries (generated operations do) and refuses a query without one, so a bundle holds the
 * serializer only when one of its operations takes a query.
 */
export function sender(endpoint: Endpoint, transport?: Transport): RequestEngine {
  return { request: <T>(op: OperationRequest, call?: CallOptions) => sendOnce<T>(endpoint, op, call, transport) };
}
