import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import { TagoValidationError } from '@tagokit/core';

export interface FileBodyOptions {
  /** Media type of the file (the Blob's `type`); none by default, so the operation's own type applies. */
  type?: string;
  /** File name the Blob carries (a `File`); the path's last segment by default. */
  name?: string;
}

/**
 * A file on disk as a body: a `File` backed by the file, read only when sent (and only the slices sent, for an
 * upload in parts), so a large file is never held in memory. Its size is known (a content-length) and a retry reads
 * it again, unlike a Readable stream, which the core sends once. A missing or unreadable file is a
 * `TagoValidationError` (`file_unreadable`) naming the path.
 */
export async function fileBody(path: string, options: FileBodyOptions = {}): Promise<File> {
  if (typeof path !== 'string' || path === '')
    throw new TagoValidationError('fileBody: path must be a non-empty string', 'file_unreadable', 'path');
  let blob: Blob;
  try {
    blob = await openAsBlob(path, options.type === undefined ? {} : { type: options.type });
  } catch (error) {
    throw new TagoValidationError(
      `fileBody: cannot read ${path}: ${(error as Error).message}`,
      'file_unreadable',
      'path',
    );
  }
  // A File over the disk-backed Blob keeps it lazy: the bytes are read from disk when the body is sent.
  return new File([blob], options.name ?? basename(path), { type: blob.type });
}
