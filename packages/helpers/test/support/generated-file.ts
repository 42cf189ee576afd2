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
