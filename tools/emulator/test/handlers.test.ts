// The handler maps are keyed by operation id: a key the spec does not have would never be called (its route would
// answer the spec example instead), so the start refuses it and names it.
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../src/emulator.mjs';
import { checkedHandlers, HANDLER_AREAS } from '../src/handlers/index.mjs';
import { spec } from './helpers.js';

describe('handler maps are checked against the spec at start-up', () => {
  it('a misspelt operation id makes the start fail with the id, its area and the reason', async () => {
    const areas = { ...HANDLER_AREAS, devices: { ...HANDLER_AREAS.devices, getDevcie: () => undefined } };
    await expect(startEmulator({ rateLimits: false }, areas)).rejects.toThrow(
      'Emulator handlers: "getDevcie" (in devices) is not an operation id of the spec',
    );
  });

  it('an id claimed by two areas is refused', () => {
    const areas = { info: HANDLER_AREAS.info, copy: { getTokenInfo: HANDLER_AREAS.info.getTokenInfo! } };
    expect(() => checkedHandlers(spec, areas)).toThrow('"getTokenInfo" is handled twice (in info and copy)');
  });

  it('the shipped handlers pass, and are the stateful operations the emulator has always had', () => {
    const handlers = checkedHandlers(spec);
    // Listed here so that a handler dropped from its area, or an area dropped from the index, fails.
    const stateful = [
      'createDevice', 'createDeviceToken', 'createDeviceUsingNetwork', 'deleteData', 'deleteDevice',
      'deleteDeviceData', 'deleteDeviceParam', 'deleteDeviceToken', 'editData', 'editDeviceData',
      'emptyDeviceData', 'getData', 'getDevice', 'getDeviceData', 'getDeviceDataAmount', 'getTokenInfo',
      'listConfigParams', 'listDeviceParams', 'listDeviceTokens', 'listDevices', 'markConfigParamRead',
      'resolveNetworkDeviceToken', 'runAnalysis', 'sendAnalysisConsoleMessage', 'sendData', 'sendDeviceData',
      'setDeviceParams', 'updateDevice',
    ];
    expect([...handlers.keys()].sort()).toEqual(stateful);
  });
});
