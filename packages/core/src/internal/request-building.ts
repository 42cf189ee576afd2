import type { HttpMethod, OperationRequest } from '../call-types.ts';
import { TagoValidationError, type ErrorContext } from '../errors.ts';
import type { ResolvedRegion } from '../regions.ts';
import {
  checkAllowedHeader,
  DEFAULT_TOKEN_HEADER,
  validateHeaderName,
  validateHeaderValue,
  validateToken,
} from './header-checks.ts';
import { ownProperties } from './own-properties.ts';
import { serializeQuery, type QueryValue } from './query.ts';
import { encodeForm, encodeJsonBody, type BodyEncoder, type WireBody } from './request-body.ts';

/**
 * Turning one operation into the exact HTTP request TagoIO expects: URL, headers and body. Plain functions over a
 * small Endpoint record, shared by every way of sending (TagoCore with its retries and timeouts, the one-attempt
 * `send`, event streams), so the request is built in one place.
 */

/** Method and path of a call, carried by every error it raises. */
export interface RequestContext {
  method: string;
  path: string;
}

/** Where and as whom requests go: a resolved region plus the checked token, token header and fixed headers. */
export interface Endpoint extends ResolvedRegion {
  readonly token: string | undefined;
  /** Lower-cased header name that carries the token. */
  readonly tokenHeader: string;
  /** Headers added to every call, checked and lower-cased. */
  readonly headers: Record<string, string>;
}

/** The request as it goes to a transport (before the signal and size cap are added). */
export interface PreparedRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body: WireBody | undefined;
  /** False when the body is a stream, which can be sent once: a retry is refused (`body_not_replayable`). */
  replayable: boolean;
  /** A FormData still to encode (`finishBody`); `body` and the content type are set from it before sending. */
  form?: FormData | undefined;
  /**
   * What must never appear in an error, a warning or a debug line of this call: the token, and credentials the
   * call carries itself (a path value such as `/device/token/{token}`, a query value such as the realtime token).
   */
  secrets: readonly string[];
}

/** Path and query parameters whose values are credentials (`token`, `deviceIDOrToken`, `authorization`): never printed. */
const SECRET_PARAM = /(token|authorization|authorized)$/i;

/** The credentials one call carries: the client's token, plus secret-named path and query values. */
export function secretsOf(endpoint: { readonly token: string | undefined }, op: OperationRequest): string[] {
  const secrets = endpoint.token === undefined ? [] : [endpoint.token];
  addSecrets(secrets, op.pathParams);
  addSecrets(secrets, op.query);
  return secrets;
}

function addSecrets(secrets: string[], group: Readonly<Record<string, unknown>> | undefined): void {
  for (const key in group) {
    const value = group[key];
    if (SECRET_PARAM.test(key) && typeof value === 'string' && value.length > 0) secrets.push(value);
  }
}

/** Checks the token, the token header and the fixed headers once, before any request (in this order). */
export function createEndpoint(
  region: ResolvedRegion,
  given: { token?: string | undefined; tokenHeader?: string | undefined; headers?: Record<string, string> | undefined },
): Endpoint {
  const options = ownProperties(given);
  return {
    api: region.api,
    sse: region.sse,
    insecure: region.insecure,
    token: options.token === undefined ? undefined : validateToken(options.token),
    tokenHeader: validateHeaderName(options.tokenHeader ?? DEFAULT_TOKEN_HEADER, 'tokenHeader').toLowerCase(),
    headers: checkHeaders(options.headers ?? {}),
  };
}

/**
 * URL, headers and body of one operation; refuses (TagoValidationError) what cannot be sent safely. `encodeBody`
 * decides which bodies can go: JSON and text by default, every kind with `encodeRequestBody` (TagoCore's).
 */
export function prepareRequest(
  endpoint: Endpoint,
  op: OperationRequest,
  callHeaders?: Record<string, string>,
  encodeBody: BodyEncoder = encodeJsonBody,
): PreparedRequest {
  const ctx = { method: op.method, path: op.path };
  const url = buildUrl(endpoint, op, ctx);
  const headers = buildHeaders(endpoint, op, callHeaders, ctx);
  const encoded = encodeBody(op, ctx);
  if (encoded.contentType !== undefined) headers['content-type'] = encoded.contentType;
  const prepared: PreparedRequest = {
    method: op.method,
    url,
    headers,
    body: encoded.body,
    replayable: encoded.replayable,
    secrets: secretsOf(endpoint, op),
  };
  if (encoded.form !== undefined) prepared.form = encoded.form;
  return prepared;
}

/** The request with its FormData encoded (bytes and `multipart/form-data; boundary=...`); others as they are. */
export async function finishBody(req: PreparedRequest): Promise<PreparedRequest> {
  if (req.form === undefined) return req;
  const { body, contentType } = await encodeForm(req.form);
  return { ...req, form: undefined, body, headers: { ...req.headers, 'content-type': contentType } };
}

/** Fills a path template's `{name}` placeholders (buildPath is the one every client uses). */
export type PathEncoder = typeof buildPath;

/**
 * The request with the core's encoders (serializeQuery, buildPath) where it has a query or placeholders and no
 * encoder of its own. The URL builder only calls the encoders a request carries, so bundles whose operations take
 * neither leave them out; generated descriptors carry them, and the entry points that take hand-written requests
 * (TagoCore, `send`, event streams) add them here.
 */
export function withEncoders(op: OperationRequest): OperationRequest {
  const query = op.encodeQuery === undefined && op.query !== undefined;
  const path = op.encodePath === undefined && op.path.includes('{');
  if (!query && !path) return op;
  return { ...op, encodeQuery: op.encodeQuery ?? serializeQuery, encodePath: op.encodePath ?? buildPath };
}

/** The full URL of an operation: the REST API (or the realtime host), the filled path and the query. */
export function buildUrl(
  endpoint: ResolvedRegion,
  op: OperationRequest,
  ctx: RequestContext = { method: op.method, path: op.path },
): string {
  const text = op.query === undefined ? '' : queryText(op, op.query, ctx);
  const query = text ? `?${text}` : '';
  if (op.server === 'sse') return `${endpoint.sse}${query}`;
  // Most paths have no placeholder at all: no encoder for them.
  if (!op.path.includes('{')) return `${endpoint.api}${op.path}${query}`;
  if (op.encodePath === undefined) throw encoderMissing(op, 'path', 'encodePath (buildPath', ctx);
  return `${endpoint.api}${op.encodePath(op.path, op.pathParams, ctx, op.reservedPathParams)}${query}`;
}

/** The serialized query; an empty one (most calls) is skipped before any encoder runs. */
function queryText(op: OperationRequest, query: Readonly<Record<string, QueryValue>>, ctx: RequestContext): string {
  // Own keys only: a polluted Object.prototype must not turn an empty query into one.
  for (const key in query) {
    if (!Object.hasOwn(query, key)) continue;
    if (op.encodeQuery === undefined) throw encoderMissing(op, 'query', 'encodeQuery (serializeQuery', ctx);
    return op.encodeQuery(query);
  }
  return '';
}

/** A request built by hand for the lean engine, with a query or placeholders and no encoder for them. */
function encoderMissing(
  op: OperationRequest,
  part: 'query' | 'path',
  encoder: string,
  ctx: RequestContext,
): TagoValidationError {
  return new TagoValidationError(
    `${op.operationId ?? `${op.method} ${op.path}`}: a ${part} needs ${encoder}, or call a generated operation)`,
    `${part}_encoder_missing`,
    part,
    ctx,
  );
}

/** Headers of one call: accept, the fixed and per-call headers, `_ssl` and the token (prepareRequest adds the content type). */
export function buildHeaders(
  endpoint: Endpoint,
  op: OperationRequest,
  callHeaders: Record<string, string> | undefined,
  ctx: RequestContext,
): Record<string, string> {
  const headers: Record<string, string> = { accept: op.accept ?? 'application/json' };
  // Own properties only, as a spread would; a call without headers of its own skips the checked copy.
  Object.assign(headers, endpoint.headers);
  if (callHeaders) Object.assign(headers, checkHeaders(callHeaders));
  if (endpoint.insecure) headers['_ssl'] = 'false';
  if (op.auth !== false) {
    if (endpoint.token === undefined) {
      throw new TagoValidationError(
        `${op.operationId ?? `${op.method} ${op.path}`} needs a token, and this client has none`,
        'token_missing',
        'token',
        ctx,
      );
    }
    headers[endpoint.tokenHeader] = endpoint.token;
  }
  return headers;
}

/**
 * Replaces `{name}` placeholders, refusing missing or empty values and escaping the rest. A value that is, or
 * percent-decodes to, `.` or `..` is refused: servers and proxies resolve such a segment, so the call would reach
 * another route (`/profile/{id}/token/..` is the delete-profile route).
 */
export function buildPath(
  template: string,
  params: Record<string, string | number | undefined> = {},
  ctx: { method?: string } = {},
  reserved: readonly string[] = [],
): string {
  // Most paths have no placeholder at all: no regex pass for them (buildUrl skips those itself).
  if (!template.includes('{')) return template;
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const where = { method: ctx.method, path: template };
    const value = Object.hasOwn(params, name) ? params[name] : undefined;
    if (value === undefined || value === null || value === '') {
      throw new TagoValidationError(`Missing required path parameter "${name}"`, 'path_param_missing', name, where);
    }
    if (!isPathValue(value)) {
      throw new TagoValidationError(
        `Path parameter "${name}" must be a string or a finite number`,
        'path_param_invalid',
        name,
        where,
      );
    }
    // A file path keeps its slashes, each of its segments checked like a whole value.
    const segments = reserved.includes(name) ? String(value).replace(/^\/+/, '').split('/') : [String(value)];
    return segments.map((segment) => encodePathSegment(segment, name, where)).join('/');
  });
}

/** One escaped path segment, refusing empty and dot segments (also percent-encoded) and lone surrogates. */
function encodePathSegment(segment: string, name: string, where: ErrorContext): string {
  if (segment === '' || isDotSegment(segment)) {
    throw new TagoValidationError(
      `Path parameter "${name}" has an empty, "." or ".." segment (%2e is a dot)`,
      'path_param_invalid',
      name,
      where,
    );
  }
  try {
    return encodeURIComponent(segment);
  } catch {
    throw new TagoValidationError(
      `Path parameter "${name}" contains a lone surrogate (not valid Unicode)`,
      'path_param_invalid',
      name,
      where,
    );
  }
}

/** `.` or `..`, written plainly or with `%2e` for any dot. */
function isDotSegment(segment: string): boolean {
  if (segment.length > 6) return false;
  const plain = segment.replace(/%2e/gi, '.');
  return plain === '.' || plain === '..';
}

/** What a path parameter may be: a string, or a finite number (NaN or Infinity would land in the URL as text). */
export function isPathValue(value: unknown): value is string | number {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/** Checks caller headers (names, values, no framing headers) and lower-cases their names. */
export function checkHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    validateHeaderName(name);
    checkAllowedHeader(name);
    if (typeof value !== 'string')
      throw new TagoValidationError(`The value of header "${name}" must be a string`, 'header_value_invalid', name);
    out[name.toLowerCase()] = validateHeaderValue(name, value);
  }
  return out;
}
