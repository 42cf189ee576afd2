import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '@tagokit/spec-model';
import {
  emitMcuContractTests,
  emitMcuOperations,
  emitMcuOperationTable,
  mcuOperations,
} from '../../src/emit/mcu/index.js';
import { mcuTarget } from '../../src/targets/mcu.js';
import { buildModel } from '@tagokit/spec-model/model';
import { BANNER_MARK } from '../../src/emit/banner.js';

const model = buildModel(loadSpec(new URL('../../../specs/dist/tagoio.openapi.json', import.meta.url).pathname));

/** The methods an operation table defines on a stand-in for the runtime's Client, run in a fresh context. */
function definedOn(table: string): Record<string, unknown> {
  return runInNewContext(`function Client() {}\n${table}\nClient.prototype;`) as Record<string, unknown>;
}

describe('the microcontroller emitter', () => {
  it('keeps exactly the operations a device token can call', () => {
    expect(mcuOperations(model).map((o) => o.id)).toEqual([
      'getTokenInfo',
      'getData',
      'sendData',
      'editData',
      'deleteData',
      'listConfigParams',
      'markConfigParamRead',
    ]);
  });

  it("writes the tiny build's table as one string of the five operations it keeps", () => {
    const table = emitMcuOperationTable(model, { tiny: true });
    const calls: string[] = [];
    runInNewContext(table, { defineOperations: (entries: string) => calls.push(entries) });
    expect(calls).toEqual([
      'getTokenInfo GET /info 0,getData GET /data 0,sendData POST /data 3,' +
        'listConfigParams GET /device/params 0,markConfigParamRead PUT /device/params/{paramID} 3',
    ]);
  });

  it('adds the network-token operations only when asked', () => {
    const ids = mcuOperations(model, { network: true }).map((o) => o.id);
    expect(ids).toEqual(
      expect.arrayContaining(['resolveNetworkDeviceToken', 'sendNetworkData', 'setNetworkDeviceParams']),
    );
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

  it("passes reserved path parameters to request, so the runtime keeps a file path's slashes", () => {
    // What the runtime then does with them is tested in packages/mcu (test/runtime-paths.test.ts).
    const getFile = model.operations.find((o) => o.id === 'getFile')!;
    expect(emitMcuOperations([getFile])).toContain("args, cb, 0, ['path']);");
    expect(emitMcuOperations(mcuOperations(model))).not.toContain(', [');
  });

  it("emits operation tables that define exactly the chosen operations on the runtime's Client", () => {
    const device = emitMcuOperationTable(model);
    expect(device.slice(0, 200)).toContain(BANNER_MARK);
    const methods = (table: string) => Object.keys(definedOn(table)).sort();
    const ids = (network: boolean) =>
      mcuOperations(model, { network })
        .map((o) => o.id)
        .sort();
    expect(methods(device)).toEqual(ids(false));
    expect(methods(emitMcuOperationTable(model, { network: true }))).toEqual(ids(true));
  });

  it('writes two operation tables, each with contract tests of exactly its operations on the built module', () => {
    const files = new Map(mcuTarget.generate({ model } as never).map((f) => [f.path, f.text]));
    const device = files.get('packages/mcu/src/generated/operations-device.js')!;
    const network = files.get('packages/mcu/src/generated/operations-network.js')!;
    expect(device).not.toContain('Client.prototype.sendNetworkData');
    expect(network).toContain('Client.prototype.sendNetworkData');
    expect(network).toContain('Client.prototype.sendData');
    // The runtime is hand-written in packages/mcu/src/runtime: the generator writes no module of its own.
    const mcuSources = [...files.keys()].filter((p) => p.startsWith('packages/mcu/src/'));
    expect(mcuSources.filter((p) => !p.startsWith('packages/mcu/src/generated/'))).toEqual([]);
    const tests = files.get('packages/mcu/test/generated/contract-network.test.ts')!;
    expect(tests).toBe(emitMcuContractTests(model, { network: true }));
    expect(tests).toContain("require('../../dist/tagokit-network.js')");
    expect(tests.match(/^  it\(/gm)).toHaveLength(14);
    expect(files.get('packages/mcu/test/generated/contract.test.ts')!.match(/^  it\(/gm)).toHaveLength(7);
    const manifest = JSON.parse(files.get('packages/mcu/moddable/manifest.json')!);
    expect(manifest.modules['*']).toEqual(['../dist/moddable/tagokit', '../dist/moddable/tagokit-poll']);
    expect(manifest.preload).toEqual(['tagokit', 'tagokit-poll']);
  });
});
