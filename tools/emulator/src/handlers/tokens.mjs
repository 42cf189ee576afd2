// @ts-check
// Device tokens on the account side: created (with an expiry), listed by device or by one of its tokens, removed;
// and profile tokens, which work as profile tokens on every route once created.
import { parseDate } from '../store.mjs';
import { notFound, ok } from './answers.mjs';
import { issueToken, listTokens, revokeToken } from './issued-tokens.mjs';

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
    const fields = { name: b.name, permission: b.permission ?? 'full', expire_time: b.expire_time ?? 'never' };
    const record = issueToken(ctx, PROFILE_TOKENS, 'profile', fields);
    return ok(ctx.op, { token: record.token, expire_date: expiry(b.expire_time), permission: record.permission });
  },
  listProfileTokens(ctx) {
    return listTokens(ctx, PROFILE_TOKENS, ['name', 'token', 'permission', 'expire_time', 'created_at']);
  },
  deleteProfileToken(ctx) {
    return revokeToken(ctx, PROFILE_TOKENS, ctx.pathParams.token ?? '');
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
export function expiry(input) {
  if (input === undefined || input === 'never') return 'never';
  const now = Date.now();
  const t = parseDate(String(input), now);
  if (t === undefined) return 'never';
  return new Date(/^\d/.test(String(input)) && !/^\d{4}-/.test(String(input)) ? now + (now - t) : t).toISOString();
}
