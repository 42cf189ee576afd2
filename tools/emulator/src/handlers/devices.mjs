// @ts-check
// Devices on the account side: listed (with filters, order, paging and fields), created, read, updated, removed.
import { publicDevice } from '../store.mjs';
import { listPage } from '../list-query.mjs';
import { notFound, ok, pathDevice } from './answers.mjs';

/** The fields of a device-creation body (the spec's) the store keeps; the rest is ignored, as TagoIO does. */
const NEW_DEVICE_FIELDS = [
  'name',
  'description',
  'type',
  'active',
  'visible',
  'connector',
  'network',
  'tags',
  'serie_number',
  'payload_decoder',
  'configuration_params',
];

/** The fields `PUT /device/{deviceID}` may change. */
const UPDATABLE_FIELDS = [
  'name',
  'description',
  'active',
  'visible',
  'tags',
  'connector',
  'network',
  'payload_decoder',
  'serie_number',
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
  const serial = ctx.query.serial;
  const all = [...ctx.store.devices.values()];
  const devices = typeof serial === 'string' ? all.filter((d) => d.serie_number === serial) : all;
  const rows = devices.map((d) => ({ ...publicDevice(d), bucket: d.id }));
  return listPage(rows, ctx.query, { defaultFields: ['id', 'name', 'tags'] });
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
