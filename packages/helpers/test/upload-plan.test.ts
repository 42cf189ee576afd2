// The multipart protocol without a server: part planning, bounded parallel parts, retries, progress, cancel and
// resume, with steps that record what they were asked.
import { describe, expect, it } from 'vitest';
import { InternalServerError, BadRequestError, RateLimitError } from '@tagokit/core';
import {
  MIN_PART_BYTES,
  planParts,
  runUpload,
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
    const result = await runUpload(7, tinyPlan(7), steps, {
      concurrency: 2,
      onProgress: (p) => progress.push(p.percent),
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
    const result = await runUpload(3, tinyPlan(3), steps, { retryDelayMs: 1 });
    expect(calls.filter((c) => c.startsWith('part 2'))).toHaveLength(2);
    expect(calls.filter((c) => c.startsWith('part 3'))).toHaveLength(2);
    expect(result.parts.map((p) => p.PartNumber)).toEqual([1, 2, 3]);
  });

  it('stops at a final error, aborts the parts in flight, and names the part in a resumable error', async () => {
    const { steps, calls } = recordingSteps({ 1: [apiError(BadRequestError, 400, 'Invalid part')] }, 30);
    const error = (await runUpload(4, tinyPlan(4), steps, { concurrency: 2 }).catch((e) => e)) as TagoUploadError;
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
    await expect(runUpload(1, tinyPlan(1), steps, { partRetries: 2, retryDelayMs: 1 })).rejects.toMatchObject({
      part: 1,
      code: 'upload_failed',
    });
    expect(calls.filter((c) => c.startsWith('part'))).toHaveLength(3);
    const quota = recordingSteps({ 1: [apiError(InternalServerError, 500, 'You have exceeded the maximum limit')] });
    await expect(runUpload(1, tinyPlan(1), quota.steps, { retryDelayMs: 1 })).rejects.toMatchObject({ part: 1 });
    expect(quota.calls.filter((c) => c.startsWith('part'))).toHaveLength(1);
  });

  it('cancels through the signal: requests in flight are aborted and the state resumes the rest', async () => {
    const { steps, calls } = recordingSteps({}, 40);
    const stop = new AbortController();
    const running = runUpload(6, tinyPlan(6), steps, {
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
    const result = await runUpload(6, tinyPlan(6), again.steps, { resume: error.state! });
    expect(again.calls.includes('start')).toBe(false);
    const resent = again.calls.filter((c) => c.startsWith('part')).map((c) => Number(c.split(' ')[1]));
    expect(resent.sort()).toEqual([1, 2, 3, 4, 5, 6].filter((n) => !stored.includes(n)));
    expect(result.parts.map((p) => p.PartNumber)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('refuses bad options', async () => {
    const { steps } = recordingSteps();
    await expect(runUpload(1, tinyPlan(1), steps, { concurrency: 0 })).rejects.toMatchObject({ field: 'concurrency' });
    await expect(runUpload(1, tinyPlan(1), steps, { partRetries: -1 })).rejects.toMatchObject({ field: 'partRetries' });
  });
});
