// @ts-check
// The body of a request, read within a size cap and a deadline, and the limits on what a request may cost.

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {{ maxBodyBytes: number, maxFormBodyBytes: number, bodyTimeoutMs: number, headersTimeoutMs: number }} Limits */
/** @typedef {{ text: string, bytes: Buffer, status?: undefined } | { status: number, message: string }} BodyRead */

/** The emulator's defaults for what a request may cost; the README's "Hardening" section documents them. */
export const DEFAULT_LIMITS = Object.freeze({
  /** Largest body read, in bytes (TagoIO itself caps bodies at about 200 kB; the emulator allows more). */
  maxBodyBytes: 1024 * 1024,
  /**
   * Largest multipart/form-data body, in bytes: one part of a multipart upload (S3 takes parts from 5 MiB; the
   * official SDK sends 7 MiB) with room to spare.
   */
  maxFormBodyBytes: 32 * 1024 * 1024,
  /** Time the whole body may take to arrive once the headers are in. */
  bodyTimeoutMs: 10_000,
  /** Time the request line and headers may take to arrive. */
  headersTimeoutMs: 10_000,
});

/**
 * The limits of a start's options, each checked: a typo must not turn a limit off.
 * @param {Partial<Record<keyof Limits, unknown>>} [options]
 * @returns {Limits}
 */
export function normalizeLimits(options = {}) {
  /** @type {Limits} */
  const out = { ...DEFAULT_LIMITS };
  for (const name of /** @type {(keyof Limits)[]} */ (Object.keys(DEFAULT_LIMITS))) {
    const value = options[name] ?? DEFAULT_LIMITS[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0)
      throw new RangeError(`${name} must be a positive integer, got ${value}`);
    out[name] = value;
  }
  return out;
}

/**
 * Whether a request declares a multipart/form-data body (the larger cap applies).
 * @param {IncomingMessage} req
 */
export function isFormRequest(req) {
  return /^multipart\/form-data\s*(;|$)/i.test(String(req.headers['content-type'] ?? ''));
}

/**
 * The body cap of a request: the form cap for multipart/form-data, the plain cap for the rest.
 * @param {IncomingMessage} req
 * @param {{ maxBodyBytes: number, maxFormBodyBytes: number }} limits
 */
export function bodyCapOf(req, limits) {
  return isFormRequest(req) ? Math.max(limits.maxBodyBytes, limits.maxFormBodyBytes) : limits.maxBodyBytes;
}

/**
 * The message of a 413.
 * @param {number} maxBytes
 */
export function bodyTooLarge(maxBytes) {
  return `Request body too large: the limit is ${maxBytes} bytes`;
}

/**
 * Reads a request body as UTF-8 text, counting bytes as chunks arrive: never more than `maxBytes` is held, and
 * never for longer than `timeoutMs`. Resolves `{ text }`, or a refusal `{ status, message }`: 413 at once when
 * `content-length` declares more than the cap (nothing is read), 413 as soon as the bytes counted pass it (reading
 * stops there), 408 when the body has not ended in time, and status 0 when the client went away. After a refusal
 * the request is paused: the caller answers and closes the connection.
 * @param {IncomingMessage} req
 * @param {{ maxBytes: number, timeoutMs: number }} limits
 * @returns {Promise<BodyRead>}
 */
export function readBody(req, { maxBytes, timeoutMs }) {
  /** @type {BodyRead} */
  const tooLarge = { status: 413, message: bodyTooLarge(maxBytes) };
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > maxBytes) return Promise.resolve(tooLarge);
  return new Promise((resolve) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    /** @param {BodyRead} result */
    const finish = (result) => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      if (result.status !== undefined) req.pause();
      resolve(result);
    };
    /** @param {Buffer} chunk */
    const onData = (chunk) => {
      size += chunk.length;
      if (size > maxBytes) finish(tooLarge);
      else chunks.push(chunk);
    };
    const onEnd = () => {
      const bytes = Buffer.concat(chunks);
      finish({ text: bytes.toString('utf8'), bytes });
    };
    // 'close' before 'end': the client hung up (or the socket was destroyed) mid-body.
    const onClose = () => finish({ status: 0, message: 'The client closed the connection' });
    const timer = setTimeout(
      () => finish({ status: 408, message: `Request timeout: the body did not arrive within ${timeoutMs} ms` }),
      timeoutMs,
    );
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
  });
}
