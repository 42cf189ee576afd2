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
    // The URL is always `<origin><path>`; splitting at the first `/` after the scheme avoids a URL parse per call.
    const slash = req.url.indexOf('/', req.url.indexOf('//') + 2);
    const origin = slash < 0 ? req.url : req.url.slice(0, slash);
    const path = slash < 0 ? '/' : req.url.slice(slash);
    let res: Dispatcher.ResponseData;
    try {
      res = await dispatcher.request({ origin, path, method: req.method as Dispatcher.HttpMethod, headers: req.headers, body: req.body ?? null, signal: req.signal });
    } catch (error) {
      if (req.signal.aborted) throw error;
      throw connectionError(error, {});
    }
    const headers: Record<string, string> = {};
    for (const name in res.headers) {
      const value = res.headers[name];
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    let body: string;
    try {
      body = await readCapped(res.body, req.maxResponseBytes, res.statusCode);
    } catch (error) {
      if (error instanceof TagoResponseParseError || req.signal.aborted) throw error;
      throw connectionError(error, {});
    }
    return { status: res.statusCode, headers, body };
  };
}

/** Reads a body stream to text with events (cheaper than async iteration), stopping at the size cap. */
function readCapped(stream: Dispatcher.ResponseData['body'], maxBytes: number, status: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        stream.destroy();
        reject(new TagoResponseParseError(`The answer is larger than ${maxBytes} bytes`, 'response_too_large', status, Buffer.concat(chunks).toString('utf8').slice(0, 200)));
        return;
      }
      chunks.push(chunk);
    });
    stream.once('end', () => resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')));
    stream.once('error', reject);
  });
}
