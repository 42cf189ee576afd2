import { resolveRef, type OpenApiDocument } from '../index.js';
import { ModelError, type BodyModel, type BodyShape } from './types.js';

interface Schema {
  type?: string | string[];
  properties?: Record<string, unknown>;
  patternProperties?: Record<string, unknown>;
  additionalProperties?: unknown;
  unevaluatedProperties?: unknown;
  oneOf?: unknown[];
  anyOf?: unknown[];
  allOf?: unknown[];
  items?: unknown;
  required?: string[];
  $ref?: string;
}

/** What a body's top level must look like, read from its schema; `any` when the schema does not say. */
export function bodyShape(doc: OpenApiDocument, schema: unknown): BodyShape {
  const s = resolveRef<Schema>(doc, schema ?? {});
  const types = new Set<string>();
  const collect = (node: unknown): boolean => {
    const n = resolveRef<Schema>(doc, node ?? {});
    // A node's own type wins: oneOf/anyOf/allOf beside it can only narrow it (e.g. "give message or html").
    if (n.type !== undefined) {
      for (const t of Array.isArray(n.type) ? n.type : [n.type]) types.add(t);
      return true;
    }
    if (n.oneOf || n.anyOf) return (n.oneOf ?? n.anyOf ?? []).every(collect);
    if (n.allOf) return n.allOf.some(collect);
    return false;
  };
  if (!collect(s)) return 'any';
  const has = (t: string) => types.has(t);
  if (types.size === 1 && has('object')) return 'object';
  if (types.size === 1 && has('array')) return 'array';
  if (types.size === 1 && has('string')) return 'string';
  if (types.size === 2 && has('object') && has('array')) return 'object-or-array';
  return 'any';
}

/** Keys every object of the body must carry: the object's own `required`, or its array items'. */
export function requiredKeys(doc: OpenApiDocument, schema: unknown): string[] {
  const keys = new Set<string>();
  const visit = (node: unknown, depth: number): string[] | undefined => {
    if (depth > 4) return undefined;
    const n = resolveRef<Schema>(doc, node ?? {});
    // The node's own `required` holds beside allOf/oneOf/anyOf (e.g. `required: [to]` plus "message or html").
    const own = n.required ?? [];
    if (n.allOf) return [...own, ...n.allOf.flatMap((part) => visit(part, depth + 1) ?? [])];
    const alternatives = n.oneOf ?? n.anyOf;
    if (alternatives) {
      // Keys every alternative requires (e.g. a record or a list of records both need `variable`).
      const sets = alternatives.map((a) => visit(a, depth + 1));
      if (sets.some((x) => x === undefined)) return own;
      return [...own, ...(sets[0] ?? []).filter((k) => sets.every((x) => x!.includes(k)))];
    }
    const type = Array.isArray(n.type) ? n.type : [n.type];
    if (type.includes('array')) return n.items ? visit(n.items, depth + 1) : [];
    if (type.includes('object') || n.required) return n.required ?? [];
    return [];
  };
  for (const k of visit(schema, 0) ?? []) keys.add(k);
  return [...keys];
}

/**
 * The top-level keys a closed body may carry (of the object, or of each array item), or undefined when any part of
 * it takes other keys. Closed means `additionalProperties: false` (its own `properties` count) or
 * `unevaluatedProperties: false` (the `properties` of its `allOf`, `oneOf` and `anyOf` parts count too).
 */
export function allowedKeys(doc: OpenApiDocument, schema: unknown): string[] | undefined {
  /** Keys a part lists for an enclosing `unevaluatedProperties` (its own and those of its parts). */
  const listed = (node: unknown, depth: number): string[] => {
    if (depth > 6) return [];
    const n = resolveRef<Schema>(doc, node ?? {});
    const parts = [...(n.allOf ?? []), ...(n.oneOf ?? []), ...(n.anyOf ?? [])];
    return [...Object.keys(n.properties ?? {}), ...parts.flatMap((part) => listed(part, depth + 1))];
  };
  const visit = (node: unknown, depth: number): string[] | undefined => {
    if (depth > 6) return undefined;
    const n = resolveRef<Schema>(doc, node ?? {});
    const types = n.type === undefined ? [] : Array.isArray(n.type) ? n.type : [n.type];
    if (types.length === 1 && types[0] === 'array') return n.items ? visit(n.items, depth + 1) : undefined;
    if (n.patternProperties) return undefined;
    if (n.additionalProperties === false) return Object.keys(n.properties ?? {});
    if (n.unevaluatedProperties === false) return listed(n, depth);
    // Alternatives without keys of their own (a record or a list of records): each must be closed.
    const alternatives = n.oneOf ?? n.anyOf;
    if (alternatives && !n.properties && !n.allOf) {
      const sets = alternatives.map((a) => visit(a, depth + 1));
      return sets.every((x) => x !== undefined) ? sets.flat() : undefined;
    }
    return undefined;
  };
  const keys = visit(schema, 0);
  return keys === undefined ? undefined : [...new Set(keys)];
}

interface RawBody {
  required?: boolean;
  content?: Record<
    string,
    { schema?: unknown; example?: unknown; examples?: Record<string, { value?: unknown; $ref?: string }> }
  >;
}

export function buildBody(doc: OpenApiDocument, raw: unknown, where: string): BodyModel | undefined {
  if (raw === undefined) return undefined;
  const body = resolveRef<RawBody>(doc, raw);
  const mediaTypes = Object.keys(body.content ?? {});
  if (mediaTypes.length === 0) throw new ModelError(`${where}: request body has no content`);
  const contentType = mediaTypes.includes('application/json')
    ? 'application/json'
    : mediaTypes[0] === 'text/plain'
      ? 'text/plain'
      : undefined;
  if (!contentType)
    throw new ModelError(
      `${where}: request body media type ${mediaTypes[0]} is not supported (offer application/json)`,
    );
  const media = body.content![contentType]!;
  const firstExample = Object.values(media.examples ?? {})[0];
  const example =
    media.example !== undefined
      ? media.example
      : firstExample
        ? resolveRef<{ value?: unknown }>(doc, firstExample).value
        : undefined;
  return {
    required: Boolean(body.required),
    contentType,
    mediaKey: contentType,
    mediaTypes,
    shape: contentType === 'text/plain' ? 'string' : bodyShape(doc, media.schema),
    requiredKeys: contentType === 'text/plain' ? [] : requiredKeys(doc, media.schema),
    allowedKeys: contentType === 'text/plain' ? undefined : allowedKeys(doc, media.schema),
    schema: media.schema,
    example,
  };
}
