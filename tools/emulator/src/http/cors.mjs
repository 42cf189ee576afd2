// @ts-check
// CORS for pages that call the emulator from a browser: which origins may, the headers every answer to an allowed
// origin carries, and the answer to a preflight (`OPTIONS` with `Access-Control-Request-Method`). A preflight from
// an origin not allowed is refused with 403 and no CORS headers, so the browser blocks the call as a real server
// that does not allow the page would.
import { SettingsError } from '../settings.mjs';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */
/** @typedef {'*' | readonly string[]} CorsOrigins */

/** Methods the spec's operations use; a preflight is told all of them. */
const ALLOWED_METHODS = 'GET, POST, PUT, DELETE, PATCH';
/** Answer headers a client reads besides the CORS-safelisted ones (retry delays, request ids, downloads). */
const EXPOSED_HEADERS = 'retry-after, x-request-id, content-disposition, location';
/** How long a browser may reuse a preflight's answer, seconds. */
const PREFLIGHT_MAX_AGE = '600';

/**
 * Checks allowed origins as a user gives them: `"*"` (any), `"none"` or `[]` (none), a comma list or an array of
 * origins such as `http://localhost:5173` (scheme, host and port only). Throws a SettingsError naming a bad entry.
 * @param {unknown} value
 * @returns {CorsOrigins}
 */
export function normalizeCorsOrigins(value) {
  if (value === undefined || value === '*') return '*';
  if (value === 'none') return Object.freeze([]);
  const list = typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value;
  if (!Array.isArray(list)) {
    throw new SettingsError('corsOrigins must be "*", "none" or a list of origins such as "http://localhost:5173"', {
      key: 'corsOrigins',
    });
  }
  for (const origin of list) {
    if (typeof origin !== 'string' || !isOrigin(origin)) {
      const shown = JSON.stringify(origin);
      throw new SettingsError(
        `corsOrigins: ${shown} is not an origin (scheme://host[:port], no path, as a browser sends it in Origin)`,
        { key: 'corsOrigins' },
      );
    }
  }
  return Object.freeze([...list]);
}

/** @param {string} text */
function isOrigin(text) {
  if (!/^https?:\/\//.test(text)) return false;
  try {
    return new URL(text).origin === text;
  } catch {
    return false;
  }
}

/**
 * The CORS side of one request: sets the headers an allowed origin gets on whatever answer follows, and answers a
 * preflight itself. Returns true when the request has been answered (a preflight).
 * @param {IncomingMessage} req
 * @param {ServerResponse} res
 * @param {string} method
 * @param {CorsOrigins} allowed
 */
export function handleCors(req, res, method, allowed) {
  const origin = req.headers.origin;
  const preflight = method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
  if (origin === undefined) return false;
  const allowedHere = allowed === '*' || allowed.includes(origin);
  // The answer depends on Origin when not every origin gets the same one.
  if (allowed !== '*') res.setHeader('vary', 'Origin');
  if (!allowedHere) {
    if (!preflight) return false;
    const message = `CORS: origin ${origin} is not allowed (allowed: ${allowed.length ? allowed.join(', ') : 'none'})`;
    const body = JSON.stringify({ status: false, message });
    res.writeHead(403, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
    return true;
  }
  res.setHeader('access-control-allow-origin', allowed === '*' ? '*' : origin);
  if (!preflight) {
    res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
    return false;
  }
  const requested = req.headers['access-control-request-headers'];
  res.writeHead(204, {
    'access-control-allow-methods': ALLOWED_METHODS,
    // Whatever the page sends (token, authorization, content-type, x-request-id, ...): the emulator checks them.
    ...(requested ? { 'access-control-allow-headers': requested } : {}),
    'access-control-max-age': PREFLIGHT_MAX_AGE,
    'content-length': '0',
  });
  res.end();
  return true;
}
