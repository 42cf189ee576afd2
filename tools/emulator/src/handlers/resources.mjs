// @ts-check
// The account's resources that are created, listed, read, edited and removed the same way (dashboards, widgets,
// actions, run users, secrets, access policies, dictionaries, entities, notifications): one engine, driven by a
// table per area. Shapes come from the spec: a new record starts from the read operation's example (so every field
// the spec shows is there, with its type), takes the body's fields, and gets its own id and dates; answers to
// create, edit and remove are the forms of the operations' own examples.
import { DEFAULT_PROFILE_ID } from '../store.mjs';
import { listPage } from '../list-query.mjs';
import { exampleResult, notFound, ok } from './answers.mjs';

/** @typedef {import('./answers.mjs').HandlerContext} HandlerContext */
/** @typedef {Record<string, unknown>} Resource */

/**
 * A kind of resource and the operations that act on it (each optional).
 * @typedef {object} ResourceKind
 * @property {string} collection  its name in the store (`dashboards`)
 * @property {string} label  how messages name one (`Dashboard`)
 * @property {string} idParam  the path parameter naming one (`dashboardID`)
 * @property {{ create?: string, list?: string, get?: string, update?: string, remove?: string }} ops
 * @property {{ kind: ResourceKind, field: string }} [parent]  a resource inside another (a widget's dashboard):
 *   the parent's path parameter must name one, and `field` of the record holds its id
 * @property {string} [defaultOrder]  `orderBy` when the request has none (default `name,asc`)
 * @property {string} [shapeOf]  the operation whose example gives the shape (default `ops.get`; a list's first row
 *   when the kind has no read operation)
 */

const OBJECT_ID = /^[0-9a-f]{24}$/;

/**
 * A fresh record's starting point: the read operation's example with its lists emptied (an example's tags or
 * widgets belong to the example, not to the new record).
 * @param {HandlerContext} ctx
 * @param {ResourceKind} kind
 * @returns {Resource}
 */
function template(ctx, kind) {
  const shapeOf = kind.shapeOf ?? kind.ops.get;
  const found = shapeOf ? exampleResult(ctx.spec, shapeOf) : undefined;
  const example = Array.isArray(found) ? found[0] : found;
  /** @type {Resource} */
  const out = {};
  for (const [k, v] of Object.entries(example && typeof example === 'object' ? example : {})) {
    out[k] = Array.isArray(v) ? [] : structuredClone(v);
  }
  return out;
}

/**
 * The create answer in the form of the operation's example: every id in it is the new id (`{dashboard: id}`,
 * `{am_id: id}`, `{id}`), other fields stay.
 * @param {HandlerContext} ctx
 * @param {string} id
 */
function createdAnswer(ctx, id) {
  const example = exampleResult(ctx.spec, ctx.op.id);
  if (!example || typeof example !== 'object') return { id };
  const isId = (/** @type {unknown} */ v) => typeof v === 'string' && OBJECT_ID.test(v);
  return Object.fromEntries(Object.entries(example).map(([k, v]) => [k, isId(v) ? id : v]));
}

/**
 * The confirmation an operation answers (its example's sentence or `{message}`).
 * @param {HandlerContext} ctx
 */
export function confirmation(ctx) {
  return exampleResult(ctx.spec, ctx.op.id) ?? 'Successfully Updated';
}

/**
 * The parent a path names (undefined when the kind has none), or a 404 answer.
 * @param {HandlerContext} ctx
 * @param {ResourceKind} kind
 * @returns {{ parentId?: string, missing?: import('./answers.mjs').Answer }}
 */
function parentOf(ctx, kind) {
  if (!kind.parent) return {};
  const parentId = ctx.pathParams[kind.parent.kind.idParam] ?? '';
  if (!ctx.store.resources(kind.parent.kind.collection).has(parentId)) {
    return { missing: notFound(`${kind.parent.kind.label} not found`) };
  }
  return { parentId };
}

/**
 * The record a path names, inside its parent when it has one.
 * @param {HandlerContext} ctx
 * @param {ResourceKind} kind
 * @returns {{ record?: Resource, missing?: import('./answers.mjs').Answer }}
 */
function recordOf(ctx, kind) {
  const { parentId, missing } = parentOf(ctx, kind);
  if (missing) return { missing };
  const record = ctx.store.resources(kind.collection).get(ctx.pathParams[kind.idParam] ?? '');
  if (!record || (kind.parent && record[kind.parent.field] !== parentId)) {
    return { missing: notFound(`${kind.label} not found`) };
  }
  return { record };
}

/**
 * The handlers of a kind's operations, keyed by operation id.
 * @param {ResourceKind} kind
 * @returns {import('./answers.mjs').HandlerMap}
 */
export function resourceHandlers(kind) {
  /** @type {import('./answers.mjs').HandlerMap} */
  const handlers = {};
  const { create, list, get, update, remove } = kind.ops;
  if (create) {
    handlers[create] = (ctx) => {
      const { parentId, missing } = parentOf(ctx, kind);
      if (missing) return missing;
      const id = ctx.store.nextId();
      const now = new Date().toISOString();
      const record = { ...template(ctx, kind), ...structuredClone(ctx.body ?? {}), id };
      if ('profile' in record) record.profile = DEFAULT_PROFILE_ID;
      for (const stamp of ['created_at', 'updated_at']) if (stamp in record) record[stamp] = now;
      if (kind.parent && parentId) record[kind.parent.field] = parentId;
      ctx.store.resources(kind.collection).set(id, record);
      return ok(ctx.op, createdAnswer(ctx, id));
    };
  }
  if (list) {
    handlers[list] = (ctx) => {
      const first = exampleResult(ctx.spec, list)?.[0];
      const defaultFields = first && typeof first === 'object' ? Object.keys(first) : ['id', 'name'];
      const rows = [...ctx.store.resources(kind.collection).values()];
      return ok(ctx.op, listPage(rows, ctx.query, { defaultFields, defaultOrder: kind.defaultOrder }));
    };
  }
  if (get) {
    handlers[get] = (ctx) => {
      const { record, missing } = recordOf(ctx, kind);
      return missing ?? ok(ctx.op, structuredClone(record));
    };
  }
  if (update) {
    handlers[update] = (ctx) => {
      const { record, missing } = recordOf(ctx, kind);
      if (missing || !record) return missing;
      // TagoIO's edits are partial: only the keys sent change; the id, the owner and the parent never do.
      const { id: _id, profile: _profile, ...changes } = structuredClone(ctx.body ?? {});
      if (kind.parent) delete changes[kind.parent.field];
      Object.assign(record, changes);
      if ('updated_at' in record) record.updated_at = new Date().toISOString();
      return ok(ctx.op, confirmation(ctx));
    };
  }
  if (remove) {
    handlers[remove] = (ctx) => {
      const { record, missing } = recordOf(ctx, kind);
      if (missing || !record) return missing;
      ctx.store.resources(kind.collection).delete(String(record.id));
      return ok(ctx.op, confirmation(ctx));
    };
  }
  return handlers;
}
