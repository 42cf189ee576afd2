// @ts-check
// What a network token does: create devices in its network and resolve a device's token from its serial number.
import { newDeviceInput } from './devices.mjs';
import { notFound, ok } from './answers.mjs';

/** @type {import('./answers.mjs').HandlerMap} */
export const NETWORK_HANDLERS = {
  createDeviceUsingNetwork(ctx) {
    // The network is the token's own: the emulator's network token belongs to the store's default network.
    const d = ctx.store.createDevice({ ...newDeviceInput(ctx.body), network: undefined });
    return ok(ctx.op, { device_id: d.id, token: d.tokens[0]?.token });
  },
  resolveNetworkDeviceToken(ctx) {
    const d = [...ctx.store.devices.values()].find((x) => x.serie_number === ctx.pathParams.serial);
    return d && d.tokens[0] ? ok(ctx.op, d.tokens[0].token) : notFound('Device not found');
  },
};
