// Where uploadFile's bytes come from: a Blob (or bytes) sliced per part, or a stream (of a declared size or not)
// read once, in order, each part kept in memory only until the server has it.
import { TagoValidationError } from '@tagokit/core';

/** What uploadFile reads: a Blob, bytes, or a stream (a web ReadableStream, a Node Readable, Deno's `file.readable`). */
export type UploadSource = Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

export interface PartSource {
  /** Bytes in the source; for a stream of unknown length, undefined until it has been read to its end. */
  readonly size: number | undefined;
  /** The source's own media type ('' when it has none). */
  readonly type: string;
  /**
   * Bytes `[start, end)`: fewer only when a stream of unknown length ends first. A stream serves parts in ascending
   * order; one asked again (a retry) is served from memory.
   */
  slice(start: number, end: number): Promise<Blob>;
  /** The part starting at `start` is stored: a stream drops its copy. */
  release(start: number): void;
  /** The upload is over (done, failed or cancelled): a stream not read to its end is cancelled (a file closed). */
  close(): Promise<void>;
}

/**
 * The source as parts. A stream with `size` is checked against it (one that ends early or runs past it fails the
 * upload, `upload_size_mismatch`); a stream without is read part by part and its length is known at its end.
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
  if (size !== undefined && (!Number.isSafeInteger(size) || size < 0)) {
    throw new TagoValidationError(
      `uploadFile: options.size must be a whole number of bytes (or left out for a stream of unknown length), got ${size}`,
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

function streamSource(
  stream: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>,
  declared: number | undefined,
): PartSource {
  const chunks: AsyncIterator<Uint8Array> =
    stream instanceof ReadableStream ? readerIterator(stream) : stream[Symbol.asyncIterator]();
  /** Parts read and not yet stored, by their start. */
  const held = new Map<number, Blob>();
  let position = 0;
  let pending: Uint8Array | undefined;
  /** The stream's length, once it has ended. */
  let ended: number | undefined;
  // One read at a time: parts are asked concurrently, the stream gives its bytes once and in order.
  let queue: Promise<unknown> = Promise.resolve();

  const mismatch = (detail: string) =>
    new TagoValidationError(
      `uploadFile: the stream ${detail}${declared === undefined ? '' : ` (options.size is ${declared})`}`,
      'upload_size_mismatch',
      'size',
    );
  /** Makes `pending` hold bytes; false once the stream has ended. */
  async function fill(): Promise<boolean> {
    while (!pending || pending.length === 0) {
      if (ended !== undefined) return false;
      const next = await chunks.next();
      if (next.done) {
        ended = position;
        return false;
      }
      pending = toBytes(next.value);
    }
    return true;
  }
  async function take(count: number, keep: boolean): Promise<Uint8Array[]> {
    const out: Uint8Array[] = [];
    while (count > 0 && (await fill())) {
      const piece = pending!.subarray(0, Math.min(count, pending!.length));
      pending = pending!.subarray(piece.length);
      if (keep) out.push(piece);
      count -= piece.length;
      position += piece.length;
    }
    if (count > 0 && declared !== undefined) throw mismatch(`ended after ${position} bytes`);
    return out;
  }
  async function read(start: number, end: number): Promise<Blob> {
    const cached = held.get(start);
    if (cached) return cached;
    if (start < position) throw mismatch(`was asked again for bytes ${start}-${end}, already read`);
    await take(start - position, false);
    const blob = new Blob((await take(end - start, true)) as BlobPart[]);
    // Look one chunk ahead after a declared stream's last part (nothing may follow it) and after every part of a
    // stream of unknown length (so its length is known as soon as its last part is read, and no part is empty).
    if ((declared === undefined || end === declared) && (await fill()) && declared !== undefined)
      throw mismatch(`holds more than ${declared} bytes`);
    held.set(start, blob);
    return blob;
  }
  return {
    get size() {
      return declared ?? ended;
    },
    type: '',
    slice(start, end) {
      const result = queue.then(() => read(start, end));
      queue = result.catch(() => undefined);
      return result;
    },
    release: (start) => void held.delete(start),
    async close() {
      held.clear();
      // A stream that failed rejects its cancel with the same error: the upload's own error already says it.
      await Promise.resolve(chunks.return?.()).catch(() => undefined);
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
