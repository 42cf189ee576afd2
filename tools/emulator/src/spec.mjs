// Reads the bundled spec once and turns it into what the emulator needs: a route table (method + template ->
// operation), each operation's token kinds, parameters, body schema and success example, and a validator of
// requests built on the same ajv set-up the contract tests use.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUNDLED_SPEC } from '@tagokit/contract';
import { createValidator } from '@tagokit/contract/schema-validator';
import {
  operationParameters,
  resolveRef,
  schemeKinds as kindsOfSchemes,
  specOperations,
  successResponse,
} from '@tagokit/spec-model';
import { isJsonMediaType, mediaTypeOf, parseTarget } from './request.mjs';

/** @import { TokenKind } from './index.mjs' */

/** @typedef {Record<string, any>} SchemaNode A JSON Schema node of the bundled spec, possibly a `$ref`. */

/**
 * @typedef {object} SpecParam
 * @property {string} name
 * @property {'path' | 'query' | 'header' | 'cookie'} in
 * @property {boolean} [required]
 * @property {unknown} [example]
 * @property {SchemaNode} [schema]
 */

/**
 * @typedef {{ parts: ({ literal: string; param?: undefined } | { param: string; literal?: undefined })[];
 *   greedy: boolean; names: string[]; rank: string }} Matcher
 */

/**
 * One operation of the spec, as the emulator routes, checks and answers it.
 * @typedef {object} Operation
 * @property {string} id
 * @property {string} method
 * @property {string} template
 * @property {TokenKind[]} kinds the token kinds its security takes; empty when it needs no token
 * @property {SpecParam[]} params
 * @property {{ required: boolean; json?: SchemaNode; types: string[] }} [body]
 * @property {boolean} envelope whether the answer is wrapped in `{status, result}`
 * @property {number} successStatus
 * @property {string} [mediaType]
 * @property {unknown} [example]
 * @property {Matcher} matcher
 */

/**
 * @typedef {object} Spec
 * @property {{ paths: Record<string, any>; components?: Record<string, any>; [key: string]: unknown }} bundle
 * @property {Operation[]} operations
 * @property {Map<string, Operation>} byId
 * @property {(schema: SchemaNode, value: unknown) => string[]} validate the schema errors of a value (none: valid)
 * @property {(node: unknown) => any} deref
 */

/**
 * @typedef {{ op: Operation; pathParams: Record<string, string>; allowed?: undefined }
 *   | { op?: undefined; pathParams?: undefined; allowed: string[] }} RouteMatch
 */

/**
 * @typedef {object} RequestParts
 * @property {Record<string, string>} pathParams
 * @property {Record<string, unknown>} query
 * @property {unknown} body
 * @property {string} [contentType]
 */

/**
 * The spec beside this module when there is one (the published package: dist/tagoio.openapi.json next to the
 * bundle), else specs/dist/tagoio.openapi.json of the workspace, as the contract harness finds it.
 * @returns {string}
 */
export function defaultSpecPath() {
  const beside = fileURLToPath(new URL('./tagoio.openapi.json', import.meta.url));
  return existsSync(beside) ? beside : BUNDLED_SPEC;
}

/**
 * Kinds of token by security scheme name, as the bundle's schemes declare them (`x-tago-token-kind`); a scheme
 * without a known kind is refused, as the generator refuses it, rather than answering 401 to every call.
 * @param {{ components?: { securitySchemes?: Record<string, Record<string, unknown>> } }} bundle
 * @returns {Record<string, TokenKind>}
 */
export function schemeKinds(bundle) {
  return kindsOfSchemes(bundle.components?.securitySchemes);
}

/**
 * Specs already read and indexed, by path: every emulator and test helper in a process shares one.
 * @type {Map<string, Spec>}
 */
const loaded = new Map();

/**
 * The spec at `path` (the bundled spec by default), read and indexed once per process.
 * @param {string} [path]
 * @returns {Spec}
 */
export function loadSpec(path = defaultSpecPath()) {
  let spec = loaded.get(path);
  if (!spec) {
    spec = readSpec(path);
    loaded.set(path, spec);
  }
  return spec;
}

/**
 * @param {string} path
 * @returns {Spec}
 */
function readSpec(path) {
  const bundle = JSON.parse(readFileSync(path, 'utf8'));
  const validate = createValidator(bundle);
  const kindOf = schemeKinds(bundle);
  /** @param {unknown} node */
  const deref = (node) => resolveRef(bundle, node);
  /** @type {Operation[]} */
  const operations = [];
  const byId = new Map();
  for (const specOp of specOperations(bundle)) {
    const { path: template, method, operation: op } = specOp;
    // A trailing-slash variant is its canonical operation: parseTarget drops a trailing slash on every route.
    if (!op.operationId || op['x-tago-path-variant-of']) continue;
    const success = successResponse(bundle, op.responses);
    const response = success?.response ?? {};
    const [mediaType, media] = Object.entries(response.content ?? {})[0] ?? [];
    const request = op.requestBody ? deref(op.requestBody) : undefined;
    const entry = {
      id: op.operationId,
      method: method.toUpperCase(),
      template,
      // The bundle's schemes all have a kind (schemeKinds refuses one without); an unknown name stays as written.
      kinds: (op.security ?? bundle.security ?? []).flatMap((/** @type {Record<string, unknown>} */ req) =>
        Object.keys(req).map((s) => kindOf[s] ?? /** @type {TokenKind} */ (s)),
      ),
      // Resolved parameters of a checked spec: each has a name and an `in`.
      params: /** @type {SpecParam[]} */ (operationParameters(bundle, specOp)),
      body: request
        ? {
            required: request.required === true,
            json: request.content?.['application/json']?.schema,
            types: Object.keys(request.content ?? {}),
          }
        : undefined,
      envelope: op['x-tago-envelope'] !== false,
      successStatus: success?.status ?? 200,
      mediaType,
      example: exampleOf(media),
      matcher: compileTemplate(template),
    };
    operations.push(entry);
    byId.set(entry.id, entry);
  }
  // Literal segments win over parameters: `/device/params` before `/device/{deviceID}`.
  operations.sort((a, b) => a.matcher.rank.localeCompare(b.matcher.rank));
  return { bundle, operations, byId, validate, deref };
}

/**
 * @param {{ example?: unknown; examples?: Record<string, { value?: unknown }> } | undefined} media
 * @returns {unknown}
 */
function exampleOf(media) {
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  const first = Object.values(media.examples ?? {})[0];
  return first?.value;
}

/**
 * A template as a list of segments, each literal or a parameter; the last parameter may span slashes when it is a
 * file path. Routes are matched segment by segment on the decoded path, never through a RegExp.
 * @param {string} template
 * @returns {Matcher}
 */
function compileTemplate(template) {
  const segments = template.split('/').filter(Boolean);
  /** @type {string[]} */
  const names = [];
  let rank = '';
  let greedy = false;
  /** @type {Matcher['parts']} */
  const parts = segments.map((seg, i) => {
    const param = seg.startsWith('{') && seg.endsWith('}') ? seg.slice(1, -1) : undefined;
    if (param === undefined) {
      rank += '0';
      return { literal: seg };
    }
    names.push(param);
    rank += '1';
    if (i === segments.length - 1 && param === 'path') greedy = true;
    return { param };
  });
  return { parts, greedy, names, rank: `${greedy ? '99' : String(segments.length).padStart(2, '0')}${rank}` };
}

/**
 * The parameter values when `segments` fit the template, in the order of `names`; undefined otherwise.
 * @param {Matcher} matcher
 * @param {string[]} segments
 * @returns {string[] | undefined}
 */
function matchSegments(matcher, segments) {
  const { parts, greedy } = matcher;
  if (greedy ? segments.length < parts.length : segments.length !== parts.length) return undefined;
  /** @type {string[]} */
  const values = [];
  for (let i = 0; i < parts.length; i++) {
    const part = /** @type {Matcher['parts'][number]} */ (parts[i]);
    // A file path takes the rest of the path, slashes included.
    const segment = greedy && i === parts.length - 1 ? segments.slice(i).join('/') : (segments[i] ?? '');
    if (part.literal !== undefined) {
      if (segment !== part.literal) return undefined;
    } else {
      if (segment === '') return undefined;
      values.push(segment);
    }
  }
  return values;
}

/**
 * Finds the operation for a method and path; `{op, pathParams}` or `{allowed}` (the methods the path has). The
 * path is a raw path (split and checked by `parseTarget`: a dot segment matches nothing) or its decoded segments.
 * @param {Spec} spec
 * @param {string} method
 * @param {string | string[]} path
 * @returns {RouteMatch}
 */
export function matchRoute(spec, method, path) {
  let segments = path;
  if (typeof path === 'string') {
    const target = parseTarget(path);
    if (target.error !== undefined) return { allowed: [] };
    segments = target.segments;
  }
  /** @type {string[]} */
  const allowed = [];
  for (const op of spec.operations) {
    const values = matchSegments(op.matcher, /** @type {string[]} */ (segments));
    if (!values) continue;
    if (op.method !== method) {
      allowed.push(op.method);
      continue;
    }
    /** @type {Record<string, string>} */
    const pathParams = {};
    op.matcher.names.forEach((name, i) => {
      pathParams[name] = /** @type {string} */ (values[i]);
    });
    return { op, pathParams };
  }
  return { allowed };
}

/**
 * Turns query strings into the types the schema asks for ("15" -> 15, "true" -> true), walking arrays, objects
 * and unions; anything it cannot convert is left as it is so the validator can name it.
 * @param {SchemaNode | undefined} schema
 * @param {unknown} value
 * @param {Spec['deref']} deref
 * @returns {unknown}
 */
export function coerce(schema, value, deref) {
  const s = deref(schema);
  if (!s || value === undefined) return value;
  if (s.allOf)
    return s.allOf.reduce((/** @type {unknown} */ v, /** @type {SchemaNode} */ part) => coerce(part, v, deref), value);
  for (const key of ['oneOf', 'anyOf']) {
    if (s[key]) {
      /** @type {SchemaNode[]} */
      const options = s[key].map(deref);
      // Prefer an option whose type already matches (a string stays a string when a string is allowed).
      if (typeof value === 'string' && options.some((o) => typesOf(o).includes('string'))) return value;
      if (Array.isArray(value)) {
        const arr = options.find((o) => typesOf(o).includes('array'));
        return arr ? coerce(arr, value, deref) : value;
      }
      for (const o of options) {
        const c = coerce(o, value, deref);
        if (c !== value) return c;
      }
      return value;
    }
  }
  const types = typesOf(s);
  if (typeof value === 'string') {
    if (
      (types.includes('integer') || types.includes('number')) &&
      !types.includes('string') &&
      /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value.trim())
    )
      return Number(value);
    if (types.includes('boolean') && !types.includes('string') && (value === 'true' || value === 'false'))
      return value === 'true';
    if (types.includes('null') && value === '') return null;
    if (types.includes('array') && !types.includes('string')) return [coerce(s.items ?? {}, value, deref)];
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => coerce(s.items ?? {}, v, deref));
  if (value && typeof value === 'object') {
    // `a[0]=x` arrives as an array, but `a[5]=x` alone as {5: x}; both mean a list when the schema says so.
    if (types.includes('array') && !types.includes('object')) {
      const keys = Object.keys(value);
      if (keys.every((k) => /^\d+$/.test(k)))
        return keys
          .sort((a, b) => Number(a) - Number(b))
          .map((k) => coerce(s.items ?? {}, /** @type {Record<string, unknown>} */ (value)[k], deref));
    }
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      const sub =
        s.properties?.[k] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
      out[k] = sub ? coerce(sub, v, deref) : v;
    }
    return out;
  }
  return value;
}

/**
 * @param {SchemaNode | undefined} s
 * @returns {string[]}
 */
function typesOf(s) {
  if (!s) return [];
  if (Array.isArray(s.type)) return s.type;
  if (typeof s.type === 'string') return [s.type];
  if (s.properties) return ['object'];
  if (s.items) return ['array'];
  return [];
}

/**
 * Checks path and query parameters and the JSON body of a request against its operation. Returns null when the
 * request is valid, or `{message, field_errors}` naming the first field at fault.
 * @param {Spec} spec
 * @param {Operation} op
 * @param {RequestParts} req
 * @returns {{ message: string; field_errors: Record<string, string[]> } | null}
 */
export function validateRequest(spec, op, { pathParams, query, body, contentType }) {
  /** @type {Record<string, string[]>} */
  const fieldErrors = {};
  /** @type {(field: string, msg: string) => void} */
  const add = (field, msg) => {
    fieldErrors[field] ??= [];
    fieldErrors[field].push(msg);
  };
  let where;
  for (const p of op.params) {
    if (p.in !== 'path' && p.in !== 'query') continue;
    const raw = p.in === 'path' ? pathParams[p.name] : query[p.name];
    if (raw === undefined || raw === '') {
      if (p.required) {
        add(p.name, `${p.name} is required`);
        where ??= p.in;
      }
      continue;
    }
    if (!p.schema) continue;
    const value = coerce(p.schema, raw, spec.deref);
    if (p.in === 'query') query[p.name] = value;
    const errors = spec.validate(p.schema, value);
    if (errors.length) {
      for (const e of errors.slice(0, 3)) add(p.name, `${p.name}${e.startsWith('/ ') ? e.slice(1) : ` ${e}`}`);
      where ??= p.in;
    }
  }
  if (op.body) {
    // By the media type, never a substring: `text/plain; x=application/json` is not JSON. The server refuses a body
    // without a content type before this; a caller of this function that gives none means JSON.
    const media = mediaTypeOf(contentType);
    const isJson = media === '' || isJsonMediaType(media);
    if (body === undefined) {
      if (op.body.required) {
        add('body', 'body is required');
        where ??= 'body';
      }
    } else if (isJson && op.body.json) {
      const errors = spec.validate(op.body.json, body);
      if (errors.length) {
        for (const e of errors.slice(0, 3)) {
          const [pointer = '/', ...rest] = e.split(' ');
          const field = pointer === '/' ? 'body' : pointer.slice(1).replaceAll('/', '.');
          add(field, `${field} ${rest.join(' ')}`);
        }
        where ??= 'body';
      }
    } else if (!isJson && !op.body.types.some((/** @type {string} */ t) => mediaTypeOf(t) === media)) {
      add('body', `the content type must be ${op.body.types.map(mediaTypeOf).join(' or ')}`);
      where ??= 'body';
    }
  }
  if (!where) return null;
  const label = where === 'body' ? 'Body' : where === 'path' ? 'Path' : 'Query';
  const [field, msgs] = /** @type {[string, string[]]} */ (Object.entries(fieldErrors)[0]);
  return { message: `Error on ${label} parameters: ${msgs[0] ?? field}`, field_errors: fieldErrors };
}
