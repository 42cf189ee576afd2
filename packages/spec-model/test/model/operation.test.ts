import { describe, expect, it } from 'vitest';
import { buildOperation, isPathVariant, rawOperations } from '../../src/model/operation.js';
import { ModelError } from '../../src/model/types.js';
import { miniSpec, opOf } from '../fixtures/mini-spec.js';

type Raw = Parameters<typeof buildOperation>[3];

/** Builds the mini spec's operation at path/method after applying a change to a copy of it. */
function build(path: string, method: 'get' | 'post', change: (op: Record<string, unknown>) => void = () => {}) {
  const doc = miniSpec();
  const raw = opOf(doc, path, method);
  change(raw);
  return buildOperation(doc, path, method, raw as Raw, doc.paths[path]!['parameters'] as unknown[] | undefined);
}

describe('buildOperation', () => {
  it('reads every part of an operation', () => {
    const op = build('/device/{deviceID}', 'get');
    expect(op).toMatchObject({
      id: 'getDevice',
      method: 'GET',
      path: '/device/{deviceID}',
      tag: 'Devices',
      group: 'devices',
      methodName: 'get',
      summary: 'Read a device',
      description: 'Answers one device.',
      deprecated: false,
      kinds: ['profile'],
      paging: 'none',
      body: undefined,
    });
    expect(op.parameters.map((p) => `${p.in}:${p.name}:${p.required}`)).toEqual(['path:deviceID:true']);
    expect(op.response).toEqual({
      status: 200,
      envelope: 'envelope',
      mediaType: 'application/json',
      resultSchema: { $ref: '#/components/schemas/Device' },
      isList: false,
    });
  });

  it('maps a multi-word tag to its camelCase group and reads paging, kinds and the body', () => {
    const list = build('/device', 'get');
    expect([list.group, list.paging, list.kinds]).toEqual(['devices', 'page', ['profile', 'analysis']]);
    const send = build('/data', 'post');
    expect([send.group, send.methodName, send.kinds, send.body?.shape, send.response.status]).toEqual([
      'deviceData',
      'sendData',
      ['device'],
      'object-or-array',
      201,
    ]);
  });

  it('trims summary and description and reads deprecated', () => {
    const op = build('/status', 'get', (raw) => {
      raw['summary'] = '  Status  ';
      raw['description'] = '\nText\n';
      raw['deprecated'] = true;
    });
    expect([op.summary, op.description, op.deprecated, op.kinds]).toEqual(['Status', 'Text', true, []]);
  });

  it.each<[string, string, (raw: Record<string, unknown>) => void, string]>([
    [
      'a missing operationId',
      '/status',
      (raw) => delete raw['operationId'],
      'GET /status: operationId missing or not camelCase',
    ],
    [
      'an operationId that is not camelCase',
      '/status',
      (raw) => (raw['operationId'] = 'Get-status'),
      'GET /status: operationId missing or not camelCase',
    ],
    ['no tag', '/status', (raw) => delete raw['tags'], 'getStatus: needs exactly one tag'],
    ['two tags', '/status', (raw) => (raw['tags'] = ['Info', 'Devices']), 'getStatus: needs exactly one tag'],
    [
      'no x-tago-method',
      '/status',
      (raw) => delete raw['x-tago-method'],
      'getStatus: x-tago-method missing or not camelCase',
    ],
    [
      'an x-tago-method that is not camelCase',
      '/status',
      (raw) => (raw['x-tago-method'] = 'get_status'),
      'getStatus: x-tago-method missing or not camelCase',
    ],
    [
      'an unknown x-tago-pagination',
      '/status',
      (raw) => (raw['x-tago-pagination'] = 'offset'),
      'getStatus: unknown x-tago-pagination "offset"',
    ],
    [
      'missing security',
      '/status',
      (raw) => delete raw['security'],
      'getStatus: security must be listed explicitly (use [] for no token)',
    ],
    [
      'an unknown security scheme',
      '/status',
      (raw) => (raw['security'] = [{ apiKey: [] }]),
      'getStatus: unknown security scheme "apiKey"',
    ],
    [
      'an undeclared path parameter',
      '/files/{filePath}',
      (raw) => (raw['parameters'] = (raw['parameters'] as { in: string }[]).filter((p) => p.in !== 'path')),
      'readFile: path parameter {filePath} is not declared',
    ],
    [
      'a path template name declared only as a query parameter',
      '/files/{filePath}',
      (raw) => (raw['parameters'] = [{ name: 'filePath', in: 'query' }]),
      'readFile: path parameter {filePath} is not declared',
    ],
    [
      'a path parameter missing from the template',
      '/status',
      (raw) => (raw['parameters'] = [{ name: 'deviceID', in: 'path', required: true, schema: { type: 'string' } }]),
      'getStatus: path parameter "deviceID" does not appear in /status',
    ],
  ])('refuses %s', (_, path, change, message) => {
    const run = () => build(path, 'get', change);
    expect(run).toThrow(ModelError);
    expect(run).toThrow(new ModelError(message));
  });
});

describe('rawOperations', () => {
  it('lists every operation in path order with its path-level parameters', () => {
    const doc = miniSpec();
    const rows = rawOperations(doc).map(
      (r) => `${r.method} ${r.path} ${r.raw.operationId} ${r.pathParameters?.length ?? 0}`,
    );
    expect(rows).toEqual([
      'get /device listDevices 0',
      'get /device/{deviceID} getDevice 1',
      'post /data sendData 0',
      'get /status getStatus 0',
      'get /files/{filePath} readFile 0',
    ]);
  });

  it('skips trailing-slash variants (x-tago-path-variant-of): clients send the canonical path', () => {
    const doc = miniSpec();
    const variant = { ...opOf(doc, '/device'), operationId: 'listDevicesTrailingSlash' };
    doc.paths['/device/'] = { get: { ...variant, 'x-tago-path-variant-of': 'listDevices' } };
    expect(isPathVariant(opOf(doc, '/device/'))).toBe(true);
    expect(isPathVariant(opOf(doc, '/device'))).toBe(false);
    const ids = rawOperations(doc).map((r) => r.raw.operationId);
    expect(ids).toEqual(['listDevices', 'getDevice', 'sendData', 'getStatus', 'readFile']);
  });

  it('reads x-tago-result-by-query, refusing values the query enum lacks, unknown types and a missing default', () => {
    const withQuery = (map: unknown) => (op: Record<string, unknown>) => {
      (op['parameters'] as unknown[]).push({ name: 'query', in: 'query', schema: { enum: ['default', 'count'] } });
      op['x-tago-result-by-query'] = map;
    };
    expect(build('/device', 'get', withQuery({ default: 'Device[]', count: 'number' })).resultByQuery).toEqual({
      default: 'Device[]',
      count: 'number',
    });
    expect(build('/device', 'get').resultByQuery).toEqual({});
    expect(() => build('/device', 'get', withQuery({ default: 'Device[]', cuont: 'number' }))).toThrow(
      'listDevices: x-tago-result-by-query: "cuont" is not a value of the query parameter',
    );
    expect(() => build('/device', 'get', withQuery({ default: 'Devise[]' }))).toThrow(
      'listDevices: x-tago-result-by-query: "Devise[]" for "default" is neither number nor a schema name',
    );
    expect(() => build('/device', 'get', withQuery({ count: 'number' }))).toThrow(ModelError);
  });
});
