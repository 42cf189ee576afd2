// @ts-check
// Every stateful operation's handler, by operation id, and the start-up check that each id is one of the spec's:
// a renamed or misspelt id would otherwise never be called, and its route would quietly answer the spec example.
import { ANALYSIS_HANDLERS } from './analysis.mjs';
import { DATA_HANDLERS } from './data.mjs';
import { DEVICE_HANDLERS } from './devices.mjs';
import { INFO_HANDLERS } from './info.mjs';
import { NETWORK_HANDLERS } from './network.mjs';
import { PARAMS_HANDLERS } from './params.mjs';
import { TOKEN_HANDLERS } from './tokens.mjs';

/** @typedef {import('./answers.mjs').HandlerMap} HandlerMap */

/** The handler maps by area; an id may appear in one area only. */
export const HANDLER_AREAS = Object.freeze({
  info: INFO_HANDLERS,
  devices: DEVICE_HANDLERS,
  data: DATA_HANDLERS,
  params: PARAMS_HANDLERS,
  tokens: TOKEN_HANDLERS,
  network: NETWORK_HANDLERS,
  analysis: ANALYSIS_HANDLERS,
});

/**
 * One map of every area's handlers, checked against the spec: throws naming every key that is not an operation id
 * of the spec, and every id two areas both claim.
 * @param {import('../spec.mjs').Spec} spec
 * @param {Readonly<Record<string, HandlerMap>>} [areas]
 * @returns {Map<string, import('./answers.mjs').Handler>}
 */
export function checkedHandlers(spec, areas = HANDLER_AREAS) {
  /** @type {Map<string, import('./answers.mjs').Handler>} */
  const handlers = new Map();
  /** @type {Map<string, string>} */
  const areaOf = new Map();
  const problems = [];
  for (const [area, map] of Object.entries(areas)) {
    for (const [id, handler] of Object.entries(map)) {
      if (!spec.byId.has(id)) problems.push(`"${id}" (in ${area}) is not an operation id of the spec`);
      else if (areaOf.has(id)) problems.push(`"${id}" is handled twice (in ${areaOf.get(id)} and ${area})`);
      areaOf.set(id, area);
      handlers.set(id, handler);
    }
  }
  if (problems.length) throw new Error(`Emulator handlers: ${problems.join('; ')}`);
  return handlers;
}
