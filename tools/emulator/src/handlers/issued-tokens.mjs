// @ts-check
// Tokens the account issues and keeps as records (profile tokens, network tokens, service authorizations): each one
// is registered with its kind, so it authenticates as that kind until it is revoked.
import { listPage } from '../list-query.mjs';
import { notFound, ok } from './answers.mjs';
import { confirmation } from './resources.mjs';

/**
 * Registers a new token of `kind` and keeps `fields` with it in `collection` (keyed by the token).
 * @param {import('./answers.mjs').HandlerContext} ctx
 * @param {string} collection
 * @param {import('../index.mjs').TokenKind} kind
 * @param {Record<string, unknown>} fields
 * @param {string} [prefix]  how TagoIO's tokens of this kind start (`at` for service authorizations)
 * @returns {Record<string, unknown> & { token: string }}
 */
export function issueToken(ctx, collection, kind, fields, prefix = '') {
  const token = `${prefix}${ctx.store.newToken()}`;
  ctx.store.addToken(kind, token);
  const record = { ...fields, token, created_at: new Date().toISOString() };
  ctx.store.resources(collection).set(token, record);
  return record;
}

/**
 * A page of the kept tokens (optionally only those `match` keeps), without the row id listPage sorts by.
 * @param {import('./answers.mjs').HandlerContext} ctx
 * @param {string} collection
 * @param {string[]} defaultFields
 * @param {(row: Record<string, unknown>) => boolean} [match]
 */
export function listTokens(ctx, collection, defaultFields, match = () => true) {
  const rows = [...ctx.store.resources(collection).values()].filter(match).map((t) => ({ ...t, id: t.token }));
  const page = listPage(rows, ctx.query, { defaultFields, defaultOrder: 'created_at,desc' });
  // Tokens have no id of their own: listPage's row id was the token.
  return ok(
    ctx.op,
    page.map(({ id: _id, ...t }) => t),
  );
}

/**
 * Removes a kept token: it stops authenticating at once.
 * @param {import('./answers.mjs').HandlerContext} ctx
 * @param {string} collection
 * @param {string} token
 */
export function revokeToken(ctx, collection, token) {
  if (!ctx.store.resources(collection).delete(token)) return notFound('Token not found');
  ctx.store.tokens.delete(token);
  return ok(ctx.op, confirmation(ctx));
}
