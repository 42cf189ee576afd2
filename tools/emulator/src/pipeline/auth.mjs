// @ts-check
// Who is calling: the token of a request, and whether its kind is one the operation takes.
import { DENIED } from '../handlers/answers.mjs';

/** @typedef {import('../handlers/answers.mjs').Answer} Answer */
/** @typedef {import('../handlers/answers.mjs').Caller} Caller */

/**
 * The token of a request: the `token` header, else `device-token`, else `authorization`; undefined when empty.
 * @param {import('node:http').IncomingMessage} req
 */
export function tokenOf(req) {
  const value = req.headers['token'] ?? req.headers['device-token'] ?? req.headers['authorization'];
  if (typeof value !== 'string' || value === '') return undefined;
  return value;
}

/**
 * The caller of an operation, or a 401: the token must be registered, of a kind the operation takes, and (for a
 * device token) belong to a device that still exists. An operation without security has no caller.
 * @param {import('../store.mjs').Store} store
 * @param {import('../spec.mjs').Operation} op
 * @param {string | undefined} token
 * @returns {{ caller: Caller | undefined, answer?: undefined } | { answer: Answer }}
 */
export function authorize(store, op, token) {
  if (op.kinds.length === 0) return { caller: undefined };
  const entry = token === undefined ? undefined : store.tokens.get(token);
  if (!entry || token === undefined || !op.kinds.includes(entry.kind)) return { answer: { status: 401, body: DENIED } };
  if (entry.kind === 'device' && !store.devices.has(entry.deviceId ?? ''))
    return { answer: { status: 401, body: DENIED } };
  return { caller: { ...entry, token } };
}
