// @ts-check
// Device tokens on the account side: created (with an expiry), listed by device or by one of its tokens, removed;
// and profile tokens, which work as profile tokens on every route once created.
import { parseDate } from '../store.mjs';
import { listPage } from '../list-query.mjs';
import { notFound, ok } from './answers.mjs';
import { confirmation } from './resources.mjs';

const PROFILE_TOKENS = 'profileTokens';

/** @type {import('./answers.mjs').HandlerMap} */
export const TOKEN_HANDLERS = {
  createDeviceToken(ctx) {
    const b = ctx.body ?? {};
    const options = {
      name: b.name,
      permission: b.permission,
      expire_time: b.expire_time,
      serie_number: b.serie_number,
    };
    const t = ctx.store.addDeviceToken(b.device, options);
    if (!t) return notFound('Device not found');
    return ok(ctx.op, { token: t.token, permission: t.permission, expire_date: expiry(t.expire_time) });
  },
  listDeviceTokens(ctx) {
    const key = ctx.pathParams.deviceIDOrToken ?? ctx.pathParams.deviceID ?? '';
    const owner = ctx.store.tokens.get(key);
    const d = ctx.store.devices.get(owner?.kind === 'device' ? (owner.deviceId ?? '') : key);
    if (!d) return notFound('Device not found');
    return ok(
      ctx.op,
      d.tokens.map((t) => ({ name: t.name, token: t.token, permission: t.permission })),
    );
  },
  createProfileToken(ctx) {
    const b = ctx.body ?? {};
    const token = ctx.store.newToken();
    ctx.store.addToken('profile', token);
    const record = {
      name: b.name,
      token,
      permission: b.permission ?? 'full',
      expire_time: b.expire_time ?? 'never',
      created_at: new Date().toISOString(),
    };
    ctx.store.resources(PROFILE_TOKENS).set(token, record);
    return ok(ctx.op, { token, expire_date: expiry(b.expire_time), permission: record.permission });
  },
  listProfileTokens(ctx) {
    const rows = [...ctx.store.resources(PROFILE_TOKENS).values()].map((t) => ({ ...t, id: t.token }));
    const defaultFields = ['name', 'token', 'permission', 'expire_time', 'created_at'];
    const page = listPage(rows, ctx.query, { defaultFields, defaultOrder: 'created_at,desc' });
    // Tokens have no id of their own: listPage's row id was the token.
    return ok(
      ctx.op,
      page.map(({ id: _id, ...t }) => t),
    );
  },
  deleteProfileToken(ctx) {
    const token = ctx.pathParams.token ?? '';
    if (!ctx.store.resources(PROFILE_TOKENS).delete(token)) return notFound('Token not found');
    ctx.store.tokens.delete(token);
    return ok(ctx.op, confirmation(ctx));
  },
  deleteDeviceToken(ctx) {
    const removed = ctx.store.removeDeviceToken(ctx.pathParams.deviceIDOrToken ?? ctx.pathParams.token ?? '');
    return removed ? ok(ctx.op, 'Token Successfully Removed') : notFound('Token not found');
  },
};

/**
 * `never`, or the instant an expiry means (relative spans count forward from now).
 * @param {unknown} input
 */
function expiry(input) {
  if (input === undefined || input === 'never') return 'never';
  const now = Date.now();
  const t = parseDate(String(input), now);
  if (t === undefined) return 'never';
  return new Date(/^\d/.test(String(input)) && !/^\d{4}-/.test(String(input)) ? now + (now - t) : t).toISOString();
}
