// @ts-check
// The profile's notifications: created, listed, marked read (some or all) and removed, kept in the store.
import { ok } from './answers.mjs';
import { confirmation, resourceHandlers } from './resources.mjs';

/** @type {import('./resources.mjs').ResourceKind} */
export const NOTIFICATION = {
  collection: 'notifications',
  label: 'Notification',
  idParam: 'notificationID',
  defaultOrder: 'created_at,desc',
  shapeOf: 'listProfileNotifications',
  ops: { create: 'createProfileNotification', list: 'listProfileNotifications', remove: 'deleteProfileNotification' },
};

/** @type {import('./answers.mjs').HandlerMap} */
export const NOTIFICATION_HANDLERS = {
  ...resourceHandlers(NOTIFICATION),
  markProfileNotificationsRead(ctx) {
    const ids = new Set(ctx.body?.notification_ids ?? []);
    const read = ctx.body?.read ?? true;
    for (const n of ctx.store.resources(NOTIFICATION.collection).values()) if (ids.has(n.id)) n.read = read;
    return ok(ctx.op, confirmation(ctx));
  },
  markAllProfileNotificationsRead(ctx) {
    for (const n of ctx.store.resources(NOTIFICATION.collection).values()) n.read = true;
    return ok(ctx.op, confirmation(ctx));
  },
};
