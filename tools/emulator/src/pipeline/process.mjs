// @ts-check
// A request of the spec's API, from its route to its answer, once the body is in and any fault before processing
// has been delivered: 404/405, the token kind (401), the rate limit (429), the body's media type (400/415),
// validation (400), then the operation's handler or its spec example. Synchronous on purpose: nothing else can
// run between the checks and the change of state.
import { validateRequest } from '../spec.mjs';
import { DEFAULT_PROFILE_ID } from '../store.mjs';
import { fromExample } from '../handlers/answers.mjs';
import { authorize, tokenOf } from './auth.mjs';
import { parseBody } from './body.mjs';

/** @typedef {import('../handlers/answers.mjs').Answer} Answer */

/**
 * The key a request is counted under: `METHOD template`, with aggregate reads of data counted apart.
 * @param {string} method
 * @param {import('../spec.mjs').Operation} op
 * @param {Record<string, unknown>} query
 */
export function rateLimitKey(method, op, query) {
  const route = `${method} ${op.template}`;
  return query.query === 'aggregate' ? `${route}?query=aggregate` : route;
}

/**
 * @typedef {object} Processor
 * @property {import('../spec.mjs').Spec} spec
 * @property {import('../store.mjs').Store} store
 * @property {import('./rate-limit.mjs').RateLimiter} limiter
 * @property {import('../stats.mjs').RequestStats} stats
 * @property {Map<string, import('../handlers/answers.mjs').Handler>} handlers
 * @property {import('../handlers/answers.mjs').UploadFaultContext} [uploadFaults]
 */

/**
 * @param {Processor} emulator
 * @param {import('node:http').IncomingMessage} req
 * @param {string} method
 * @param {Record<string, any>} query
 * @param {import('../spec.mjs').RouteMatch} match
 * @param {string} rawBody
 * @param {import('../http/form-data.mjs').ParsedForm} [form]  a multipart/form-data body, already parsed
 * @returns {Answer}
 */
export function processRequest(emulator, req, method, query, match, rawBody, form) {
  const { spec, store, limiter, stats, handlers } = emulator;
  if (!match.op) {
    if (match.allowed.length) {
      const body = { status: false, message: `Method ${method} is not allowed here` };
      return { status: 405, body, headers: { allow: [...new Set(match.allowed)].join(', ') } };
    }
    return { status: 404, body: { status: false, message: 'Route not found' } };
  }
  const { op, pathParams } = match;
  const token = tokenOf(req);
  const auth = authorize(store, op, token);
  if (auth.answer) return auth.answer;
  const limited = limiter.hit(rateLimitKey(method, op, query), token);
  if (limited) {
    stats.rateLimited++;
    return {
      status: 429,
      body: { status: false, message: `Too many requests (Retry-After: ${limited.retryAfterSeconds})` },
      headers: { 'retry-after': String(limited.retryAfterSeconds) },
    };
  }
  const contentType = String(req.headers['content-type'] ?? '');
  const parsed = parseBody(op, rawBody, contentType, form);
  if (parsed.answer) return parsed.answer;
  const { body } = parsed;
  const invalid = validateRequest(spec, op, { pathParams, query, body, contentType });
  if (invalid) return { status: 400, body: { status: false, ...invalid } };
  const handler = handlers.get(op.id);
  const result = handler?.({
    store,
    spec,
    op,
    caller: auth.caller,
    pathParams,
    query,
    body,
    form,
    origin: `http://${req.headers.host ?? '127.0.0.1'}`,
    profileId: DEFAULT_PROFILE_ID,
    uploadFaults: emulator.uploadFaults,
  });
  return result ?? fromExample(op);
}
