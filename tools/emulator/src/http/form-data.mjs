// @ts-check
// multipart/form-data bodies (the start and part steps of a multipart upload), parsed with busboy: text fields by
// name, files by field name with their bytes. Malformed forms are refused, never guessed at.
import busboy from 'busboy';

/**
 * A file field of a form.
 * @typedef {{ filename: string, contentType: string, bytes: Buffer }} FormFile
 */
/** @typedef {{ fields: Record<string, string>, files: Record<string, FormFile> }} ParsedForm */

/**
 * Parses a whole form body. Resolves `{ form }`, or `{ error }` naming what is wrong (no boundary, a broken body,
 * a field given twice): the caller answers 400 with it.
 * @param {Buffer} bytes
 * @param {string} contentType  the request's header, with its boundary
 * @returns {Promise<{ form: ParsedForm, error?: undefined } | { error: string }>}
 */
export function parseFormData(bytes, contentType) {
  /** @type {import('busboy').Busboy} */
  let parser;
  try {
    parser = busboy({ headers: { 'content-type': contentType }, defParamCharset: 'utf8' });
  } catch (error) {
    return Promise.resolve({ error: `the form cannot be read: ${/** @type {Error} */ (error).message}` });
  }
  return new Promise((resolve) => {
    /** @type {ParsedForm} */
    const form = { fields: Object.create(null), files: Object.create(null) };
    /** @type {string | undefined} */
    let problem;
    const seen = new Set();
    /** @param {string} name */
    const once = (name) => {
      if (seen.has(name)) problem ??= `the form gives the field "${name}" twice`;
      seen.add(name);
    };
    let pending = 0;
    let ended = false;
    const finish = () => {
      if (!ended || pending > 0) return;
      resolve(problem ? { error: problem } : { form });
    };
    parser.on('field', (name, value) => {
      once(name);
      form.fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      once(name);
      pending++;
      /** @type {Buffer[]} */
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        form.files[name] = {
          filename: info.filename ?? '',
          contentType: info.mimeType || 'application/octet-stream',
          bytes: Buffer.concat(chunks),
        };
        pending--;
        finish();
      });
    });
    parser.on('error', (error) => {
      ended = true;
      pending = 0;
      problem = `the form cannot be read: ${/** @type {Error} */ (error).message}`;
      finish();
    });
    parser.on('close', () => {
      ended = true;
      finish();
    });
    parser.end(bytes);
  });
}
