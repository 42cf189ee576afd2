import { describe, expect, it } from 'vitest';
import { camelCase, isReservedWord, pascalCase, propertyKey } from '../../src/model/naming.js';

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
