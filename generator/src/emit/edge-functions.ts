import { StructureKind, type FunctionDeclarationStructure, type StatementStructures } from 'ts-morph';
import type { OperationModel } from '@tagokit/spec-model/model';
import { banner } from './banner.js';
import { clientImports, operationIds, operationTypes } from './client.js';
import type { EmitContext } from './context.js';
import { kindsUnion, operationSignature } from './signature.js';

/**
 * Names the edge package's index exports besides the operations; an operation id equal to one of them would
 * make `export *` ambiguous, so generation stops instead.
 */
export const EDGE_EXPORTS: ReadonlySet<string> = new Set([
  'createEdgeClient',
  'EdgeClient',
  'EdgeClientOptions',
  'OPERATION_IDS',
]);

/**
 * The client an operation function takes: one whose token kind may call it (`ScopedContext<'device'>`), so
 * `listDevices(createEdgeClient({ tokenKind: 'device' }))` does not compile; any client for a public route.
 */
function clientType(op: OperationModel): string {
  const kinds = kindsUnion(op);
  return kinds ? `ScopedContext<${kinds}>` : 'OperationContext';
}

function operationFunction(op: OperationModel): FunctionDeclarationStructure {
  const signature = operationSignature(op);
  return {
    kind: StructureKind.Function,
    name: op.id,
    isExported: true,
    docs: signature.overloads.length ? [] : [signature.docs],
    typeParameters: signature.typeParameters,
    parameters: [{ name: 'client', type: clientType(op) }, ...signature.parameters],
    returnType: signature.returnType,
    overloads: signature.overloads.map((o) => ({
      docs: [signature.docs],
      parameters: [{ name: 'client', type: clientType(op) }, ...o.parameters],
      returnType: o.returnType,
    })),
    statements: signature.statements('client'),
  };
}

/**
 * `functions.ts` of @tagokit/api (re-exported by @tagokit/edge): one exported function per operation
 * (`sendData(client, args, options)`), so a bundler keeps only the functions, and through `ops.<id>` only the
 * descriptors, that a worker calls.
 */
export function emitEdgeFunctions(ctx: EmitContext): string {
  const { model } = ctx;
  for (const op of model.operations) {
    if (EDGE_EXPORTS.has(op.id))
      throw new Error(`edge: operation id ${op.id} collides with an export of @tagokit/edge`);
  }
  const statements: (string | StatementStructures)[] = [...clientImports(ctx, model.operations, ['ScopedContext'])];
  for (const op of model.operations) statements.push(...operationTypes(op, ctx), operationFunction(op));
  statements.push(operationIds(model));
  return ctx.print('functions.ts', statements, banner(model.version));
}
