import type { OperationRequest } from '../call-types.ts';
import { TagoValidationError } from '../errors.ts';
import { checkPageSize } from '../paging.ts';
import type { BodyShape, OperationArgs, OperationDescriptor } from './operation-descriptor.ts';
import type { QueryValue } from './query.ts';
import { bodyKindOf } from './request-body.ts';
import { isPathValue } from './request-building.ts';

/**
 * Splits arguments into path, query and body by the descriptor and refuses, before sending, what the spec makes
 * detectable cheaply: a missing required parameter or body, an unknown argument, or a body of the wrong shape.
 */
export function buildOperationRequest(op: OperationDescriptor, args: OperationArgs | undefined): OperationRequest {
  const given = args ?? {};
  const ctx = { method: op.method, path: op.path };
  if (typeof given !== 'object' || Array.isArray(given)) {
    throw new TagoValidationError(`${op.id}: arguments must be an object`, 'args_invalid', 'args', ctx);
  }
  // A page size of 0, a negative or a fraction would make TagoIO answer oddly or an iterator never advance.
  const sizeField = op.paging === 'none' ? undefined : op.paging === 'skip' ? 'qty' : 'amount';
  if (sizeField !== undefined && given[sizeField] !== undefined) checkPageSize(given[sizeField], sizeField, ctx);
  const pathParams: Record<string, string | number> = {};
  const query: Record<string, QueryValue> = {};
  // Keys rather than entries: no pair array per argument on every call.
  for (const key of Object.keys(given)) {
    if (key === 'body') continue;
    const value = given[key];
    if (op.pathParams.includes(key)) {
      if (!isPathValue(value)) {
        throw new TagoValidationError(
          `${op.id}: path parameter "${key}" must be a string or a finite number`,
          'path_param_invalid',
          key,
          ctx,
        );
      }
      pathParams[key] = value;
    } else if (op.queryParams.includes(key)) {
      query[key] = value as QueryValue;
    } else {
      throw new TagoValidationError(`${op.id}: unknown argument "${key}"`, 'arg_unknown', key, ctx);
    }
  }
  for (const name of op.pathParams) {
    if (pathParams[name] === undefined || pathParams[name] === '') {
      throw new TagoValidationError(
        `${op.id}: missing required path parameter "${name}"`,
        'path_param_missing',
        name,
        ctx,
      );
    }
  }
  for (const name of op.requiredQuery) {
    if (query[name] === undefined || query[name] === null) {
      throw new TagoValidationError(
        `${op.id}: missing required query parameter "${name}"`,
        'query_param_missing',
        name,
        ctx,
      );
    }
  }
  const body = given.body;
  if (!op.body && body !== undefined) {
    throw new TagoValidationError(`${op.id} takes no body`, 'body_unexpected', 'body', ctx);
  }
  const binary = op.body !== undefined && body !== undefined && bodyKindOf(body) !== 'json';
  // FormData, Blob, bytes, streams: the encoder checks them against the spec's media types; the JSON schema's keys
  // do not apply to them.
  if (op.body && !binary) checkBody(op, body, ctx);
  return {
    operationId: op.id,
    method: op.method,
    path: op.path,
    pathParams,
    reservedPathParams: op.reservedPathParams,
    query,
    encodeQuery: op.encodeQuery,
    encodePath: op.encodePath,
    body,
    contentType: binary ? undefined : op.body?.contentType,
    mediaTypes: binary ? (op.body!.mediaTypes ?? [op.body!.contentType]) : undefined,
    envelope: op.envelope,
    auth: op.kinds.length > 0,
    accept: op.accept,
    server: op.server,
  };
}

/** The top-level kinds of body each shape accepts (one table for every call). */
const BODY_KINDS: Readonly<Record<BodyShape, readonly string[]>> = {
  object: ['object'],
  array: ['array'],
  string: ['string'],
  'object-or-array': ['object', 'array'],
  any: ['object', 'array', 'string', 'number', 'boolean', 'null'],
};

function checkBody(op: OperationDescriptor, body: unknown, ctx: { method: string; path: string }): void {
  const spec = op.body!;
  if (body === undefined) {
    if (spec.required) throw new TagoValidationError(`${op.id}: missing required body`, 'body_missing', 'body', ctx);
    return;
  }
  const isArray = Array.isArray(body);
  const kind = body === null ? 'null' : isArray ? 'array' : typeof body;
  if (!BODY_KINDS[spec.shape].includes(kind)) {
    throw new TagoValidationError(
      `${op.id}: body must be ${spec.shape.replaceAll('-', ' ')}, got ${kind}`,
      'body_invalid',
      'body',
      ctx,
    );
  }
  if (spec.requiredKeys.length === 0) return;
  const items = isArray ? body : [body];
  items.forEach((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      if (isArray)
        throw new TagoValidationError(`${op.id}: body[${i}] must be an object`, 'body_invalid', `body[${i}]`, ctx);
      return;
    }
    for (const key of spec.requiredKeys) {
      if ((item as Record<string, unknown>)[key] === undefined) {
        const where = isArray ? `body[${i}].${key}` : `body.${key}`;
        throw new TagoValidationError(`${op.id}: missing required field ${where}`, 'body_field_missing', where, ctx);
      }
    }
  });
}
