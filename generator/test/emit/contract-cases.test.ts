import { describe, expect, it } from 'vitest';
import { emitContractCases, exampleArgs } from '../../src/emit/contract-cases.js';
import { buildModel } from '@tagokit/spec-model/model';
import { miniModel } from '../fixtures/mini-model.js';
import { miniSpec, opOf } from '@tagokit/spec-model/fixtures/mini-spec';

const model = miniModel();
const op = (id: string) => model.operations.find((o) => o.id === id)!;

describe('exampleArgs', () => {
  it('takes the examples of required parameters only', () => {
    expect(exampleArgs(op('readFile'))).toEqual({ filePath: 'reports/2024/jan.txt', version: 3 });
    expect(exampleArgs(op('getDevice'))).toEqual({ deviceID: '5dcad1c216174c001ca23ab9' });
  });

  it('takes the first example of the JSON body', () => {
    expect(exampleArgs(op('sendData'))).toEqual({ body: { variable: 'temperature', value: 21 } });
  });

  it('is undefined when nothing is required', () => {
    expect(exampleArgs(op('listDevices'))).toBeUndefined();
    expect(exampleArgs(op('getStatus'))).toBeUndefined();
  });

  it('sends an optional body when it has an example', () => {
    const doc = miniSpec();
    opOf(doc, '/status')['requestBody'] = {
      content: { 'application/json': { schema: { type: 'object' }, example: { verbose: true } } },
    };
    expect(exampleArgs(buildModel(doc).operations.find((o) => o.id === 'getStatus')!)).toEqual({
      body: { verbose: true },
    });
  });

  it('throws when a required parameter has no example', () => {
    const doc = miniSpec();
    delete (doc.components!['parameters']!['DeviceID'] as Record<string, unknown>)['example'];
    const getDevice = buildModel(doc).operations.find((o) => o.id === 'getDevice')!;
    expect(() => exampleArgs(getDevice)).toThrow(new Error('getDevice: required parameter deviceID has no example'));
  });

  it('throws when a required body has no example', () => {
    const doc = miniSpec();
    const content = (opOf(doc, '/data', 'post')['requestBody'] as { content: Record<string, Record<string, unknown>> })
      .content;
    delete content['application/json']!['examples'];
    const sendData = buildModel(doc).operations.find((o) => o.id === 'sendData')!;
    expect(() => exampleArgs(sendData)).toThrow(new Error('sendData: the request body has no example'));
  });
});

describe('emitContractCases', () => {
  const lines = emitContractCases(model).split('\n');

  it('lists every operation once, with its group, method name and example arguments', () => {
    expect(lines.filter((l) => l.startsWith('  { id: '))).toEqual([
      '  { id: "listDevices", method: "GET", path: "/device", group: "devices", methodName: "list" },',
      '  { id: "getDevice", method: "GET", path: "/device/{deviceID}", group: "devices", methodName: "get", ' +
        'args: {"deviceID":"5dcad1c216174c001ca23ab9"} },',
      '  { id: "sendData", method: "POST", path: "/data", group: "deviceData", methodName: "sendData", ' +
        'args: {"body":{"variable":"temperature","value":21}} },',
      '  { id: "getStatus", method: "GET", path: "/status", group: "info", methodName: "status" },',
      '  { id: "readFile", method: "GET", path: "/files/{filePath}", group: "files", methodName: "read", ' +
        'args: {"filePath":"reports/2024/jan.txt","version":3} },',
    ]);
    expect(lines).toContain('export const CONTRACT_CASES: readonly ContractCase[] = [');
  });
});
