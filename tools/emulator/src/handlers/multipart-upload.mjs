// @ts-check
// The three-step multipart upload of `POST /files` and of widget file fields (`POST /data/files/{dashboard}/
// {widget}`): start answers an upload id, each part is stored under its number with an S3-style ETag (a part sent
// again replaces the earlier copy, as in S3), end checks the listed parts and assembles the file. Start and upload
// come as form-data, end as JSON (the spec's JSON schema does not take a JSON start, which the Python SDK sends).
// Faults per part: upload-faults.mjs.
import { createHash, randomBytes } from 'node:crypto';
import { drawUploadFault } from '../upload-faults.mjs';
import { ok } from './answers.mjs';
import { storeFile } from './file-store.mjs';

/** S3 refuses parts under 5 MiB except the last (EntityTooSmall). */
export const MIN_PART_BYTES = 5 * 1024 * 1024;
/** S3's highest part number. */
const MAX_PART_NUMBER = 10_000;

/**
 * An open upload. `attempts`, `faulted` and `stored` count per part number: requests, faults delivered, copies kept.
 * @typedef {{ id: string, filename: string, contentType: string, public: boolean, fieldId: string | undefined,
 *   target: string, parts: Record<string, { etag: string, size: number, data: string }>,
 *   attempts: Record<string, number>, faulted: Record<string, number>, stored: Record<string, number>,
 *   completed?: { parts: string, file: string } }} OpenUpload
 */

/** @param {import('./answers.mjs').HandlerContext} ctx @returns {Map<string, OpenUpload>} */
export const uploadsOf = (ctx) => /** @type {any} */ (ctx.store.resources('multipartUploads'));

/** @param {string} message @returns {import('./answers.mjs').Answer} */
const badRequest = (message) => ({ status: 400, body: { status: false, message } });

/**
 * The step's fields as strings (a form's text fields, or a JSON object's values) and the part's bytes.
 * @param {import('./answers.mjs').HandlerContext} ctx
 */
function stepInput(ctx) {
  if (ctx.form) return { fields: ctx.form.fields, file: ctx.form.files.file };
  const body = ctx.body && typeof ctx.body === 'object' ? ctx.body : {};
  /** @type {Record<string, any>} */
  const fields = {};
  for (const [key, value] of Object.entries(body)) fields[key] = value;
  return { fields, file: undefined };
}

/** `true`/`false` as a form sends them (JSON text), or a JSON boolean. @param {unknown} value */
const flag = (value) => value === true || value === 'true';

/**
 * One step of a multipart upload, for the files area (`target` "files") or a widget field (`dashboard/widget`).
 * Answers undefined when the body is not a multipart step (the caller handles it).
 * @param {import('./answers.mjs').HandlerContext} ctx
 * @param {string} target
 * @returns {import('./answers.mjs').Answer | undefined}
 */
export function multipartStep(ctx, target) {
  const { fields, file } = stepInput(ctx);
  const action = fields.multipart_action;
  if (action === undefined) return undefined;
  const filename = typeof fields.filename === 'string' ? `/${fields.filename.replace(/^\/+/, '')}` : undefined;
  if (!filename || filename === '/') return badRequest('filename is required');
  if (action === 'start') {
    const id = randomBytes(48).toString('base64url');
    uploadsOf(ctx).set(id, {
      id,
      filename,
      contentType: typeof fields.contentType === 'string' ? fields.contentType : 'application/octet-stream',
      public: flag(fields.public),
      fieldId: typeof fields.field_id === 'string' ? fields.field_id : undefined,
      target,
      parts: {},
      attempts: {},
      faulted: {},
      stored: {},
    });
    return ok(ctx.op, id);
  }
  const upload = uploadsOf(ctx).get(String(fields.upload_id ?? ''));
  if (!upload || upload.target !== target || (upload.completed && action !== 'end'))
    return { status: 404, body: { status: false, message: 'Upload not found' } };
  if (upload.filename !== filename) return badRequest(`filename ${filename} is not the upload's (${upload.filename})`);
  if (action === 'upload') return storePart(ctx, upload, fields.part, file);
  if (action === 'end') return completeUpload(ctx, upload, fields.parts);
  return badRequest(`multipart_action must be start, upload or end, got ${String(action)}`);
}

/**
 * @param {import('./answers.mjs').HandlerContext} ctx
 * @param {OpenUpload} upload
 * @param {unknown} partField
 * @param {import('../http/form-data.mjs').FormFile | undefined} file
 * @returns {import('./answers.mjs').Answer}
 */
function storePart(ctx, upload, partField, file) {
  const part = Number(partField);
  if (!Number.isInteger(part) || part < 1 || part > MAX_PART_NUMBER)
    return badRequest(`part must be a whole number from 1 to ${MAX_PART_NUMBER}, got ${String(partField)}`);
  if (!file) return badRequest('file is required: the part\u2019s bytes as a form-data file');
  const key = String(part);
  upload.attempts[key] = (upload.attempts[key] ?? 0) + 1;
  const settings = ctx.uploadFaults;
  const fault =
    settings && drawUploadFault(settings.settings, settings.seed, part, upload.attempts[key], upload.faulted[key] ?? 0);
  if (fault) upload.faulted[key] = (upload.faulted[key] ?? 0) + 1;
  if (fault === 'http5xx') return { status: 500, body: { status: false, message: 'Internal Server Error' } };
  if (fault === 'rateLimit') {
    const seconds = settings?.settings.retryAfterSeconds ?? 0;
    return {
      status: 429,
      body: { status: false, message: `Too many requests (Retry-After: ${seconds})` },
      headers: { 'retry-after': String(seconds) },
    };
  }
  if (fault === 'resetBefore') return { status: 0, body: null, fault: { kind: 'resetBefore' } };
  const etag = `"${createHash('md5').update(file.bytes).digest('hex')}"`;
  upload.parts[key] = { etag, size: file.bytes.length, data: file.bytes.toString('base64') };
  upload.stored[key] = (upload.stored[key] ?? 0) + 1;
  const answer = ok(ctx.op, {
    ETag: etag,
    ServerSideEncryption: 'AES256',
    $metadata: { httpStatusCode: 200, requestId: randomBytes(8).toString('hex').toUpperCase(), attempts: 1 },
  });
  // Stored, but the answer is lost: the client cannot tell this part from one that never arrived.
  return fault === 'resetAfter' ? { ...answer, fault: { kind: 'resetAfter' } } : answer;
}

/**
 * @param {import('./answers.mjs').HandlerContext} ctx
 * @param {OpenUpload} upload
 * @param {unknown} listed
 * @returns {import('./answers.mjs').Answer}
 */
function completeUpload(ctx, upload, listed) {
  if (!Array.isArray(listed) || listed.length === 0) return badRequest('parts must list the uploaded parts');
  // The same end again (a retry whose first answer was lost) answers the same file, as S3 does; other parts do not.
  if (upload.completed) {
    if (upload.completed.parts === JSON.stringify(listed)) return ok(ctx.op, { file: upload.completed.file });
    return { status: 404, body: { status: false, message: 'Upload not found' } };
  }
  /** @type {{ number: number, size: number, data: string }[]} */
  const chosen = [];
  let previous = 0;
  for (const entry of listed) {
    const number = Number(entry?.PartNumber);
    if (!Number.isInteger(number) || number <= previous)
      return badRequest('parts must be in ascending PartNumber order, each number once');
    previous = number;
    const stored = upload.parts[String(number)];
    if (!stored) return badRequest(`part ${number} was never uploaded`);
    if (entry.ETag !== stored.etag) return badRequest(`part ${number}: the ETag does not match the stored part`);
    chosen.push({ number, size: stored.size, data: stored.data });
  }
  const small = chosen.slice(0, -1).find((p) => p.size < MIN_PART_BYTES);
  if (small)
    return badRequest(
      `part ${small.number} holds ${small.size} bytes: every part but the last must hold 5 MiB or more`,
    );
  const pieces = chosen.map((p) => Buffer.from(p.data, 'base64'));
  const bytes = Buffer.concat(pieces);
  storeFile(ctx, upload.filename, bytes, { public: upload.public, contentType: upload.contentType });
  // The parts' bytes are dropped; the record stays closed, so a part sent now is refused.
  const file = fileUrl(ctx, upload.filename);
  upload.parts = {};
  upload.completed = { parts: JSON.stringify(listed), file };
  return ok(ctx.op, { file });
}

/**
 * The address of a stored file, as TagoIO answers it (`<api>/file/<profile>/<path>`), on the emulator's host.
 * @param {import('./answers.mjs').HandlerContext} ctx
 * @param {string} name
 */
export function fileUrl(ctx, name) {
  const path = name.split('/').filter(Boolean).map(encodeURIComponent).join('/');
  return `${ctx.origin ?? 'http://127.0.0.1'}/file/${ctx.profileId}/${path}`;
}
