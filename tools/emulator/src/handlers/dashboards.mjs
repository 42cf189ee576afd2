// @ts-check
// Dashboards and the widgets inside them, kept in the store.
import { resourceHandlers } from './resources.mjs';

/** @type {import('./resources.mjs').ResourceKind} */
export const DASHBOARD = {
  collection: 'dashboards',
  label: 'Dashboard',
  idParam: 'dashboardID',
  defaultOrder: 'label,asc',
  ops: {
    create: 'createDashboard',
    list: 'listDashboards',
    get: 'getDashboard',
    update: 'updateDashboard',
    remove: 'deleteDashboard',
  },
};

/** @type {import('./resources.mjs').ResourceKind} */
export const WIDGET = {
  collection: 'widgets',
  label: 'Widget',
  idParam: 'widgetID',
  parent: { kind: DASHBOARD, field: 'dashboard' },
  ops: { create: 'createWidget', get: 'getWidget', update: 'updateWidget', remove: 'deleteWidget' },
};

/** @type {import('./answers.mjs').HandlerMap} */
export const DASHBOARD_HANDLERS = { ...resourceHandlers(DASHBOARD), ...resourceHandlers(WIDGET) };
