// uploadFile against the emulator: an 11 MB generated file in 5 MiB parts through seeded part faults (every byte
// stored once, in order), the base64 route for small files, cancel and resume, part-size checks before any request,
// a failing part named with its state, and widget file fields; every request recorded as it went on the wire.
import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEdgeClient, fetchTransport, TagoConnectionError, type Transport } from '@tagokit/edge';
import { createClient, fileBody } from '@tagokit/node';
import { getFile, listFiles } from '@tagokit/api/functions';
import {
  DEFAULT_PROFILE_ID,
  DEFAULT_TOKENS,
  startEmulator,
  type Emulator,
} from '../../../tools/emulator/src/index.mjs';
import { TagoUploadError, uploadFile, type UploadProgress } from '../src/index.ts';
import { generatedFile, sha256Hex, streamOf, type StreamCounter } from './support/generated-file.ts';
import { progressProblem } from './support/upload-progress.ts';
import { recordingUploadTransport, wireLines, type SentUploadRequest } from './support/upload-wire.ts';

const MiB = 1024 * 1024;
const SIZE = 11_000_000;
const SEED = 20_260_517;
const source = generatedFile(SIZE, SEED);
const dir = mkdtempSync(join(tmpdir(), 'tagokit-upload-'));
const path = join(dir, 'archive.bin');

let emulator: Emulator;
beforeAll(async () => {
  writeFileSync(path, source);
  emulator = await startEmulator({ rateLimits: false, seed: SEED });
});
afterAll(async () => {
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => emulator.setUploadFaults(null));

/** An edge client (fetch, as in workers and browsers) whose requests are recorded as they go on the wire. */
function recordedClient(onSending?: (entry: SentUploadRequest) => void) {
  const { transport, sent } = recordingUploadTransport(onSending);
  const client = createEdgeClient({ ...profileOnEmulator(), tokenKind: 'profile', transport });
  return { client, sent };
}

/** The profile token on the emulator's plain-HTTP address. */
const profileOnEmulator = () => ({
  token: DEFAULT_TOKENS.profile,
  region: { api: emulator.url },
  allowInsecureHttp: true,
});

/** The stored file's bytes, through getFile's signed URL (a download without a token). */
async function downloaded(name: string): Promise<Uint8Array<ArrayBuffer>> {
  const client = createEdgeClient(profileOnEmulator());
  const signed = await getFile(client, { profileID: DEFAULT_PROFILE_ID, path: name, noRedirect: true });
  return new Uint8Array(await (await fetch(signed as string)).arrayBuffer());
}

const openUploads = () => (emulator.state as any).resources('multipartUploads') as Map<string, any>;

function progressLog() {
  const seen: UploadProgress[] = [];
  const check = () => expect(progressProblem(seen)).toBeUndefined();
  return { seen, onProgress: (p: UploadProgress) => seen.push(p), check };
}

/**
 * The file on disk as a Node Readable (of a declared size, or none), uploaded in 5 MiB parts through seeded part
 * faults: parts 1-3 stored, progress monotonic to 100, the stored bytes equal to the source's.
 */
async function uploadReadableThroughFaults(
  input: { seed: number; size?: number; chunkBytes: number },
  filename: string,
) {
  emulator.setUploadFaults({ rate: 0.5, maxPerPart: 2 }, input.seed);
  const { client, sent } = recordedClient();
  const progress = progressLog();
  const result = await uploadFile(client, createReadStream(path, { highWaterMark: input.chunkBytes }), {
    filename,
    ...(input.size === undefined ? {} : { size: input.size }),
    partBytes: 5 * MiB,
    concurrency: 2,
    retryDelayMs: 1,
    onProgress: progress.onProgress,
  });
  expect(result.parts!.map((p) => p.PartNumber)).toEqual([1, 2, 3]);
  progress.check();
  expect(progress.seen.at(-1)!.percent).toBe(100);
  expect(await sha256Hex(await downloaded(filename.slice(1)))).toBe(await sha256Hex(source));
  return { result, sent };
}

describe('uploadFile, multipart', () => {
  it('uploads an 11 MB file from disk through seeded part faults: every byte once, progress to 100', async () => {
    emulator.setUploadFaults(
      { rate: 0.5, maxPerPart: 2, kinds: ['http5xx', 'rateLimit', 'resetBefore', 'resetAfter'] },
      SEED,
    );
    const client = createClient({
      token: DEFAULT_TOKENS.profile,
      tokenKind: 'profile',
      region: { api: emulator.url, sse: `${emulator.url}/events` },
      allowInsecureHttp: true,
    });
    const progress = progressLog();
    const requestsBefore = emulator.stats().requests;
    const result = await uploadFile(client, await fileBody(path), {
      filename: '/backups/archive.bin',
      partBytes: 5 * MiB,
      concurrency: 2,
      retryDelayMs: 1,
      onProgress: progress.onProgress,
    });
    await client.close();
    expect(result).toMatchObject({
      route: 'multipart',
      size: SIZE,
      file: `${emulator.url}/file/${DEFAULT_PROFILE_ID}/backups/archive.bin`,
    });
    expect(result.parts!.map((p) => p.PartNumber)).toEqual([1, 2, 3]);
    progress.check();
    expect(progress.seen.at(-1)).toEqual({
      sentBytes: SIZE,
      totalBytes: SIZE,
      doneParts: 3,
      totalParts: 3,
      percent: 100,
    });
    expect(progress.seen.filter((p) => p.percent === 100)).toHaveLength(1);
    expect(await sha256Hex(await downloaded('backups/archive.bin'))).toBe(await sha256Hex(source));
    // The seed made some part attempts fail (start, 3 parts and end are 5 requests); the upload is closed once joined.
    expect(emulator.stats().requests - requestsBefore).toBeGreaterThan(5);
    expect(openUploads().get(result.uploadId!)).toMatchObject({ parts: {}, completed: { file: result.file } });
  }, 60_000);

  it('sends the three steps with the fields TagoIO expects, parts of the right sizes', async () => {
    const { client, sent } = recordedClient();
    const result = await uploadFile(client, source.slice(0, 6 * MiB), {
      filename: 'exact.bin',
      partBytes: 5 * MiB,
      public: true,
      contentType: 'application/x-archive',
    });
    expect(sent.map((s) => `${s.path} ${s.step}${s.part ? ` ${s.part}` : ''}`).sort()).toEqual([
      '/files end',
      '/files start',
      '/files upload 1',
      '/files upload 2',
    ]);
    const list = (await listFiles(client, { path: '/' })) as {
      files: { filename: string; size: number; public: boolean }[];
    };
    expect(list.files).toContainEqual(expect.objectContaining({ filename: 'exact.bin', size: 6 * MiB, public: true }));
    expect(result.parts!.map((p) => p.ETag)).toEqual([
      `"${createHash('md5')
        .update(source.subarray(0, 5 * MiB))
        .digest('hex')}"`,
      `"${createHash('md5')
        .update(source.subarray(5 * MiB, 6 * MiB))
        .digest('hex')}"`,
    ]);
  });

  it('checks the part size before any request', async () => {
    const { client, sent } = recordedClient();
    await expect(uploadFile(client, source, { filename: '/x.bin', partBytes: MiB })).rejects.toMatchObject({
      name: 'TagoValidationError',
      code: 'upload_part_too_small',
      field: 'partBytes',
    });
    await expect(uploadFile(client, source, { filename: '/dir/' })).rejects.toMatchObject({ field: 'filename' });
    expect(sent).toHaveLength(0);
  });

  it('names the part that kept failing, with the state to resume from, then resumes sending only what is missing', async () => {
    emulator.setUploadFaults({ rate: 1, parts: [2], kinds: ['http5xx'], maxPerPart: 3 }, SEED);
    const { client, sent } = recordedClient();
    const error = (await uploadFile(client, source, {
      filename: '/failing.bin',
      partBytes: 5 * MiB,
      concurrency: 1,
      partRetries: 2,
      retryDelayMs: 1,
    }).catch((e: unknown) => e)) as TagoUploadError;
    expect(error).toBeInstanceOf(TagoUploadError);
    expect(error).toMatchObject({ code: 'upload_failed', step: 'part', part: 2, resumable: true });
    expect(error.message).toBe('part 2 of 3 failed: Internal Server Error (resumable: pass error.state as resume)');
    expect(sent.filter((s) => s.part === '2')).toHaveLength(3);
    expect(error.state!.parts.map((p) => p.PartNumber)).toEqual([1]);
    emulator.setUploadFaults(null);
    sent.length = 0;
    const resumed = await uploadFile(client, source, {
      filename: '/failing.bin',
      partBytes: 5 * MiB,
      resume: error.state!,
    });
    expect(sent.map((s) => `${s.step} ${s.part ?? ''}`.trim()).sort()).toEqual(['end', 'upload 2', 'upload 3']);
    expect(resumed.uploadId).toBe(error.state!.uploadId);
    expect(await sha256Hex(await downloaded('failing.bin'))).toBe(await sha256Hex(source));
  }, 60_000);

  it('cancel aborts the requests in flight and reports only parts the server stored; nothing is listed', async () => {
    const controller = new AbortController();
    // Cancel the moment part 2 is on its way, after part 1 was stored.
    const { client, sent } = recordedClient((entry) => {
      if (entry.part === '2') controller.abort();
    });
    const progress = progressLog();
    const error = (await uploadFile(client, source, {
      filename: '/cancelled.bin',
      partBytes: 5 * MiB,
      concurrency: 1,
      signal: controller.signal,
      onProgress: progress.onProgress,
    }).catch((e: unknown) => e)) as TagoUploadError;
    expect(error).toBeInstanceOf(TagoUploadError);
    expect(error).toMatchObject({ code: 'upload_cancelled', step: 'cancelled', resumable: true });
    progress.check();
    expect(progress.seen.at(-1)).toMatchObject({ doneParts: 1, percent: expect.any(Number) });
    expect(progress.seen.at(-1)!.percent).toBeLessThan(100);
    expect(error.state!.parts.map((p) => p.PartNumber)).toEqual([1]);
    expect(sent.some((s) => s.part === '2' && s.aborted)).toBe(true);
    expect(sent.some((s) => s.step === 'end')).toBe(false);
    // What the error reports stored, the server holds, with the same ETags.
    const open = openUploads().get(error.state!.uploadId)!;
    for (const p of error.state!.parts) expect(open.parts[String(p.PartNumber)].etag).toBe(p.ETag);
    const list = (await listFiles(client, { path: '/' })) as { files: { filename: string }[] };
    expect(list.files.map((f) => f.filename)).not.toContain('cancelled.bin');
  }, 60_000);
});

describe('uploadFile, the end step', () => {
  it('a lost end answer says the file may exist; resuming sends only the end again and gets the same file', async () => {
    const inner = fetchTransport();
    let dropEnd = true;
    const ends: string[] = [];
    const transport: Transport = async (request) => {
      const answer = await inner(request);
      if (typeof request.body === 'string' && request.body.includes('"multipart_action":"end"')) {
        ends.push(request.body);
        // The server joined the file; the answer never arrives.
        if (dropEnd) throw new TagoConnectionError('Connection lost (ECONNRESET)', { reachedServer: true });
      }
      return answer;
    };
    const client = createEdgeClient({ ...profileOnEmulator(), tokenKind: 'profile', transport });
    const options = { filename: '/end/lost.bin', partBytes: 5 * MiB };
    const error = (await uploadFile(client, source.slice(0, 6 * MiB), options).catch(
      (e: unknown) => e,
    )) as TagoUploadError;
    expect(error).toMatchObject({ step: 'end', resumable: true, mayHaveBeenProcessed: true });
    expect(error.state!.parts.map((p) => p.PartNumber)).toEqual([1, 2]);
    dropEnd = false;
    const resumed = await uploadFile(client, source.slice(0, 6 * MiB), { ...options, resume: error.state! });
    expect(ends).toHaveLength(2);
    expect(ends[1]).toBe(ends[0]);
    expect(resumed.file).toBe(`${emulator.url}/file/${DEFAULT_PROFILE_ID}/end/lost.bin`);
    expect(await sha256Hex(await downloaded('end/lost.bin'))).toBe(await sha256Hex(source.slice(0, 6 * MiB)));
  });

  it('a failed part does not claim the file may exist', async () => {
    emulator.setUploadFaults({ rate: 1, parts: [1], kinds: ['resetAfter'], maxPerPart: 5 }, SEED);
    const { client } = recordedClient();
    const error = (await uploadFile(client, source.slice(0, 6 * MiB), {
      filename: '/end/part.bin',
      partBytes: 5 * MiB,
      partRetries: 1,
      retryDelayMs: 1,
    }).catch((e: unknown) => e)) as TagoUploadError;
    expect(error).toMatchObject({ step: 'part', part: 1, mayHaveBeenProcessed: false });
  });
});

describe('uploadFile, stream sources', () => {
  it('reads a Node Readable of a declared size once, in order, through part faults: every byte stored', async () => {
    const { sent } = await uploadReadableThroughFaults(
      { seed: SEED + 1, size: SIZE, chunkBytes: 256 * 1024 },
      '/streams/archive.bin',
    );
    // Retried parts were sent again from memory: more part requests than parts.
    expect(sent.filter((s) => s.step === 'upload').length).toBeGreaterThan(3);
  }, 60_000);

  it('a stream shorter or longer than its declared size fails at once, naming the part, not retried', async () => {
    const { client, sent } = recordedClient();
    const short = (await uploadFile(client, new Blob([source.subarray(0, 6 * MiB)]).stream(), {
      filename: '/streams/short.bin',
      size: 7 * MiB,
      partBytes: 5 * MiB,
      retryDelayMs: 1,
    }).catch((e: unknown) => e)) as TagoUploadError;
    expect(short).toMatchObject({ step: 'part', part: 2, resumable: true });
    expect((short.cause as Error & { code: string }).code).toBe('upload_size_mismatch');
    expect((short.cause as Error).message).toBe(
      `uploadFile: the stream ended after ${6 * MiB} bytes (options.size is ${7 * MiB})`,
    );
    const long = (await uploadFile(client, new Blob([source.subarray(0, 6 * MiB)]).stream(), {
      filename: '/streams/long.bin',
      size: 5 * MiB + 10,
      partBytes: 5 * MiB,
    }).catch((e: unknown) => e)) as TagoUploadError;
    expect((long.cause as Error).message).toBe(
      `uploadFile: the stream holds more than ${5 * MiB + 10} bytes (options.size is ${5 * MiB + 10})`,
    );
    // Part 2 was never sent for either: the bytes were wrong before any request.
    expect(sent.filter((s) => s.part === '2')).toHaveLength(0);
  });

  it('a cancelled stream upload closes the stream (a Node file stream is destroyed)', async () => {
    const controller = new AbortController();
    const { client } = recordedClient((entry) => {
      if (entry.part === '1') controller.abort();
    });
    const stream = createReadStream(path);
    const error = await uploadFile(client, stream, {
      filename: '/streams/cancelled.bin',
      size: SIZE,
      partBytes: 5 * MiB,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'upload_cancelled' });
    expect(stream.destroyed).toBe(true);
  });
});

describe('uploadFile, streams of unknown length', () => {
  it('cuts the stream into full parts and a short last one, totals unknown until its end', async () => {
    const { client, sent } = recordedClient();
    const progress = progressLog();
    const counter: StreamCounter = { pulled: 0, cancelled: false };
    const result = await uploadFile(client, streamOf(source, 100_000, { counter }), {
      filename: '/unknown/archive.bin',
      partBytes: 5 * MiB,
      concurrency: 2,
      onProgress: progress.onProgress,
    });
    expect(wireLines(sent)).toEqual([
      'start',
      `upload 1 ${5 * MiB}`,
      `upload 2 ${5 * MiB}`,
      `upload 3 ${SIZE - 10 * MiB}`,
      'end',
    ]);
    expect(result).toMatchObject({ route: 'multipart', size: SIZE });
    expect(result.parts!.map((p) => p.PartNumber)).toEqual([1, 2, 3]);
    // Read once: exactly the file's bytes left the stream.
    expect(counter.pulled).toBe(SIZE);
    progress.check();
    // After the start and after the first stored part, part 3 was not read yet: no total.
    expect(progress.seen.slice(0, 2)).toEqual([
      { sentBytes: 0, totalBytes: undefined, doneParts: 0, totalParts: undefined, percent: undefined },
      { sentBytes: 5 * MiB, totalBytes: undefined, doneParts: 1, totalParts: undefined, percent: undefined },
    ]);
    expect(progress.seen.at(-1)).toEqual({
      sentBytes: SIZE,
      totalBytes: SIZE,
      doneParts: 3,
      totalParts: 3,
      percent: 100,
    });
    expect(await sha256Hex(await downloaded('unknown/archive.bin'))).toBe(await sha256Hex(source));
  }, 60_000);

  it('holds at most (parts in flight + 1) parts in memory; an exact multiple has no empty last part', async () => {
    const partBytes = 5 * MiB;
    const chunk = 256 * 1024;
    const big = generatedFile(6 * partBytes, SEED + 2);
    const counter: StreamCounter = { pulled: 0, cancelled: false };
    let storedBytes = 0;
    let mostHeld = 0;
    const sample = () => {
      mostHeld = Math.max(mostHeld, counter.pulled - storedBytes);
    };
    // Sampled as each request leaves and as each part is stored: bytes taken from the stream, not yet stored.
    const { client, sent } = recordedClient(sample);
    const result = await uploadFile(client, streamOf(big, chunk, { counter }), {
      filename: '/unknown/six.bin',
      partBytes,
      concurrency: 2,
      onProgress: (p) => {
        sample();
        storedBytes = p.sentBytes;
      },
    });
    expect(wireLines(sent)).toEqual([
      'start',
      ...Array.from({ length: 6 }, (_, i) => `upload ${i + 1} ${partBytes}`),
      'end',
    ]);
    expect(result.size).toBe(6 * partBytes);
    expect(counter.pulled).toBe(6 * partBytes);
    // Two parts in flight and the one being read, plus the chunk looked ahead; reading it all first would hold 30 MiB.
    expect(mostHeld).toBeGreaterThanOrEqual(2 * partBytes);
    expect(mostHeld).toBeLessThanOrEqual(3 * partBytes + chunk);
    expect(await sha256Hex(await downloaded('unknown/six.bin'))).toBe(await sha256Hex(big));
  }, 60_000);

  it('a Node Readable without a size, through seeded part faults: retries resend the buffered part', async () => {
    const { result, sent } = await uploadReadableThroughFaults(
      { seed: SEED + 3, chunkBytes: 300_000 },
      '/unknown/faults.bin',
    );
    const uploads = sent.filter((s) => s.step === 'upload');
    // The seed failed some attempts; every attempt at a part carried the same number of bytes.
    expect(uploads.length).toBeGreaterThan(3);
    for (const s of uploads) expect(s.bytes).toBe(s.part === '3' ? SIZE - 10 * MiB : 5 * MiB);
    expect(Object.keys(openUploads().get(result.uploadId!).attempts).sort()).toEqual(['1', '2', '3']);
  }, 60_000);

  it('a stream that fails mid-way names the part being read, resumable with a new stream', async () => {
    const { client, sent } = recordedClient();
    const counter: StreamCounter = { pulled: 0, cancelled: false };
    const options = { filename: '/unknown/broken.bin', partBytes: 5 * MiB, concurrency: 1 };
    const error = (await uploadFile(client, streamOf(source, 100_000, { failAfter: 7 * MiB, counter }), options).catch(
      (e: unknown) => e,
    )) as TagoUploadError;
    expect(error).toBeInstanceOf(TagoUploadError);
    expect(error).toMatchObject({ code: 'upload_failed', step: 'part', part: 2, resumable: true });
    expect(error.message).toBe(
      `part 2 could not be read: the source failed after 7400000 bytes (resumable: pass error.state as resume)`,
    );
    expect(error.state!.parts.map((p) => p.PartNumber)).toEqual([1]);
    // Nothing of part 2 was sent, and no end.
    expect(wireLines(sent)).toEqual(['start', `upload 1 ${5 * MiB}`]);
    sent.length = 0;
    const resumed = await uploadFile(client, streamOf(source, 100_000), { ...options, resume: error.state! });
    expect(wireLines(sent)).toEqual([`upload 2 ${5 * MiB}`, `upload 3 ${SIZE - 10 * MiB}`, 'end']);
    expect(resumed.parts!.map((p) => p.PartNumber)).toEqual([1, 2, 3]);
    expect(await sha256Hex(await downloaded('unknown/broken.bin'))).toBe(await sha256Hex(source));
  }, 60_000);

  it('a stream that fails in its first part fails before any request, not resumable', async () => {
    const { client, sent } = recordedClient();
    const error = (await uploadFile(client, streamOf(source, 100_000, { failAfter: MiB }), {
      filename: '/unknown/early.bin',
      partBytes: 5 * MiB,
    }).catch((e: unknown) => e)) as TagoUploadError;
    expect(error).toMatchObject({ code: 'upload_failed', step: 'part', part: 1, resumable: false, state: undefined });
    expect(error.message).toBe('part 1 could not be read: the source failed after 1100000 bytes (not resumable)');
    expect(sent).toHaveLength(0);
  });

  it('cancel mid-way cancels the stream and reports only stored parts; nothing is listed', async () => {
    const controller = new AbortController();
    const { client, sent } = recordedClient((entry) => {
      if (entry.part === '2') controller.abort();
    });
    const counter: StreamCounter = { pulled: 0, cancelled: false };
    const progress = progressLog();
    const error = (await uploadFile(client, streamOf(source, 100_000, { counter }), {
      filename: '/unknown/cancelled.bin',
      partBytes: 5 * MiB,
      concurrency: 1,
      signal: controller.signal,
      onProgress: progress.onProgress,
    }).catch((e: unknown) => e)) as TagoUploadError;
    expect(error).toMatchObject({ code: 'upload_cancelled', step: 'cancelled', resumable: true });
    expect(error.state!.parts.map((p) => p.PartNumber)).toEqual([1]);
    expect(sent.some((s) => s.part === '2' && s.aborted)).toBe(true);
    expect(sent.some((s) => s.step === 'end')).toBe(false);
    progress.check();
    expect(progress.seen.at(-1)).toEqual({
      sentBytes: 5 * MiB,
      totalBytes: undefined,
      doneParts: 1,
      totalParts: undefined,
      percent: undefined,
    });
    expect(counter.cancelled).toBe(true);
    const list = (await listFiles(client, { path: '/unknown' })) as { files: { filename: string }[] };
    expect(list.files.map((f) => f.filename)).not.toContain('cancelled.bin');
  }, 60_000);

  it('a cancel while a stalled stream fills its first part ends at once: nothing sent, the stream cancelled', async () => {
    const { client, sent } = recordedClient();
    let cancelled = false;
    // One chunk, then a read that never answers.
    let given = false;
    const stalled = new ReadableStream<Uint8Array>(
      {
        pull: (controller) => {
          if (given) return new Promise<void>(() => undefined);
          given = true;
          controller.enqueue(source.slice(0, 1000));
        },
        cancel: () => {
          cancelled = true;
        },
      },
      { highWaterMark: 0 },
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await uploadFile(client, stalled, {
      filename: '/unknown/stalled.bin',
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TagoUploadError', code: 'upload_cancelled', resumable: false });
    expect(sent).toHaveLength(0);
    expect(cancelled).toBe(true);
  });

  it('routes by the length found in the first part, and checks the part size before the start request', async () => {
    const { client, sent } = recordedClient();
    const small = await uploadFile(client, new Blob(['abc']).stream(), { filename: '/unknown/s.txt' });
    expect(small).toEqual({ file: undefined, route: 'base64', size: 3 });
    expect(new TextDecoder().decode(await downloaded('unknown/s.txt'))).toBe('abc');
    // Over the base64 limit but within one part: one multipart part, its total known from the start.
    const progress = progressLog();
    const one = await uploadFile(client, streamOf(source.slice(0, 200_000), 64 * 1024), {
      filename: '/unknown/one.bin',
      onProgress: progress.onProgress,
    });
    expect(one).toMatchObject({ route: 'multipart', size: 200_000 });
    expect(progress.seen[0]).toMatchObject({ totalBytes: 200_000, totalParts: 1, percent: 0 });
    // Parts under 5 MiB: fine when the stream ends within the first, refused before any request when it does not.
    expect(
      (await uploadFile(client, streamOf(source.slice(0, 900), 100), { filename: '/unknown/t.bin', partBytes: 1000 }))
        .route,
    ).toBe('base64');
    sent.length = 0;
    await expect(
      uploadFile(client, streamOf(source.slice(0, 3000), 100), { filename: '/unknown/u.bin', partBytes: 1000 }),
    ).rejects.toMatchObject({ name: 'TagoValidationError', code: 'upload_part_too_small', field: 'partBytes' });
    await expect(
      uploadFile(client, streamOf(source, 100), { filename: '/unknown/v.bin', size: -1 }),
    ).rejects.toMatchObject({ code: 'upload_invalid', field: 'size' });
    expect(sent).toHaveLength(0);
  });
});

describe('uploadFile, small files and widgets', () => {
  it('sends a small file as one base64 JSON request', async () => {
    const { client, sent } = recordedClient();
    const progress = progressLog();
    const small = source.slice(0, 1000);
    const result = await uploadFile(client, new Blob([small], { type: 'text/plain' }), {
      filename: '/notes/small.txt',
      public: false,
      onProgress: progress.onProgress,
    });
    expect(result).toEqual({ file: undefined, route: 'base64', size: 1000 });
    expect(sent).toEqual([{ path: '/files', step: 'base64', aborted: false }]);
    expect(progress.seen.map((p) => p.percent)).toEqual([0, 100]);
    expect(await sha256Hex(await downloaded('notes/small.txt'))).toBe(await sha256Hex(small));
  });

  it('uploads to a widget file field through the widget route, every step there', async () => {
    const { client, sent } = recordedClient();
    const widget = { dashboard: '6500000000000000000000d1', widget: '6500000000000000000000e1', fieldId: 'photo' };
    const result = await uploadFile(client, source.slice(0, 1000), { filename: '/uploads/p.png', widget });
    expect(result.route).toBe('multipart');
    expect(result.file).toBe(`${emulator.url}/file/${DEFAULT_PROFILE_ID}/uploads/p.png`);
    expect(new Set(sent.map((s) => s.path))).toEqual(new Set([`/data/files/${widget.dashboard}/${widget.widget}`]));
    expect(sent.map((s) => s.step)).toEqual(['start', 'upload', 'end']);
  });
});
