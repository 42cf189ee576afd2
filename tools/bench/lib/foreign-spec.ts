// Benchmark-only: rewrites another API's OpenAPI document (GitHub's, 1,200+ operations) into the form the spec
// model reads, so the generator can be timed on it without the model knowing any "foreign" mode. What the model
// requires of TagoIO's spec and this step supplies:
// - OpenAPI 3.1 (3.0 documents are relabelled; openapi-typescript reads both the same way here);
// - a camelCase operationId, unique (repeats get a numeric suffix: `get`, `get2`), and exactly one tag (the first, or
//   `default`; tags that camelCase to the same client group take the first spelling seen);
// - `x-tago-method` (the operationId) and `x-tago-envelope: false` (other APIs answer raw bodies);
// - one security scheme with `x-tago-token-kind`: every secured operation needs a `profile` token;
// - only the methods the clients send (HEAD, OPTIONS and TRACE routes are dropped), no header or cookie parameters,
//   a JSON request body (a body offered only in another media type is offered as JSON with that schema), and a
//   2xx answer (redirect-only routes get an empty 200);
// - schema names that are TypeScript identifiers, as @tagokit/api/types exports them (`content-directory` becomes
//   `ContentDirectory`, every `$ref` to it follows).
import { CLIENT_METHODS } from '../../../packages/spec-model/src/model/operation.js';
import { camelCase, pascalCase } from '../../../packages/spec-model/src/model/naming.js';
import { resolveRef } from '../../../packages/spec-model/src/ref.js';

type Json = Record<string, unknown>;

/** The one security scheme of a rewritten document. */
export const FOREIGN_SCHEME = 'foreignToken';

/** Counts names and suffixes repeats: `get`, `get2`, `get3`. */
function uniqueNames(): (name: string) => string {
  const seen = new Map<string, number>();
  return (name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n > 1 ? `${name}${n}` : name;
  };
}

/** A copy of `source` the spec model can read (see the top of this file); `source` is left untouched. */
export function toModelForm(source: Json): Json {
  const doc = structuredClone(source) as Json & { paths?: Record<string, Json>; components?: Json };
  if (typeof doc['openapi'] === 'string' && (doc['openapi'] as string).startsWith('3.0')) doc['openapi'] = '3.1.0';
  doc.components ??= {};
  const components = doc.components;
  components['securitySchemes'] = {
    [FOREIGN_SCHEME]: { type: 'apiKey', in: 'header', name: 'authorization', 'x-tago-token-kind': 'profile' },
  };
  const rootSecurity = doc['security'];
  delete doc['security'];
  const uniqueId = uniqueNames();
  const tagByGroup = new Map<string, string>();
  const isLocatedIn = (where: string[]) => (p: unknown) =>
    where.includes(String((resolveRef(doc as never, p) as Json)['in']));
  const keepParameters = (list: unknown) =>
    Array.isArray(list) ? list.filter((p) => !isLocatedIn(['header', 'cookie'])(p)) : list;

  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (item['parameters']) item['parameters'] = keepParameters(item['parameters']);
    for (const key of ['head', 'options', 'trace']) delete item[key];
    for (const method of CLIENT_METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const id = uniqueId(camelCase(String(op['operationId'] ?? `${method}${path}`)) || 'operation');
      const firstTag = (op['tags'] as string[] | undefined)?.[0] ?? 'default';
      const group = camelCase(firstTag);
      if (!tagByGroup.has(group)) tagByGroup.set(group, firstTag);
      op['operationId'] = id;
      op['tags'] = [tagByGroup.get(group)];
      op['x-tago-method'] = id;
      op['x-tago-envelope'] = false;
      const security = op['security'] ?? rootSecurity;
      op['security'] = Array.isArray(security) && security.length ? [{ [FOREIGN_SCHEME]: [] }] : [];
      if (op['parameters']) op['parameters'] = keepParameters(op['parameters']);
      jsonBody(doc, op);
      op['responses'] ??= {};
      const responses = op['responses'] as Json;
      if (!Object.keys(responses).some((code) => /^2\d\d$/.test(code))) responses['200'] = { description: 'No body' };
    }
  }
  return renameSchemas(doc);
}

const SCHEMA_REF = '#/components/schemas/';

/** Renames every schema to a PascalCase identifier (repeats suffixed) and rewrites the `$ref`s that point to it. */
function renameSchemas(doc: Json): Json {
  const components = doc['components'] as Json;
  const schemas = (components['schemas'] ?? {}) as Json;
  const unique = uniqueNames();
  const renamed = new Map(Object.keys(schemas).map((name) => [name, unique(pascalCase(name) || 'Schema')]));
  components['schemas'] = Object.fromEntries(Object.entries(schemas).map(([name, s]) => [renamed.get(name), s]));
  const follow = (ref: unknown) => {
    if (typeof ref !== 'string' || !ref.startsWith(SCHEMA_REF)) return ref;
    const name = renamed.get(decodeURIComponent(ref.slice(SCHEMA_REF.length)));
    return name ? `${SCHEMA_REF}${name}` : ref;
  };
  // `$ref`s, and the references a discriminator's mapping holds as plain strings.
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const n = node as Json;
      if ('$ref' in n) n['$ref'] = follow(n['$ref']);
      const mapping = (n['discriminator'] as Json | undefined)?.['mapping'] as Json | undefined;
      if (mapping) for (const key of Object.keys(mapping)) mapping[key] = follow(mapping[key]);
      for (const value of Object.values(n)) visit(value);
    }
  };
  visit(doc);
  return doc;
}

/** Offers a body sent in a media type the clients do not send (form, octet-stream ...) as JSON of the same schema. */
function jsonBody(doc: Json, op: Json): void {
  if (op['requestBody'] === undefined) return;
  const body = resolveRef(doc as never, op['requestBody']) as Json;
  const content = (body['content'] ?? {}) as Record<string, unknown>;
  const types = Object.keys(content);
  if (types.includes('application/json') || types[0] === 'text/plain' || types.length === 0) return;
  op['requestBody'] = { ...body, content: { 'application/json': content[types[0]!] } };
}
