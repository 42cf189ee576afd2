import { connectionError, TagoResponseParseError, type Transport } from '@tagokit/core';
import { Agent, type Dispatcher } from 'undici';

export interface UndiciTransportOptions {
  /** A dispatcher of your own: an Agent, a Pool, or one composed with undici interceptors. */
  dispatcher?: Dispatcher;
  /** Connections kept per origin when the transport makes its own Agent (default 16). */
  connections?: number;
  /** How long an idle keep-alive socket stays open, in ms (default 10 000). */
  keepAliveTimeout?: number;
}

/**
 * The Node transport: undici's dispatcher API over a keep-alive pool per origin. It reads the body itself so it
 * can stop at the size cap, and reports which failures happened before anything was sent.
 */
export function undiciTransport(options: UndiciTransportOptions = {}): Transport {
  const dispatcher = options.dispatcher ?? new Agent({ connections: options.connections ?? 16, keepAliveTimeout: options.keepAliveTimeout ?? 10_000 });
  return async (req) => {
    const url = new URL(req.url);
    let res: Dispatcher.ResponseData;
    try {
      res = await dispatcher.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: req.method as Dispatcher.HttpMethod,
        headers: req.headers,
        body: req.body ?? null,
        signal: req.signal,
      });
    } catch (error) {
      if (req.signal.aborted) throw error;
      throw connectionError(error, {});
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of res.body) {
        size += (chunk as Buffer).length;
        if (size > req.maxResponseBytes) {
          res.body.destroy();
          throw new TagoResponseParseError(`The answer is larger than ${req.maxResponseBytes} bytes`, 'response_too_large', res.statusCode, Buffer.concat(chunks).toString('utf8').slice(0, 200));
        }
        chunks.push(chunk as Buffer);
      }
    } catch (error) {
      if (error instanceof TagoResponseParseError || req.signal.aborted) throw error;
      throw connectionError(error, {});
    }
    return { status: res.statusCode, headers, body: Buffer.concat(chunks).toString('utf8') };
  };
}
