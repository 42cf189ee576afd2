// @ts-check
// The users of the profile's TagoRUN application, kept in the store.
import { resourceHandlers } from './resources.mjs';

/** @type {import('./resources.mjs').ResourceKind} */
export const RUN_USER = {
  collection: 'runUsers',
  label: 'TagoRUN User',
  idParam: 'userID',
  ops: {
    create: 'createRunUser',
    list: 'listRunUsers',
    get: 'getRunUser',
    update: 'updateRunUser',
    remove: 'deleteRunUser',
  },
};

/** @type {import('./answers.mjs').HandlerMap} */
export const RUN_USER_HANDLERS = resourceHandlers(RUN_USER);
