// @ts-check
// Integrations kept in the store: connectors and networks (created, listed, read, edited, removed), the tokens of a
// network (working network tokens until removed) and service authorizations (working tokens of their own kind).
import { DEFAULT_DEVICE_NETWORK, DEFAULT_PROFILE_ID } from '../store.mjs';
import { notFound, ok } from './answers.mjs';
import { issueToken, listTokens, revokeToken } from './issued-tokens.mjs';
import { confirmation, resourceHandlers } from './resources.mjs';

/** @type {import('./resources.mjs').ResourceKind} */
export const CONNECTOR = {
  collection: 'connectors',
  label: 'Connector',
  idParam: 'connectorID',
  ops: {
    create: 'createConnector',
    list: 'listConnectors',
    get: 'getConnector',
    update: 'updateConnector',
    remove: 'deleteConnector',
  },
};

/** @type {import('./resources.mjs').ResourceKind} */
export const NETWORK = {
  collection: 'networks',
  label: 'Network',
  idParam: 'networkID',
  ops: {
    create: 'createNetwork',
    list: 'listNetworks',
    get: 'getNetwork',
    update: 'updateNetwork',
    remove: 'deleteNetwork',
  },
};

const NETWORK_TOKENS = 'networkTokens';
const SERVICE_AUTHORIZATIONS = 'serviceAuthorizations';

/**
 * Whether a network exists: one created in the store, or the default network every seeded device is in.
 * @param {import('./answers.mjs').HandlerContext} ctx
 * @param {unknown} id
 */
function networkExists(ctx, id) {
  return id === DEFAULT_DEVICE_NETWORK || ctx.store.resources(NETWORK.collection).has(String(id));
}

/** @type {import('./answers.mjs').HandlerMap} */
export const INTEGRATION_HANDLERS = {
  ...resourceHandlers(CONNECTOR),
  ...resourceHandlers(NETWORK),
  createNetworkToken(ctx) {
    const { network, name, permission, expire_time } = ctx.body ?? {};
    if (!networkExists(ctx, network)) return notFound('Network not found');
    const record = issueToken(ctx, NETWORK_TOKENS, 'network', {
      network,
      name,
      permission,
      expire_time: expire_time ?? 'never',
    });
    return ok(ctx.op, { token: record.token, name, network });
  },
  listNetworkTokens(ctx) {
    const key = ctx.pathParams['networkIDOrToken'] ?? '';
    const byToken = ctx.store.resources(NETWORK_TOKENS).get(key);
    const network = byToken ? byToken.network : key;
    if (!networkExists(ctx, network)) return notFound('Network not found');
    return listTokens(ctx, NETWORK_TOKENS, ['name', 'token', 'permission'], (t) => t.network === network);
  },
  deleteNetworkToken(ctx) {
    return revokeToken(ctx, NETWORK_TOKENS, ctx.pathParams['networkIDOrToken'] ?? '');
  },
  createServiceAuthorization(ctx) {
    const { name, permission, expire_time, verification_code } = ctx.body ?? {};
    const record = issueToken(
      ctx,
      SERVICE_AUTHORIZATIONS,
      'serviceAuthorization',
      { name, permission: permission ?? 'full', expire_time: expire_time ?? 'never', verification_code },
      'at',
    );
    const additional = verification_code === undefined ? {} : { additional_parameters: verification_code };
    return ok(ctx.op, { token: record.token, name, profile: DEFAULT_PROFILE_ID, ...additional });
  },
  listServiceAuthorizations(ctx) {
    return listTokens(ctx, SERVICE_AUTHORIZATIONS, ['name', 'token', 'permission']);
  },
  updateServiceAuthorization(ctx) {
    const record = ctx.store.resources(SERVICE_AUTHORIZATIONS).get(ctx.pathParams['token'] ?? '');
    if (!record) return notFound('Token not found');
    record.verification_code = ctx.body?.verification_code ?? null;
    return ok(ctx.op, confirmation(ctx));
  },
  deleteServiceAuthorization(ctx) {
    return revokeToken(ctx, SERVICE_AUTHORIZATIONS, ctx.pathParams['token'] ?? '');
  },
};
