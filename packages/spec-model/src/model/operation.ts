import { specOperations, type OpenApiDocument } from '../index.js';
import { clientMethodNames } from './naming.js';
import { buildParameters } from './parameter.js';
import { buildBody } from './request-body.js';
import { buildResponse } from './response.js';
import { schemeKinds, tokenKinds } from './security.js';
import {
  ModelError,
  type HttpMethod,
  type OperationModel,
  type Paging,
  type ParameterModel,
  type TokenKind,
} from './types.js';

/** The methods the generated clients send; an operation under another HTTP method is refused, not skipped. */
export const CLIENT_METHODS = ['get', 'post', 'put', 'delete', 'patch'] as const;
type ClientMethod = (typeof CLIENT_METHODS)[number];

interface RawOperation {
  operationId?: string;
  summary?: string;
  description?: string;
  deprecated?: boolean;
  tags?: string[];
  security?: unknown;
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
  'x-tago-method'?: string;
  'x-tago-method-aliases'?: unknown;
  'x-tago-envelope'?: boolean;
  'x-tago-pagination'?: string;
  'x-tago-result-by-query'?: unknown;
}

const PAGING: readonly Paging[] = ['page', 'skip', 'cursor', 'none'];

export function buildOperation(
  doc: OpenApiDocument,
  path: string,
  method: ClientMethod,
  raw: RawOperation,
  pathParameters: unknown[] | undefined,
  /** The spec's scheme table (buildModel reads it once per spec); read from `doc` when not given. */
  schemes?: Record<string, TokenKind>,
): OperationModel {
  const where = `${method.toUpperCase()} ${path}`;
  const id = raw.operationId;
  if (!id || !/^[a-z][A-Za-z0-9]*$/.test(id)) throw new ModelError(`${where}: operationId missing or not camelCase`);
  const tag = raw.tags?.[0];
  if (!tag || raw.tags!.length !== 1) throw new ModelError(`${id}: needs exactly one tag`);
  const paging = (raw['x-tago-pagination'] ?? 'none') as Paging;
  if (!PAGING.includes(paging)) throw new ModelError(`${id}: unknown x-tago-pagination "${paging}"`);
  const parameters = buildParameters(doc, pathParameters, raw.parameters, id);
  const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  for (const name of templated) {
    if (!parameters.some((p) => p.in === 'path' && p.name === name))
      throw new ModelError(`${id}: path parameter {${name}} is not declared`);
  }
  for (const p of parameters) {
    if (p.in === 'path' && !templated.includes(p.name))
      throw new ModelError(`${id}: path parameter "${p.name}" does not appear in ${path}`);
  }
  const kinds = tokenKinds(raw.security, id, schemes ?? schemeKinds(doc.components?.securitySchemes));
  const names = clientMethodNames({
    id,
    tag,
    kinds,
    method: raw['x-tago-method'],
    aliases: raw['x-tago-method-aliases'],
  });
  const response = buildResponse(doc, raw.responses, raw['x-tago-envelope'] === false, id);
  return {
    id,
    method: method.toUpperCase() as HttpMethod,
    path,
    tag,
    group: names.group,
    methodName: names.methodName,
    methodAliases: names.deprecatedAliases,
    summary: (raw.summary ?? '').trim(),
    description: (raw.description ?? '').trim(),
    deprecated: Boolean(raw.deprecated),
    kinds,
    paging,
    parameters,
    body: buildBody(doc, raw.requestBody, id),
    response,
    resultByQuery: resultByQuery(doc, raw['x-tago-result-by-query'], parameters, id),
  };
}

/**
 * Reads `x-tago-result-by-query`: keys are values of the `query` parameter (or `default`), values `number` or the
 * name of a schema of the spec, optionally as a list (`Data[]`).
 */
function resultByQuery(
  doc: OpenApiDocument,
  raw: unknown,
  parameters: ParameterModel[],
  id: string,
): Record<string, string> {
  if (raw === undefined) return {};
  const where = `${id}: x-tago-result-by-query`;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ModelError(`${where} must be a map`);
  const query = parameters.find((p) => p.in === 'query' && p.name === 'query');
  if (!query?.allowedValues) throw new ModelError(`${where} needs a query parameter with an enum`);
  const map = raw as Record<string, unknown>;
  if (!('default' in map)) throw new ModelError(`${where} needs a "default" (no query, or any value not listed)`);
  const schemas = doc.components?.['schemas'] ?? {};
  for (const [value, type] of Object.entries(map)) {
    if (value !== 'default' && !query.allowedValues.includes(value))
      throw new ModelError(`${where}: "${value}" is not a value of the query parameter`);
    const name = typeof type === 'string' ? type.replace(/\[\]$/, '') : undefined;
    if (name === undefined || (name !== 'number' && !(name in schemas)))
      throw new ModelError(`${where}: "${String(type)}" for "${value}" is neither number nor a schema name`);
  }
  return map as Record<string, string>;
}

/**
 * Whether an operation is a trailing-slash variant (`x-tago-path-variant-of`): the same operation as the one it
 * names, described so that validators accept the form TagoIO's own clients send. Clients send the canonical path,
 * so a variant gets no method of its own; the emulator serves it as its canonical operation.
 */
export function isPathVariant(raw: unknown): boolean {
  return typeof (raw as Record<string, unknown> | undefined)?.['x-tago-path-variant-of'] === 'string';
}

/** The spec's operations the clients can send. */
export function rawOperations(
  doc: OpenApiDocument,
): { path: string; method: ClientMethod; raw: RawOperation; pathParameters: unknown[] | undefined }[] {
  const out = [];
  for (const { path, method, operation, pathItem } of specOperations(doc)) {
    if (isPathVariant(operation)) continue;
    if (!(CLIENT_METHODS as readonly string[]).includes(method)) {
      throw new ModelError(`${method.toUpperCase()} ${path}: the clients send only ${CLIENT_METHODS.join(', ')}`);
    }
    const pathParameters = pathItem['parameters'] as unknown[] | undefined;
    out.push({ path, method: method as ClientMethod, raw: operation as RawOperation, pathParameters });
  }
  return out;
}
