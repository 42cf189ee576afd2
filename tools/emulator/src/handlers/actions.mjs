// @ts-check
// Actions (triggers and what they run), kept in the store.
import { resourceHandlers } from './resources.mjs';

/** @type {import('./resources.mjs').ResourceKind} */
export const ACTION = {
  collection: 'actions',
  label: 'Action',
  idParam: 'actionID',
  ops: {
    create: 'createAction',
    list: 'listActions',
    get: 'getAction',
    update: 'updateAction',
    remove: 'deleteAction',
  },
};

/** @type {import('./answers.mjs').HandlerMap} */
export const ACTION_HANDLERS = resourceHandlers(ACTION);
