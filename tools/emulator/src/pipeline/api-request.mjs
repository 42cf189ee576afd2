// @ts-check
// The order of work on a request of the spec's API. The fault is drawn on arrival, before any await, so the n-th
// request always gets the n-th draw; then the body is read (within its cap and deadline), a fault that replaces
// the answer is delivered, the request is processed, and the answer goes out through any fault that spoils it.
import { parseQuery } from '@tagokit/core/internal';
import { readBody } from '../http/body.mjs';
import { refuse } from '../http/respond.mjs';
import { compactQuery } from '../request.mjs';
import { matchRoute } from '../spec.mjs';
import { deliverAnswer, deliverFaultBefore } from './fault-delivery.mjs';
import { processRequest } from './process.mjs';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */

/**
 * @param {import('./process.mjs').Processor & { faults: import('../faults.mjs').FaultSettings,
 *   bodyLimits: { maxBytes: number, timeoutMs: number }, log?: (line: string) => void }} emulator
 * @returns {(req: IncomingMessage, res: ServerResponse, method: string,
 *   target: { segments: string[], search: string }) => Promise<unknown>}
 */
export function createApiPipeline(emulator) {
  const { spec, stats, faults, bodyLimits, log } = emulator;
  return async function api(req, res, method, { segments, search }) {
    stats.requests++;
    const match = matchRoute(spec, method, segments);
    const query = /** @type {Record<string, any>} */ (compactQuery(parseQuery(search)));
    const routeKey = match.op ? `${method} ${match.op.template}` : `${method} /${segments.join('/')}`;
    const fault = faults.plan.next(routeKey);
    const read = await readBody(req, bodyLimits);
    if (read.status !== undefined) {
      if (read.status === 0) return undefined;
      stats.count(read.status);
      return refuse(req, res, read.status, read.message, true);
    }
    if (fault) {
      // The template, not the path: a path may hold a token (`DELETE /device/token/{token}`).
      log?.(`${match.op ? routeKey : `${method} (no route)`} fault ${fault.kind}`);
      if (await deliverFaultBefore(fault, req, res)) return undefined;
    }
    const answer = processRequest(emulator, req, method, query, match, read.text);
    stats.count(answer.status);
    const text = typeof answer.body === 'string' && answer.raw ? answer.body : JSON.stringify(answer.body);
    const headers = { 'content-type': answer.contentType ?? 'application/json; charset=utf-8', ...answer.headers };
    return deliverAnswer(fault, req, res, answer.status, text, headers);
  };
}
