import { emitClient } from '../emit/client.js';
import { emitContractTests } from '../emit/contract-tests.js';
import { emitDescriptors } from '../emit/descriptors.js';
import type { Target } from './types.js';

/** @tagokit/node: the full client over the shared core, and its contract tests. */
export const nodeTarget: Target = {
  name: 'node',
  usesSchemaTypes: true,
  generate: ({ model, schemaTypes }) => [
    { path: 'packages/node/src/generated/schema.ts', text: schemaTypes },
    { path: 'packages/node/src/generated/operations.ts', text: emitDescriptors(model) },
    { path: 'packages/node/src/generated/client.ts', text: emitClient(model, { coreModule: '@tagokit/core', ext: '.js' }) },
    { path: 'packages/node/test/generated/contract.test.ts', text: emitContractTests(model, { clientModule: '../../src/index.js', transportFactory: 'undiciTransport' }) },
  ],
};
