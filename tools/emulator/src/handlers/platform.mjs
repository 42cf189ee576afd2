// @ts-check
// The profile's TagoCore instances, saved SQL queries (with their versions) and templates, kept in the store. A
// query's execution answers the spec's example: the emulator has no SQL engine.
import { notFound, ok } from './answers.mjs';
import { resourceHandlers } from './resources.mjs';

/** @type {import('./resources.mjs').ResourceKind} */
export const TAGOCORE = {
  collection: 'tagoCores',
  label: 'TagoCore',
  idParam: 'tcoreID',
  ops: {
    create: 'createTagoCore',
    list: 'listTagoCores',
    get: 'getTagoCore',
    update: 'updateTagoCore',
    remove: 'deleteTagoCore',
  },
};

/** @type {import('./resources.mjs').ResourceKind} */
export const SQL_QUERY = {
  collection: 'sqlQueries',
  label: 'SQL query',
  idParam: 'sqlID',
  ops: {
    create: 'createSqlQuery',
    list: 'listSqlQueries',
    get: 'getSqlQuery',
    update: 'updateSqlQuery',
    remove: 'deleteSqlQuery',
  },
};

/** @type {import('./resources.mjs').ResourceKind} */
export const TEMPLATE = {
  collection: 'templates',
  label: 'Template',
  idParam: 'templateID',
  ops: { get: 'getTemplate' },
};

/** The versions of saved queries, keyed `<id>/<version>`: what each save replaced. */
const SQL_VERSIONS = 'sqlVersions';

const TAGOCORE_HANDLERS = resourceHandlers(TAGOCORE);
const SQL_HANDLERS = resourceHandlers(SQL_QUERY);

/**
 * Keeps the query and parameters of a saved query's current version.
 * @param {import('./answers.mjs').HandlerContext} ctx
 * @param {Record<string, unknown>} record
 */
function keepVersion(ctx, record) {
  const version = { query: record.query, params: record.params ?? [], created_at: new Date().toISOString() };
  ctx.store.resources(SQL_VERSIONS).set(`${record.id}/${record.version}`, version);
}

/** @type {import('./answers.mjs').HandlerMap} */
export const PLATFORM_HANDLERS = {
  ...TAGOCORE_HANDLERS,
  ...SQL_HANDLERS,
  generateTagoCoreToken(ctx) {
    const record = ctx.store.resources(TAGOCORE.collection).get(ctx.pathParams['tcoreID'] ?? '');
    if (!record) return notFound('TagoCore not found');
    // A new token replaces the instance's previous one; it is the instance's to connect with, not an API token.
    record.token = ctx.store.newToken();
    return ok(ctx.op, record.token);
  },
  createSqlQuery(ctx) {
    const created = /** @type {import('./answers.mjs').Handler} */ (SQL_HANDLERS.createSqlQuery)(ctx);
    const id = /** @type {any} */ (created)?.body?.result?.id;
    const record = ctx.store.resources(SQL_QUERY.collection).get(id);
    if (!record) return created;
    record.version = 1;
    keepVersion(ctx, record);
    // TagoIO answers the whole saved query.
    return ok(ctx.op, structuredClone(record));
  },
  updateSqlQuery(ctx) {
    const record = ctx.store.resources(SQL_QUERY.collection).get(ctx.pathParams['sqlID'] ?? '');
    if (!record) return notFound('SQL query not found');
    const { id: _id, version: _version, ...changes } = structuredClone(ctx.body ?? {});
    Object.assign(record, changes, { version: Number(record.version ?? 1) + 1 });
    if ('updated_at' in record) record.updated_at = new Date().toISOString();
    keepVersion(ctx, record);
    return ok(ctx.op, structuredClone(record));
  },
  deleteSqlQuery(ctx) {
    const id = ctx.pathParams['sqlID'] ?? '';
    const queries = ctx.store.resources(SQL_QUERY.collection);
    if (!queries.delete(id)) return notFound('SQL query not found');
    const versions = ctx.store.resources(SQL_VERSIONS);
    for (const key of [...versions.keys()]) if (key.startsWith(`${id}/`)) versions.delete(key);
    return ok(ctx.op, { id });
  },
  getSqlQueryVersion(ctx) {
    const id = ctx.pathParams['sqlID'] ?? '';
    if (!ctx.store.resources(SQL_QUERY.collection).has(id)) return notFound('SQL query not found');
    const version = ctx.store.resources(SQL_VERSIONS).get(`${id}/${ctx.pathParams['version']}`);
    return version ? ok(ctx.op, structuredClone(version)) : notFound('Version not found');
  },
  executeSqlQuery(ctx) {
    if (!ctx.store.resources(SQL_QUERY.collection).has(ctx.pathParams['sqlID'] ?? '')) {
      return notFound('SQL query not found');
    }
    return undefined;
  },
  createTemplate(ctx) {
    const { dashboard, analysis, name, image_main, image_logo, setup } = ctx.body ?? {};
    const source =
      dashboard === undefined ? { collection: 'analyses', id: analysis } : { collection: 'dashboards', id: dashboard };
    // A template is made from a resource of the profile (stored analyses and dashboards only).
    if (!ctx.store.resources(source.collection).has(String(source.id))) {
      return notFound(`${dashboard === undefined ? 'Analysis' : 'Dashboard'} not found`);
    }
    const id = ctx.store.nextId();
    const now = new Date().toISOString();
    const record = {
      id,
      name,
      type: dashboard === undefined ? 'analysis' : 'dashboard',
      ...(image_main === undefined ? {} : { image_main }),
      ...(image_logo === undefined ? {} : { image_logo }),
      ...(setup === undefined ? {} : { setup }),
      source: source.id,
      created_at: now,
      updated_at: now,
    };
    ctx.store.resources(TEMPLATE.collection).set(id, record);
    return ok(ctx.op, id);
  },
  getTemplate(ctx) {
    const record = ctx.store.resources(TEMPLATE.collection).get(ctx.pathParams['templateID'] ?? '');
    if (!record) return notFound('Template not found');
    const { id: _id, source: _source, setup: _setup, ...shown } = record;
    return ok(ctx.op, structuredClone(shown));
  },
  installTemplate(ctx) {
    if (!ctx.store.resources(TEMPLATE.collection).has(ctx.pathParams['templateID'] ?? '')) {
      return notFound('Template not found');
    }
    return undefined;
  },
};
