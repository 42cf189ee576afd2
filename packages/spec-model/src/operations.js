import { HTTP_METHODS } from './http.js';
import { resolveRef } from './ref.js';

/** @import { OpenApiDocument } from './document.js' */

/**
 * @typedef {object} SpecOperation One operation as the spec writes it, with the path item it sits in.
 * @property {string} path the path template (`/device/{deviceID}`)
 * @property {(typeof HTTP_METHODS)[number]} method lower case, as the spec writes it
 * @property {Record<string, any>} operation the operation object
 * @property {Record<string, any>} pathItem the path item (resolved), whose `parameters` apply to every method
 */

/**
 * Every operation of the spec in document order: paths as listed, methods in HTTP_METHODS order.
 * @param {OpenApiDocument} doc
 * @returns {SpecOperation[]}
 */
export function specOperations(doc) {
  /** @type {SpecOperation[]} */
  const out = [];
  for (const [path, itemRef] of Object.entries(doc.paths)) {
    /** @type {Record<string, any>} */
    const pathItem = resolveRef(doc, itemRef);
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (operation && typeof operation === 'object') out.push({ path, method, operation, pathItem });
    }
  }
  return out;
}

/**
 * The parameters of an operation, resolved: the path item's first, then the operation's own (OpenAPI lets the
 * operation override one with the same `in` and `name`; it keeps the path item's place in the order).
 * @param {OpenApiDocument} doc
 * @param {SpecOperation} op
 * @returns {Record<string, any>[]}
 */
export function operationParameters(doc, op) {
  /** @type {Map<string, Record<string, any>>} */
  const byKey = new Map();
  for (const ref of [...(op.pathItem['parameters'] ?? []), ...(op.operation['parameters'] ?? [])]) {
    /** @type {Record<string, any>} */
    const p = resolveRef(doc, ref);
    byKey.set(`${p['in']}:${p['name']}`, p);
  }
  return [...byKey.values()];
}

/**
 * The first 2xx answer of an operation (by the order the spec lists them), resolved; undefined when it has none.
 * @param {OpenApiDocument} doc
 * @param {Record<string, unknown> | undefined} responses the operation's `responses`
 * @returns {{ status: number, response: { content?: Record<string, { schema?: unknown, example?: unknown,
 *   examples?: Record<string, { value?: unknown }> }> } } | undefined}
 */
export function successResponse(doc, responses) {
  const code = Object.keys(responses ?? {}).find((c) => /^2\d\d$/.test(c));
  if (code === undefined) return undefined;
  return { status: Number(code), response: resolveRef(doc, /** @type {Record<string, unknown>} */ (responses)[code]) };
}

/**
 * The `result` schema inside an envelope schema (`allOf: [SuccessEnvelope, {properties: {result}}]`, or one object
 * declaring `status` and `result`); undefined when the schema is not an envelope. The generic envelope declares
 * `result` without a type, so a part that narrows it wins over one that only names it.
 * @param {OpenApiDocument} doc
 * @param {unknown} schema
 * @returns {unknown}
 */
export function envelopeResult(doc, schema) {
  /** @type {Record<string, any>} */
  const s = resolveRef(doc, schema ?? {});
  /** @type {unknown} */
  let found;
  for (const part of s['allOf'] ?? [s]) {
    /** @type {Record<string, any>} */
    const p = resolveRef(doc, part);
    const result = p['properties']?.['result'];
    if (result === undefined) continue;
    const narrows = Object.keys(resolveRef(doc, result) ?? {}).length > 0;
    if (found === undefined || (narrows && p['properties']?.['status'] === undefined)) found = result;
  }
  return found;
}
