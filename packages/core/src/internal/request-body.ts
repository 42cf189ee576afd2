import type { OperationRequest } from '../call-types.ts';
import { TagoValidationError } from '../errors.ts';

/**
 * Bodies beyond JSON: what kind of value a caller passed, whether the operation's media types allow it, and how it
 * goes on the wire. Two encoders over one classification: TagoCore's takes every kind, the one-attempt `send`'s
 * (the lean edge client) JSON and text only; neither turns a FormData into the `{}` that JSON.stringify makes of it.
 */

/** What a transport carries: text, bytes, a Blob (size known, read again on a retry) or a one-pass stream. */
export type WireBody = string | Uint8Array | Blob | ReadableStream<Uint8Array>;

/** Binary bodies a caller may pass where the spec takes binary data (`application/octet-stream` and the like). */
export type BinaryBody = Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/** The kind of a body value: `json` for anything JSON.stringify is meant for (objects, arrays, strings, numbers). */
export type BodyKind = 'json' | 'form' | 'blob' | 'bytes' | 'stream';

/** Method and path of the call, for errors. */
interface RequestContext {
  method: string;
  path: string;
}

const hasFormData = typeof FormData === 'function';
const hasBlob = typeof Blob === 'function';

/** Classifies a body value; every non-JSON kind is recognised by its constructor or protocol, never by its keys. */
export function bodyKindOf(body: unknown): BodyKind {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'json';
  // The common case first: a plain object literal is JSON, without a round of instanceof checks.
  if (Object.getPrototypeOf(body) === Object.prototype) return 'json';
  if (hasFormData && body instanceof FormData) return 'form';
  if (hasBlob && body instanceof Blob) return 'blob';
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return 'bytes';
  if (typeof ReadableStream === 'function' && body instanceof ReadableStream) return 'stream';
  // Node's Readable and async generators are async iterables of chunks.
  if (typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function') return 'stream';
  return 'json';
}

const KIND_NAMES: Readonly<Record<BodyKind, string>> = {
  json: 'a JSON value',
  form: 'a FormData',
  blob: 'a Blob',
  bytes: 'a byte array',
  stream: 'a stream',
};

const isJsonType = (type: string): boolean => type === 'application/json' || type.endsWith('+json');
const isFormType = (type: string): boolean => type === 'multipart/form-data';
const isTextType = (type: string): boolean => type === 'text/plain';
/** Anything else (`application/octet-stream`, `image/png`, `*\/*` ...) takes raw bytes. */
const isBinaryType = (type: string): boolean =>
  !isJsonType(type) && !isFormType(type) && !isTextType(type) && type !== 'application/x-www-form-urlencoded';

/** A media type without its parameters, lower-cased (`Multipart/Form-Data; boundary=x` -> `multipart/form-data`). */
const essence = (type: string): string => type.split(';')[0]!.trim().toLowerCase();

/** Whether a form or binary body may be sent to an operation that lists `mediaTypes`. */
function mediaTypeAllows(kind: BodyKind, mediaTypes: readonly string[]): boolean {
  return mediaTypes.some((type) => (kind === 'form' ? isFormType : isBinaryType)(essence(type)));
}

/** The first binary media type an operation lists (what raw bytes are labelled with when the value has no type). */
function binaryMediaType(mediaTypes: readonly string[]): string | undefined {
  return mediaTypes.find((type) => isBinaryType(essence(type)) && !type.includes('*'));
}

/** Refuses a body the operation's media types do not allow, naming both (code `body_media_type`). */
function checkBodyMediaType(kind: BodyKind, mediaTypes: readonly string[], where: string, ctx: RequestContext): void {
  if (mediaTypeAllows(kind, mediaTypes)) return;
  throw new TagoValidationError(
    `${where}: ${KIND_NAMES[kind]} body cannot be sent here; the operation takes ${mediaTypes.join(' or ')}`,
    'body_media_type',
    'body',
    ctx,
  );
}

/** A body ready for the wire, with its media type (undefined: set once a FormData is encoded) and replayability. */
export interface EncodedBody {
  readonly body: WireBody | undefined;
  readonly contentType: string | undefined;
  /** False for streams: they can be read once, so an attempt that needs a retry fails with `body_not_replayable`. */
  readonly replayable: boolean;
  /** A FormData, encoded (asynchronously) by `encodeForm` before the first attempt. */
  readonly form?: FormData;
}

/** How a way of sending turns a call's body into wire bytes (TagoCore: every kind; `send`: JSON only). */
export type BodyEncoder = (op: OperationRequest, ctx: RequestContext) => EncodedBody;

/**
 * JSON and text bodies only: the one-attempt `send` (the lean edge client) uses this, so a small worker does not
 * carry the binary and form machinery. Any other value is refused, never sent as the `{}` JSON would make of it.
 */
export const encodeJsonBody: BodyEncoder = (op, ctx) => {
  if (bodyKindOf(op.body) !== 'json') {
    throw new TagoValidationError(
      'This client sends JSON and text only; a FormData, Blob, bytes or stream body needs createClient or ' +
        'createEdgeClient',
      'body_media_type',
      'body',
      ctx,
    );
  }
  return jsonBody(op.body, op.contentType, ctx);
};

/**
 * Every kind of body. Binary and form values must be allowed by the operation's media types (`mediaTypes`, else
 * the request's `contentType` when one is given); bytes without a type of their own take the operation's binary
 * type, else `application/octet-stream`.
 */
export const encodeRequestBody: BodyEncoder = (op, ctx) => {
  const { body } = op;
  const kind = bodyKindOf(body);
  if (kind === 'json') return jsonBody(body, op.contentType, ctx);
  const allowed = op.mediaTypes ?? (op.contentType === undefined ? undefined : [op.contentType]);
  if (allowed) checkBodyMediaType(kind, allowed, op.operationId ?? `${ctx.method} ${ctx.path}`, ctx);
  const labelled = op.contentType ?? (op.mediaTypes && binaryMediaType(op.mediaTypes)) ?? OCTET_STREAM;
  switch (kind) {
    case 'form':
      return { body: undefined, contentType: undefined, replayable: true, form: body as FormData };
    case 'blob': {
      const blob = body as Blob;
      return { body: blob, contentType: blob.type || labelled, replayable: true };
    }
    case 'bytes': {
      const view = body instanceof ArrayBuffer ? new Uint8Array(body) : (body as ArrayBufferView);
      const bytes = view instanceof Uint8Array ? view : new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
      return { body: bytes, contentType: labelled, replayable: true };
    }
    default:
      return { body: toReadableStream(body), contentType: labelled, replayable: false };
  }
};

/** No body, JSON, or a text/plain string as is. */
function jsonBody(body: unknown, contentType: string | undefined, ctx: RequestContext): EncodedBody {
  if (body === undefined) return { body: undefined, contentType: undefined, replayable: true };
  return { body: encodeJsonOrText(body, contentType, ctx), contentType: contentType ?? JSON_TYPE, replayable: true };
}

const OCTET_STREAM = 'application/octet-stream';
const JSON_TYPE = 'application/json';

/** A JSON value as JSON, or a text/plain string as is. */
function encodeJsonOrText(body: unknown, contentType: string | undefined, ctx: RequestContext): string {
  if (contentType === 'text/plain') {
    if (typeof body !== 'string')
      throw new TagoValidationError('A text/plain body must be a string', 'body_invalid', 'body', ctx);
    return body;
  }
  try {
    return JSON.stringify(body);
  } catch (error) {
    throw new TagoValidationError(
      `The body cannot be sent as JSON: ${(error as Error).message}`,
      'body_invalid',
      'body',
      ctx,
    );
  }
}

/**
 * A FormData as bytes with its `multipart/form-data; boundary=...` type, by the platform's own encoder
 * (`new Response(form)`). Held as a Blob: its size is known (a content-length, no chunked upload) and a retry
 * sends it again.
 */
export async function encodeForm(form: FormData): Promise<{ body: Blob; contentType: string }> {
  const encoded = new Response(form);
  const contentType = encoded.headers.get('content-type') ?? 'multipart/form-data';
  return { body: await encoded.blob(), contentType };
}

/** A web ReadableStream of bytes from a ReadableStream or any async iterable of chunks (a Node Readable, a generator). */
function toReadableStream(source: unknown): ReadableStream<Uint8Array> {
  if (source instanceof ReadableStream) return source as ReadableStream<Uint8Array>;
  const iterator = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) return controller.close();
      if (typeof value === 'string') controller.enqueue(encoder.encode(value));
      else if (value instanceof Uint8Array) controller.enqueue(value);
      else if (ArrayBuffer.isView(value))
        controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      else controller.error(new TypeError('a body stream must yield bytes (Uint8Array) or strings'));
    },
    async cancel(reason) {
      await iterator.return?.(reason);
    },
  });
}
