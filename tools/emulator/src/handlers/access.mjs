// @ts-check
// Access Management policies, kept in the store.
import { resourceHandlers } from './resources.mjs';

/** @type {import('./resources.mjs').ResourceKind} */
export const ACCESS_POLICY = {
  collection: 'accessPolicies',
  label: 'Access Management',
  idParam: 'amID',
  ops: {
    create: 'createAccessPolicy',
    list: 'listAccessPolicies',
    get: 'getAccessPolicy',
    update: 'updateAccessPolicy',
    remove: 'deleteAccessPolicy',
  },
};

/** @type {import('./answers.mjs').HandlerMap} */
export const ACCESS_HANDLERS = resourceHandlers(ACCESS_POLICY);
