import { emitEdgeContractCases } from '../emit/edge-cases.js';
import type { Target } from './types.js';

/**
 * @tagokit/edge: its contract cases. The functions, descriptors and schema types it re-exports are generated once
 * into @tagokit/api (`@tagokit/api/functions` holds no grouped classes and no undici, so a worker can take it).
 */
export const edgeTarget: Target = {
  name: 'edge',
  usesSchemaTypes: false,
  generate: ({ model }) => [{ path: 'packages/edge/test/generated/cases.ts', text: emitEdgeContractCases(model) }],
};
