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

  it('the shipped handlers pass, and are the stateful operations the emulator has', () => {
    const handlers = checkedHandlers(spec);
    // Listed here so that a handler dropped from its area, or an area dropped from the index, fails.
    const stateful = [
      'createDevice',
      'createDeviceToken',
      'createDeviceUsingNetwork',
      'deleteData',
      'deleteDevice',
      'deleteDeviceData',
      'deleteDeviceParam',
      'deleteDeviceToken',
      'editData',
      'editDeviceData',
      'emptyDeviceData',
      'getData',
      'getDevice',
      'getDeviceData',
      'getDeviceDataAmount',
      'getTokenInfo',
      'listConfigParams',
      'listDeviceParams',
      'listDeviceTokens',
      'listDevices',
      'markConfigParamRead',
      'resolveNetworkDeviceToken',
      'runAnalysis',
      'sendAnalysisConsoleMessage',
      'sendData',
      'sendDeviceData',
      'setDeviceParams',
      'updateDevice',
      // profile tokens, and the account resources of the shared engine
      'createProfileToken',
      'listProfileTokens',
      'deleteProfileToken',
      'createDashboard',
      'listDashboards',
      'getDashboard',
      'updateDashboard',
      'deleteDashboard',
      'createWidget',
      'getWidget',
      'updateWidget',
      'deleteWidget',
      'createAction',
      'listActions',
      'getAction',
      'updateAction',
      'deleteAction',
      'createRunUser',
      'listRunUsers',
      'getRunUser',
      'updateRunUser',
      'deleteRunUser',
      'createSecret',
      'listSecrets',
      'getSecret',
      'updateSecret',
      'deleteSecret',
      'createAccessPolicy',
      'listAccessPolicies',
      'getAccessPolicy',
      'updateAccessPolicy',
      'deleteAccessPolicy',
      'createProfileNotification',
      'listProfileNotifications',
      'deleteProfileNotification',
      'markProfileNotificationsRead',
      'markAllProfileNotificationsRead',
      'createEntity',
      'listEntities',
      'getEntity',
      'updateEntity',
      'deleteEntity',
      'updateEntitySchema',
      'sendEntityData',
      'listEntityData',
      'getEntityDataAmount',
      'editEntityData',
      'deleteEntityData',
      'emptyEntityData',
      'uploadFiles',
      'uploadWidgetFile',
      'getFile',
      'listFiles',
      'deleteFiles',
      'moveFiles',
      'copyFiles',
      'getFilePermission',
      'updateFilePermissions',
      'listDictionaries',
      'createDictionary',
      'getDictionary',
      'updateDictionary',
      'deleteDictionary',
      'getDictionaryLanguage',
      'updateDictionaryLanguage',
      'deleteDictionaryLanguage',
      'getRunDictionaryLanguage',
    ].sort();
    expect([...handlers.keys()].sort()).toEqual(stateful);
  });
});
