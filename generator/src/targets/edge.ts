import { emitDescriptors } from '../emit/descriptors.js';
import { emitEdgeContractCases } from '../emit/edge-cases.js';
import { emitEdgeFunctions } from '../emit/edge-functions.js';
import type { Target } from './types.js';

/**
 * @tagokit/edge: one tree-shakable function per operation over the shared core.
 *
 * The schema types and descriptors are emitted into packages/edge/src/generated (same emitters as the node target)
 * rather than imported from @tagokit/node: that package depends on undici and holds grouped classes, neither of
 * which a worker can take, and the core stays free of generated code. The copies cannot drift: both come from one
 * emitter run and `generate --check` compares them.
 */
export const edgeTarget: Target = {
  name: 'edge',
  usesSchemaTypes: true,
  generate: ({ model, schemaTypes }) => [
    { path: 'packages/edge/src/generated/schema.ts', text: schemaTypes },
    { path: 'packages/edge/src/generated/operations.ts', text: emitDescriptors(model) },
    { path: 'packages/edge/src/generated/functions.ts', text: emitEdgeFunctions(model) },
    { path: 'packages/edge/test/generated/cases.ts', text: emitEdgeContractCases(model) },
  ],
};
