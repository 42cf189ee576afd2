import { readFileSync } from 'node:fs';

import { SpecLoadError } from './errors.js';

/**
 * The parts of an OpenAPI 3.1 document spec readers share. Loose on purpose: each reader checks what it uses.
 * @typedef {{
 *   openapi: string,
 *   info: { title: string, version: string },
 *   paths: Record<string, Record<string, unknown>>,
 *   components?: Record<string, Record<string, unknown>>,
 *   tags?: { name: string, description?: string }[],
 *   [key: string]: unknown,
 * }} OpenApiDocument
 */

/**
 * Reads a bundled spec (JSON) and refuses what no spec reader can work from.
 * @param {string} file
 * @returns {OpenApiDocument}
 */
export function loadSpec(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SpecLoadError(`Cannot read the spec at ${file}: ${/** @type {Error} */ (error).message}`);
  }
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    const reason = /** @type {Error} */ (error).message;
    throw new SpecLoadError(`${file} is not JSON (bundle the spec first with \`pnpm spec:bundle\`): ${reason}`);
  }
  return checkDocument(doc, file);
}

/**
 * Checks the top of a parsed document and returns it typed.
 * @param {unknown} doc
 * @param {string} [source] how messages name the document
 * @returns {OpenApiDocument}
 */
export function checkDocument(doc, source = 'the spec') {
  if (!doc || typeof doc !== 'object') throw new SpecLoadError(`${source} is not an object`);
  const d = /** @type {Partial<OpenApiDocument>} */ (doc);
  const version = d.openapi;
  if (typeof version !== 'string' || !version.startsWith('3.1')) {
    throw new SpecLoadError(`${source} must be OpenAPI 3.1 (found ${JSON.stringify(version)})`);
  }
  if (!d.info || typeof d.info.version !== 'string') throw new SpecLoadError(`${source} has no info.version`);
  if (!d.paths || typeof d.paths !== 'object') throw new SpecLoadError(`${source} has no paths`);
  return /** @type {OpenApiDocument} */ (d);
}
