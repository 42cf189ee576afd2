// @ts-check
// Secrets (values analyses read by key), kept in the store.
import { resourceHandlers } from './resources.mjs';

/** @type {import('./resources.mjs').ResourceKind} */
export const SECRET = {
  collection: 'secrets',
  label: 'Secret',
  idParam: 'secretID',
  defaultOrder: 'key,asc',
  ops: {
    create: 'createSecret',
    list: 'listSecrets',
    get: 'getSecret',
    update: 'updateSecret',
    remove: 'deleteSecret',
  },
};

/** @type {import('./answers.mjs').HandlerMap} */
export const SECRET_HANDLERS = resourceHandlers(SECRET);
