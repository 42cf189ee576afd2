// The multipart protocol without a server: part planning, bounded parallel parts, retries, progress, cancel and
// resume, with steps that record what they were asked.
import { describe, expect, it } from 'vitest';
import { InternalServerError, BadRequestError, RateLimitError } from '@tagokit/core';
import {
  MIN_PART_BYTES,
  planParts,
  runUpload,
  streamedParts,
  TagoUploadError,
  type PartPlan,
  type UploadSteps,
} from '../src/upload-plan.ts';

const MiB = 1024 * 1024;
const apiError = (Cls: typeof InternalServerError, status: number, message: string, retryAfterSeconds?: number) =>
  new Cls({ status, message, body: {}, headers: {}, method: 'POST', path: '/files', retryAfterSeconds } as never);

/** Steps that record calls; `failures` says how each part's attempts fail before succeeding. */
function recordingSteps(failures: Record<number, Error[]> = {}, partDelayMs = 5) {
  const calls: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const steps: UploadSteps = {
    async start() {
      calls.push('start');
      return 'upload-1';
    },
    async part(plan: PartPlan, uploadId, signal) {
      calls.push(`part ${plan.part} ${plan.start}-${plan.end} ${uploadId}`);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        await new Promise<void>((resolve, reject) => {
          const t = setTimeout(resolve, partDelayMs);
          signal.addEventListener(
            'abort',
            () => {
              clearTimeout(t);
              calls.push(`aborted ${plan.part}`);
              reject(new Error('aborted'));
            },
            { once: true },
          );
        });
        const failure = failures[plan.part]?.shift();
        if (failure) throw failure;
        return `"etag-${plan.part}"`;
      } finally {
        inFlight--;
      }
    },
    async end(uploadId, parts) {
      calls.push(`end ${uploadId} ${parts.map((p) => p.PartNumber).join(',')}`);
      return { file: 'https://api.tago.io/file/p/report.bin' };
    },
  };
  return { steps, calls, maxInFlight: () => maxInFlight };
}

describe('planParts', () => {
  it('plans parts by size, with no empty part for an exact multiple', () => {
    expect(planParts(0, 7 * MiB)).toEqual([{ part: 1, start: 0, end: 0 }]);
    expect(planParts(4 * MiB, 7 * MiB)).toEqual([{ part: 1, start: 0, end: 4 * MiB }]);
    expect(planParts(14 * MiB, 7 * MiB)).toEqual([
      { part: 1, start: 0, end: 7 * MiB },
      { part: 2, start: 7 * MiB, end: 14 * MiB },
    ]);
    expect(planParts(14 * MiB + 1, 7 * MiB).map((p) => p.end - p.start)).toEqual([7 * MiB, 7 * MiB, 1]);
  });

  it('refuses small parts, too many parts and bad sizes before anything is sent', () => {
    expect(() => planParts(3 * MiB, MiB)).toThrow(
      expect.objectContaining({ code: 'upload_part_too_small', field: 'partBytes' }),
    );
    // One part may be small: a 100-byte file with 10-byte parts is still refused (10 parts), with 1 KiB it is one.
    expect(() => planParts(100, 10)).toThrow(expect.objectContaining({ code: 'upload_part_too_small' }));
    expect(planParts(100, 1024)).toHaveLength(1);
    expect(() => planParts(MIN_PART_BYTES * 10_001, MIN_PART_BYTES)).toThrow(
      expect.objectContaining({ code: 'upload_too_many_parts' }),
    );
    expect(() => planParts(-1, MiB)).toThrow(expect.objectContaining({ code: 'upload_invalid', field: 'file' }));
    expect(() => planParts(10, 0)).toThrow(expect.objectContaining({ field: 'partBytes' }));
  });
});

// Parts of 1 byte keep the tests small; runUpload takes any plan (planParts is what enforces 5 MiB).
const tinyPlan = (n: number): PartPlan[] =>
  Array.from({ length: n }, (_, i) => ({ part: i + 1, start: i, end: i + 1 }));

describe('runUpload', () => {
  it('starts, sends every part at most `concurrency` at a time, ends with the parts in order', async () => {
    const { steps, calls, maxInFlight } = recordingSteps();
    const progress: number[] = [];
    const result = await runUpload(tinyPlan(7), steps, {
      concurrency: 2,
      onProgress: (p) => progress.push(p.percent!),
    });
    expect(calls[0]).toBe('start');
    expect(calls.filter((c) => c.startsWith('part')).sort()).toEqual(
      Array.from({ length: 7 }, (_, i) => `part ${i + 1} ${i}-${i + 1} upload-1`).sort(),
    );
    expect(calls.at(-1)).toBe('end upload-1 1,2,3,4,5,6,7');
    expect(maxInFlight()).toBe(2);
    expect(result.parts.map((p) => p.ETag)).toEqual(Array.from({ length: 7 }, (_, i) => `"etag-${i + 1}"`));
    expect(result.answer).toEqual({ file: 'https://api.tago.io/file/p/report.bin' });
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(100);
    expect(progress.every((p, i) => i === 0 || p >= progress[i - 1]!)).toBe(true);
    expect(progress.filter((p) => p === 100)).toHaveLength(1);
  });

  it('retries a part after a 5xx and waits a 429 Retry-After, storing each part once', async () => {
    const { steps, calls } = recordingSteps({
      2: [apiError(InternalServerError, 502, 'Bad Gateway')],
      3: [apiError(RateLimitError, 429, 'Too many requests', 0)],
    });
    const result = await runUpload(tinyPlan(3), steps, { retryDelayMs: 1 });
    expect(calls.filter((c) => c.startsWith('part 2'))).toHaveLength(2);
    expect(calls.filter((c) => c.startsWith('part 3'))).toHaveLength(2);
    expect(result.parts.map((p) => p.PartNumber)).toEqual([1, 2, 3]);
  });

  it('stops at a final error, aborts the parts in flight, and names the part in a resumable error', async () => {
    const { steps, calls } = recordingSteps({ 1: [apiError(BadRequestError, 400, 'Invalid part')] }, 30);
    const error = (await runUpload(tinyPlan(4), steps, { concurrency: 2 }).catch((e) => e)) as TagoUploadError;
    expect(error).toBeInstanceOf(TagoUploadError);
    expect(error.message).toBe('part 1 of 4 failed: Invalid part (resumable: pass error.state as resume)');
    expect(error.part).toBe(1);
    expect(error.step).toBe('part');
    expect(error.resumable).toBe(true);
    expect(error.state?.uploadId).toBe('upload-1');
    expect(calls).toContain('aborted 2');
    expect(calls.some((c) => c.startsWith('end'))).toBe(false);
  });

  it('gives up on a part after partRetries and never retries the quota message', async () => {
    const fail = () => apiError(InternalServerError, 500, 'Internal');
    const { steps, calls } = recordingSteps({ 1: [fail(), fail(), fail()] });
    await expect(runUpload(tinyPlan(1), steps, { partRetries: 2, retryDelayMs: 1 })).rejects.toMatchObject({
      part: 1,
      code: 'upload_failed',
    });
    expect(calls.filter((c) => c.startsWith('part'))).toHaveLength(3);
    const quota = recordingSteps({ 1: [apiError(InternalServerError, 500, 'You have exceeded the maximum limit')] });
    await expect(runUpload(tinyPlan(1), quota.steps, { retryDelayMs: 1 })).rejects.toMatchObject({ part: 1 });
    expect(quota.calls.filter((c) => c.startsWith('part'))).toHaveLength(1);
  });

  it('cancels through the signal: requests in flight are aborted and the state resumes the rest', async () => {
    const { steps, calls } = recordingSteps({}, 40);
    const stop = new AbortController();
    const running = runUpload(tinyPlan(6), steps, {
      concurrency: 2,
      signal: stop.signal,
      onProgress: (p) => {
        if (p.doneParts === 2) stop.abort();
      },
    });
    const error = (await running.catch((e) => e)) as TagoUploadError;
    expect(error.code).toBe('upload_cancelled');
    expect(error.resumable).toBe(true);
    expect(calls.filter((c) => c.startsWith('aborted'))).not.toHaveLength(0);
    const stored = error.state!.parts.map((p) => p.PartNumber);
    expect(stored.length).toBeGreaterThanOrEqual(2);

    const again = recordingSteps();
    const result = await runUpload(tinyPlan(6), again.steps, { resume: error.state! });
    expect(again.calls.includes('start')).toBe(false);
    const resent = again.calls.filter((c) => c.startsWith('part')).map((c) => Number(c.split(' ')[1]));
    expect(resent.sort()).toEqual([1, 2, 3, 4, 5, 6].filter((n) => !stored.includes(n)));
    expect(result.parts.map((p) => p.PartNumber)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('refuses bad options', async () => {
    const { steps } = recordingSteps();
    await expect(runUpload(tinyPlan(1), steps, { concurrency: 0 })).rejects.toMatchObject({ field: 'concurrency' });
    await expect(runUpload(tinyPlan(1), steps, { partRetries: -1 })).rejects.toMatchObject({ field: 'partRetries' });
  });
});

/** A feed over a source of `length` bytes that shows its length only when read to its end. */
function sourceOf(length: number) {
  const reads: string[] = [];
  const dropped: number[] = [];
  const read = async (start: number, end: number) => {
    reads.push(`${start}-${end}`);
    const bytes = Math.max(0, Math.min(end, length) - start);
    return { bytes, length: start + bytes >= length ? length : undefined };
  };
  return { read, reads, dropped, drop: (start: number) => void dropped.push(start) };
}

describe('streamedParts', () => {
  it('hands out full parts and a short last one, the total known once the last is read', async () => {
    const source = sourceOf(25);
    const feed = streamedParts(10, source.read, source.drop);
    expect(feed.total()).toBeUndefined();
    expect(await feed.next()).toEqual({ part: 1, start: 0, end: 10 });
    expect(await feed.next()).toEqual({ part: 2, start: 10, end: 20 });
    expect(feed.total()).toBeUndefined();
    expect(await feed.next()).toEqual({ part: 3, start: 20, end: 25 });
    expect(feed.total()).toEqual({ bytes: 25, parts: 3 });
    expect(await feed.next()).toBeUndefined();
    expect(source.reads).toEqual(['0-10', '10-20', '20-30']);
  });

  it('has no empty last part for an exact multiple, and one empty part for an empty source', async () => {
    const exact = sourceOf(20);
    const feed = streamedParts(10, exact.read, exact.drop);
    expect([await feed.next(), await feed.next(), await feed.next()].map((p) => p?.part)).toEqual([1, 2, undefined]);
    const empty = sourceOf(0);
    const none = streamedParts(10, empty.read, empty.drop);
    expect(await none.next()).toEqual({ part: 1, start: 0, end: 0 });
    expect(await none.next()).toBeUndefined();
  });

  it('through runUpload: progress without a total until the end, resumed parts read past and dropped', async () => {
    const source = sourceOf(7);
    const { steps, calls } = recordingSteps();
    const seen: unknown[] = [];
    const result = await runUpload(streamedParts(2, source.read, source.drop), steps, {
      concurrency: 1,
      resume: { uploadId: 'upload-1', parts: [{ PartNumber: 2, ETag: '"etag-2"' }] },
      onProgress: (p) => seen.push([p.doneParts, p.totalParts, p.percent]),
    });
    expect(calls.filter((c) => c.startsWith('part'))).toEqual([
      'part 1 0-2 upload-1',
      'part 3 4-6 upload-1',
      'part 4 6-7 upload-1',
    ]);
    expect(source.dropped).toEqual([2]);
    expect(calls.at(-1)).toBe('end upload-1 1,2,3,4');
    expect(result.parts.map((p) => p.PartNumber)).toEqual([1, 2, 3, 4]);
    // Part 4 is read only after part 3 is stored (one in flight): until then no total; then 7 bytes in 4 parts.
    expect(seen).toEqual([
      [1, undefined, undefined],
      [2, undefined, undefined],
      [3, undefined, undefined],
      [4, 4, 100],
    ]);
  });

  it('a source past 10 000 parts fails naming part 10 001, not resumable', async () => {
    const source = sourceOf(Number.MAX_SAFE_INTEGER);
    const { steps } = recordingSteps({}, 0);
    const error = (await runUpload(streamedParts(1, source.read, source.drop), steps, { concurrency: 16 }).catch(
      (e) => e,
    )) as TagoUploadError;
    expect(error).toMatchObject({ step: 'part', part: 10_001, resumable: false });
    expect(error.message).toBe(
      'part 10001 could not be read: more than 10000 parts of 1 bytes: at most 10000 parts; use larger parts (not resumable)',
    );
    expect((error.cause as TagoUploadError).code).toBe('upload_too_many_parts');
    // Parts 1 to 10 000 were sent (the last few in flight were aborted by the failure); none past them.
    expect(error.state!.parts.length).toBeGreaterThan(10_000 - 16);
    expect(error.state!.parts.at(-1)!.PartNumber).toBeLessThanOrEqual(10_000);
  });

  it('a source failing with a value that is not an Error is named by that value', async () => {
    const { steps, calls } = recordingSteps();
    let given = 0;
    const feed = streamedParts(
      1,
      async () => {
        if (given++ === 1) throw 'disk unplugged';
        return { bytes: 1, length: undefined };
      },
      () => undefined,
    );
    const error = (await runUpload(feed, steps, { concurrency: 1 }).catch((e) => e)) as TagoUploadError;
    expect(error.message).toBe('part 2 could not be read: disk unplugged (resumable: pass error.state as resume)');
    expect(calls.filter((c) => !c.startsWith('aborted'))).toEqual(['start', 'part 1 0-1 upload-1']);
    expect(error.state!.parts.map((p) => p.PartNumber)).toEqual([1]);
  });
});
