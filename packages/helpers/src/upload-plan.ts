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
  const count = Math.max(1, Math.ceil(size / checkPartBytes(partBytes, size > partBytes)));
  if (count > MAX_PARTS) throw tooManyParts(`${count} parts`, partBytes);
  return Array.from({ length: count }, (_, i) => ({
    part: i + 1,
    start: i * partBytes,
    end: Math.min(size, (i + 1) * partBytes),
  }));
}

/**
 * Checks a part size: a positive integer, and at least 5 MiB when the file has (or, for a stream of unknown length,
 * may have) more than one part. Answers it.
 */
export function checkPartBytes(partBytes: number, severalParts: boolean): number {
  if (!Number.isSafeInteger(partBytes) || partBytes < 1) {
    throw new TagoValidationError(
      `partBytes must be a positive integer, got ${partBytes}`,
      'upload_invalid',
      'partBytes',
    );
  }
  if (severalParts && partBytes < MIN_PART_BYTES) {
    throw new TagoValidationError(
      `partBytes is ${partBytes}: parts must be at least 5 MiB (${MIN_PART_BYTES} bytes) when a file has more than one`,
      'upload_part_too_small',
      'partBytes',
    );
  }
  return partBytes;
}

const tooManyParts = (count: string, partBytes: number) =>
  new TagoValidationError(
    `${count} of ${partBytes} bytes: at most ${MAX_PARTS} parts; use larger parts`,
    'upload_too_many_parts',
    'partBytes',
  );

/**
 * Parts handed out as a source is read (a stream of unknown length), or from a plan made up front. `next` is
 * called by one worker at a time.
 */
export interface PartFeed {
  /** The next part, or undefined after the last. */
  next(): Promise<PartPlan | undefined>;
  /** The file's size and part count once known: from the start for a plan, after its last part for a stream. */
  total(): { bytes: number; parts: number } | undefined;
  /** A part already stored (resume) was read to get past it: its bytes are not needed. */
  drop(part: PartPlan): void;
}

/** A plan made up front (planParts) as a feed. */
function plannedFeed(plan: readonly PartPlan[]): PartFeed {
  let index = 0;
  const total = { bytes: plan.at(-1)?.end ?? 0, parts: plan.length };
  return { next: async () => plan[index++], total: () => total, drop: () => undefined };
}

/**
 * The parts of a source whose length shows only at its end. `read(start, end)` keeps bytes `[start, end)` until
 * they are stored (fewer only at the source's end) and answers how many, and the source's length once it has
 * ended; `drop(start)` releases a part's bytes. Every part but the last is full, so the 5 MiB rule (checked by the
 * caller before the start request) holds; the 10 001st part fails the upload (`upload_too_many_parts`).
 */
export function streamedParts(
  partBytes: number,
  read: (start: number, end: number) => Promise<{ bytes: number; length: number | undefined }>,
  drop: (start: number) => void,
): PartFeed {
  let part = 0;
  let position = 0;
  let length: number | undefined;
  return {
    async next() {
      // Part 1 always exists (an empty stream is one empty part); a later one only while bytes remain.
      if (part > 0 && length !== undefined && position >= length) return undefined;
      if (part >= MAX_PARTS) throw tooManyParts(`more than ${MAX_PARTS} parts`, partBytes);
      const got = await read(position, position + partBytes);
      length = got.length;
      const plan = { part: ++part, start: position, end: position + got.bytes };
      position = plan.end;
      return plan;
    },
    total: () => (length === undefined ? undefined : { bytes: length, parts: part }),
    drop: (p) => drop(p.start),
  };
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

/**
 * Where an upload stands. For a stream of unknown length, `totalBytes`, `totalParts` and `percent` are undefined
 * until the stream has been read to its end (its last part is read); from then on they are numbers.
 */
export interface UploadProgress {
  readonly sentBytes: number;
  readonly totalBytes: number | undefined;
  readonly doneParts: number;
  readonly totalParts: number | undefined;
  /** 0 to 100, reaching 100 only when every part is stored; undefined while the total is unknown. */
  readonly percent: number | undefined;
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
      /** Resuming cannot help (the source itself is unfit: too many parts, not bytes), even with a state. */
      notResumable?: boolean;
    },
  ) {
    const resumable =
      init.state !== undefined &&
      init.notResumable !== true &&
      (init.step === 'part' || init.step === 'cancelled' || init.step === 'end');
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
 * end with the parts in order. `parts` is a plan (planParts) or a feed that reads them as it goes (streamedParts).
 * Cancelling aborts the requests in flight and rejects with a resumable error.
 */
export async function runUpload(
  parts: readonly PartPlan[] | PartFeed,
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
  const feed = Array.isArray(parts) ? plannedFeed(parts) : (parts as PartFeed);
  // One controller for the whole upload: the caller's cancel and a failed part both stop every request in flight.
  const controller = new AbortController();
  const onCallerAbort = (): void => controller.abort(new TagoAbortError({ sent: true }));
  if (options.signal?.aborted) onCallerAbort();
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const signal = controller.signal;

  const done = new Map<number, UploadedPart>();
  /** Bytes of each part seen so far (all of a plan's at once; a stream's as they are read). */
  const sizes = new Map<number, number>();
  if (Array.isArray(parts)) for (const p of parts as readonly PartPlan[]) sizes.set(p.part, p.end - p.start);
  const known = feed.total();
  for (const p of options.resume?.parts ?? []) {
    if (p.PartNumber >= 1 && (known === undefined || p.PartNumber <= known.parts)) done.set(p.PartNumber, p);
  }
  /** The stored parts that belong to the file (a stream may turn out shorter than a resumed state said). */
  const stored = (): UploadedPart[] => {
    const total = feed.total();
    return [...done.values()]
      .filter((p) => total === undefined || p.PartNumber <= total.parts)
      .sort((a, b) => a.PartNumber - b.PartNumber);
  };
  const state = (id: string): UploadState => ({ uploadId: id, parts: stored() });
  const partName = (n: number): string => {
    const total = feed.total();
    return total ? `part ${n} of ${total.parts}` : `part ${n}`;
  };
  const progress = (): void => {
    if (!options.onProgress) return;
    const total = feed.total();
    let doneParts = 0;
    let sentBytes = 0;
    for (const n of done.keys()) {
      if (total !== undefined && n > total.parts) continue;
      doneParts++;
      sentBytes += sizes.get(n) ?? 0;
    }
    const percent =
      total === undefined
        ? undefined
        : doneParts === total.parts
          ? 100
          : Math.floor((sentBytes / Math.max(1, total.bytes)) * 10_000) / 100;
    options.onProgress({ sentBytes, totalBytes: total?.bytes, doneParts, totalParts: total?.parts, percent });
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
    let failure: TagoUploadError | undefined;
    const fail = (error: TagoUploadError): void => {
      if (failure || signal.aborted) return;
      failure = error;
      controller.abort(failure);
    };

    // One read at a time (a stream gives its bytes once, in order); parts already stored are read past.
    let lastPart = 0;
    let reading: Promise<unknown> = Promise.resolve();
    const nextPart = (): Promise<PartPlan | undefined> => {
      const result = reading.then(async () => {
        for (;;) {
          const p = await feed.next();
          if (p) {
            lastPart = p.part;
            sizes.set(p.part, p.end - p.start);
          }
          if (!p || !done.has(p.part)) return p;
          feed.drop(p);
        }
      });
      reading = result.catch(() => undefined);
      return untilAborted(result, signal);
    };

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
            throw new TagoUploadError(`${partName(p.part)} failed: ${(cause as Error).message}`, {
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
        let next: PartPlan | undefined;
        try {
          next = await nextPart();
        } catch (cause) {
          // The source failed while this part was read: nothing of it was sent.
          const part = lastPart + 1;
          fail(
            new TagoUploadError(readFailure(part, cause), {
              step: 'part',
              part,
              state: state(id),
              cause,
              notResumable: cause instanceof TagoValidationError,
            }),
          );
          return;
        }
        if (!next) return;
        try {
          await sendWithRetries(next);
        } catch (error) {
          fail(
            error instanceof TagoUploadError
              ? error
              : new TagoUploadError(String(error), { step: 'part', part: next.part, state: state(id), cause: error }),
          );
          return;
        }
      }
    };
    const remaining = known === undefined ? concurrency : known.parts - done.size;
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, remaining)) }, worker));
    if (options.signal?.aborted) throw cancelled(id, options.signal.reason);
    if (failure) {
      // Rebuilt so `state` lists the parts that other workers finished after the failure was noticed.
      throw new TagoUploadError(failure.reason, {
        step: 'part',
        part: failure.part!,
        state: state(id),
        cause: failure.cause,
        notResumable: !failure.resumable,
      });
    }
    const finished = stored();
    try {
      const answer = await steps.end(id, finished, signal);
      return { uploadId: id, parts: finished, answer };
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

/** The message of a part the source failed to give; a stream may fail with any value, not only an Error. */
export function readFailure(part: number, cause: unknown): string {
  return `part ${part} could not be read: ${cause instanceof Error ? cause.message : String(cause)}`;
}

/** `promise`, or the signal's reason as soon as it aborts (a stream read cannot be aborted itself). */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
