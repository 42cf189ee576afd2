// uploadFile inside workerd (miniflare, no nodejs_compat), edge-runtime (Vercel Edge) and headless Chromium (a page
// on its own origin, calling the emulator cross-origin) against the emulator: an 11 MB file made in the runtime from
// a seed, uploaded in 5 MiB parts through seeded part faults, must be stored byte for byte with progress reaching
// 100, as a Blob and as a stream of unknown length; a cancel mid-way must report only stored parts and leave nothing
// listed; a stream failing mid-way names the part it was reading.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_PROFILE_ID,
  DEFAULT_TOKENS,
  startEmulator,
  type Emulator,
} from '../../../tools/emulator/src/index.mjs';
import { progressProblem } from '../../helpers/test/support/upload-progress.ts';
import { WORKERS_DIR } from './support/paths.js';
import type { RuntimeHost } from './support/runtimes.js';
import { workerRuntimes } from './support/worker-runtimes.js';
import type { UploadAnswer, UploadRequest } from './workers/upload.js';

const SEED = 20_260_517;
const MiB = 1024 * 1024;
const SIZE = 11_000_000;
const RUNTIMES = workerRuntimes(join(WORKERS_DIR, 'upload.ts'), ['/upload']);

describe.each(Object.keys(RUNTIMES))('uploadFile in %s', (runtime) => {
  let emulator: Emulator;
  let host: RuntimeHost;
  beforeAll(async () => {
    // Any origin: the Chromium page calls from its own.
    emulator = await startEmulator({ rateLimits: false, seed: SEED, corsOrigins: '*' });
    host = await RUNTIMES[runtime]!();
  }, 60_000);
  afterAll(async () => {
    await host?.dispose();
    await emulator?.stop();
  });

  const run = async (input: Partial<UploadRequest> & { filename: string }): Promise<UploadAnswer> => {
    const body: UploadRequest = {
      api: emulator.url,
      token: DEFAULT_TOKENS.profile,
      size: SIZE,
      seed: SEED,
      partBytes: 5 * MiB,
      concurrency: 2,
      source: 'blob',
      ...input,
    };
    const res = await host.fetch('/upload', { method: 'POST', body: JSON.stringify(body) });
    expect(res.status, res.text.slice(0, 500)).toBe(200);
    return JSON.parse(res.text) as UploadAnswer;
  };
  const storedSha256 = async (name: string) => {
    const url = `${emulator.url}/__emulator/files/${DEFAULT_PROFILE_ID}/${name}`;
    return createHash('sha256')
      .update(new Uint8Array(await (await fetch(url)).arrayBuffer()))
      .digest('hex');
  };
  const uploads = () => (emulator.state as any).resources('multipartUploads') as Map<string, any>;
  const uploadOf = (filename: string) => [...uploads().values()].find((u) => u.filename === filename);
  const partLines = [`upload 1 ${5 * MiB}`, `upload 2 ${5 * MiB}`, `upload 3 ${SIZE - 10 * MiB}`];
  /** The wire lines without repeats: each part's attempts carried the same bytes. */
  const distinct = (wire: string[]) => [...new Set(wire)];

  /**
   * Uploads the file through seeded part faults and checks what every such upload must show: stored byte for byte,
   * parts 1 to 3 with the right bytes on the wire (each retry the same), progress monotonic to one 100.
   */
  const uploadThroughFaults = async (filename: string, source: UploadRequest['source'], seed: number) => {
    emulator.setUploadFaults({ rate: 0.5, maxPerPart: 2 }, seed);
    const answer = await run({ filename, source }).finally(() => emulator.setUploadFaults(null));
    expect(answer.error).toBeUndefined();
    expect(answer.result).toEqual({
      file: `${emulator.url}/file/${DEFAULT_PROFILE_ID}${filename}`,
      route: 'multipart',
      size: SIZE,
      parts: [1, 2, 3],
    });
    expect(distinct(answer.wire)).toEqual(['start', ...partLines, 'end']);
    expect(progressProblem(answer.progress)).toBeUndefined();
    expect(answer.progress.at(-1)).toEqual({
      sentBytes: SIZE,
      totalBytes: SIZE,
      doneParts: 3,
      totalParts: 3,
      percent: 100,
    });
    expect(await storedSha256(filename.slice(1))).toBe(answer.sha256);
    expect(Object.keys(uploadOf(filename).attempts).sort()).toEqual(['1', '2', '3']);
    return answer;
  };

  it('stores an 11 MB Blob byte for byte through seeded part faults, progress monotonic to 100', async () => {
    const answer = await uploadThroughFaults('/edge/archive.bin', 'blob', SEED);
    // The seed failed some part attempts: more requests than start, 3 parts and end.
    expect(answer.wire.length).toBeGreaterThan(5);
    expect(answer.progress[0]).toEqual({ sentBytes: 0, totalBytes: SIZE, doneParts: 0, totalParts: 3, percent: 0 });
  }, 60_000);

  it('a cancel mid-way reports only the stored parts and leaves nothing listed', async () => {
    const answer = await run({ filename: '/edge/cancelled.bin', cancelAfterParts: 1 });
    expect(answer.result).toBeUndefined();
    expect(answer.error).toMatchObject({ name: 'TagoUploadError', code: 'upload_cancelled', resumable: true });
    const open = uploadOf('/edge/cancelled.bin');
    // Every part the error reports stored, the emulator holds (concurrency 2: a second part may have landed too).
    expect(answer.error!.parts.length).toBeGreaterThanOrEqual(1);
    for (const n of answer.error!.parts) expect(open.parts[String(n)]).toBeDefined();
    expect(progressProblem(answer.progress)).toBeUndefined();
    expect(answer.progress.at(-1)!.percent).toBeLessThan(100);
    expect(answer.wire).not.toContain('end');
    expect(((emulator.state as any).resources('files') as Map<string, unknown>).has('/edge/cancelled.bin')).toBe(false);
  }, 60_000);

  it('a stream of unknown length: full parts and a short last one, totals unknown until its end', async () => {
    const answer = await uploadThroughFaults('/edge/stream.bin', 'stream', SEED + 1);
    expect(answer.wire.length).toBeGreaterThan(5);
    // After the start nothing tells the stream's length (JSON drops the undefined fields).
    expect(answer.progress[0]).toEqual({ sentBytes: 0, doneParts: 0 });
  }, 60_000);

  it('a stream that fails mid-way names the part it was reading; what is stored stays resumable', async () => {
    const answer = await run({ filename: '/edge/broken.bin', source: 'stream', failAfter: 7 * MiB, concurrency: 1 });
    expect(answer.error).toEqual({
      name: 'TagoUploadError',
      code: 'upload_failed',
      step: 'part',
      part: 2,
      message:
        'part 2 could not be read: the source failed after 7400000 bytes (resumable: pass error.state as resume)',
      resumable: true,
      parts: [1],
    });
    expect(answer.wire).toEqual(['start', `upload 1 ${5 * MiB}`]);
    expect(Object.keys(uploadOf('/edge/broken.bin').parts)).toEqual(['1']);
  }, 60_000);
});
