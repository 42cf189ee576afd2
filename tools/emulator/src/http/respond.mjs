// @ts-check
// Writing answers: JSON envelopes, raw text, refusals that close the connection, and slow (trickled) bodies.

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */
/** @typedef {Record<string, string>} Headers */

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * @param {ServerResponse} res
 * @param {number} status
 * @param {unknown} body  serialised as JSON
 * @param {Headers} [headers]
 */
export function send(res, status, body, headers = {}) {
  sendRaw(res, status, JSON.stringify(body), { 'content-type': JSON_TYPE, ...headers });
}

/**
 * @param {ServerResponse} res
 * @param {number} status
 * @param {string} text
 * @param {Headers} headers
 */
export function sendRaw(res, status, text, headers) {
  if (res.destroyed) return;
  const buf = Buffer.from(text, 'utf8');
  res.writeHead(status, { ...headers, 'content-length': String(buf.length) });
  res.end(buf);
}

/**
 * Answers a request refused before its body was read, and closes the connection when a body may follow: the
 * unread rest must not be taken for the next request, nor read to its end just to be thrown away.
 * @param {IncomingMessage} req
 * @param {ServerResponse} res
 * @param {number} status
 * @param {string} message
 * @param {boolean} [close]
 */
export function refuse(req, res, status, message, close = hasBody(req)) {
  send(res, status, { status: false, message }, close ? { connection: 'close' } : {});
}

/** @param {IncomingMessage} req */
function hasBody(req) {
  return (req.headers['content-length'] ?? '0') !== '0' || req.headers['transfer-encoding'] !== undefined;
}

/**
 * Sends `text` `chunkBytes` at a time, one chunk every `intervalMs` (the `trickle` fault).
 * @param {ServerResponse} res
 * @param {number} status
 * @param {string} text
 * @param {Headers} headers
 * @param {{ chunkBytes: number, intervalMs: number }} pace
 */
export async function trickle(res, status, text, headers, pace) {
  const buf = Buffer.from(text, 'utf8');
  res.writeHead(status, { ...headers, 'content-length': String(buf.length) });
  res.flushHeaders();
  for (let i = 0; i < buf.length; i += pace.chunkBytes) {
    if (res.destroyed) return;
    res.write(buf.subarray(i, i + pace.chunkBytes));
    await sleep(pace.intervalMs);
  }
  res.end();
}

/** @param {number} ms */
export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
