// The multipart upload protocol of TagoIO's files API, without the transport: part planning, bounded parallel
// parts with retries, progress and cancellation, and a state to resume from. upload.ts connects it to the client.
import { RateLimitError, TagoAbortError, TagoError, TagoValidationError } from '@tagokit/core';
import { abortableSleep } from '@tagokit/core/internal';

/** S3, which stores TagoIO's files, refuses parts under 5 MiB except the last. */
export const MIN_PART_BYTES = 5 * 1024 * 1024;
/** The official SDK's default part, 7 MiB. */
export const DEFAULT_PART_BYTES = 7 * 1024 * 1024;
/** S3's most parts per upload. */
export const MAX_PARTS = 10_000;

/** One part of the file: 1-based number, byte offsets. */
export interface PartPlan {
  readonly part: number;
  readonly start: number;
  readonly end: number;
}

/**
 * The parts of a file of `size` bytes. Checked before anything is sent (the official SDK checks after the start
 * request, leaving an open upload behind): parts of at least 5 MiB when there is more than one, at most 10 000.
 * An exact multiple of the part size has no empty last part.
 */
export function planParts(size: number, partBytes: number): PartPlan[] {
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new TagoValidationError(
      `the file size must be a whole number of bytes, got ${size}`,
      'upload_invalid',
      'file',
    );
  }
  if (!Number.isSafeInteger(partBytes) || partBytes < 1) {
    throw new TagoValidationError(
      `partBytes must be a positive integer, got ${partBytes}`,
      'upload_invalid',
      'partBytes',
    );
  }
  const count = Math.max(1, Math.ceil(size / partBytes));
  if (count > 1 && partBytes < MIN_PART_BYTES) {
    throw new TagoValidationError(
      `partBytes is ${partBytes}: parts must be at least 5 MiB (${MIN_PART_BYTES} bytes) when a file has more than one`,
      'upload_part_too_small',
      'partBytes',
    );
  }
  if (count > MAX_PARTS) {
    throw new TagoValidationError(
      `${count} parts of ${partBytes} bytes: at most ${MAX_PARTS} parts; use larger parts`,
      'upload_too_many_parts',
      'partBytes',
    );
  }
  return Array.from({ length: count }, (_, i) => ({
    part: i + 1,
    start: i * partBytes,
    end: Math.min(size, (i + 1) * partBytes),
  }));
}

/** A part the server confirmed, as the end step takes it. */
export interface UploadedPart {
  readonly PartNumber: number;
  readonly ETag: string;
}

/** Enough to resume: the upload id and the parts already stored. */
export interface UploadState {
  readonly uploadId: string;
  readonly parts: readonly UploadedPart[];
}

export interface UploadProgress {
  readonly sentBytes: number;
  readonly totalBytes: number;
  readonly doneParts: number;
  readonly totalParts: number;
  /** 0 to 100, reaching 100 only when every part is stored. */
  readonly percent: number;
}

/** The three protocol steps, each one request (the caller decides how they travel). */
export interface UploadSteps {
  start(signal: AbortSignal): Promise<string>;
  part(plan: PartPlan, uploadId: string, signal: AbortSignal): Promise<string>;
  end(uploadId: string, parts: readonly UploadedPart[], signal: AbortSignal): Promise<unknown>;
}

export interface RunUploadOptions {
  /** Parts in flight at once; 3 by default (as the official SDK). */
  concurrency?: number;
  /** Extra tries of a failed part; 4 by default. A 429 waits its Retry-After first. */
  partRetries?: number;
  /** Pause before retrying a part that failed for another reason, ms; doubles each time. 1 000 by default. */
  retryDelayMs?: number;
  /** Continue an upload that failed: its parts already stored are not sent again. */
  resume?: UploadState;
  signal?: AbortSignal;
  onProgress?: (progress: UploadProgress) => void;
}

/**
 * A part failed after its retries, the end step failed, or the upload was cancelled. `state` holds what is
 * stored; with `resumable`, passing it back as `resume` sends only the missing parts.
 */
export class TagoUploadError extends TagoError {
  override name = 'TagoUploadError';
  /** The part that failed (undefined for the start and end steps, and for a cancel). */
  readonly part: number | undefined;
  readonly step: 'start' | 'part' | 'end' | 'cancelled';
  readonly state: UploadState | undefined;
  readonly resumable: boolean;
  /** What went wrong, without the note on resuming that `message` ends with. */
  readonly reason: string;
  constructor(
    message: string,
    init: {
      step: TagoUploadError['step'];
      part?: number;
      state?: UploadState;
      cause?: unknown;
      /** The failed request was the one that stores the file (the end step, or the single base64 request). */
      storesFile?: boolean;
    },
  ) {
    const resumable =
      init.state !== undefined && (init.step === 'part' || init.step === 'cancelled' || init.step === 'end');
    const code = init.step === 'cancelled' ? 'upload_cancelled' : 'upload_failed';
    // The message says what a caller can do next: resume with the stored parts, or start over.
    // The file may exist only if the request that stores it may have reached the server (a lost answer).
    const mayHaveBeenProcessed =
      init.storesFile === true && init.cause instanceof TagoError && init.cause.mayHaveBeenProcessed;
    super(`${message} (${resumable ? 'resumable: pass error.state as resume' : 'not resumable'})`, code, {
      cause: init.cause,
      mayHaveBeenProcessed,
    });
    this.reason = message;
    this.step = init.step;
    this.part = init.part;
    this.state = init.state;
    this.resumable = resumable;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), step: this.step, part: this.part, resumable: this.resumable, state: this.state };
  }
}

/** Final: retrying cannot help (bad input, a 4xx other than 429, or TagoIO's storage quota message). */
function isFinal(error: unknown): boolean {
  // Bad input (a stream of the wrong size, an unknown option) fails the same way every time.
  if (!(error instanceof TagoError) || error instanceof TagoValidationError) return true;
  if (/^You have exceeded the maximum limit/.test(error.message)) return true;
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/**
 * Runs the protocol: start (unless resuming), the missing parts at most `concurrency` at a time, each retried, then
 * end with the parts in order. Cancelling aborts the requests in flight and rejects with a resumable error.
 */
export async function runUpload(
  size: number,
  plan: readonly PartPlan[],
  steps: UploadSteps,
  options: RunUploadOptions = {},
): Promise<{ uploadId: string; parts: UploadedPart[]; answer: unknown }> {
  const concurrency = options.concurrency ?? 3;
  const partRetries = options.partRetries ?? 4;
  const retryDelayMs = options.retryDelayMs ?? 1_000;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) {
    throw new TagoValidationError(
      `concurrency must be an integer from 1 to 16, got ${concurrency}`,
      'upload_invalid',
      'concurrency',
    );
  }
  if (!Number.isInteger(partRetries) || partRetries < 0 || partRetries > 20) {
    throw new TagoValidationError(
      `partRetries must be an integer from 0 to 20, got ${partRetries}`,
      'upload_invalid',
      'partRetries',
    );
  }
  // One controller for the whole upload: the caller's cancel and a failed part both stop every request in flight.
  const controller = new AbortController();
  const onCallerAbort = (): void => controller.abort(new TagoAbortError({ sent: true }));
  if (options.signal?.aborted) onCallerAbort();
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const signal = controller.signal;

  const done = new Map<number, UploadedPart>();
  for (const p of options.resume?.parts ?? []) {
    if (p.PartNumber >= 1 && p.PartNumber <= plan.length) done.set(p.PartNumber, p);
  }
  const state = (id: string): UploadState => ({
    uploadId: id,
    parts: [...done.values()].sort((a, b) => a.PartNumber - b.PartNumber),
  });
  const progress = (): void => {
    if (!options.onProgress) return;
    let sentBytes = 0;
    for (const n of done.keys()) sentBytes += plan[n - 1]!.end - plan[n - 1]!.start;
    const percent = done.size === plan.length ? 100 : Math.floor((sentBytes / Math.max(1, size)) * 10_000) / 100;
    options.onProgress({ sentBytes, totalBytes: size, doneParts: done.size, totalParts: plan.length, percent });
  };
  const cancelled = (id: string | undefined, cause: unknown, storesFile = false) =>
    new TagoUploadError('the upload was cancelled', {
      step: 'cancelled',
      ...(id ? { state: state(id) } : {}),
      cause,
      storesFile,
    });

  try {
    let uploadId = options.resume?.uploadId;
    if (uploadId === undefined) {
      try {
        uploadId = await steps.start(signal);
      } catch (cause) {
        if (options.signal?.aborted) throw cancelled(undefined, cause);
        throw new TagoUploadError(`the upload could not start: ${(cause as Error).message}`, { step: 'start', cause });
      }
    }
    const id = uploadId;
    progress();
    const queue = plan.filter((p) => !done.has(p.part));
    let failure: TagoUploadError | undefined;

    const sendWithRetries = async (p: PartPlan): Promise<void> => {
      for (let attempt = 0; ; attempt++) {
        try {
          const etag = await steps.part(p, id, signal);
          done.set(p.part, { PartNumber: p.part, ETag: etag });
          progress();
          return;
        } catch (cause) {
          if (signal.aborted) throw cause;
          if (attempt >= partRetries || isFinal(cause)) {
            throw new TagoUploadError(`part ${p.part} of ${plan.length} failed: ${(cause as Error).message}`, {
              step: 'part',
              part: p.part,
              state: state(id),
              cause,
            });
          }
          const wait =
            cause instanceof RateLimitError && cause.retryAfterSeconds !== undefined
              ? cause.retryAfterSeconds * 1000
              : retryDelayMs * 2 ** attempt;
          await abortableSleep(wait, signal);
        }
      }
    };
    const worker = async (): Promise<void> => {
      while (!failure && !signal.aborted) {
        const next = queue.shift();
        if (!next) return;
        try {
          await sendWithRetries(next);
        } catch (error) {
          if (!failure && !signal.aborted) {
            failure =
              error instanceof TagoUploadError
                ? error
                : new TagoUploadError(String(error), {
                    step: 'part',
                    part: next.part,
                    state: state(id),
                    cause: error,
                  });
            controller.abort(failure);
          }
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, queue.length)) }, worker));
    if (options.signal?.aborted) throw cancelled(id, options.signal.reason);
    if (failure) {
      // Rebuilt so `state` lists the parts that other workers finished after the failure was noticed.
      throw new TagoUploadError(failure.reason, {
        step: 'part',
        part: failure.part!,
        state: state(id),
        cause: failure.cause,
      });
    }
    const parts = state(id).parts.slice();
    try {
      const answer = await steps.end(id, parts, signal);
      return { uploadId: id, parts, answer };
    } catch (cause) {
      if (options.signal?.aborted) throw cancelled(id, cause, true);
      throw new TagoUploadError(`the upload could not be completed: ${(cause as Error).message}`, {
        step: 'end',
        state: state(id),
        cause,
        storesFile: true,
      });
    }
  } finally {
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}
