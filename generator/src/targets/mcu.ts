import {
  emitEspruinoModule,
  emitFetchModule,
  emitMcuContractTests,
  emitModdableManifest,
  emitModdableModule,
  type McuOptions,
} from '../emit/mcu/index.js';
import type { Target } from './types.js';

/** Device-token operations only; set `network: true` to add the network-token ones. */
const OPTIONS: McuOptions = { network: false };

/** @tagokit/mcu: the ES5 device client for Espruino and Moddable XS, and its contract tests. */
export const mcuTarget: Target = {
  name: 'mcu',
  generate: ({ model }) => [
    { path: 'packages/mcu/src/tagokit.js', text: emitEspruinoModule(model, OPTIONS) },
    { path: 'packages/mcu/src/fetch.js', text: emitFetchModule(model) },
    { path: 'packages/mcu/moddable/tagokit.js', text: emitModdableModule(model, OPTIONS) },
    { path: 'packages/mcu/moddable/manifest.json', text: emitModdableManifest(model.version) },
    { path: 'packages/mcu/test/generated/contract.test.ts', text: emitMcuContractTests(model, OPTIONS) },
  ],
};
