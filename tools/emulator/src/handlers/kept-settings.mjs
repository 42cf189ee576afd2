// @ts-check
// Settings objects the account keeps one of (the TagoRUN portal's, its SAML settings, the billing information):
// read back as edited, starting from the spec's read example.
import { exampleResult } from './answers.mjs';

const SETTINGS = 'settings';

/**
 * The settings kept under `key`, created from the read operation's example on first use.
 * @param {import('./answers.mjs').HandlerContext} ctx
 * @param {string} key
 * @param {string} readOp
 * @returns {Record<string, unknown>}
 */
export function keptSettings(ctx, key, readOp) {
  const kept = ctx.store.resources(SETTINGS);
  let value = kept.get(key);
  if (!value) {
    value = structuredClone(/** @type {Record<string, unknown>} */ (exampleResult(ctx.spec, readOp) ?? {}));
    kept.set(key, value);
  }
  return value;
}

/**
 * An edit of settings: the keys sent change; an object sent for an object merges into it (the SDK sends partial
 * nested settings), anything else replaces.
 * @param {Record<string, unknown>} target
 * @param {Record<string, unknown>} changes
 */
export function mergeSettings(target, changes) {
  for (const [key, value] of Object.entries(changes)) {
    const current = target[key];
    const both = [current, value].every((v) => v !== null && typeof v === 'object' && !Array.isArray(v));
    if (both) {
      mergeSettings(/** @type {Record<string, unknown>} */ (current), /** @type {Record<string, unknown>} */ (value));
    } else target[key] = structuredClone(value);
  }
}
