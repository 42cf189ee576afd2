// @ts-check
// The TagoRUN side kept in the store besides its users: the portal's settings and SAML settings (one each, read
// back as edited), custom domains by profile, and notifications sent to run users.
import { exampleResult, notFound, ok } from './answers.mjs';
import { keptSettings, mergeSettings } from './kept-settings.mjs';
import { confirmation, resourceHandlers } from './resources.mjs';

/** @type {import('./resources.mjs').ResourceKind} */
export const RUN_NOTIFICATION = {
  collection: 'runNotifications',
  label: 'Notification',
  idParam: 'id',
  shapeOf: 'listRunUserNotifications',
  ops: { create: 'createRunNotification', update: 'updateRunNotification', remove: 'deleteRunNotification' },
};

const CUSTOM_DOMAINS = 'runCustomDomains';

/** @type {import('./answers.mjs').HandlerMap} */
export const RUN_SETTINGS_HANDLERS = {
  getRunSettings: (ctx) => ok(ctx.op, structuredClone(keptSettings(ctx, 'run', 'getRunSettings'))),
  updateRunSettings(ctx) {
    mergeSettings(keptSettings(ctx, 'run', 'getRunSettings'), ctx.body ?? {});
    return ok(ctx.op, confirmation(ctx));
  },
  getRunSamlSettings: (ctx) => ok(ctx.op, structuredClone(keptSettings(ctx, 'saml', 'getRunSamlSettings'))),
  updateRunSamlSettings(ctx) {
    mergeSettings(keptSettings(ctx, 'saml', 'getRunSamlSettings'), ctx.body ?? {});
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
