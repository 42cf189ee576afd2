// @ts-check
// Every stateful operation's handler, by operation id, and the start-up check that each id is one of the spec's:
// a renamed or misspelt id would otherwise never be called, and its route would quietly answer the spec example.
import { ANALYSIS_HANDLERS } from './analysis.mjs';
import { DATA_HANDLERS } from './data.mjs';
import { DEVICE_HANDLERS } from './devices.mjs';
import { DICTIONARY_HANDLERS } from './dictionaries.mjs';
import { INFO_HANDLERS } from './info.mjs';
import { NETWORK_HANDLERS } from './network.mjs';
import { PARAMS_HANDLERS } from './params.mjs';
import { TOKEN_HANDLERS } from './tokens.mjs';
import { ACCESS_HANDLERS } from './access.mjs';
import { ACTION_HANDLERS } from './actions.mjs';
import { DASHBOARD_HANDLERS } from './dashboards.mjs';
import { ENTITY_HANDLERS } from './entities.mjs';
import { FILE_HANDLERS } from './files.mjs';
import { NOTIFICATION_HANDLERS } from './notifications.mjs';
import { RUN_USER_HANDLERS } from './run-users.mjs';
import { SECRET_HANDLERS } from './secrets.mjs';
import { ACCOUNT_HANDLERS } from './account.mjs';
import { INTEGRATION_HANDLERS } from './integrations.mjs';
import { PLATFORM_HANDLERS } from './platform.mjs';
import { RUN_SETTINGS_HANDLERS } from './run-settings.mjs';

/** @typedef {import('./answers.mjs').HandlerMap} HandlerMap */

/** The handler maps by area; an id may appear in one area only. */
export const HANDLER_AREAS = Object.freeze({
  info: INFO_HANDLERS,
  devices: DEVICE_HANDLERS,
  data: DATA_HANDLERS,
  params: PARAMS_HANDLERS,
  tokens: TOKEN_HANDLERS,
  network: NETWORK_HANDLERS,
  dashboards: DASHBOARD_HANDLERS,
  actions: ACTION_HANDLERS,
  notifications: NOTIFICATION_HANDLERS,
  runUsers: RUN_USER_HANDLERS,
  entities: ENTITY_HANDLERS,
  files: FILE_HANDLERS,
  secrets: SECRET_HANDLERS,
  access: ACCESS_HANDLERS,
  dictionaries: DICTIONARY_HANDLERS,
  analysis: ANALYSIS_HANDLERS,
  integrations: INTEGRATION_HANDLERS,
  platform: PLATFORM_HANDLERS,
  runSettings: RUN_SETTINGS_HANDLERS,
  account: ACCOUNT_HANDLERS,
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
