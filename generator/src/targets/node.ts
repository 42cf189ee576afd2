import { emitContractTests } from '../emit/contract-tests.js';
import type { Target } from './types.js';

/** @tagokit/node: its contract tests (the client it wraps is generated once, into @tagokit/api). */
export const nodeTarget: Target = {
  name: 'node',
  usesSchemaTypes: false,
  generate: ({ model }) => [
    {
      path: 'packages/node/test/generated/contract.test.ts',
      text: emitContractTests(model, { clientModule: '../../src/index.js', transportFactory: 'undiciTransport' }),
    },
  ],
};
