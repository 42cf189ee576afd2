// Where uploadFile's bytes come from: a Blob (or bytes) sliced per part, or a stream of a declared size read once,
// in order, each part kept in memory only until the server has it.
import { TagoValidationError } from '@tagokit/core';

/** What uploadFile reads: a Blob, bytes, or a stream (a web ReadableStream, a Node Readable, Deno's `file.readable`). */
export type UploadSource = Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

export interface PartSource {
  readonly size: number;
  /** The source's own media type ('' when it has none). */
  readonly type: string;
  /** Bytes `[start, end)`. A stream serves parts in ascending order; one asked again is served from memory. */
  slice(start: number, end: number): Promise<Blob>;
  /** The part starting at `start` is stored: a stream drops its copy. */
  release(start: number): void;
  /** The upload is over (done, failed or cancelled): a stream not read to its end is cancelled (a file closed). */
  close(): Promise<void>;
}

/**
 * The source as parts. A stream needs its `size` up front (the parts are planned and checked before the first
 * request); a stream that ends early or runs past it fails the upload (`upload_size_mismatch`).
 */
export function partSourceOf(source: unknown, size: number | undefined): PartSource {
  if (source instanceof Blob) return blobSource(source);
  if (source instanceof Uint8Array || source instanceof ArrayBuffer) return blobSource(new Blob([source as BlobPart]));
  const iterable =
    source instanceof ReadableStream ||
    (source !== null &&
      typeof source === 'object' &&
      typeof (source as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function');
  if (!iterable) {
    throw new TagoValidationError(
      'uploadFile: the file must be a Blob, a File, bytes or a stream (in Node, fileBody(path))',
      'upload_invalid',
      'file',
    );
  }
  if (size === undefined || !Number.isSafeInteger(size) || size < 0) {
    throw new TagoValidationError(
      `uploadFile: a stream needs its size in bytes (options.size), got ${size}`,
      'upload_invalid',
      'size',
    );
  }
  return streamSource(source as AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>, size);
}

function blobSource(blob: Blob): PartSource {
  return {
    size: blob.size,
    type: blob.type,
    slice: async (start, end) => blob.slice(start, end),
    release: () => undefined,
    close: async () => undefined,
  };
}

function streamSource(stream: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>, size: number): PartSource {
  const chunks: AsyncIterator<Uint8Array> =
    stream instanceof ReadableStream ? readerIterator(stream) : stream[Symbol.asyncIterator]();
  /** Parts read and not yet stored, by their start. */
  const held = new Map<number, Blob>();
  let position = 0;
  let pending: Uint8Array | undefined;
  // One read at a time: parts are asked concurrently, the stream gives its bytes once and in order.
  let queue: Promise<unknown> = Promise.resolve();

  const mismatch = (detail: string) =>
    new TagoValidationError(
      `uploadFile: the stream ${detail} (options.size is ${size})`,
      'upload_size_mismatch',
      'size',
    );
  async function take(count: number, keep: boolean): Promise<Uint8Array[]> {
    const out: Uint8Array[] = [];
    while (count > 0) {
      if (!pending || pending.length === 0) {
        const next = await chunks.next();
        if (next.done) throw mismatch(`ended after ${position} bytes`);
        pending = toBytes(next.value);
        continue;
      }
      const piece = pending.subarray(0, Math.min(count, pending.length));
      pending = pending.subarray(piece.length);
      if (keep) out.push(piece);
      count -= piece.length;
      position += piece.length;
    }
    return out;
  }
  async function read(start: number, end: number): Promise<Blob> {
    const cached = held.get(start);
    if (cached) return cached;
    if (start < position) throw mismatch(`was asked again for bytes ${start}-${end}, already read`);
    await take(start - position, false);
    const blob = new Blob((await take(end - start, true)) as BlobPart[]);
    if (end === size) {
      // The last part: anything after it means the declared size was wrong.
      while (!pending || pending.length === 0) {
        const next = await chunks.next();
        if (next.done) break;
        pending = toBytes(next.value);
      }
      if (pending && pending.length > 0) throw mismatch(`holds more than ${size} bytes`);
    }
    held.set(start, blob);
    return blob;
  }
  return {
    size,
    type: '',
    slice(start, end) {
      const result = queue.then(() => read(start, end));
      queue = result.catch(() => undefined);
      return result;
    },
    release: (start) => void held.delete(start),
    async close() {
      held.clear();
      await chunks.return?.();
    },
  };
}

function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === 'string') return new TextEncoder().encode(chunk);
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TagoValidationError('uploadFile: a stream must yield bytes', 'upload_invalid', 'file');
}

function readerIterator(stream: ReadableStream<Uint8Array>): AsyncIterator<Uint8Array> {
  const reader = stream.getReader();
  return {
    next: () => reader.read() as Promise<IteratorResult<Uint8Array>>,
    return: async () => {
      await reader.cancel();
      reader.releaseLock();
      return { done: true, value: undefined };
    },
  };
}
