// @ts-check
// Configuration parameters: read and acknowledged by the device (`/device/params`), listed, set and removed on
// the account side (`/device/{deviceID}/params`).
import { callerDevice, notFound, ok, pathDevice } from './answers.mjs';

/** @typedef {import('../store.mjs').Device} Device */

/**
 * Copies of a device's parameters, only those with `sent === sentStatus` when it is given.
 * @param {Device} device
 * @param {unknown} sentStatus
 */
function paramsOf(device, sentStatus) {
  return device.params.filter((p) => sentStatus === undefined || p.sent === sentStatus).map((p) => ({ ...p }));
}

/**
 * Updates the parameters a body names by id (unknown ids are skipped) or by key, and adds the others.
 * @param {import('../store.mjs').Store} store
 * @param {Device} device
 * @param {any} body  one parameter or a list, validated against the spec
 */
function setParams(store, device, body) {
  for (const p of Array.isArray(body) ? body : [body]) {
    const existing = p.id
      ? device.params.find((x) => x.id === p.id)
      : p.key !== undefined
        ? device.params.find((x) => x.key === p.key)
        : undefined;
    if (p.id && !existing) continue;
    if (existing) {
      if (p.key !== undefined) existing.key = p.key;
      if (p.value !== undefined) existing.value = p.value;
      existing.sent = p.sent ?? false;
    } else {
      device.params.push({ id: store.nextId(), key: p.key, value: p.value ?? '', sent: p.sent ?? false });
    }
  }
}

/** @type {import('./answers.mjs').HandlerMap} */
export const PARAMS_HANDLERS = {
  listConfigParams(ctx) {
    return ok(ctx.op, paramsOf(callerDevice(ctx), ctx.query.sent_status));
  },
  markConfigParamRead(ctx) {
    const p = callerDevice(ctx).params.find((x) => x.id === ctx.pathParams.paramID);
    if (!p) return notFound('Param not found');
    p.sent = true;
    return ok(ctx.op, 'Params Successfully Updated');
  },
  listDeviceParams(ctx) {
    const d = pathDevice(ctx);
    return d ? ok(ctx.op, paramsOf(d, ctx.query.sent_status)) : notFound('Device not found');
  },
  setDeviceParams(ctx) {
    const d = pathDevice(ctx);
    if (!d) return notFound('Device not found');
    setParams(ctx.store, d, ctx.body);
    return ok(ctx.op, 'Params Successfully Updated');
  },
  deleteDeviceParam(ctx) {
    const d = pathDevice(ctx);
    if (!d) return notFound('Device not found');
    const before = d.params.length;
    d.params = d.params.filter((p) => p.id !== ctx.pathParams.paramID);
    return before === d.params.length ? notFound('Param not found') : ok(ctx.op, 'Params Successfully Removed');
  },
};
