/**
 * What the fetch transports (and a runtime's own transport, such as Node's undici one) share: the marks for a
 * request never written, the not-sent error codes, the capped body reader and the oversized-answer error.
 */
import { TagoConnectionError, TagoResponseParseError } from '../errors.ts';
import { NOT_SENT_CODES } from '../facts.ts';

/** Marks what a transport throws for a request aborted before any byte of it was written. */
export function notWritten(cause: unknown): Error {
  return Object.assign(new Error('aborted before the request was written', { cause }), { requestWritten: false });
}

/** Whether a transport's error says the request was never written (see notWritten). */
export function requestNotWritten(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { requestWritten?: unknown }).requestWritten === false
  );
}

/** Finds a network error code on an error or its causes. */
export function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Wraps a low-level failure into a TagoConnectionError that says whether the server may have seen the request;
 * `hint` (e.g. corsHint's) is appended to the message.
 */
export function connectionError(
  error: unknown,
  ctx: { method?: string; path?: string },
  hint = '',
): TagoConnectionError {
  const code = networkErrorCode(error);
  const reachedServer = !(code !== undefined && NOT_SENT_CODES.includes(code));
  const what = `${code ? ` (${code})` : ''}${hint}`;
  return new TagoConnectionError(reachedServer ? `Connection lost${what}` : `Could not connect${what}`, {
    ...ctx,
    reachedServer,
    cause: error,
  });
}

/** Reads a web-standard body stream up to a byte limit. */
export async function readBodyCapped(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  status: number,
  signal?: AbortSignal,
): Promise<string> {
  if (!body) return '';
  const reader = body.getReader();
  // Cancelling through the reader ends a pending read even when the platform's fetch ignores the abort.
  const onAbort = (): void => void reader.cancel().catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal?.aborted) throw new Error('aborted while reading the body');
      if (done) return text + decoder.decode();
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        // The excerpt also shows the start of the chunk that went over (all of the body, when it came in one).
        throw responseTooLarge(
          maxBytes,
          status,
          text.length >= 1024 ? text : text + decoder.decode(value.subarray(0, 1024)),
        );
      }
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/** Largest answer a client accepts unless told otherwise (32 MiB). */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** A fetch Response's headers as a plain record with lower-case names (a custom fetch may not lower-case them). */
export function headersOf(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key.toLowerCase()] = value;
  });
  return headers;
}

/** Characters of an oversized answer a transport keeps: enough to redact a secret at the excerpt's edge. */
const RAW_EXCERPT_LENGTH = 1024;

/**
 * The error of an answer over the size cap. Its excerpt is the first characters received, longer than the
 * 200 an error shows: the core redacts the call's secrets from it and only then cuts it (transportFailure).
 */
export function responseTooLarge(maxBytes: number, status: number, received: string): TagoResponseParseError {
  return new TagoResponseParseError(
    `The answer is larger than ${maxBytes} bytes`,
    'response_too_large',
    status,
    received.slice(0, RAW_EXCERPT_LENGTH),
  );
}
