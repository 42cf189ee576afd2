// @ts-check
// Entities (tables with a schema) and their rows, kept in the store: the entity by the shared resource engine,
// its rows in a collection of their own per entity.
import { listPage } from '../list-query.mjs';
import { notFound, ok } from './answers.mjs';
import { confirmation, resourceHandlers } from './resources.mjs';

/** @typedef {import('./answers.mjs').HandlerContext} HandlerContext */

/** @type {import('./resources.mjs').ResourceKind} */
export const ENTITY = {
  collection: 'entities',
  label: 'Entity',
  idParam: 'entityID',
  ops: {
    create: 'createEntity',
    list: 'listEntities',
    get: 'getEntity',
    update: 'updateEntity',
    remove: 'deleteEntity',
  },
};

/**
 * The rows of the entity a path names, or undefined when there is no such entity.
 * @param {HandlerContext} ctx
 */
function rowsOf(ctx) {
  const id = ctx.pathParams.entityID ?? '';
  return ctx.store.resources(ENTITY.collection).has(id) ? ctx.store.resources(`entityRows:${id}`) : undefined;
}

/** @param {unknown} body */
const asList = (body) => (Array.isArray(body) ? body : [body]);

const MISSING = notFound('Entity not found');

/** @type {import('./answers.mjs').HandlerMap} */
export const ENTITY_HANDLERS = {
  ...resourceHandlers(ENTITY),
  updateEntitySchema(ctx) {
    const entity = ctx.store.resources(ENTITY.collection).get(ctx.pathParams.entityID ?? '');
    if (!entity) return MISSING;
    entity.schema = { .../** @type {object} */ (entity.schema ?? {}), ...ctx.body };
    return ok(ctx.op, confirmation(ctx));
  },
  sendEntityData(ctx) {
    const rows = rowsOf(ctx);
    if (!rows) return MISSING;
    const list = asList(ctx.body);
    const now = new Date().toISOString();
    for (const row of list) {
      const id = ctx.store.nextId();
      rows.set(id, { ...structuredClone(row), id, created_at: now, updated_at: now });
    }
    return ok(ctx.op, `${list.length} Data Added`);
  },
  listEntityData(ctx) {
    const rows = rowsOf(ctx);
    if (!rows) return MISSING;
    const all = [...rows.values()];
    const fields = Object.keys(all.reduce((keys, row) => Object.assign(keys, row), {}));
    // Rows sort on the last column of the chosen `index`, in the `order_by` direction (created_at without one).
    const entity = ctx.store.resources(ENTITY.collection).get(ctx.pathParams.entityID ?? '');
    const index = /** @type {Record<string, { fields?: string[] }>} */ (entity?.index ?? {})[ctx.query.index ?? ''];
    const column = index?.fields?.[index.fields.length - 1] ?? 'created_at';
    const orderBy = `${column},${ctx.query.order_by ?? 'asc'}`;
    return ok(ctx.op, listPage(all, { ...ctx.query, orderBy }, { defaultFields: fields }));
  },
  getEntityDataAmount(ctx) {
    const rows = rowsOf(ctx);
    return rows ? ok(ctx.op, rows.size) : MISSING;
  },
  editEntityData(ctx) {
    const rows = rowsOf(ctx);
    if (!rows) return MISSING;
    let n = 0;
    for (const edit of asList(ctx.body)) {
      const row = rows.get(String(edit?.id ?? ''));
      if (!row) continue;
      Object.assign(row, structuredClone(edit), { updated_at: new Date().toISOString() });
      n++;
    }
    return ok(ctx.op, `${n} item(s) updated`);
  },
  deleteEntityData(ctx) {
    const rows = rowsOf(ctx);
    if (!rows) return MISSING;
    const n = (ctx.body?.ids ?? []).filter((/** @type {unknown} */ id) => rows.delete(String(id))).length;
    return ok(ctx.op, `${n} item(s) deleted`);
  },
  emptyEntityData(ctx) {
    const rows = rowsOf(ctx);
    if (!rows) return MISSING;
    rows.clear();
    return ok(ctx.op, confirmation(ctx));
  },
};
