import { emitBodyKeys } from '../emit/body-keys.js';
import { emitClient, emitOperationTypes, generatedExportNames } from '../emit/client.js';
import { emitContractCases } from '../emit/contract-cases.js';
import { emitDescriptors } from '../emit/descriptors.js';
import { EDGE_EXPORTS, emitEdgeFunctions } from '../emit/edge-functions.js';
import { splitNamedTypes } from '../emit/named-types.js';
import type { Target } from './types.js';

/** Where @tagokit/api's sources live; each file but operation-types.ts is one subpath export (`@tagokit/api/client` ...). */
const API_SRC = 'packages/api/src';

/**
 * @tagokit/api: every generated TypeScript module, written once and shared by the Node, edge and Deno packages.
 *
 * - `schema.ts`: the openapi-typescript types of the spec;
 * - `types.ts`: every schema the spec names, under that name (`Device`, `DataCreate`), used by the signatures;
 * - `operations.ts`: one descriptor per operation (what the core sends);
 * - `operation-types.ts`: every operation's `XArgs` and `XResult`, declared once and exported by `client.ts` and
 *   `functions.ts` (a relative import of both, not a subpath of its own);
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
  // The context's import style (API_IMPORTS): the core's internals, `.ts` siblings.
  generate: ({ doc, model, schemaTypes, ctx }) => {
    const taken = new Set([...generatedExportNames(model), ...EDGE_EXPORTS]);
    if (!schemaTypes) throw new Error('api: generateAll made no schema types for this target');
    const split = splitNamedTypes(schemaTypes, doc.info.version, ctx.imports.ext, taken);
    return [
      { path: `${API_SRC}/schema.ts`, text: split.schema },
      { path: `${API_SRC}/types.ts`, text: split.types },
      { path: `${API_SRC}/operations.ts`, text: emitDescriptors(ctx) },
      { path: `${API_SRC}/operation-types.ts`, text: emitOperationTypes(ctx) },
      { path: `${API_SRC}/client.ts`, text: emitClient(ctx) },
      { path: `${API_SRC}/functions.ts`, text: emitEdgeFunctions(ctx) },
      { path: `${API_SRC}/body-keys.ts`, text: emitBodyKeys(model) },
      { path: 'packages/api/test/generated/contract-cases.ts', text: emitContractCases(model) },
    ];
  },
};
