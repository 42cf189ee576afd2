import { emitDenoContractTests } from '../emit/deno-contract-tests.js';
import type { Target } from './types.js';

/**
 * @tagokit/deno: its contract tests as `Deno.test`s. The client is @tagokit/api's, over @tagokit/core's sources,
 * both resolved as members of the root Deno workspace (deno.json), so nothing is copied into the package.
 */
export const denoTarget: Target = {
  name: 'deno',
  usesSchemaTypes: false,
  generate: ({ model }) => [
    {
      path: 'packages/deno/test/generated/contract.test.ts',
      text: emitDenoContractTests(model, { clientModule: '../../mod.ts', contractTypes: '../../../../tools/contract/src/index.d.ts' }),
    },
  ],
};
