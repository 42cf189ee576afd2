import {
  emitEspruinoModule,
  emitFetchModule,
  emitMcuContractTests,
  emitModdableManifest,
  emitModdableModule,
  mcuModuleFile,
  type McuOptions,
} from '../emit/mcu/index.js';
import type { Target } from './types.js';

/**
 * Two builds: `tagokit.js` with the device-token operations (what a device needs), and `tagokit-network.js` that
 * adds the network-token ones for boards that act as an integration gateway. Each has its own contract tests.
 */
const BUILDS: McuOptions[] = [{ network: false }, { network: true }];

/** @tagokit/mcu: the ES5 device client for Espruino and Moddable XS, and its contract tests. */
export const mcuTarget: Target = {
  name: 'mcu',
  usesSchemaTypes: false,
  generate: ({ model }) => [
    ...BUILDS.flatMap((options) => [
      { path: `packages/mcu/src/${mcuModuleFile(options)}`, text: emitEspruinoModule(model, options) },
      {
        path: `packages/mcu/test/generated/${options.network ? 'contract-network' : 'contract'}.test.ts`,
        text: emitMcuContractTests(model, options),
      },
    ]),
    { path: 'packages/mcu/src/fetch.js', text: emitFetchModule(model) },
    { path: 'packages/mcu/moddable/tagokit.js', text: emitModdableModule(model) },
    { path: 'packages/mcu/moddable/manifest.json', text: emitModdableManifest(model.version) },
  ],
};
