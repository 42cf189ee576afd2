import { resolveRef, type OpenApiDocument } from '../index.js';
import { ModelError, type ParameterModel } from './types.js';

interface RawSchema {
  enum?: unknown[];
  items?: unknown;
  type?: string | string[];
}

interface RawParameter {
  schema?: unknown;
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
  'x-tago-allow-reserved'?: boolean;
}

/** The values a string enum (or an array of one) allows; undefined for any other schema. */
export function allowedValues(doc: OpenApiDocument, schema: unknown): string[] | undefined {
  const s = resolveRef<RawSchema>(doc, schema ?? {});
  const values = s.type === 'array' ? resolveRef<RawSchema>(doc, s.items ?? {}).enum : s.enum;
  return values && values.length > 0 && values.every((v) => typeof v === 'string') ? (values as string[]) : undefined;
}

/** Path-level and operation-level parameters, the operation's winning on a name clash (as OpenAPI says). */
export function buildParameters(
  doc: OpenApiDocument,
  pathLevel: unknown[] = [],
  opLevel: unknown[] = [],
  where: string,
): ParameterModel[] {
  const byKey = new Map<string, RawParameter>();
  for (const raw of [...pathLevel, ...opLevel]) {
    const p = resolveRef<RawParameter>(doc, raw);
    byKey.set(`${p.in}:${p.name}`, p);
  }
  const out: ParameterModel[] = [];
  for (const p of byKey.values()) {
    if (p.in === 'header' || p.in === 'cookie') {
      throw new ModelError(
        `${where}: ${p.in} parameter "${p.name}" is not supported; the core sets the headers TagoIO needs`,
      );
    }
    if (p.in !== 'path' && p.in !== 'query')
      throw new ModelError(`${where}: parameter "${p.name}" has an unknown location "${p.in}"`);
    if (p.name === 'body')
      throw new ModelError(`${where}: a parameter may not be called "body" (the request body uses that name)`);
    const example = p.example !== undefined ? p.example : Object.values(p.examples ?? {})[0]?.value;
    out.push({
      name: p.name,
      in: p.in,
      required: p.in === 'path' ? true : Boolean(p.required),
      description: p.description,
      allowReserved: Boolean(p['x-tago-allow-reserved']),
      example,
      allowedValues: p.in === 'query' ? allowedValues(doc, p.schema) : undefined,
      schema: p.schema,
    });
  }
  const names = out.map((p) => p.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new ModelError(`${where}: "${twice}" is both a path and a query parameter`);
  return out;
}
