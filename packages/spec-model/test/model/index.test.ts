import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/index.js';
import { buildModel, ModelError } from '../../src/model/index.js';
import { miniSpec, opOf } from '../fixtures/mini-spec.js';

describe('buildModel', () => {
  it('groups operations by tag, ordered as the spec lists its tags', () => {
    const model = buildModel(miniSpec());
    expect([model.title, model.version]).toEqual(['Mini TagoIO', '9.8.7']);
    expect(model.operations.map((o) => o.id)).toEqual([
      'listDevices',
      'getDevice',
      'sendData',
      'getStatus',
      'readFile',
    ]);
    expect(model.groups.map((g) => [g.name, g.tag, g.description, g.operations.map((o) => o.methodName)])).toEqual([
      ['info', 'Info', 'About the API.', ['status']],
      ['deviceData', 'Device Data', 'Data of a device.', ['sendData']],
      ['devices', 'Devices', 'Devices of the profile.', ['list', 'get']],
      ['files', 'Files', 'Files of the profile.', ['read']],
    ]);
  });

  it('puts tags the spec does not list last, in order of appearance', () => {
    const doc = miniSpec();
    doc.tags = [{ name: 'Files' }];
    expect(buildModel(doc).groups.map((g) => [g.name, g.description])).toEqual([
      ['files', ''],
      ['devices', ''],
      ['deviceData', ''],
      ['info', ''],
    ]);
  });

  it('refuses an operationId used twice', () => {
    const doc = miniSpec();
    opOf(doc, '/status')['operationId'] = 'getDevice';
    expect(() => buildModel(doc)).toThrow(new ModelError('operationId getDevice is used twice'));
  });

  it('refuses two tags that become the same client group', () => {
    const doc = miniSpec();
    opOf(doc, '/status')['tags'] = ['Device data'];
    expect(() => buildModel(doc)).toThrow(
      new ModelError('tags "Device Data" and "Device data" both become the client group "deviceData"'),
    );
  });

  it('refuses an x-tago-method used twice in a tag', () => {
    const doc = miniSpec();
    opOf(doc, '/device/{deviceID}')['x-tago-method'] = 'list';
    expect(() => buildModel(doc)).toThrow(
      new ModelError('getDevice and listDevices both use x-tago-method "list" in Devices'),
    );
  });

  it('refuses an alias that another operation of the tag uses as its method or alias', () => {
    const doc = miniSpec();
    opOf(doc, '/device/{deviceID}')['x-tago-method-aliases'] = ['list'];
    expect(() => buildModel(doc)).toThrow(
      new ModelError('getDevice and listDevices both use x-tago-method "list" in Devices'),
    );
  });

  it('allows the same x-tago-method in different tags', () => {
    const doc = miniSpec();
    opOf(doc, '/status')['x-tago-method'] = 'list';
    expect(buildModel(doc).groups[0]!.operations[0]!.methodName).toBe('list');
  });

  it('models the real bundle: 273 operations in the tag order of the spec', () => {
    const doc = loadSpec(fileURLToPath(new URL('../../../../specs/dist/tagoio.openapi.json', import.meta.url)));
    const model = buildModel(doc);
    expect(model.operations).toHaveLength(273);
    expect(model.groups.map((g) => g.tag)).toEqual(doc.tags!.map((t) => t.name));
    expect(model.groups.find((g) => g.tag === 'TagoRUN User')!.name).toBe('tagoRunUser');
    expect(model.groups.find((g) => g.tag === 'SQL')!.name).toBe('sql');
    expect(model.groups.reduce((n, g) => n + g.operations.length, 0)).toBe(273);
  });
});
