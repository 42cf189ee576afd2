// @ts-check
// The TagoRUN side kept in the store besides its users: the portal's settings and SAML settings (one each, read
// back as edited), custom domains by profile, and notifications sent to run users.
import { exampleResult, notFound, ok } from './answers.mjs';
import { confirmation, resourceHandlers } from './resources.mjs';

/** @type {import('./resources.mjs').ResourceKind} */
export const RUN_NOTIFICATION = {
  collection: 'runNotifications',
  label: 'Notification',
  idParam: 'id',
  shapeOf: 'listRunUserNotifications',
  ops: { create: 'createRunNotification', update: 'updateRunNotification', remove: 'deleteRunNotification' },
};

const SETTINGS = 'runSettings';
const CUSTOM_DOMAINS = 'runCustomDomains';

/**
 * A settings object kept under `key`, starting as the read operation's example.
 * @param {import('./answers.mjs').HandlerContext} ctx
 * @param {string} key
 * @param {string} readOp
 * @returns {Record<string, unknown>}
 */
function settings(ctx, key, readOp) {
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
function merge(target, changes) {
  for (const [key, value] of Object.entries(changes)) {
    const current = target[key];
    const both = [current, value].every((v) => v !== null && typeof v === 'object' && !Array.isArray(v));
    if (both) merge(/** @type {Record<string, unknown>} */ (current), /** @type {Record<string, unknown>} */ (value));
    else target[key] = structuredClone(value);
  }
}

/** @type {import('./answers.mjs').HandlerMap} */
export const RUN_SETTINGS_HANDLERS = {
  getRunSettings: (ctx) => ok(ctx.op, structuredClone(settings(ctx, 'run', 'getRunSettings'))),
  updateRunSettings(ctx) {
    merge(settings(ctx, 'run', 'getRunSettings'), ctx.body ?? {});
    return ok(ctx.op, confirmation(ctx));
  },
  getRunSamlSettings: (ctx) => ok(ctx.op, structuredClone(settings(ctx, 'saml', 'getRunSamlSettings'))),
  updateRunSamlSettings(ctx) {
    merge(settings(ctx, 'saml', 'getRunSamlSettings'), ctx.body ?? {});
    return ok(ctx.op, confirmation(ctx));
  },
  createRunCustomDomain(ctx) {
    const { domain, subdomain, email } = ctx.body ?? {};
    const example = /** @type {Record<string, unknown>} */ (exampleResult(ctx.spec, 'getRunCustomDomain') ?? {});
    // A new domain is not active until its DNS records are in place.
    const record = { ...structuredClone(example), active: false, domain, subdomain, email };
    ctx.store.resources(CUSTOM_DOMAINS).set(ctx.pathParams['profileID'] ?? '', record);
    return ok(ctx.op, confirmation(ctx));
  },
  getRunCustomDomain(ctx) {
    const record = ctx.store.resources(CUSTOM_DOMAINS).get(ctx.pathParams['profileID'] ?? '');
    return record ? ok(ctx.op, structuredClone(record)) : notFound('Custom domain not found');
  },
  deleteRunCustomDomain(ctx) {
    const removed = ctx.store.resources(CUSTOM_DOMAINS).delete(ctx.pathParams['profileID'] ?? '');
    return removed ? ok(ctx.op, confirmation(ctx)) : notFound('Custom domain not found');
  },
  regenerateRunCustomDomain(ctx) {
    const found = ctx.store.resources(CUSTOM_DOMAINS).has(ctx.pathParams['profileID'] ?? '');
    return found ? undefined : notFound('Custom domain not found');
  },
  ...resourceHandlers(RUN_NOTIFICATION),
  listRunUserNotifications(ctx) {
    const user = ctx.pathParams['id'] ?? '';
    const rows = [...ctx.store.resources(RUN_NOTIFICATION.collection).values()].filter((n) => n.run_user === user);
    return ok(ctx.op, structuredClone(rows));
  },
};
