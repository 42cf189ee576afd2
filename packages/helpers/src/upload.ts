// uploadFile: a file into the profile's storage (`POST /files`) or a widget's file field (`POST /data/files/
// {dashboard}/{widget}`). Small files go as one base64 JSON request; larger ones through the multipart protocol
// that upload-plan.ts runs, each step one generated call, so token, region, retries of 429s, timeouts and abort
// come from the client. Works in every runtime that has Blob and FormData (Node, Deno, workers, browsers).
import { TagoError, TagoValidationError, type CallOptions } from '@tagokit/core';
import { type OperationContext } from '@tagokit/core/internal';
import { uploadFiles, uploadWidgetFile } from '@tagokit/api/functions';
import { partSourceOf, type PartSource, type UploadSource } from './upload-source.ts';
import {
  checkPartBytes,
  DEFAULT_PART_BYTES,
  planParts,
  runUpload,
  streamedParts,
  readFailure,
  TagoUploadError,
  untilAborted,
  type RunUploadOptions,
  type UploadedPart,
  type UploadProgress,
  type UploadState,
} from './upload-plan.ts';

/**
 * Largest file sent as base64 JSON by default: TagoIO caps request bodies at about 200 kB, and base64 takes 4 bytes
 * for every 3, so 128 KiB of file is about 175 kB of body.
 */
export const BASE64_MAX_BYTES = 128 * 1024;

/** A widget file field: the upload goes to the widget's route and is tied to the field. */
export interface WidgetFileTarget {
  dashboard: string;
  widget: string;
  fieldId: string;
}

/** A blueprint device of the dashboard (`origin` is replaced by `id` in the file path). */
export interface BlueprintDevice {
  origin: string;
  id: string;
  bucket?: string;
}

export interface UploadFileOptions extends RunUploadOptions {
  /** Full name in the storage, e.g. `/reports/may.csv`. */
  filename: string;
  /** Make the file public (readable without a token). Left to TagoIO when unset. */
  public?: boolean;
  /** Media type stored with the file; the Blob's own type, else `application/octet-stream`. */
  contentType?: string;
  /** Upload through a widget's file field instead of `/files` (always multipart: the widget route has no base64 form). */
  widget?: WidgetFileTarget;
  blueprintDevices?: BlueprintDevice[];
  /** Bytes per part, 7 MiB by default; at least 5 MiB when the file has more than one part (checked before sending). */
  partBytes?: number;
  /** Files up to this size go as one base64 request (`/files` only); 128 KiB by default, 0 to always use parts. */
  base64MaxBytes?: number;
  /**
   * Size in bytes of a stream source, checked as it is read. Without it the stream is read part by part and its
   * length is known at its end (progress has no total until then).
   */
  size?: number;
  /** Options of every request (timeouts, headers); `signal` is the upload's own. */
  callOptions?: Omit<CallOptions, 'signal'>;
}

export interface UploadFileResult {
  /** The stored file's URL, as the end step answers it (the base64 route answers none). */
  file: string | undefined;
  route: 'base64' | 'multipart';
  /** Bytes stored (for a stream of unknown length, what it held). */
  size: number;
  /** For a multipart upload: its id and the parts the end step joined. */
  uploadId?: string;
  parts?: readonly UploadedPart[];
}

/**
 * Uploads `source` (a Blob or File, bytes, Node's `fileBody(path)`, which reads from disk only the slice each part
 * sends, or a stream, read once and in order, of `options.size` bytes or of a length known at its end) under
 * `options.filename`. Everything is checked before the first request: the name, the part size (5 MiB or more when
 * there are several parts, at most 10 000 parts; a stream of unknown length has its first part read first). Multipart: `concurrency` parts in flight
 * (3), each retried `partRetries` times (4) after its Retry-After or a doubling pause; `onProgress` reports stored
 * bytes and parts, reaching 100 only when every part is stored; `signal` aborts the requests in flight. A failure
 * is a `TagoUploadError` naming the step and part, with `resumable` and the `state` to pass back as `resume`.
 */
export async function uploadFile(
  client: OperationContext,
  source: UploadSource,
  options: UploadFileOptions,
): Promise<UploadFileResult> {
  const filename = checkFilename(options?.filename);
  const base64Max = options.base64MaxBytes ?? BASE64_MAX_BYTES;
  if (!Number.isSafeInteger(base64Max) || base64Max < 0) {
    throw new TagoValidationError(
      `base64MaxBytes must be a whole number of bytes, got ${base64Max}`,
      'upload_invalid',
      'base64MaxBytes',
    );
  }
  const partBytes = options.partBytes ?? DEFAULT_PART_BYTES;
  const input = partSourceOf(source, options.size);
  const contentType = options.contentType ?? (input.type || 'application/octet-stream');
  const query = options.blueprintDevices ? { blueprint_devices: options.blueprintDevices } : {};
  try {
    if (input.size === undefined) await readFirstPart(input, partBytes, options.signal);
    // A stream that ended within its first part has its size now, and is routed like any file of that size.
    const size = input.size;
    if (size !== undefined && !options.widget && !options.resume && size <= base64Max) {
      return await uploadBase64(client, input, size, filename, options, query);
    }
    return await uploadInParts(client, input, partBytes, filename, contentType, query, options);
  } finally {
    await input.close();
  }
}

/**
 * A stream of unknown length: its first part is read (and kept) before any request, so a short stream can take the
 * base64 route and the 5 MiB rule is checked before the start request when more parts follow.
 */
async function readFirstPart(input: PartSource, partBytes: number, signal: AbortSignal | undefined): Promise<void> {
  checkPartBytes(partBytes, false);
  try {
    // A stalled stream must not hold up a cancel: the read is left to close(), which cancels the stream.
    const first = input.slice(0, partBytes);
    await (signal ? untilAborted(first, signal) : first);
  } catch (cause) {
    if (signal?.aborted) throw new TagoUploadError('the upload was cancelled', { step: 'cancelled', cause });
    throw new TagoUploadError(readFailure(1, cause), {
      step: 'part',
      part: 1,
      cause,
    });
  }
  if (input.size === undefined) checkPartBytes(partBytes, true);
}

/** The multipart protocol: start, the parts through runUpload, end. */
async function uploadInParts(
  client: OperationContext,
  input: PartSource,
  partBytes: number,
  filename: string,
  contentType: string,
  query: Record<string, unknown>,
  options: UploadFileOptions,
): Promise<UploadFileResult> {
  const call = (signal: AbortSignal): CallOptions => ({ ...options.callOptions, signal });
  // A stream of unknown length is cut into parts as it is read; anything else is planned up front.
  const plan =
    input.size === undefined
      ? streamedParts(
          partBytes,
          async (start, end) => ({ bytes: (await input.slice(start, end)).size, length: input.size }),
          (start) => input.release(start),
        )
      : planParts(input.size, partBytes);
  const widget = options.widget;
  if (widget) for (const key of ['dashboard', 'widget', 'fieldId'] as const) checkText(widget[key], `widget.${key}`);
  // The fields every step repeats, as the official SDK sends them.
  const common: Record<string, string> = { filename };
  if (options.public !== undefined) common.public = String(options.public);
  if (widget) common.field_id = widget.fieldId;
  const send = async (body: unknown, signal: AbortSignal): Promise<unknown> =>
    widget
      ? await uploadWidgetFile(
          client,
          { dashboardID: widget.dashboard, widgetID: widget.widget, ...query, body: body as never },
          call(signal),
        )
      : await uploadFiles(client, { ...query, body: body as never }, call(signal));

  const done = await runUpload(
    plan,
    {
      async start(signal) {
        const id = await send(form({ multipart_action: 'start', ...common, contentType }), signal);
        if (typeof id !== 'string' || id === '')
          throw new TagoError('the start step answered no upload id', 'upload_unexpected_answer');
        return id;
      },
      async part(p, uploadId, signal) {
        const fields = form({ multipart_action: 'upload', ...common, upload_id: uploadId, part: String(p.part) });
        const bytes = new Blob([await input.slice(p.start, p.end)], { type: contentType });
        fields.set('file', bytes, filename.slice(filename.lastIndexOf('/') + 1));
        const receipt = (await send(fields, signal)) as { ETag?: unknown } | undefined;
        if (typeof receipt?.ETag !== 'string' || receipt.ETag === '')
          throw new TagoError(`part ${p.part} was answered without an ETag`, 'upload_unexpected_answer');
        input.release(p.start);
        return receipt.ETag;
      },
      end(uploadId, parts, signal) {
        const body: Record<string, unknown> = { multipart_action: 'end', filename, upload_id: uploadId, parts };
        if (options.public !== undefined) body.public = options.public;
        if (widget) body.field_id = widget.fieldId;
        return send(body, signal);
      },
    },
    options,
  );
  const answer = done.answer as { file?: unknown } | undefined;
  return {
    file: typeof answer?.file === 'string' ? answer.file : undefined,
    route: 'multipart',
    size: input.size!,
    uploadId: done.uploadId,
    parts: done.parts,
  };
}

/** One base64 JSON request; progress 0 then 100; the signal aborts it. */
async function uploadBase64(
  client: OperationContext,
  input: PartSource,
  size: number,
  filename: string,
  options: UploadFileOptions,
  query: Record<string, unknown>,
): Promise<UploadFileResult> {
  const progress = (sentBytes: number): void =>
    options.onProgress?.({
      sentBytes,
      totalBytes: size,
      doneParts: sentBytes === size ? 1 : 0,
      totalParts: 1,
      percent: sentBytes === size ? 100 : 0,
    } satisfies UploadProgress);
  const bytes = new Uint8Array(await (await input.slice(0, size)).arrayBuffer());
  const item: Record<string, unknown> = { filename, file: base64Of(bytes) };
  if (options.public !== undefined) item.public = options.public;
  // An empty file is done at once: 100 is reported only once.
  if (size > 0) progress(0);
  const call: CallOptions = { ...options.callOptions };
  if (options.signal) call.signal = options.signal;
  try {
    await uploadFiles(client, { ...query, body: [item] as never }, call);
  } catch (cause) {
    const init = { cause, storesFile: true };
    if (options.signal?.aborted) throw new TagoUploadError('the upload was cancelled', { step: 'cancelled', ...init });
    throw new TagoUploadError(`the file could not be uploaded: ${(cause as Error).message}`, {
      step: 'start',
      ...init,
    });
  }
  progress(size);
  return { file: undefined, route: 'base64', size };
}

function checkFilename(name: unknown): string {
  checkText(name, 'filename');
  const text = name as string;
  if (text.endsWith('/') || text.split('/').some((s) => s === '.' || s === '..'))
    throw new TagoValidationError(
      `filename must name a file, without "." or ".." segments, got ${JSON.stringify(text)}`,
      'upload_invalid',
      'filename',
    );
  return text.startsWith('/') ? text : `/${text}`;
}

function checkText(value: unknown, field: string): void {
  if (typeof value !== 'string' || value.trim() === '')
    throw new TagoValidationError(`${field} must be a non-empty string`, 'upload_invalid', field);
}

function form(fields: Record<string, string>): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  return body;
}

/** Base64 without Buffer (not in browsers or workers), in chunks so no call gets too many arguments. */
function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
