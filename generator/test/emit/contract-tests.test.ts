import { describe, expect, it } from 'vitest';
import { emitContractTests, exampleArgs } from '../../src/emit/contract-tests.js';
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
    opOf(doc, '/status')['requestBody'] = { content: { 'application/json': { schema: { type: 'object' }, example: { verbose: true } } } };
    expect(exampleArgs(buildModel(doc).operations.find((o) => o.id === 'getStatus')!)).toEqual({ body: { verbose: true } });
  });

  it('throws when a required parameter has no example', () => {
    const doc = miniSpec();
    delete (doc.components!['parameters']!['DeviceID'] as Record<string, unknown>)['example'];
    const getDevice = buildModel(doc).operations.find((o) => o.id === 'getDevice')!;
    expect(() => exampleArgs(getDevice)).toThrow(new Error('getDevice: required parameter deviceID has no example'));
  });

  it('throws when a required body has no example', () => {
    const doc = miniSpec();
    const content = (opOf(doc, '/data', 'post')['requestBody'] as { content: Record<string, Record<string, unknown>> }).content;
    delete content['application/json']!['examples'];
    const sendData = buildModel(doc).operations.find((o) => o.id === 'sendData')!;
    expect(() => exampleArgs(sendData)).toThrow(new Error('sendData: the request body has no example'));
  });
});

describe('emitContractTests', () => {
  const text = emitContractTests(model, { clientModule: '../../src/index.js', transportFactory: 'undiciTransport' });
  const lines = text.split('\n');

  it('imports the runtime client and its transport', () => {
    expect(lines).toContain("import { createClient, undiciTransport, type TagoClient } from '../../src/index.js';");
    expect(lines).toContain('    transport: forPrism(undiciTransport()),');
    expect(lines).toContain("describe('contract: 5 operations against a Prism mock of the spec', () => {");
  });

  it('calls each operation through its group with the example arguments', () => {
    expect(lines.filter((l) => l.startsWith('  it('))).toEqual([
      "  it('listDevices: GET /device', async () => {",
      "  it('getDevice: GET /device/{deviceID}', async () => {",
      "  it('sendData: POST /data', async () => {",
      "  it('getStatus: GET /status', async () => {",
      "  it('readFile: GET /files/{filePath}', async () => {",
    ]);
    expect(lines.filter((l) => l.includes('const answer = await'))).toEqual([
      '    const answer = await client.devices.list().withResponse();',
      '    const answer = await client.devices.get({"deviceID":"5dcad1c216174c001ca23ab9"}).withResponse();',
      '    const answer = await client.deviceData.send({"body":{"variable":"temperature","value":21}}).withResponse();',
      '    const answer = await client.info.status().withResponse();',
      '    const answer = await client.files.read({"filePath":"reports/2024/jan.txt","version":3}).withResponse();',
    ]);
    expect(lines).toContain("    expect(validateResult('readFile', answer.data)).toEqual([]);");
  });
});
