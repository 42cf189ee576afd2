import {
  emitMcuContractTests,
  emitMcuOperationTable,
  emitModdableManifest,
  mcuOperationTableFile,
  type McuOptions,
} from '../emit/mcu/index.js';
import type { Target } from './types.js';

/**
 * Two builds: `tagokit.js` with the device-token operations (what a device needs), and `tagokit-network.js` that
 * adds the network-token ones for boards that act as an integration gateway. Each has its own contract tests. The
 * runtime is hand-written (packages/mcu/src/runtime); only each build's operation table is generated, and
 * packages/mcu/scripts/build.mjs assembles the modules into dist/. Moddable uses the device table.
 */
const BUILDS: McuOptions[] = [{ network: false }, { network: true }];
/** The tiny build (`tagokit-tiny.js`, 5 operations) has a table but no contract tests of its own (see the README). */
const TINY: McuOptions = { tiny: true };

/** @tagokit/mcu: the ES5 device client for Espruino and Moddable XS, and its contract tests. */
export const mcuTarget: Target = {
  name: 'mcu',
  usesSchemaTypes: false,
  generate: ({ model }) => [
    ...BUILDS.flatMap((options) => [
      {
        path: `packages/mcu/src/generated/${mcuOperationTableFile(options)}`,
        text: emitMcuOperationTable(model, options),
      },
      {
        path: `packages/mcu/test/generated/${options.network ? 'contract-network' : 'contract'}.test.ts`,
        text: emitMcuContractTests(model, options),
      },
    ]),
    { path: `packages/mcu/src/generated/${mcuOperationTableFile(TINY)}`, text: emitMcuOperationTable(model, TINY) },
    { path: 'packages/mcu/moddable/manifest.json', text: emitModdableManifest(model.version) },
  ],
};
