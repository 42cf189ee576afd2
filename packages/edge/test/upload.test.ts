// uploadFile inside workerd (miniflare, no nodejs_compat) against the emulator: an 11 MB file made in the worker
// from a seed, uploaded in 5 MiB parts through seeded part faults, must be stored byte for byte with progress
// reaching 100; a cancel mid-way must report only stored parts and leave nothing listed.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_PROFILE_ID,
  DEFAULT_TOKENS,
  startEmulator,
  type Emulator,
} from '../../../tools/emulator/src/index.mjs';
import { bundle } from './support/bundle.js';
import { WORKERS_DIR } from './support/paths.js';
import { workerd, type RuntimeHost } from './support/runtimes.js';
import type { UploadAnswer, UploadRequest } from './workers/upload.js';

const SEED = 20_260_517;
const MiB = 1024 * 1024;

describe('uploadFile in workerd', () => {
  let emulator: Emulator;
  let host: RuntimeHost;
  beforeAll(async () => {
    emulator = await startEmulator({ rateLimits: false, seed: SEED });
    host = await workerd(await bundle({ entry: join(WORKERS_DIR, 'upload.ts'), format: 'esm' }));
  }, 60_000);
  afterAll(async () => {
    await host?.dispose();
    await emulator?.stop();
  });

  const run = async (input: Partial<UploadRequest> & { filename: string }): Promise<UploadAnswer> => {
    const body: UploadRequest = {
      api: emulator.url,
      token: DEFAULT_TOKENS.profile,
      size: 11_000_000,
      seed: SEED,
      partBytes: 5 * MiB,
      ...input,
    };
    const res = await host.fetch('/upload', { method: 'POST', body: JSON.stringify(body) });
    expect(res.status, res.text.slice(0, 500)).toBe(200);
    return JSON.parse(res.text) as UploadAnswer;
  };
  const monotonic = (answer: UploadAnswer) => {
    for (let i = 1; i < answer.progress.length; i++) {
      expect(answer.progress[i]!.percent).toBeGreaterThanOrEqual(answer.progress[i - 1]!.percent);
      expect(answer.progress[i]!.sentBytes).toBeGreaterThanOrEqual(answer.progress[i - 1]!.sentBytes);
    }
  };
  const storedSha256 = async (name: string) => {
    const url = `${emulator.url}/__emulator/files/${DEFAULT_PROFILE_ID}/${name}`;
    return createHash('sha256')
      .update(new Uint8Array(await (await fetch(url)).arrayBuffer()))
      .digest('hex');
  };

  it('stores an 11 MB file byte for byte through seeded part faults, progress monotonic to 100', async () => {
    emulator.setUploadFaults({ rate: 0.5, maxPerPart: 2 }, SEED);
    const requestsBefore = emulator.stats().requests;
    const answer = await run({ filename: '/edge/archive.bin' });
    emulator.setUploadFaults(null);
    expect(answer.error).toBeUndefined();
    expect(answer.result).toEqual({
      file: `${emulator.url}/file/${DEFAULT_PROFILE_ID}/edge/archive.bin`,
      route: 'multipart',
      parts: [1, 2, 3],
    });
    monotonic(answer);
    expect(answer.progress.at(-1)).toEqual({
      sentBytes: 11_000_000,
      totalBytes: 11_000_000,
      doneParts: 3,
      totalParts: 3,
      percent: 100,
    });
    expect(await storedSha256('edge/archive.bin')).toBe(answer.sha256);
    // Faults made some part attempts fail: more than start, 3 parts and end.
    expect(emulator.stats().requests - requestsBefore).toBeGreaterThan(5);
  }, 60_000);

  it('a cancel mid-way reports only the stored parts and leaves nothing listed', async () => {
    const answer = await run({ filename: '/edge/cancelled.bin', cancelAfterParts: 1 });
    expect(answer.result).toBeUndefined();
    expect(answer.error).toMatchObject({ name: 'TagoUploadError', code: 'upload_cancelled', resumable: true });
    const uploads = (emulator.state as any).resources('multipartUploads') as Map<string, any>;
    const open = [...uploads.values()].find((u) => u.filename === '/edge/cancelled.bin');
    // Every part the error reports stored, the emulator holds (concurrency 2: a second part may have landed too).
    expect(answer.error!.parts.length).toBeGreaterThanOrEqual(1);
    for (const n of answer.error!.parts) expect(open.parts[String(n)]).toBeDefined();
    monotonic(answer);
    expect(answer.progress.at(-1)!.percent).toBeLessThan(100);
    expect(((emulator.state as any).resources('files') as Map<string, unknown>).has('/edge/cancelled.bin')).toBe(false);
  }, 60_000);
});
