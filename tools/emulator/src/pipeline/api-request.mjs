// @ts-check
// The order of work on a request of the spec's API. The fault is drawn on arrival, before any await, so the n-th
// request always gets the n-th draw; then the body is read (within its cap and deadline), a fault that replaces
// the answer is delivered, the request is processed, and the answer goes out through any fault that spoils it.
import { parseQuery } from '@tagokit/core/internal';
import { isFormRequest, readBody } from '../http/body.mjs';
import { parseFormData } from '../http/form-data.mjs';
import { refuse } from '../http/respond.mjs';
import { compactQuery } from '../request.mjs';
import { matchRoute } from '../spec.mjs';
import { deliverAnswer, deliverFaultBefore } from './fault-delivery.mjs';
import { processRequest } from './process.mjs';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */

/**
 * @param {import('./process.mjs').Processor & { faults: import('../faults.mjs').FaultSettings,
 *   bodyLimits: { maxBytes: number, maxFormBytes: number, timeoutMs: number }, log?: (line: string) => void }} emulator
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
    const formRequest = isFormRequest(req);
    const limits = formRequest ? { ...bodyLimits, maxBytes: bodyLimits.maxFormBytes } : bodyLimits;
    const read = await readBody(req, limits);
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
    let form;
    // Parsed only where the route takes form-data; elsewhere the body check answers 415.
    if (formRequest && read.bytes.length > 0 && match.op?.body?.types.some((t) => /^multipart\/form-data/i.test(t))) {
      const parsed = await parseFormData(read.bytes, String(req.headers['content-type']));
      if (parsed.error !== undefined) {
        stats.count(400);
        const reason = `Error on Body parameters: ${parsed.error}`;
        const body = JSON.stringify({ status: false, message: reason, field_errors: { body: [parsed.error] } });
        return deliverAnswer(fault, req, res, 400, body, { 'content-type': 'application/json; charset=utf-8' });
      }
      form = parsed.form;
    }
    const answer = processRequest(emulator, req, method, query, match, read.text, form);
    // A fault a handler drew for one part of an upload: the connection drops before or after storing it.
    if (answer.fault?.kind === 'resetBefore') {
      req.socket.destroy();
      return undefined;
    }
    stats.count(answer.status);
    const text = typeof answer.body === 'string' && answer.raw ? answer.body : JSON.stringify(answer.body);
    const headers = { 'content-type': answer.contentType ?? 'application/json; charset=utf-8', ...answer.headers };
    return deliverAnswer(answer.fault ?? fault, req, res, answer.status, text, headers);
  };
}
