// @ts-check
// The emulator's HTTP server: Node's server with the header, request and keep-alive timeouts, refusals Node makes
// itself answered with the usual envelope, `Expect: 100-continue` checked against the body cap, and routing of
// each request target: `/__emulator/...` to the control API, everything else to the API pipeline.
import { createServer, STATUS_CODES } from 'node:http';
import { bodyCapOf, bodyTooLarge } from './body.mjs';
import { handleCors } from './cors.mjs';
import { parseTarget } from '../request.mjs';
import { refuse, send } from './respond.mjs';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */
/** @typedef {import('node:net').Socket} Socket */
/** @typedef {import('./body.mjs').Limits} Limits */

/**
 * Where requests go once their target is read.
 * @typedef {object} HttpRoutes
 * @property {(req: IncomingMessage, res: ServerResponse, method: string,
 *   target: { segments: string[], search: string }) => Promise<unknown>} api  a request of the spec's API
 * @property {(req: IncomingMessage, res: ServerResponse, method: string, segments: string[]) => Promise<unknown>}
 *   control  a `/__emulator/...` request
 * @property {(req: IncomingMessage, res: ServerResponse, search: string) => void} events  `GET /events`, the
 *   realtime host's event stream (handlers/events.mjs)
 * @property {(status: number) => void} refused  counts a request of the API refused here, before the pipeline
 */

/**
 * Starts listening; resolves once the port is bound.
 * @param {{ limits: Limits, port?: number, host?: string, log?: (line: string) => void,
 *   cors: { origins: import('./cors.mjs').CorsOrigins } }} options  `cors` is read on every request (the control
 *   API changes it)
 * @param {HttpRoutes} routes
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void> }>}
 */
export async function startHttpServer({ limits, port = 0, host = '127.0.0.1', log, cors }, routes) {
  const serverOptions = {
    headersTimeout: limits.headersTimeoutMs,
    // Node's own limit on receiving a whole request: a backstop behind the body timer, which answers first.
    requestTimeout: limits.headersTimeoutMs + limits.bodyTimeoutMs + 1_000,
    // Node checks both limits on this interval (30 s by default), so a timeout fires at most this much late.
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4))),
  };
  /** @type {(req: IncomingMessage, res: ServerResponse) => void} */
  const onRequest = (req, res) => {
    route(req, res).catch((error) => {
      if (!res.headersSent && !res.destroyed) send(res, 500, { status: false, message: 'Emulator error' });
      log?.(`emulator error: ${error?.stack ?? error}`);
    });
  };
  const server = createServer(serverOptions, onRequest);
  // `Expect: 100-continue` asks before sending the body: a body declared over the cap is refused unsent.
  server.on('checkContinue', (req, res) => {
    const cap = bodyCapOf(req, limits);
    if (Number(req.headers['content-length'] ?? 0) > cap) {
      routes.refused(413);
      return refuse(req, res, 413, bodyTooLarge(cap), true);
    }
    res.writeContinue();
    return onRequest(req, res);
  });
  // Idle keep-alive connections; the header and request timeouts do not apply between requests.
  server.keepAliveTimeout = 65_000;
  // Requests Node refuses before the handler runs (timeouts, broken HTTP, oversized headers) get the envelope too.
  server.on('clientError', (error, socket) => answerClientError(error, socket, limits));

  /**
   * @param {IncomingMessage} req
   * @param {ServerResponse} res
   */
  async function route(req, res) {
    const method = (req.method ?? 'GET').toUpperCase();
    if (handleCors(req, res, method, cors.origins)) return undefined;
    // Never `new URL()`: it resolves `..` and `%2e%2e` into another route (see parseTarget).
    const target = parseTarget(req.url);
    if (target.error !== undefined) {
      routes.refused(400);
      return refuse(req, res, 400, `Invalid path: ${target.error}`);
    }
    if (target.segments[0] === '__emulator') return routes.control(req, res, method, target.segments);
    if (method === 'GET' && target.segments.length === 1 && target.segments[0] === 'events')
      return routes.events(req, res, target.search);
    return routes.api(req, res, method, target);
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  /** @type {Set<Socket>} */
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return {
    url: `http://${address.address}:${address.port}`,
    port: address.port,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

/**
 * Node's `clientError` default, with the envelope: 408 on a timeout, 431 on oversized headers, else 400.
 * @param {Error & { code?: string }} error
 * @param {import('node:stream').Duplex & { bytesWritten?: number }} socket
 * @param {Limits} limits
 */
function answerClientError(error, socket, limits) {
  // Nothing to answer on a reset socket, nor after an answer has started.
  if (error?.code !== 'ECONNRESET' && socket.writable && socket.bytesWritten === 0) {
    const [status, message] =
      error?.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, `Request timeout: the headers must arrive within ${limits.headersTimeoutMs} ms`]
        : error?.code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'Request headers too large']
          : [400, 'Bad request: the request is not valid HTTP/1.1'];
    const body = JSON.stringify({ status: false, message });
    const head = `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\n`;
    socket.end(`${head}content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
    // end() waits for the client to take the answer; one that never reads must not hold the socket.
    setTimeout(() => socket.destroy(), 1_000).unref();
  } else {
    socket.destroy();
  }
}
