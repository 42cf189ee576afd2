import { envelopeResult, resolveRef, successResponse, type OpenApiDocument } from '../index.js';
import { ModelError, type ResponseModel } from './types.js';

interface Schema {
  type?: string | string[];
  allOf?: unknown[];
  properties?: Record<string, unknown>;
}

/**
 * The success answer of an operation: its status, envelope mode and the schema of what the caller receives
 * (`result` of the envelope, or the raw body).
 */
export function buildResponse(
  doc: OpenApiDocument,
  responses: Record<string, unknown> | undefined,
  raw: boolean,
  where: string,
): ResponseModel {
  const success = successResponse(doc, responses);
  if (!success) throw new ModelError(`${where}: no 2xx response`);
  const { status, response } = success;
  const mediaType = Object.keys(response.content ?? {})[0];
  if (!mediaType)
    return {
      status,
      envelope: raw ? 'raw' : 'envelope',
      mediaType: 'application/json',
      resultSchema: undefined,
      isList: false,
    };
  const schema = response.content![mediaType]!.schema;
  if (raw) {
    return { status, envelope: 'raw', mediaType, resultSchema: schema, isList: typeOf(doc, schema) === 'array' };
  }
  const result = envelopeResult(doc, schema);
  if (result === undefined)
    throw new ModelError(
      `${where}: the success schema is not an envelope with a result (mark it x-tago-envelope: false if it answers raw)`,
    );
  return { status, envelope: 'envelope', mediaType, resultSchema: result, isList: typeOf(doc, result) === 'array' };
}

function typeOf(doc: OpenApiDocument, schema: unknown): string | undefined {
  const s = resolveRef<Schema>(doc, schema ?? {});
  return Array.isArray(s.type) ? undefined : s.type;
}
