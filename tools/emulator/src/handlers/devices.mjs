// @ts-check
// Devices on the account side: listed (with filters, order, paging and fields), created, read, updated, removed.
import { publicDevice } from '../store.mjs';
import { wildcardMatch } from '../wildcard.mjs';
import { notFound, ok, pathDevice } from './answers.mjs';

/** The fields of a device-creation body (the spec's) the store keeps; the rest is ignored, as TagoIO does. */
const NEW_DEVICE_FIELDS = [
  'name', 'description', 'type', 'active', 'visible', 'connector', 'network', 'tags', 'serie_number', 'payload_decoder',
  'configuration_params',
];

/** The fields `PUT /device/{deviceID}` may change. */
const UPDATABLE_FIELDS = [
  'name', 'description', 'active', 'visible', 'tags', 'connector', 'network', 'payload_decoder', 'serie_number',
];

/**
 * The device a creation body asks for. Picked field by field, never spread: a spread let the body choose
 * `tokens` (or `id`, `profile`), and `tokens: [<the profile token>]` turned the profile token into the new
 * device's. The new device's token is always generated.
 * @param {any} body
 * @returns {Record<string, unknown>}
 */
export function newDeviceInput(body) {
  /** @type {Record<string, unknown>} */
  const input = {};
  for (const key of NEW_DEVICE_FIELDS) if (body?.[key] !== undefined) input[key] = body[key];
  return input;
}

/**
 * `GET /device`: filtered by name (wildcards), id, tags and serial, ordered, paged, cut to the asked fields.
 * @param {import('./answers.mjs').HandlerContext} ctx
 */
function listDevices(ctx) {
  const q = ctx.query;
  let rows = [...ctx.store.devices.values()];
  const f = q.filter && typeof q.filter === 'object' ? q.filter : {};
  if (typeof f.name === 'string') rows = rows.filter((d) => wildcardMatch(f.name, d.name));
  if (typeof f.id === 'string') rows = rows.filter((d) => d.id === f.id);
  if (Array.isArray(f.tags)) {
    /** @param {{ key?: string, value?: string }} t @param {{ key: string, value: string }} x */
    const fits = (t, x) => (t.key === undefined || x.key === t.key) && (t.value === undefined || x.value === t.value);
    rows = rows.filter((d) => f.tags.every((/** @type {any} */ t) => d.tags.some((x) => fits(t, x))));
  }
  if (typeof q.serial === 'string') rows = rows.filter((d) => d.serie_number === q.serial);
  const [field = 'name', dir] = String(q.orderBy ?? 'name,asc').split(',');
  /** @param {import('../store.mjs').Device} d */
  const sortKey = (d) => String(/** @type {Record<string, unknown>} */ (d)[field] ?? '');
  rows.sort((a, b) => sortKey(a).localeCompare(sortKey(b)) * (dir === 'desc' ? -1 : 1));
  const page = Number(q.page ?? 1);
  const amount = Number(q.amount ?? 20);
  const fields = Array.isArray(q.fields) ? q.fields.map(String) : ['id', 'name', 'tags'];
  return rows.slice((page - 1) * amount, page * amount).map((d) => {
    /** @type {Record<string, unknown>} */
    const full = { ...publicDevice(d), bucket: d.id };
    /** @type {Record<string, unknown>} */
    const out = { id: d.id };
    for (const k of fields) if (full[k] !== undefined) out[k] = full[k];
    return out;
  });
}

/** @type {import('./answers.mjs').HandlerMap} */
export const DEVICE_HANDLERS = {
  listDevices(ctx) {
    return ok(ctx.op, listDevices(ctx));
  },
  createDevice(ctx) {
    const d = ctx.store.createDevice(newDeviceInput(ctx.body));
    return ok(ctx.op, { device_id: d.id, bucket_id: d.id, token: d.tokens[0]?.token });
  },
  getDevice(ctx) {
    const d = pathDevice(ctx);
    return d ? ok(ctx.op, publicDevice(d)) : notFound('Device not found');
  },
  updateDevice(ctx) {
    const d = pathDevice(ctx);
    if (!d) return notFound('Device not found');
    /** @type {Record<string, unknown>} */
    const fields = d;
    for (const k of UPDATABLE_FIELDS) if (ctx.body?.[k] !== undefined) fields[k] = ctx.body[k];
    d.updated_at = new Date().toISOString();
    return ok(ctx.op, 'Successfully Updated');
  },
  deleteDevice(ctx) {
    const removed = ctx.store.removeDevice(ctx.pathParams.deviceID ?? '');
    return removed ? ok(ctx.op, 'Device Successfully Removed') : notFound('Device not found');
  },
};
