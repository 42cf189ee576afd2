// @ts-check
// Delivering a drawn fault (faults.mjs draws them): the kinds that answer instead of the emulator act before the
// request is processed; the kinds that spoil a real answer act on it afterwards. The README's "Fault model" table
// says what each does on the wire.
import { FAULT_PROCESSES } from '../faults.mjs';
import { send, sendRaw, sleep, trickle } from '../http/respond.mjs';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */
/** @typedef {import('../faults.mjs').Fault} Fault */

/** @param {number} status */
const htmlPage = (status) => {
  const title = `${status} ${status === 502 ? 'Bad Gateway' : 'Service Unavailable'}`;
  return (
    `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr>` +
    '<center>nginx</center></body></html>\n'
  );
};

/** @param {number} status */
const serverErrorMessage = (status) =>
  status === 500 ? 'Internal Server Error' : status === 502 ? 'Bad Gateway' : 'Service Unavailable';

/**
 * Acts on a fault before processing: answers (or drops the connection) for the kinds that replace the answer, and
 * waits for `latency`. Resolves true when the request is done with, false when it goes on to be processed.
 * @param {Fault} fault
 * @param {IncomingMessage} req
 * @param {ServerResponse} res
 */
export async function deliverFaultBefore(fault, req, res) {
  switch (fault.kind) {
    case 'resetBefore':
      req.socket.destroy();
      return true;
    case 'http5xx': {
      const status = fault.status ?? 500;
      send(res, status, { status: false, message: serverErrorMessage(status) });
      return true;
    }
    case 'rateLimit': {
      const seconds = fault.retryAfterSeconds ?? 1;
      const body = { status: false, message: `Too many requests (Retry-After: ${seconds})` };
      send(res, 429, body, { 'retry-after': String(seconds) });
      return true;
    }
    case 'html': {
      const status = fault.status ?? 502;
      sendRaw(res, status, htmlPage(status), { 'content-type': 'text/html; charset=utf-8' });
      return true;
    }
    case 'latency':
      await sleep(fault.delayMs ?? 0);
      return false;
    default:
      return false;
  }
}

/**
 * Sends the answer of a processed request through a fault (or untouched when there is none, or the fault acted
 * before): `resetAfter` drops it, `truncated` sends its first half, `trickle` sends it slowly.
 * @param {Fault | undefined} fault
 * @param {IncomingMessage} req
 * @param {ServerResponse} res
 * @param {number} status
 * @param {string} text
 * @param {Record<string, string>} headers
 */
export async function deliverAnswer(fault, req, res, status, text, headers) {
  if (fault && FAULT_PROCESSES[fault.kind]) {
    switch (fault.kind) {
      case 'resetAfter':
        return req.socket.destroy();
      case 'truncated':
        return sendRaw(res, status, text.slice(0, Math.max(0, Math.floor(text.length / 2))), headers);
      case 'trickle':
        return trickle(res, status, text, headers, {
          chunkBytes: fault.chunkBytes ?? 1,
          intervalMs: fault.intervalMs ?? 0,
        });
      default:
        break;
    }
  }
  return sendRaw(res, status, text, headers);
}
