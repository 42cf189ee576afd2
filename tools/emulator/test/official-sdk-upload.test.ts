// The official SDK's multipart upload (`resources.files.uploadFile`, @tago-io/sdk 12.3.1), a client nobody here
// wrote, against the emulator's multipart routes: its form-data start and parts and JSON end must be understood,
// and the file it reports must hold the bytes it sent. Its own helper has a 7 MiB default part; 5 MiB parts here.
import { createHash } from 'node:crypto';
import { Resources } from '@tago-io/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE_ID, DEFAULT_TOKENS, startEmulator, type Emulator } from '../src/index.mjs';

const MiB = 1024 * 1024;
let emu: Emulator;
let resources: Resources;
beforeAll(async () => {
  emu = await startEmulator({ rateLimits: false });
  resources = new Resources({ token: DEFAULT_TOKENS.profile, region: { api: emu.url, sse: emu.url } });
});
afterAll(() => emu?.stop());

describe('official SDK Files.uploadFile against the emulator', () => {
  it('uploads 11 MB in 5 MiB parts; the stored file is the same bytes', async () => {
    const file = Buffer.from(Uint8Array.from({ length: 11 * MiB }, (_, i) => (i * 7 + (i >> 12)) % 256));
    const progress: number[] = [];
    const result = await resources.files.uploadFile(file, '/sdk/eleven.bin', {
      chunkSize: 5 * MiB,
      onProgress: (p: number) => progress.push(p),
    });
    expect(result).toEqual({ file: `${emu.url}/file/${DEFAULT_PROFILE_ID}/sdk/eleven.bin` });
    const signed = await fetch(`${emu.url}/file/${DEFAULT_PROFILE_ID}/sdk/eleven.bin?noRedirect=true`, {
      headers: { token: DEFAULT_TOKENS.profile },
    });
    const stored = await fetch(((await signed.json()) as { result: string }).result);
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    expect(sha(new Uint8Array(await stored.arrayBuffer()))).toBe(sha(file));
    // The SDK counts floor(size / part) + 1 parts, so here it ends at 100 (11 MiB is not a multiple of 5 MiB).
    expect(progress.at(-1)).toBe(100);
  }, 60_000);
});
