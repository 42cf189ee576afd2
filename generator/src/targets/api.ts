import { emitBodyKeys } from '../emit/body-keys.js';
import { emitClient } from '../emit/client.js';
import { emitContractCases } from '../emit/contract-cases.js';
import { emitDescriptors } from '../emit/descriptors.js';
import { emitEdgeFunctions } from '../emit/edge-functions.js';
import type { Target } from './types.js';

/** Where @tagokit/api's sources live; each file is one subpath export (`@tagokit/api/client` ...). */
const API_SRC = 'packages/api/src';
/** The core's entry for sibling packages (`@tagokit/core/internal`): generated code calls its internals. */
const CORE_INTERNAL = '@tagokit/core/internal';

/**
 * @tagokit/api: every generated TypeScript module, written once and shared by the Node, edge and Deno packages.
 *
 * - `schema.ts`: the openapi-typescript types of the spec;
 * - `operations.ts`: one descriptor per operation (what the core sends);
 * - `client.ts`: the grouped, token-scoped classes of the Node and Deno clients;
 * - `functions.ts`: one tree-shakable function per operation for edge workers (kept apart from `client.ts` so a
 *   worker bundle never pulls the classes in);
 * - `body-keys.ts`: the keys each closed request body may carry, which the full clients check before sending;
 * - `test/generated/contract-cases.ts` (not published): every operation with the spec's example arguments, which
 *   the node, deno and edge contract runners call.
 *
 * Relative imports end in `.ts`: Deno reads these sources as they are (JSR workspace member), and tsc
 * (`rewriteRelativeImportExtensions`) writes `.js` into the npm dist.
 */
export const apiTarget: Target = {
  name: 'api',
  usesSchemaTypes: true,
  generate: ({ model, schemaTypes }) => [
    { path: `${API_SRC}/schema.ts`, text: schemaTypes },
    { path: `${API_SRC}/operations.ts`, text: emitDescriptors(model, { coreModule: CORE_INTERNAL }) },
    { path: `${API_SRC}/client.ts`, text: emitClient(model, { coreModule: CORE_INTERNAL, ext: '.ts' }) },
    { path: `${API_SRC}/functions.ts`, text: emitEdgeFunctions(model) },
    { path: `${API_SRC}/body-keys.ts`, text: emitBodyKeys(model) },
    { path: 'packages/api/test/generated/contract-cases.ts', text: emitContractCases(model) },
  ],
};
