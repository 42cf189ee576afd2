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

/**
 * The spec beside this module when there is one (the published package: dist/tagoio.openapi.json next to the
 * bundle), else specs/dist/tagoio.openapi.json of the workspace, as the contract harness finds it.
 */
export function defaultSpecPath() {
  const beside = fileURLToPath(new URL('./tagoio.openapi.json', import.meta.url));
  return existsSync(beside) ? beside : BUNDLED_SPEC;
}

/**
 * Kinds of token by security scheme name, as the bundle's schemes declare them (`x-tago-token-kind`); a scheme
 * without a known kind is refused, as the generator refuses it, rather than answering 401 to every call.
 */
export function schemeKinds(bundle) {
  return kindsOfSchemes(bundle.components?.securitySchemes);
}

/** Specs already read and indexed, by path: every emulator and test helper in a process shares one. */
const loaded = new Map();

/** The spec at `path` (the bundled spec by default), read and indexed once per process. */
export function loadSpec(path = defaultSpecPath()) {
  let spec = loaded.get(path);
  if (!spec) {
    spec = readSpec(path);
    loaded.set(path, spec);
  }
  return spec;
}

function readSpec(path) {
  const bundle = JSON.parse(readFileSync(path, 'utf8'));
  const validate = createValidator(bundle);
  const kindOf = schemeKinds(bundle);
  const deref = (node) => resolveRef(bundle, node);
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
      kinds: (op.security ?? bundle.security ?? []).flatMap((req) => Object.keys(req).map((s) => kindOf[s] ?? s)),
      params: operationParameters(bundle, specOp),
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

function exampleOf(media) {
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  const first = Object.values(media.examples ?? {})[0];
  return first?.value;
}

/**
 * A template as a list of segments, each literal or a parameter; the last parameter may span slashes when it is a
 * file path. Routes are matched segment by segment on the decoded path, never through a RegExp.
 */
function compileTemplate(template) {
  const segments = template.split('/').filter(Boolean);
  const names = [];
  let rank = '';
  let greedy = false;
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

/** The parameter values when `segments` fit the template, in the order of `names`; undefined otherwise. */
function matchSegments(matcher, segments) {
  const { parts, greedy } = matcher;
  if (greedy ? segments.length < parts.length : segments.length !== parts.length) return undefined;
  const values = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    // A file path takes the rest of the path, slashes included.
    const segment = greedy && i === parts.length - 1 ? segments.slice(i).join('/') : segments[i];
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
 */
export function matchRoute(spec, method, path) {
  let segments = path;
  if (typeof path === 'string') {
    const target = parseTarget(path);
    if (target.error) return { allowed: [] };
    segments = target.segments;
  }
  const allowed = [];
  for (const op of spec.operations) {
    const values = matchSegments(op.matcher, segments);
    if (!values) continue;
    if (op.method !== method) {
      allowed.push(op.method);
      continue;
    }
    const pathParams = {};
    op.matcher.names.forEach((name, i) => {
      pathParams[name] = values[i];
    });
    return { op, pathParams };
  }
  return { allowed };
}

/**
 * Turns query strings into the types the schema asks for ("15" -> 15, "true" -> true), walking arrays, objects
 * and unions; anything it cannot convert is left as it is so the validator can name it.
 */
export function coerce(schema, value, deref) {
  const s = deref(schema);
  if (!s || value === undefined) return value;
  if (s.allOf) return s.allOf.reduce((v, part) => coerce(part, v, deref), value);
  for (const key of ['oneOf', 'anyOf']) {
    if (s[key]) {
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
        return keys.sort((a, b) => a - b).map((k) => coerce(s.items ?? {}, value[k], deref));
    }
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
 */
export function validateRequest(spec, op, { pathParams, query, body, contentType }) {
  const fieldErrors = {};
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
          const [pointer, ...rest] = e.split(' ');
          const field = pointer === '/' ? 'body' : pointer.slice(1).replaceAll('/', '.');
          add(field, `${field} ${rest.join(' ')}`);
        }
        where ??= 'body';
      }
    } else if (!isJson && !op.body.types.some((t) => mediaTypeOf(t) === media)) {
      add('body', `the content type must be ${op.body.types.map(mediaTypeOf).join(' or ')}`);
      where ??= 'body';
    }
  }
  if (!where) return null;
  const label = where === 'body' ? 'Body' : where === 'path' ? 'Path' : 'Query';
  const [field, msgs] = Object.entries(fieldErrors)[0];
  return { message: `Error on ${label} parameters: ${msgs[0] ?? field}`, field_errors: fieldErrors };
}
