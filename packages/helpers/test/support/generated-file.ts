// A file's bytes made from a seed (the same in Node, Deno and workerd), and a SHA-256 to compare stored copies.

/** `size` bytes from a xorshift32 stream seeded by `seed`: not compressible, the same in every runtime. */
export function generatedFile(size: number, seed: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < size; i += 4) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    bytes[i] = state & 0xff;
    bytes[i + 1] = (state >>> 8) & 0xff;
    bytes[i + 2] = (state >>> 16) & 0xff;
    bytes[i + 3] = state >>> 24;
  }
  return bytes;
}

/** SHA-256 of bytes, in hex, with Web Crypto (every runtime has it). */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** What a test stream reports: bytes handed out so far, and whether the reader cancelled it. */
export interface StreamCounter {
  pulled: number;
  cancelled: boolean;
}

/**
 * `bytes` as a ReadableStream of unknown length, `chunk` bytes per read, pulled only on demand (no read-ahead), so
 * `counter.pulled` is what the reader has taken. With `failAfter`, the stream errors once that many bytes are out.
 */
export function streamOf(
  bytes: Uint8Array<ArrayBuffer>,
  chunk: number,
  options: { failAfter?: number; counter?: StreamCounter } = {},
): ReadableStream<Uint8Array<ArrayBuffer>> {
  const counter = options.counter ?? { pulled: 0, cancelled: false };
  return new ReadableStream<Uint8Array<ArrayBuffer>>(
    {
      pull(controller) {
        if (options.failAfter !== undefined && counter.pulled >= options.failAfter)
          return controller.error(new Error(`the source failed after ${counter.pulled} bytes`));
        if (counter.pulled >= bytes.length) return controller.close();
        const piece = bytes.slice(counter.pulled, Math.min(bytes.length, counter.pulled + chunk));
        counter.pulled += piece.length;
        controller.enqueue(piece);
      },
      cancel() {
        counter.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
}
