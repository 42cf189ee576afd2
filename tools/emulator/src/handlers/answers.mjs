// @ts-check
// What handlers take and give: the context of a checked request, the answers they build, and the fallback answer
// from the spec's success example.

/**
 * The answer to a request, before it is written: JSON unless `raw` (then `body` is sent as it is).
 * @typedef {object} Answer
 * @property {number} status
 * @property {unknown} body
 * @property {Record<string, string>} [headers]
 * @property {boolean} [raw]
 * @property {string} [contentType]
 * @property {{ kind: 'resetBefore' | 'resetAfter' }} [fault]  a fault the handler drew (a part of an upload)
 */

/**
 * Upload part faults and the seed they are drawn from (upload-faults.mjs).
 * @typedef {{ settings: import('../upload-faults.mjs').UploadFaultSettings, seed: number }} UploadFaultContext
 */

/**
 * The registered token a request came with.
 * @typedef {{ kind: import('../index.mjs').TokenKind, deviceId?: string, token: string }} Caller
 */

/**
 * A request that passed auth, rate limits and validation, as a handler sees it.
 * @typedef {object} HandlerContext
 * @property {import('../store.mjs').Store} store
 * @property {import('../spec.mjs').Spec} spec
 * @property {import('../spec.mjs').Operation} op
 * @property {Caller | undefined} caller  undefined on operations without security
 * @property {Record<string, string>} pathParams
 * @property {Record<string, any>} query  coerced to the schema's types
 * @property {any} body  parsed JSON, a string for a text body, a form's text fields, or undefined
 * @property {import('../http/form-data.mjs').ParsedForm} [form]  a multipart/form-data body: fields and files
 * @property {string} [origin]  `http://host:port` the request was sent to (for the URLs an answer holds)
 * @property {string} [profileId]  the emulated profile's id
 * @property {UploadFaultContext} [uploadFaults]
 */

/**
 * A stateful operation: its answer, or undefined to fall back to the spec's success example.
 * @typedef {(ctx: HandlerContext) => Answer | undefined} Handler
 */

/** @typedef {Record<string, Handler>} HandlerMap  handlers keyed by operationId */

export const DENIED = Object.freeze({ status: false, message: 'Authorization Denied' });

/**
 * The operation's success status with `result` in the envelope.
 * @param {import('../spec.mjs').Operation} op
 * @param {unknown} result
 * @returns {Answer}
 */
export function ok(op, result) {
  return { status: op.successStatus, body: { status: true, result } };
}

/**
 * @param {string} message
 * @returns {Answer}
 */
export function notFound(message) {
  return { status: 404, body: { status: false, message } };
}

/**
 * The spec's success example of an operation, with its status and media type.
 * @param {import('../spec.mjs').Operation} op
 * @returns {Answer}
 */
export function fromExample(op) {
  if (op.mediaType && !op.mediaType.includes('json')) {
    const body = typeof op.example === 'string' ? op.example : '';
    return { status: op.successStatus, body, raw: true, contentType: op.mediaType };
  }
  return { status: op.successStatus, body: op.example ?? (op.envelope ? { status: true, result: null } : {}) };
}

/**
 * The `result` of another operation's success example, when it has one.
 * @param {import('../spec.mjs').Spec} spec
 * @param {string} id
 * @returns {any}
 */
export function exampleResult(spec, id) {
  const ex = spec.byId.get(id)?.example;
  return ex && typeof ex === 'object' && 'result' in ex ? ex.result : undefined;
}

/**
 * The device whose token made the request (device-token routes only, where auth has checked it exists).
 * @param {HandlerContext} ctx
 */
export function callerDevice(ctx) {
  const device = ctx.store.devices.get(ctx.caller?.deviceId ?? '');
  if (!device) throw new Error(`${ctx.op.id} needs a device token`);
  return device;
}

/**
 * The device a path's `{deviceID}` names, or undefined.
 * @param {HandlerContext} ctx
 */
export function pathDevice(ctx) {
  return ctx.store.devices.get(ctx.pathParams.deviceID ?? '');
}
