import { resolveRef, type OpenApiDocument } from '../load/load-spec.js';
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
export function buildResponse(doc: OpenApiDocument, responses: Record<string, unknown> | undefined, raw: boolean, where: string, foreign = false): ResponseModel {
  const code = Object.keys(responses ?? {}).find((c) => /^2\d\d$/.test(c));
  // Foreign specs have redirect-only routes; they answer nothing the client parses.
  if (!code && foreign) return { status: 200, envelope: 'raw', mediaType: 'application/json', resultSchema: undefined, isList: false };
  if (!code) throw new ModelError(`${where}: no 2xx response`);
  const response = resolveRef<{ content?: Record<string, { schema?: unknown }> }>(doc, responses![code]);
  const mediaType = Object.keys(response.content ?? {})[0];
  if (!mediaType) return { status: Number(code), envelope: raw ? 'raw' : 'envelope', mediaType: 'application/json', resultSchema: undefined, isList: false };
  const schema = response.content![mediaType]!.schema;
  if (raw) {
    return { status: Number(code), envelope: 'raw', mediaType, resultSchema: schema, isList: typeOf(doc, schema) === 'array' };
  }
  const result = envelopeResult(doc, schema);
  if (result === undefined) throw new ModelError(`${where}: the success schema is not an envelope with a result (mark it x-tago-envelope: false if it answers raw)`);
  return { status: Number(code), envelope: 'envelope', mediaType, resultSchema: result, isList: typeOf(doc, result) === 'array' };
}

/** The `result` schema inside an envelope (`allOf: [SuccessEnvelope, {properties: {result}}]` or inline). */
function envelopeResult(doc: OpenApiDocument, schema: unknown): unknown {
  const s = resolveRef<Schema>(doc, schema ?? {});
  const parts = s.allOf ?? [s];
  let found: unknown;
  for (const part of parts) {
    const p = resolveRef<Schema>(doc, part);
    const result = p.properties?.['result'];
    // The generic envelope declares `result` without a type; the operation's own part narrows it.
    if (result !== undefined && (found === undefined || Object.keys(resolveRef(doc, result) as object).length > 0)) {
      if (p.properties?.['status'] !== undefined && found !== undefined) continue;
      found = result;
    }
  }
  return found;
}

function typeOf(doc: OpenApiDocument, schema: unknown): string | undefined {
  const s = resolveRef<Schema>(doc, schema ?? {});
  return Array.isArray(s.type) ? undefined : s.type;
}
