import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/load/load-spec.js';
import { emitEspruinoModule, emitMcuContractTests, emitMcuOperations, mcuOperations } from '../../src/emit/mcu/index.js';
import { mcuTarget } from '../../src/targets/mcu.js';
import { buildModel } from '../../src/model/index.js';
import { BANNER_MARK } from '../../src/emit/banner.js';

const model = buildModel(loadSpec(new URL('../../../specs/dist/tagoio.openapi.json', import.meta.url).pathname));

/** Loads an emitted CommonJS module in a fresh context, as a device would. */
function load(source: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  runInNewContext(source, { module, exports: module.exports, setTimeout, clearTimeout });
  return module.exports;
}

describe('the microcontroller emitter', () => {
  it('keeps exactly the operations a device token can call', () => {
    expect(mcuOperations(model).map((o) => o.id)).toEqual(['getTokenInfo', 'getData', 'sendData', 'editData', 'deleteData', 'listConfigParams', 'markConfigParamRead']);
  });

  it('adds the network-token operations only when asked', () => {
    const ids = mcuOperations(model, { network: true }).map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining(['resolveNetworkDeviceToken', 'sendNetworkData', 'setNetworkDeviceParams']));
    expect(ids.filter((id) => !mcuOperations(model).some((o) => o.id === id))).toHaveLength(7);
  });

  it('emits one prototype method per operation with its flags (1 body, 2 required body, 4 raw)', () => {
    const send = mcuOperations(model).filter((o) => o.id === 'sendData');
    expect(emitMcuOperations(send).split('\n').slice(1)).toEqual([
      'Client.prototype.sendData = function (args, cb) {',
      "  return this.request('POST', '/data', args, cb, 3);",
      '};',
    ]);
  });

  it('passes reserved path parameters to request, so a file path keeps its slashes and refuses dot segments', () => {
    const getFile = model.operations.find((o) => o.id === 'getFile')!;
    expect(emitMcuOperations([getFile])).toContain("args, cb, 0, ['path']);");
    expect(emitMcuOperations(mcuOperations(model))).not.toContain(', [');
    // The device module with getFile added: what request() sends for a file path.
    const lib = load(`${emitEspruinoModule(model)}\n${emitMcuOperations([getFile])}`) as {
      createClient: (o: object) => Record<string, (a: object, cb: (e: unknown) => void) => void>;
    };
    const paths: string[] = [];
    const errors: unknown[] = [];
    const transport = (q: { path: string }, cb: (e: unknown, r: unknown) => void) => {
      paths.push(q.path);
      cb(null, { status: 200, headers: {}, body: '{"status":true,"result":"u"}' });
    };
    const client = lib.createClient({ token: 'b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d', transport });
    client['getFile']!({ profileID: 'p1', path: '/reports/2024/a b.csv', noRedirect: true }, (e) => errors.push(e));
    client['getFile']!({ profileID: 'p1', path: 'reports/%2E%2e/secret' }, (e) => errors.push(e));
    expect(paths).toEqual(['/file/p1/reports/2024/a%20b.csv?noRedirect=true']);
    expect(errors[0]).toBeNull();
    expect(errors[1]).toMatchObject({ name: 'TagoValidationError', code: 'path_param_invalid', field: 'path' });
  });

  it('emits a module that loads and exposes the chosen operations', () => {
    const device = emitEspruinoModule(model);
    expect(device.slice(0, 200)).toContain(BANNER_MARK);
    const lib = load(device) as { createClient: (o: object) => Record<string, unknown> };
    const client = lib.createClient({ token: 'b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d' });
    expect(typeof client['sendData']).toBe('function');
    expect(client['resolveNetworkDeviceToken']).toBeUndefined();
    const withNetwork = load(emitEspruinoModule(model, { network: true })) as typeof lib;
    expect(typeof withNetwork.createClient({ token: 'n-1234' })['resolveNetworkDeviceToken']).toBe('function');
  });

  it('writes two builds, each with contract tests for exactly its operations', () => {
    const files = new Map(mcuTarget.generate({ model } as never).map((f) => [f.path, f.text]));
    const device = files.get('packages/mcu/src/tagokit.js')!;
    const network = files.get('packages/mcu/src/tagokit-network.js')!;
    expect(device).not.toContain('Client.prototype.sendNetworkData');
    expect(network).toContain('Client.prototype.sendNetworkData');
    expect(network).toContain('Client.prototype.sendData');
    const tests = files.get('packages/mcu/test/generated/contract-network.test.ts')!;
    expect(tests).toBe(emitMcuContractTests(model, { network: true }));
    expect(tests).toContain("require('../../src/tagokit-network.js')");
    expect(tests.match(/^  it\(/gm)).toHaveLength(14);
    expect(files.get('packages/mcu/test/generated/contract.test.ts')!.match(/^  it\(/gm)).toHaveLength(7);
  });
});
