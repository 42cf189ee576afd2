import { describe, expect, it } from 'vitest';
import { camelCase, clientMethodNames, isReservedWord, pascalCase, propertyKey } from '../../src/model/naming.js';
import { ModelError } from '../../src/model/types.js';

describe('camelCase', () => {
  it.each([
    ['Device Data', 'deviceData'],
    ['TagoRUN User', 'tagoRunUser'],
    ['TagoRUN', 'tagoRun'],
    ['SQL', 'sql'],
    ['Devices', 'devices'],
    ['Access Management', 'accessManagement'],
    ['Service Authorization', 'serviceAuthorization'],
    ['TagoCore', 'tagoCore'],
    ['analysis-services', 'analysisServices'],
    ['  Info  ', 'info'],
    ['listDevices', 'listDevices'],
  ])('%s -> %s', (input, expected) => {
    expect(camelCase(input)).toBe(expected);
  });
});

describe('pascalCase', () => {
  it.each([
    ['deviceData', 'DeviceData'],
    ['Device Data', 'DeviceData'],
    ['TagoRUN User', 'TagoRunUser'],
    ['SQL', 'Sql'],
    ['listDevices', 'ListDevices'],
    ['getTokenInfo', 'GetTokenInfo'],
  ])('%s -> %s', (input, expected) => {
    expect(pascalCase(input)).toBe(expected);
  });
});

describe('isReservedWord / propertyKey', () => {
  it('knows the words that cannot be bare identifiers', () => {
    expect(isReservedWord('delete')).toBe(true);
    expect(isReservedWord('new')).toBe(true);
    expect(isReservedWord('list')).toBe(false);
  });

  it('quotes keys that are not identifiers', () => {
    expect(propertyKey('deviceID')).toBe('deviceID');
    expect(propertyKey('$x_1')).toBe('$x_1');
    expect(propertyKey('start_date')).toBe('start_date');
    expect(propertyKey('content-type')).toBe('"content-type"');
    expect(propertyKey('1st')).toBe('"1st"');
  });
});

describe('clientMethodNames: one naming rule for every runtime', () => {
  const device = { id: 'listConfigParams', tag: 'Device Data', kinds: ['device'] };

  it('names a profile operation by x-tago-method inside its tag group', () => {
    expect(clientMethodNames({ id: 'listDevices', tag: 'Devices', kinds: ['profile'], method: 'list' })).toEqual({
      group: 'devices',
      methodName: 'list',
      deprecatedAliases: [],
    });
  });

  it('names a device- or network-token operation by its operationId, former names kept as aliases', () => {
    expect(clientMethodNames({ ...device, method: 'listConfigParams', aliases: ['listParams'] })).toEqual({
      group: 'deviceData',
      methodName: 'listConfigParams',
      deprecatedAliases: ['listParams'],
    });
    const network = { id: 'sendNetworkData', tag: 'Network Integration', kinds: ['network'], method: 'sendData' };
    expect(() => clientMethodNames(network)).toThrow(
      new ModelError(
        'sendNetworkData: a device or network token can call it, so its x-tago-method must be its operationId ' +
          '"sendNetworkData" (the name the edge functions and the MCU client use); keep "sendData" in x-tago-method-aliases',
      ),
    );
    // Shared with other kinds (getTokenInfo): the device side still decides.
    expect(() =>
      clientMethodNames({ id: 'getTokenInfo', tag: 'Info', kinds: ['profile', 'device'], method: 'get' }),
    ).toThrow(/must be its operationId "getTokenInfo"/);
  });

  it('refuses a missing method, bad aliases, and an alias equal to the method', () => {
    expect(() => clientMethodNames({ ...device, method: undefined })).toThrow(
      'listConfigParams: x-tago-method missing or not camelCase',
    );
    expect(() => clientMethodNames({ ...device, method: 'listConfigParams', aliases: 'listParams' })).toThrow(
      'listConfigParams: x-tago-method-aliases must be a list of camelCase names',
    );
    expect(() => clientMethodNames({ ...device, method: 'listConfigParams', aliases: ['list_params'] })).toThrow(
      'listConfigParams: x-tago-method-aliases must be a list of camelCase names',
    );
    expect(() => clientMethodNames({ ...device, method: 'listConfigParams', aliases: ['listConfigParams'] })).toThrow(
      'listConfigParams: "listConfigParams" is its method and an alias',
    );
  });
});
