// @ts-check
// The files of the profile's storage: their listing entries (collection `files`, what listFiles answers) and
// their bytes (collection `fileContents`, base64, so a snapshot keeps them), kept in step by these functions.
import { createHash } from 'node:crypto';

/** @typedef {{ filename: string, size: number, last_modified: string, public: boolean }} StoredFile */
/** @typedef {{ data: string, contentType: string }} StoredContent */

/**
 * @param {{ store: import('../store.mjs').Store }} ctx
 * @returns {Map<string, StoredFile>}
 */
export const filesOf = (ctx) => /** @type {any} */ (ctx.store.resources('files'));

/**
 * @param {{ store: import('../store.mjs').Store }} ctx
 * @returns {Map<string, StoredContent>}
 */
const contentsOf = (ctx) => /** @type {any} */ (ctx.store.resources('fileContents'));

/**
 * Stores (or replaces) a file with its bytes.
 * @param {{ store: import('../store.mjs').Store }} ctx
 * @param {string} name  the full name, starting with `/`
 * @param {Buffer} bytes
 * @param {{ public: boolean, contentType?: string }} options
 */
export function storeFile(ctx, name, bytes, options) {
  filesOf(ctx).set(name, {
    filename: name,
    size: bytes.length,
    last_modified: new Date().toISOString(),
    public: options.public,
  });
  contentsOf(ctx).set(name, {
    data: bytes.toString('base64'),
    contentType: options.contentType ?? 'application/octet-stream',
  });
}

/**
 * A stored file's bytes and media type, or undefined.
 * @param {{ store: import('../store.mjs').Store }} ctx
 * @param {string} name
 */
export function fileContent(ctx, name) {
  const content = contentsOf(ctx).get(name);
  if (!filesOf(ctx).has(name) || !content) return undefined;
  return { bytes: Buffer.from(content.data, 'base64'), contentType: content.contentType };
}

/** MD5 of bytes in hex, as the `md5=true` form of getFile answers. @param {Buffer} bytes */
export const md5Hex = (bytes) => createHash('md5').update(bytes).digest('hex');

/**
 * Removes a file and its bytes.
 * @param {{ store: import('../store.mjs').Store }} ctx
 * @param {string} name
 */
export function removeFile(ctx, name) {
  filesOf(ctx).delete(name);
  contentsOf(ctx).delete(name);
}

/**
 * Copies (or moves) a file with its bytes to another name.
 * @param {{ store: import('../store.mjs').Store }} ctx
 * @param {string} from
 * @param {string} to
 * @param {boolean} move
 */
export function relocateFile(ctx, from, to, move) {
  const file = /** @type {StoredFile} */ (filesOf(ctx).get(from));
  const content = contentsOf(ctx).get(from);
  if (move) removeFile(ctx, from);
  filesOf(ctx).set(to, { ...file, filename: to, last_modified: new Date().toISOString() });
  if (content) contentsOf(ctx).set(to, content);
}
