// @ts-check
// Faults of multipart upload parts. The general fault plan draws per request in arrival order, before the body
// says which step or part it is; parts travel in parallel, so that order varies between runs. These faults are
// drawn per (part number, attempt at that part) from the seed instead: the same seed fails the same attempts of
// the same parts in every run, however the client schedules them.
import { prng } from './faults.mjs';
import { refuseUnknownKeys, SettingsError } from './settings.mjs';

/** @typedef {'http5xx' | 'rateLimit' | 'resetBefore' | 'resetAfter'} UploadFaultKind */
/**
 * @typedef {{ rate: number, kinds: UploadFaultKind[], maxPerPart: number, retryAfterSeconds: number,
 *   parts: number[] | undefined }} UploadFaultSettings
 */

/** @type {readonly UploadFaultKind[]} */
export const UPLOAD_FAULT_KINDS = Object.freeze(['http5xx', 'rateLimit', 'resetBefore', 'resetAfter']);
const KEYS = ['rate', 'kinds', 'maxPerPart', 'retryAfterSeconds', 'parts'];

/**
 * Checks upload fault settings: `rate` (0..1, default 0), `kinds` (default all four), `maxPerPart` (faults per part
 * at most, default 2, so a client that retries gets through), `retryAfterSeconds` of a 429 (default 0), `parts`
 * (only these part numbers).
 * @param {unknown} input
 * @returns {UploadFaultSettings}
 */
export function normalizeUploadFaults(input = {}) {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw new SettingsError('uploadFaults must be an object');
  refuseUnknownKeys(input, KEYS, 'uploadFaults');
  const given = /** @type {Record<string, unknown>} */ (input);
  const rate = given.rate ?? 0;
  if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1))
    throw new SettingsError(`uploadFaults.rate must be a number from 0 to 1, got ${rate}`);
  const kinds = given.kinds ?? [...UPLOAD_FAULT_KINDS];
  if (!Array.isArray(kinds) || kinds.length === 0 || kinds.some((k) => !UPLOAD_FAULT_KINDS.includes(k)))
    throw new SettingsError(`uploadFaults.kinds must be a non-empty list of ${UPLOAD_FAULT_KINDS.join(', ')}`);
  const count = (/** @type {string} */ name, /** @type {number} */ fallback) => {
    const value = given[name] ?? fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
      throw new SettingsError(`uploadFaults.${name} must be a whole number from 0, got ${value}`);
    return value;
  };
  const parts = given.parts;
  if (parts !== undefined && (!Array.isArray(parts) || parts.some((p) => !Number.isInteger(p) || p < 1)))
    throw new SettingsError('uploadFaults.parts must be a list of part numbers from 1');
  return {
    rate,
    kinds: /** @type {UploadFaultKind[]} */ (kinds),
    maxPerPart: count('maxPerPart', 2),
    retryAfterSeconds: count('retryAfterSeconds', 0),
    parts: /** @type {number[] | undefined} */ (parts),
  };
}

/**
 * The fault of one attempt at a part, or undefined. `attempt` counts from 1 for each part of each upload.
 * @param {UploadFaultSettings} settings
 * @param {number} seed
 * @param {number} part
 * @param {number} attempt
 * @param {number} faultedSoFar  faults this part already had
 * @returns {UploadFaultKind | undefined}
 */
export function drawUploadFault(settings, seed, part, attempt, faultedSoFar) {
  if (settings.rate === 0 || faultedSoFar >= settings.maxPerPart) return undefined;
  if (settings.parts && !settings.parts.includes(part)) return undefined;
  const random = prng((seed * 1_000_003 + part * 7_919 + attempt * 104_729) >>> 0);
  if (random() >= settings.rate) return undefined;
  return settings.kinds[Math.floor(random() * settings.kinds.length)];
}
