// @ts-check
// Data records: written, read, edited and deleted with a device token (`/data`) or a profile token
// (`/device/{deviceID}/data`).
import { callerDevice, notFound, ok, pathDevice } from './answers.mjs';

/**
 * Whether the body is a `text/plain` payload, which TagoIO hands to the device's payload decoder. The emulator runs
 * no decoder, so such a body stores nothing (it used to store the string as a record whose variable was
 * "undefined").
 * @param {import('./answers.mjs').HandlerContext} ctx
 */
function rawPayload(ctx) {
  return typeof ctx.body === 'string';
}

/** @type {import('./answers.mjs').HandlerMap} */
export const DATA_HANDLERS = {
  sendData(ctx) {
    const n = rawPayload(ctx) ? 0 : ctx.store.addData(callerDevice(ctx), ctx.body);
    return ok(ctx.op, `${n} Data Added`);
  },
  getData(ctx) {
    return ok(ctx.op, ctx.store.queryData(callerDevice(ctx), ctx.query));
  },
  editData(ctx) {
    return ok(ctx.op, `${ctx.store.editData(callerDevice(ctx), ctx.body)} item(s) updated`);
  },
  deleteData(ctx) {
    return ok(ctx.op, `${ctx.store.deleteData(callerDevice(ctx), ctx.query)} Data Removed`);
  },
  getDeviceDataAmount(ctx) {
    const d = pathDevice(ctx);
    return d ? ok(ctx.op, d.data.length) : notFound('Device not found');
  },
  getDeviceData(ctx) {
    const d = pathDevice(ctx);
    return d ? ok(ctx.op, ctx.store.queryData(d, ctx.query)) : notFound('Device not found');
  },
  sendDeviceData(ctx) {
    const d = pathDevice(ctx);
    if (!d) return notFound('Device not found');
    return ok(ctx.op, `${rawPayload(ctx) ? 0 : ctx.store.addData(d, ctx.body)} Data Added`);
  },
  editDeviceData(ctx) {
    const d = pathDevice(ctx);
    return d ? ok(ctx.op, `${ctx.store.editData(d, ctx.body)} item(s) updated`) : notFound('Device not found');
  },
  deleteDeviceData(ctx) {
    const d = pathDevice(ctx);
    return d ? ok(ctx.op, `${ctx.store.deleteData(d, ctx.query)} Data Removed`) : notFound('Device not found');
  },
  emptyDeviceData(ctx) {
    const d = pathDevice(ctx);
    if (!d) return notFound('Device not found');
    d.data = [];
    return ok(ctx.op, 'Data Successfully Removed');
  },
};
